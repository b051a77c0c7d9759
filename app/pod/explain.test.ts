import { describe, expect, it } from 'vitest';
import type { ContainerStatus, Pod } from '../../src/kube/types.ts';
import { explainPodStatus } from './explain.ts';

const refusal =
  'failed to instantiate module: no address space left for another linear memory: 124 other ' +
  'containers hold one';

const startError = {
  exitCode: 128,
  reason: 'StartError',
  message: refusal,
  startedAt: '1970-01-01T00:00:00Z',
  finishedAt: '1970-01-01T00:00:00Z',
};

/** A one-container ticker pod under restartPolicy Always, its container's status `status`. */
function tickerPod(status: Partial<ContainerStatus>): Pod {
  const container: ContainerStatus = {
    name: 'ticker',
    image: 'ticker:v1',
    imageID: '',
    ready: false,
    restartCount: 0,
    ...status,
  };
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'ticker-130', namespace: 'default' },
    spec: { containers: [{ name: 'ticker', image: 'ticker:v1' }], restartPolicy: 'Always' },
    status: { phase: 'Running', containerStatuses: [container] },
  };
}

describe('explainPodStatus', () => {
  it('says a container that could not start was not started, and why', () => {
    const { status, why } = explainPodStatus(tickerPod({ state: { terminated: startError } }), 0);
    expect(status).toBe('StartError');
    expect(why).toBe(
      `StartError: the runtime could not start ticker (exit code 128): ${refusal}; restartPolicy ` +
        'Always tries again after a back-off.',
    );
  });

  it('names a start failure as the cause of a crash loop', () => {
    const waiting = {
      reason: 'CrashLoopBackOff',
      message: 'back-off 20s restarting failed container=ticker pod=ticker-130_default(u)',
    };
    const { status, why } = explainPodStatus(
      tickerPod({ restartCount: 2, state: { waiting }, lastState: { terminated: startError } }),
      0,
    );
    expect(status).toBe('CrashLoopBackOff');
    expect(why).toMatch(
      new RegExp(
        `^CrashLoopBackOff: ticker could not be started \\(StartError: ${refusal}\\) and has ` +
          'restarted 2 time\\(s\\); the kubelet waits 20s',
      ),
    );
  });
});

describe('explainPodStatus while a terminal phase is held back', () => {
  const readyCondition = (reason: string) =>
    ({ type: 'Ready', status: 'False', reason, lastProbeTime: null }) as never;

  it('says a deadline-exceeded pod reads Running until its containers have stopped', () => {
    const pod = tickerPod({
      state: { running: { startedAt: '1970-01-01T00:00:00Z' } },
      ready: true,
    });
    pod.spec!.activeDeadlineSeconds = 15;
    pod.status!.conditions = [readyCondition('PodFailed')];
    const { status, why } = explainPodStatus(pod, 0);
    expect(status).toBe('Running');
    expect(why).toContain('active longer than activeDeadlineSeconds (15s)');
    expect(why).toContain('The phase reads Running until they have stopped');
    expect(why).toContain('30s grace period');
  });

  it('says a running sidecar keeps a pod whose app containers ended in phase Running', () => {
    const pod = tickerPod({
      state: {
        terminated: {
          exitCode: 0,
          reason: 'Completed',
          startedAt: '1970-01-01T00:00:00Z',
          finishedAt: '1970-01-01T00:00:01Z',
        },
      },
    });
    pod.spec!.restartPolicy = 'Never';
    pod.spec!.initContainers = [{ name: 'logger', image: 'ticker:v1', restartPolicy: 'Always' }];
    pod.status!.initContainerStatuses = [
      {
        name: 'logger',
        image: 'ticker:v1',
        imageID: '',
        ready: true,
        started: true,
        restartCount: 0,
        state: { running: { startedAt: '1970-01-01T00:00:00Z' } },
      },
    ];
    const { status, why } = explainPodStatus(pod, 0);
    expect(status).toBe('Completed');
    expect(why).toContain('the kubelet stops the sidecars (logger), last declared first');
    expect(why).toContain('keeps the phase Running');
  });
});

describe('explainPodStatus between a crash and the next sync', () => {
  it('says a restarted container shows its exit until the kubelet syncs the pod again', () => {
    const exited = {
      exitCode: 1,
      reason: 'Error',
      startedAt: '1970-01-01T00:00:00Z',
      finishedAt: '1970-01-01T00:00:01Z',
    };
    const { status, why } = explainPodStatus(
      tickerPod({ restartCount: 1, state: { terminated: exited } }),
      0,
    );
    expect(status).toBe('Error');
    expect(why).toContain('restartPolicy Always restarts it after a back-off.');
    expect(why).toContain('the status shows the exit rather than CrashLoopBackOff');
    const first = explainPodStatus(tickerPod({ state: { terminated: exited } }), 0);
    expect(first.why).not.toContain('CrashLoopBackOff');
  });
});
