import { describe, expect, it } from 'vitest';
import { formatTime } from '../../kube/time.ts';
import type { Pod } from '../../kube/types.ts';
import { podRow } from './podRow.ts';
import { makePrinterFixtures } from './testing/fixtures.ts';

const base = Date.UTC(2026, 10, 23, 12, 0, 0);
const now = base + 500;
const fx = makePrinterFixtures(base);
const row = (name: string) =>
  podRow(
    fx.pods.find((p) => p.metadata?.name === name)!,
    now,
    true,
  );

// READY, STATUS, RESTARTS and AGE for pods whose status a v1.33 kubelet (or scheduler) wrote.
describe('printPod STATUS, READY and RESTARTS', () => {
  it.each([
    ['pending', '0/1', 'Pending', '0', '30s'],
    ['gated', '0/1', 'SchedulingGated', '0', '45s'],
    ['creating', '0/1', 'ContainerCreating', '0', '5s'],
    ['init-running', '0/1', 'Init:0/2', '0', '70s'],
    ['init-error', '0/1', 'Init:Error', '0', '3m'],
    ['init-crashloop', '0/1', 'Init:CrashLoopBackOff', '4 (40s ago)', '6m'],
    ['init-exitcode', '0/1', 'Init:ExitCode:3', '0', '90s'],
    ['init-signal', '0/1', 'Init:Signal:9', '0', '90s'],
    ['init-pull', '0/1', 'Init:ImagePullBackOff', '0', '2m'],
    ['initializing', '0/1', 'PodInitializing', '0', '40s'],
    ['running', '1/1', 'Running', '0', '25m'],
    ['crashloop', '0/1', 'CrashLoopBackOff', '5 (3m10s ago)', '9m'],
    ['errored', '0/1', 'Error', '2 (50s ago)', '4m'],
    ['completed', '0/1', 'Completed', '0', '120m'],
    ['failed', '0/1', 'Error', '0', '3h'],
    ['oom', '0/1', 'OOMKilled', '1 (2m ago)', '12m'],
    ['config-error', '0/1', 'CreateContainerConfigError', '0', '50s'],
    ['not-ready', '1/2', 'NotReady', '0', '15m'],
    ['exitcode', '0/1', 'ExitCode:42', '0', '30m'],
    ['signal', '0/1', 'Signal:15', '0', '30m'],
    ['terminating', '1/1', 'Terminating', '0', '40m'],
    ['lost', '0/1', 'Unknown', '0', '5d'],
    ['deadline', '0/1', 'Error', '0', '20m'],
    ['sidecar', '2/2', 'Running', '1 (8m ago)', '11m'],
    ['pull-backoff', '0/1', 'ImagePullBackOff', '0', '2m'],
    ['gates', '1/1', 'Running', '0', '3d'],
    ['web', '1/1', 'Running', '4 (4m5s ago)', '17m'],
  ])('%s → %s %s %s %s', (name, ready, status, restarts, age) => {
    expect(row(name).cells.slice(0, 5)).toEqual([name, ready, status, restarts, age]);
  });

  it('prints the wide columns: first pod IP, node, nominated node and readiness gates', () => {
    expect(row('gates').cells.slice(5)).toEqual(['10.244.0.7', 'node-1', 'node-2', '1/2']);
    expect(row('pending').cells.slice(5)).toEqual(['<none>', '<none>', '<none>', '<none>']);
    expect(podRow(fx.pods[0]!, now, false).cells).toHaveLength(5);
  });

  it('marks finished pods with a Completed row condition', () => {
    expect(row('completed').conditions).toEqual([
      {
        type: 'Completed',
        status: 'True',
        reason: 'Succeeded',
        message: 'The pod has completed successfully.',
      },
    ]);
    expect(row('deadline').conditions).toEqual([
      { type: 'Completed', status: 'True', reason: 'Failed', message: 'The pod failed.' },
    ]);
    expect(row('running').conditions).toBeUndefined();
  });
});

const t = (ms: number) => formatTime(base - ms);
const pod = (
  status: Pod['status'],
  spec: Partial<NonNullable<Pod['spec']>> = {},
  meta = {},
): Pod => ({
  metadata: { name: 'p', creationTimestamp: t(60_000), ...meta },
  spec: { containers: [{ name: 'a' }, { name: 'b' }], ...spec },
  status,
});

describe('printPod edge cases', () => {
  it('lets status.reason override the phase (DeadlineExceeded, Evicted)', () => {
    expect(podRow(pod({ phase: 'Failed', reason: 'Evicted' }), now, false).cells[2]).toBe(
      'Evicted',
    );
  });

  it('walks regular containers in reverse: the first container decides', () => {
    const status = pod({
      phase: 'Running',
      containerStatuses: [
        {
          name: 'a',
          ready: false,
          restartCount: 0,
          image: 'x',
          imageID: '',
          state: { waiting: { reason: 'CrashLoopBackOff' } },
        },
        {
          name: 'b',
          ready: false,
          restartCount: 0,
          image: 'x',
          imageID: '',
          state: { terminated: { exitCode: 1, reason: 'Error' } },
        },
      ],
    });
    expect(podRow(status, now, false).cells[2]).toBe('CrashLoopBackOff');
  });

  it('counts a started sidecar towards READY and keeps going through init containers', () => {
    const p = pod(
      {
        phase: 'Pending',
        initContainerStatuses: [
          {
            name: 'proxy',
            ready: true,
            started: true,
            restartCount: 0,
            image: 'x',
            imageID: '',
            state: { running: {} },
          },
          {
            name: 'init',
            ready: false,
            restartCount: 0,
            image: 'x',
            imageID: '',
            state: { running: {} },
          },
        ],
      },
      {
        initContainers: [{ name: 'proxy', restartPolicy: 'Always' }, { name: 'init' }],
        containers: [{ name: 'a' }],
      },
    );
    expect(podRow(p, now, false).cells.slice(1, 3)).toEqual(['1/2', 'Init:1/2']);
  });

  it('does not count a sidecar that has not started', () => {
    const p = pod(
      {
        phase: 'Pending',
        initContainerStatuses: [
          {
            name: 'proxy',
            ready: false,
            started: false,
            restartCount: 0,
            image: 'x',
            imageID: '',
            state: { waiting: { reason: 'PodInitializing' } },
          },
        ],
      },
      { initContainers: [{ name: 'proxy', restartPolicy: 'Always' }], containers: [{ name: 'a' }] },
    );
    expect(podRow(p, now, false).cells.slice(1, 3)).toEqual(['0/2', 'Init:0/1']);
  });

  it('shows Completed with a running container as Running when the pod is Ready', () => {
    const p = pod({
      phase: 'Running',
      conditions: [{ type: 'Ready', status: 'True' }],
      containerStatuses: [
        {
          name: 'a',
          ready: false,
          restartCount: 0,
          image: 'x',
          imageID: '',
          state: { terminated: { exitCode: 0, reason: 'Completed' } },
        },
        {
          name: 'b',
          ready: true,
          restartCount: 0,
          image: 'x',
          imageID: '',
          state: { running: {} },
        },
      ],
    });
    expect(podRow(p, now, false).cells.slice(1, 3)).toEqual(['1/2', 'Running']);
  });

  it('does not mark a finished pod Terminating while it is being deleted', () => {
    const p = pod({ phase: 'Succeeded' }, {}, { deletionTimestamp: t(-30_000) });
    expect(podRow(p, now, false).cells[2]).toBe('Succeeded');
  });

  it('sums restarts but dates "ago" from the latest lastState.terminated.finishedAt', () => {
    const status = (name: string, restarts: number, finishedAgo: number) => ({
      name,
      ready: true,
      restartCount: restarts,
      image: 'x',
      imageID: '',
      state: { running: {} },
      lastState: { terminated: { exitCode: 1, finishedAt: t(finishedAgo) } },
    });
    const p = pod({
      phase: 'Running',
      containerStatuses: [status('a', 2, 600_000), status('b', 3, 125_000)],
    });
    expect(podRow(p, now, false).cells[3]).toBe('5 (2m5s ago)');
  });

  it('prints restarts without "ago" when no lastState carries a finish time', () => {
    const p = pod({
      phase: 'Running',
      containerStatuses: [
        {
          name: 'a',
          ready: true,
          restartCount: 2,
          image: 'x',
          imageID: '',
          state: { running: {} },
        },
      ],
    });
    expect(podRow(p, now, false).cells[3]).toBe('2');
  });

  it('reads an unset creationTimestamp as <unknown>', () => {
    expect(podRow({ metadata: { name: 'x' }, spec: { containers: [] } }, now, false).cells[4]).toBe(
      '<unknown>',
    );
  });
});
