import { describe, expect, it } from 'vitest';
import { fitErrorMessage, truncateMessage } from './fitError.ts';
import type { Diagnosis, Status } from './framework.ts';

const status = (code: Status['code'], ...reasons: string[]): Status => ({
  code,
  reasons,
  plugin: 'P',
});

function diagnosis(statuses: [string, Status][], extra: Partial<Diagnosis> = {}): Diagnosis {
  return {
    nodeToStatus: new Map(statuses),
    unschedulablePlugins: new Set(),
    preFilterMsg: '',
    postFilterMsg: '',
    ...extra,
  };
}

describe('fitErrorMessage', () => {
  it('counts each reason over the nodes and sorts the counted strings as Go does', () => {
    const statuses: [string, Status][] = [];
    for (let i = 0; i < 10; i++)
      statuses.push([`cpu${i}`, status('Unschedulable', 'Insufficient cpu')]);
    statuses.push(['a', status('UnschedulableAndUnresolvable', 'node(s) were unschedulable')]);
    statuses.push(['b', status('UnschedulableAndUnresolvable', 'node(s) were unschedulable')]);
    statuses.push(['c', status('Unschedulable', 'Too many pods', 'Insufficient memory')]);
    // "10 ..." sorts before "2 ...": the strings are compared, not the numbers.
    expect(fitErrorMessage(13, diagnosis(statuses))).toBe(
      '0/13 nodes are available: 1 Insufficient memory, 1 Too many pods, 10 Insufficient cpu, ' +
        '2 node(s) were unschedulable.',
    );
  });

  it('gives nodes without a verdict of their own the absent status', () => {
    const d = diagnosis([['a', status('UnschedulableAndUnresolvable', 'x')]], {
      absent: status(
        'UnschedulableAndUnresolvable',
        "node(s) didn't satisfy plugin(s) [NodeAffinity]",
      ),
    });
    expect(fitErrorMessage(3, d)).toBe(
      "0/3 nodes are available: 1 x, 2 node(s) didn't satisfy plugin(s) [NodeAffinity].",
    );
  });

  it('shows only the PreFilter message when PreFilter rejected the pod, then PostFilter’s', () => {
    const d = diagnosis([], {
      preFilterMsg: 'pod affinity terms conflict',
      postFilterMsg:
        'preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling.',
    });
    expect(fitErrorMessage(2, d)).toBe(
      '0/2 nodes are available: pod affinity terms conflict. preemption: 0/2 nodes are available: ' +
        '2 Preemption is not helpful for scheduling.',
    );
  });
});

describe('truncateMessage', () => {
  it('cuts event messages at 1024 characters with " ..."', () => {
    expect(truncateMessage('x'.repeat(1024))).toHaveLength(1024);
    const cut = truncateMessage('x'.repeat(2000));
    expect(cut).toHaveLength(1024);
    expect(cut.endsWith('x ...')).toBe(true);
  });
});
