/**
 * Pods in every state `kubectl get pods` names, with the statuses a v1.33 kubelet (or the scheduler)
 * writes for them.
 */
import { formatTime } from '../../../kube/time.ts';
import type { ContainerStatus, Pod, PodCondition } from '../../../kube/types.ts';
import { container, D, H, M, S, defaultedSpec, type FixtureContext } from './fixtureContext.ts';

export function makeStatusPods(c: FixtureContext): Pod[] {
  const conditions = (opts: {
    initialized?: boolean;
    ready?: boolean;
    readyReason?: string;
    notReady?: string[];
  }): PodCondition[] => {
    const t = c.ago(20 * M);
    const list: PodCondition[] = [
      {
        type: 'PodReadyToStartContainers',
        status: 'True',
        lastProbeTime: null as unknown as string,
        lastTransitionTime: t,
      },
      {
        type: 'Initialized',
        status: opts.initialized === false ? 'False' : 'True',
        lastProbeTime: null as unknown as string,
        lastTransitionTime: t,
      },
      {
        type: 'Ready',
        status: opts.ready ? 'True' : 'False',
        lastProbeTime: null as unknown as string,
        lastTransitionTime: t,
        ...(opts.ready
          ? {}
          : {
              reason: opts.readyReason ?? 'ContainersNotReady',
              message: `containers with unready status: [${(opts.notReady ?? ['app']).join(' ')}]`,
            }),
      },
      {
        type: 'ContainersReady',
        status: opts.ready ? 'True' : 'False',
        lastProbeTime: null as unknown as string,
        lastTransitionTime: t,
        ...(opts.ready
          ? {}
          : {
              reason: opts.readyReason ?? 'ContainersNotReady',
              message: `containers with unready status: [${(opts.notReady ?? ['app']).join(' ')}]`,
            }),
      },
      {
        type: 'PodScheduled',
        status: 'True',
        lastProbeTime: null as unknown as string,
        lastTransitionTime: c.ago(21 * M),
      },
    ];
    return list;
  };

  const running = (
    name: string,
    startedAgo: number,
    extra: Partial<ContainerStatus> = {},
  ): ContainerStatus => ({
    name,
    image: 'wasi/hello:1.0',
    imageID: 'wasi/hello@sha256:2f1c9b8c0ab44b7a7dd1f64b4a2c6e1fbd8a1d0a9f0e5c8b7a6d5e4f3a2b1c0d',
    containerID: `wasi://${name}-5f2b8c`,
    ready: true,
    started: true,
    restartCount: 0,
    state: { running: { startedAt: c.ago(startedAgo) } },
    lastState: {},
    ...extra,
  });
  const waiting = (
    name: string,
    reason: string | undefined,
    extra: Partial<ContainerStatus> = {},
  ): ContainerStatus => ({
    name,
    image: 'wasi/hello:1.0',
    imageID: '',
    ready: false,
    started: false,
    restartCount: 0,
    state: { waiting: reason ? { reason } : {} },
    lastState: {},
    ...extra,
  });
  const terminated = (
    name: string,
    exitCode: number,
    reason: string | undefined,
    finishedAgo: number,
    extra: Partial<ContainerStatus> = {},
  ): ContainerStatus => ({
    name,
    image: 'wasi/hello:1.0',
    imageID: 'wasi/hello@sha256:2f1c9b8c0ab44b7a7dd1f64b4a2c6e1fbd8a1d0a9f0e5c8b7a6d5e4f3a2b1c0d',
    containerID: `wasi://${name}-9d0e1f`,
    ready: false,
    started: false,
    restartCount: 0,
    state: {
      terminated: {
        exitCode,
        ...(reason ? { reason } : {}),
        startedAt: c.ago(finishedAgo + 2 * S),
        finishedAt: c.ago(finishedAgo),
        containerID: `wasi://${name}-9d0e1f`,
      },
    },
    lastState: {},
    ...extra,
  });
  const lastTerminated = (exitCode: number, finishedAgo: number) => ({
    terminated: {
      exitCode,
      reason: exitCode === 0 ? 'Completed' : 'Error',
      startedAt: c.ago(finishedAgo + 5 * S),
      finishedAt: c.ago(finishedAgo),
      containerID: 'wasi://previous-1a2b3c',
    },
  });

  const pod = (
    name: string,
    createdAgo: number,
    spec: Partial<NonNullable<Pod['spec']>>,
    status: NonNullable<Pod['status']>,
    meta: Partial<NonNullable<Pod['metadata']>> = {},
  ): Pod => ({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace: 'default',
      uid: c.uid(),
      resourceVersion: String(100 + c.count),
      creationTimestamp: c.ago(createdAgo),
      labels: { app: name },
      ...meta,
    },
    spec: defaultedSpec(name, { nodeName: 'node-1', ...spec }),
    status: { qosClass: 'BestEffort', ...status },
  });
  const onNode = (phase: string, startAgo = 20 * M) => ({
    phase,
    hostIP: '10.0.0.11',
    hostIPs: [{ ip: '10.0.0.11' }],
    podIP: '10.244.0.7',
    podIPs: [{ ip: '10.244.0.7' }],
    startTime: c.ago(startAgo),
  });
  const two = [container('init-db'), container('init-cache')];

  const pods: Pod[] = [
    pod(
      'pending',
      30 * S,
      { nodeName: undefined, containers: [container('app')] },
      {
        phase: 'Pending',
        conditions: [
          {
            type: 'PodScheduled',
            status: 'False',
            lastProbeTime: null as unknown as string,
            lastTransitionTime: c.ago(30 * S),
            reason: 'Unschedulable',
            message:
              '0/1 nodes are available: 1 node(s) had untolerated taint {node.kubernetes.io/not-ready: }.',
          },
        ],
      },
    ),
    pod(
      'gated',
      45 * S,
      {
        nodeName: undefined,
        containers: [container('app')],
        schedulingGates: [{ name: 'example.com/wait' }],
      } as Partial<NonNullable<Pod['spec']>>,
      {
        phase: 'Pending',
        conditions: [
          {
            type: 'PodScheduled',
            status: 'False',
            lastProbeTime: null as unknown as string,
            lastTransitionTime: c.ago(45 * S),
            reason: 'SchedulingGated',
            message: 'Scheduling is blocked due to non-empty scheduling gates',
          },
        ],
      },
    ),
    pod(
      'creating',
      5 * S,
      { containers: [container('app')] },
      {
        ...onNode('Pending', 5 * S),
        podIP: undefined,
        podIPs: undefined,
        conditions: conditions({ ready: false }),
        containerStatuses: [waiting('app', 'ContainerCreating')],
      },
    ),
    pod(
      'init-running',
      70 * S,
      { initContainers: two, containers: [container('app')] },
      {
        ...onNode('Pending', 70 * S),
        conditions: conditions({
          initialized: false,
          ready: false,
          readyReason: 'ContainersNotReady',
        }),
        initContainerStatuses: [
          running('init-db', 60 * S, { ready: false }),
          waiting('init-cache', 'PodInitializing'),
        ],
        containerStatuses: [waiting('app', 'PodInitializing')],
      },
    ),
    pod(
      'init-error',
      3 * M,
      { initContainers: two, containers: [container('app')] },
      {
        ...onNode('Pending', 3 * M),
        conditions: conditions({ initialized: false, ready: false }),
        initContainerStatuses: [
          terminated('init-db', 1, 'Error', 10 * S),
          waiting('init-cache', 'PodInitializing'),
        ],
        containerStatuses: [waiting('app', 'PodInitializing')],
      },
    ),
    pod(
      'init-crashloop',
      6 * M,
      { initContainers: two, containers: [container('app')] },
      {
        ...onNode('Pending', 6 * M),
        conditions: conditions({ initialized: false, ready: false }),
        initContainerStatuses: [
          waiting('init-db', 'CrashLoopBackOff', {
            restartCount: 4,
            lastState: lastTerminated(1, 40 * S),
          }),
          waiting('init-cache', 'PodInitializing'),
        ],
        containerStatuses: [waiting('app', 'PodInitializing')],
      },
    ),
    pod(
      'init-exitcode',
      90 * S,
      { initContainers: two, containers: [container('app')] },
      {
        ...onNode('Pending', 90 * S),
        conditions: conditions({ initialized: false, ready: false }),
        initContainerStatuses: [
          terminated('init-db', 0, 'Completed', 80 * S),
          terminated('init-cache', 3, undefined, 70 * S),
        ],
        containerStatuses: [waiting('app', 'PodInitializing')],
      },
    ),
    pod(
      'init-signal',
      90 * S,
      { initContainers: two, containers: [container('app')] },
      {
        ...onNode('Pending', 90 * S),
        conditions: conditions({ initialized: false, ready: false }),
        initContainerStatuses: [
          terminated('init-db', 137, undefined, 70 * S, {
            state: {
              terminated: {
                exitCode: 137,
                signal: 9,
                startedAt: c.ago(75 * S),
                finishedAt: c.ago(70 * S),
              },
            },
          }),
          waiting('init-cache', 'PodInitializing'),
        ],
        containerStatuses: [waiting('app', 'PodInitializing')],
      },
    ),
    pod(
      'init-pull',
      2 * M,
      { initContainers: two, containers: [container('app')] },
      {
        ...onNode('Pending', 2 * M),
        conditions: conditions({ initialized: false, ready: false }),
        initContainerStatuses: [
          waiting('init-db', 'ImagePullBackOff'),
          waiting('init-cache', 'PodInitializing'),
        ],
        containerStatuses: [waiting('app', 'PodInitializing')],
      },
    ),
    pod(
      'initializing',
      40 * S,
      { initContainers: two, containers: [container('app')] },
      {
        ...onNode('Pending', 40 * S),
        conditions: conditions({ ready: false }),
        initContainerStatuses: [
          terminated('init-db', 0, 'Completed', 30 * S),
          terminated('init-cache', 0, 'Completed', 20 * S),
        ],
        containerStatuses: [waiting('app', 'PodInitializing')],
      },
    ),
    pod(
      'running',
      25 * M,
      { containers: [container('app')] },
      {
        ...onNode('Running', 25 * M),
        conditions: conditions({ ready: true }),
        containerStatuses: [running('app', 24 * M)],
      },
    ),
    pod(
      'crashloop',
      9 * M,
      { containers: [container('app')] },
      {
        ...onNode('Running', 9 * M),
        conditions: conditions({ ready: false }),
        containerStatuses: [
          waiting('app', 'CrashLoopBackOff', {
            restartCount: 5,
            imageID: 'wasi/hello@sha256:2f1c',
            containerID: 'wasi://app-77aa',
            lastState: lastTerminated(1, 3 * M + 10 * S),
          }),
        ],
      },
    ),
    pod(
      'errored',
      4 * M,
      { containers: [container('app')] },
      {
        ...onNode('Running', 4 * M),
        conditions: conditions({ ready: false }),
        containerStatuses: [
          terminated('app', 1, 'Error', 5 * S, {
            restartCount: 2,
            lastState: lastTerminated(1, 50 * S),
          }),
        ],
      },
    ),
    pod(
      'completed',
      2 * H,
      { containers: [container('app')], restartPolicy: 'Never' },
      {
        ...onNode('Succeeded', 2 * H),
        conditions: conditions({ ready: false, readyReason: 'PodCompleted' }),
        containerStatuses: [terminated('app', 0, 'Completed', 119 * M)],
      },
    ),
    pod(
      'failed',
      3 * H,
      { containers: [container('app')], restartPolicy: 'Never' },
      {
        ...onNode('Failed', 3 * H),
        conditions: conditions({ ready: false, readyReason: 'PodFailed' }),
        containerStatuses: [terminated('app', 2, 'Error', 170 * M)],
      },
    ),
    pod(
      'oom',
      12 * M,
      { containers: [container('app')] },
      {
        ...onNode('Running', 12 * M),
        conditions: conditions({ ready: false }),
        containerStatuses: [
          terminated('app', 137, 'OOMKilled', 15 * S, {
            restartCount: 1,
            lastState: lastTerminated(137, 2 * M),
          }),
        ],
      },
    ),
    pod(
      'config-error',
      50 * S,
      { containers: [container('app')] },
      {
        ...onNode('Pending', 50 * S),
        conditions: conditions({ ready: false }),
        containerStatuses: [waiting('app', 'CreateContainerConfigError')],
      },
    ),
    pod(
      'not-ready',
      15 * M,
      { containers: [container('app'), container('side')] },
      {
        ...onNode('Running', 15 * M),
        conditions: conditions({ ready: false, notReady: ['app'] }),
        containerStatuses: [terminated('app', 0, 'Completed', 5 * M), running('side', 14 * M)],
      },
    ),
    pod(
      'exitcode',
      30 * M,
      { containers: [container('app')] },
      {
        ...onNode('Running', 30 * M),
        conditions: conditions({ ready: false }),
        containerStatuses: [terminated('app', 42, undefined, 2 * M)],
      },
    ),
    pod(
      'signal',
      30 * M,
      { containers: [container('app')] },
      {
        ...onNode('Running', 30 * M),
        conditions: conditions({ ready: false }),
        containerStatuses: [
          terminated('app', 143, undefined, 2 * M, {
            state: {
              terminated: {
                exitCode: 143,
                signal: 15,
                startedAt: c.ago(3 * M),
                finishedAt: c.ago(2 * M),
              },
            },
          }),
        ],
      },
    ),
    pod(
      'terminating',
      40 * M,
      { containers: [container('app')] },
      {
        ...onNode('Running', 40 * M),
        conditions: conditions({ ready: true }),
        containerStatuses: [running('app', 39 * M)],
      },
      { deletionTimestamp: formatTime(c.base + 25 * S), deletionGracePeriodSeconds: 30 },
    ),
    pod(
      'lost',
      5 * D,
      { containers: [container('app')] },
      {
        ...onNode('Running', 5 * D),
        reason: 'NodeLost',
        message: 'Node node-2 which was running pod lost is unresponsive',
        conditions: conditions({ ready: false }),
        containerStatuses: [running('app', 5 * D, { ready: false })],
      },
      { deletionTimestamp: c.ago(10 * M), deletionGracePeriodSeconds: 0 },
    ),
    pod(
      'deadline',
      20 * M,
      { containers: [container('app')], activeDeadlineSeconds: 60 },
      {
        ...onNode('Failed', 20 * M),
        reason: 'DeadlineExceeded',
        message: 'Pod was active on the node longer than the specified deadline',
        conditions: conditions({ ready: false, readyReason: 'PodFailed' }),
        containerStatuses: [terminated('app', 137, 'Error', 19 * M)],
      },
    ),
    pod(
      'sidecar',
      11 * M,
      {
        initContainers: [{ ...container('proxy'), restartPolicy: 'Always' }],
        containers: [container('app')],
      },
      {
        ...onNode('Running', 11 * M),
        conditions: conditions({ ready: true }),
        initContainerStatuses: [
          running('proxy', 11 * M, { restartCount: 1, lastState: lastTerminated(1, 8 * M) }),
        ],
        containerStatuses: [running('app', 10 * M)],
      },
    ),
    pod(
      'pull-backoff',
      2 * M,
      { containers: [container('app', 'wasi/missing:9.9')] },
      {
        ...onNode('Pending', 2 * M),
        conditions: conditions({ ready: false }),
        containerStatuses: [waiting('app', 'ImagePullBackOff', { image: 'wasi/missing:9.9' })],
      },
    ),
    pod(
      'gates',
      3 * D,
      {
        containers: [container('app')],
        readinessGates: [
          { conditionType: 'example.com/lb-ready' },
          { conditionType: 'example.com/dns' },
        ],
      },
      {
        ...onNode('Running', 3 * D),
        nominatedNodeName: 'node-2',
        conditions: [
          ...conditions({ ready: false, readyReason: 'ReadinessGatesNotReady' }),
          {
            type: 'example.com/lb-ready',
            status: 'True',
            lastProbeTime: null as unknown as string,
            lastTransitionTime: c.ago(3 * D),
          },
        ],
        containerStatuses: [running('app', 3 * D)],
      },
    ),
  ];
  return pods;
}
