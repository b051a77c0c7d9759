import { describe, expect, it } from 'vitest';
import { formatTime } from '../kube/time.ts';
import type { Pod } from '../kube/types.ts';
import { podScheduledPatch } from './podStatus.ts';

const now = 1_767_268_800_000;
const change = { status: 'False', reason: 'Unschedulable', message: 'm2' } as const;

describe('podScheduledPatch', () => {
  it('adds the condition in full when the pod has none', () => {
    const pod: Pod = { status: { conditions: [{ type: 'Ready', status: 'False' }] } };
    expect(podScheduledPatch(pod, change, now)).toEqual({
      status: {
        '$setElementOrder/conditions': [{ type: 'Ready' }, { type: 'PodScheduled' }],
        conditions: [
          {
            type: 'PodScheduled',
            status: 'False',
            lastProbeTime: null,
            lastTransitionTime: formatTime(now),
            reason: 'Unschedulable',
            message: 'm2',
          },
        ],
      },
    });
  });

  it('sends only what changed, keeping lastTransitionTime while the status holds', () => {
    const pod: Pod = {
      status: {
        conditions: [
          {
            type: 'PodScheduled',
            status: 'False',
            reason: 'Unschedulable',
            message: 'm1',
            lastTransitionTime: '2026-01-01T00:00:00Z',
          },
        ],
      },
    };
    expect(podScheduledPatch(pod, change, now)).toEqual({
      status: {
        '$setElementOrder/conditions': [{ type: 'PodScheduled' }],
        conditions: [{ type: 'PodScheduled', message: 'm2' }],
      },
    });
    const same = {
      ...pod,
      status: { conditions: [{ ...pod.status!.conditions![0]!, message: 'm2' }] },
    };
    expect(podScheduledPatch(same, change, now)).toBeUndefined();
  });

  it('moves lastTransitionTime when the status flips', () => {
    const pod: Pod = {
      status: {
        conditions: [{ type: 'PodScheduled', status: 'True', lastTransitionTime: 'then' }],
      },
    };
    const patch = podScheduledPatch(pod, change, now) as { status: { conditions: object[] } };
    expect(patch.status.conditions[0]).toEqual({
      type: 'PodScheduled',
      status: 'False',
      lastTransitionTime: formatTime(now),
      reason: 'Unschedulable',
      message: 'm2',
    });
  });
});
