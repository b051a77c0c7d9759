import { describe, expect, it } from 'vitest';
import { effectiveTaints, toleratesTaint } from './taintToleration.ts';

const taint = { key: 'k', value: 'v', effect: 'NoSchedule' };

describe('toleratesTaint', () => {
  it.each([
    [{ key: 'k', operator: 'Equal', value: 'v', effect: 'NoSchedule' }, true],
    [{ key: 'k', value: 'v' }, true], // no operator means Equal; no effect matches every effect
    [{ key: 'k', operator: 'Equal', value: 'w' }, false],
    [{ key: 'k', operator: 'Exists' }, true],
    [{ key: 'k', operator: 'Exists', effect: 'NoExecute' }, false],
    [{ key: 'other', operator: 'Exists' }, false],
    [{ operator: 'Exists' }, true], // an empty key with Exists tolerates everything
    [{ key: 'k', operator: 'Gt', value: 'v' }, false],
  ])('%j tolerates {k=v:NoSchedule}: %s', (toleration, want) => {
    expect(toleratesTaint(toleration, taint)).toBe(want);
  });
});

describe('effectiveTaints', () => {
  it('adds the NoSchedule taints the node conditions imply, after the node’s own', () => {
    const taints = effectiveTaints({
      spec: { taints: [taint] },
      status: {
        conditions: [
          { type: 'Ready', status: 'False' },
          { type: 'MemoryPressure', status: 'True' },
          { type: 'DiskPressure', status: 'False' },
        ],
      },
    });
    expect(taints).toEqual([
      { key: 'k', value: 'v', effect: 'NoSchedule' },
      { key: 'node.kubernetes.io/not-ready', effect: 'NoSchedule' },
      { key: 'node.kubernetes.io/memory-pressure', effect: 'NoSchedule' },
    ]);
  });

  it('does not repeat a condition taint the node already carries, and reads no Ready as not ready', () => {
    expect(
      effectiveTaints({
        spec: { taints: [{ key: 'node.kubernetes.io/unreachable', effect: 'NoSchedule' }] },
        status: { conditions: [{ type: 'Ready', status: 'Unknown' }] },
      }),
    ).toEqual([{ key: 'node.kubernetes.io/unreachable', value: undefined, effect: 'NoSchedule' }]);
    expect(effectiveTaints({ status: {} })).toEqual([
      { key: 'node.kubernetes.io/not-ready', effect: 'NoSchedule' },
    ]);
  });
});
