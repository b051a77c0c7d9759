import { describe, expect, it } from 'vitest';
import type { ContainerStatus, Pod, PodCondition } from '../../kube/types.ts';
import { getPhase, kubeletConditions, mergeConditions } from './status.ts';

const pod = (
  restartPolicy: string,
  containers = ['app'],
  init: { name: string; sidecar?: boolean }[] = [],
): Pod => ({
  metadata: { name: 'p' },
  spec: {
    restartPolicy,
    containers: containers.map((name) => ({ name, image: 'x' })),
    initContainers: init.map((c) => ({
      name: c.name,
      image: 'x',
      ...(c.sidecar ? { restartPolicy: 'Always' } : {}),
    })),
  },
});

const running = (name: string, started = true): ContainerStatus =>
  ({
    name,
    state: { running: { startedAt: 't' } },
    lastState: {},
    ready: true,
    started,
    restartCount: 0,
    image: 'x',
    imageID: '',
  }) as ContainerStatus;
const exited = (name: string, exitCode: number): ContainerStatus =>
  ({
    name,
    state: { terminated: { exitCode, reason: exitCode ? 'Error' : 'Completed' } },
    lastState: {},
    ready: false,
    restartCount: 0,
    image: 'x',
    imageID: '',
  }) as ContainerStatus;
const waiting = (name: string, reason: string, lastExit?: number): ContainerStatus =>
  ({
    name,
    state: { waiting: { reason } },
    lastState:
      lastExit === undefined ? {} : { terminated: { exitCode: lastExit, reason: 'Error' } },
    ready: false,
    restartCount: 0,
    image: 'x',
    imageID: '',
  }) as ContainerStatus;

describe('getPhase', () => {
  it('keeps a crash-looping pod Running under Always, even when every container waits', () => {
    expect(getPhase(pod('Always'), [], [waiting('app', 'CrashLoopBackOff', 1)], false)).toBe(
      'Running',
    );
  });
  it('is Pending while a container waits without having run', () => {
    expect(getPhase(pod('Always'), [], [waiting('app', 'ContainerCreating')], false)).toBe(
      'Pending',
    );
  });
  it('settles on Succeeded or Failed by exit codes under Never', () => {
    expect(getPhase(pod('Never'), [], [exited('app', 0)], false)).toBe('Succeeded');
    expect(getPhase(pod('Never', ['a', 'b']), [], [exited('a', 0), exited('b', 2)], false)).toBe(
      'Failed',
    );
  });
  it('stays Running under OnFailure until every container exited 0', () => {
    expect(getPhase(pod('OnFailure'), [], [waiting('app', 'CrashLoopBackOff', 1)], false)).toBe(
      'Running',
    );
    expect(getPhase(pod('OnFailure'), [], [exited('app', 0)], false)).toBe('Succeeded');
  });
  it('fails a pod whose init container failed under Never, and keeps it Pending otherwise', () => {
    const withInit = (policy: string) => pod(policy, ['app'], [{ name: 'init' }]);
    expect(
      getPhase(withInit('Never'), [exited('init', 1)], [waiting('app', 'PodInitializing')], false),
    ).toBe('Failed');
    expect(
      getPhase(
        withInit('Always'),
        [waiting('init', 'CrashLoopBackOff', 1)],
        [waiting('app', 'PodInitializing')],
        false,
      ),
    ).toBe('Pending');
    expect(
      getPhase(withInit('Always'), [running('init')], [waiting('app', 'PodInitializing')], false),
    ).toBe('Pending');
  });
  it('counts a running sidecar as running, and ignores a stopped one', () => {
    const p = pod('Never', ['app'], [{ name: 'side', sidecar: true }]);
    // The regular containers are done, but the sidecar runs until the kubelet stops it.
    expect(getPhase(p, [running('side')], [exited('app', 0)], false)).toBe('Running');
    expect(getPhase(p, [exited('side', 137)], [exited('app', 0)], false)).toBe('Succeeded');
    expect(getPhase(p, [waiting('side', 'CrashLoopBackOff', 1)], [exited('app', 1)], false)).toBe(
      'Failed',
    );
    // No status for the sidecar yet: unknown, so not Running.
    expect(getPhase(p, [], [running('app')], false)).toBe('Pending');
  });
  it('keeps a pod whose regular containers have run out of Pending while a sidecar restarts', () => {
    const p = pod('Always', ['app'], [{ name: 'side', sidecar: true }]);
    expect(getPhase(p, [running('side', false)], [waiting('app', 'PodInitializing')], false)).toBe(
      'Pending',
    );
    expect(getPhase(p, [running('side', false)], [running('app')], false)).toBe('Running');
  });
  it('on termination, decides by exit codes whatever the policy', () => {
    expect(getPhase(pod('Always'), [], [exited('app', 137)], true)).toBe('Failed');
    expect(getPhase(pod('Always'), [], [exited('app', 0)], true)).toBe('Succeeded');
  });
});

describe('kubelet conditions', () => {
  it('name unready containers the way the kubelet formats Go string slices', () => {
    const p = pod('Always', ['a', 'b']);
    const conds = kubeletConditions({
      pod: p,
      init: [],
      app: [waiting('a', 'ContainerCreating'), waiting('b', 'ContainerCreating')],
      phase: 'Pending',
      sandboxReady: false,
    });
    expect(conds).toEqual([
      { type: 'PodReadyToStartContainers', status: 'False' },
      { type: 'Initialized', status: 'True' },
      {
        type: 'Ready',
        status: 'False',
        reason: 'ContainersNotReady',
        message: 'containers with unready status: [a b]',
      },
      {
        type: 'ContainersReady',
        status: 'False',
        reason: 'ContainersNotReady',
        message: 'containers with unready status: [a b]',
      },
      { type: 'PodScheduled', status: 'True' },
    ]);
  });
  it('report incomplete init containers, and PodCompleted once the pod succeeded', () => {
    const p = pod('Never', ['app'], [{ name: 'init' }]);
    const during = kubeletConditions({
      pod: p,
      init: [{ ...running('init'), ready: false }],
      app: [waiting('app', 'PodInitializing')],
      phase: 'Pending',
      sandboxReady: true,
    });
    expect(during[1]).toEqual({
      type: 'Initialized',
      status: 'False',
      reason: 'ContainersNotInitialized',
      message: 'containers with incomplete status: [init]',
    });
    const done = kubeletConditions({
      pod: p,
      init: [{ ...exited('init', 0), ready: true }],
      app: [exited('app', 0)],
      phase: 'Succeeded',
      sandboxReady: false,
    });
    expect(done.slice(1)).toEqual([
      { type: 'Initialized', status: 'True', reason: 'PodCompleted' },
      { type: 'Ready', status: 'False', reason: 'PodCompleted' },
      { type: 'ContainersReady', status: 'False', reason: 'PodCompleted' },
      { type: 'PodScheduled', status: 'True' },
    ]);
  });
  it('write PodScheduled for a pod no scheduler saw, after the conditions others own', () => {
    const fresh = kubeletConditions({
      pod: pod('Never'),
      init: [],
      app: [running('app')],
      phase: 'Running',
      sandboxReady: true,
    });
    const t0 = Date.UTC(2026, 0, 1);
    const disruption = {
      type: 'DisruptionTarget',
      status: 'True',
      reason: 'DeletionByTaintManager',
      lastProbeTime: null,
      lastTransitionTime: '2026-01-01T00:00:00Z',
    } as unknown as PodCondition;
    const scheduled = {
      type: 'PodScheduled',
      status: 'True',
      lastProbeTime: null,
      lastTransitionTime: '2025-12-31T23:59:00Z',
    } as unknown as PodCondition;
    const merged = mergeConditions([scheduled, disruption], fresh, t0 + 5000);
    expect(merged.map((c) => c.type)).toEqual([
      'DisruptionTarget',
      'PodReadyToStartContainers',
      'Initialized',
      'Ready',
      'ContainersReady',
      'PodScheduled',
    ]);
    // The scheduler's time stays: the status did not change.
    expect(merged[5]?.lastTransitionTime).toBe('2025-12-31T23:59:00Z');
    const unscheduled = mergeConditions(undefined, fresh, t0 + 5000);
    expect(unscheduled[4]).toEqual({
      type: 'PodScheduled',
      status: 'True',
      lastProbeTime: null,
      lastTransitionTime: '2026-01-01T00:00:05Z',
    });
  });
});
