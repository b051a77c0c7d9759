/**
 * The pod status a v1.33 kubelet writes, computed from the kubelet's own records: getPhase
 * (kubelet_pods.go), the conditions (status/generate.go) and the container statuses
 * (convertToAPIContainerStatuses). Pure functions of their inputs.
 */
import type { Container, ContainerStatus, Pod, PodCondition, PodStatus } from '../../kube/types.ts';
import { formatTime } from '../../kube/time.ts';

export type Role = 'init' | 'sidecar' | 'app';

export interface TerminatedInfo {
  exitCode: number;
  reason: string;
  message?: string;
  startedAt: number;
  finishedAt: number;
  containerID: string;
}

/** What the kubelet knows of one container, enough to write its status. */
export interface ContainerView {
  name: string;
  role: Role;
  /** The image as the pod spec names it. */
  image: string;
  imageID: string;
  restartCount: number;
  containerID?: string;
  running?: { startedAt: number };
  terminated?: TerminatedInfo;
  /** Why it waits (ContainerCreating, CrashLoopBackOff, ...), when it is neither running nor terminated. */
  waiting?: { reason: string; message?: string };
  last?: TerminatedInfo;
  started: boolean;
  ready: boolean;
  volumeMounts: { name: string; mountPath: string; readOnly?: boolean }[];
}

export const isSidecar = (c: Container) => c.restartPolicy === 'Always';

function terminatedStatus(t: TerminatedInfo) {
  const out: Record<string, unknown> = { exitCode: t.exitCode, reason: t.reason };
  if (t.message) out.message = t.message;
  out.startedAt = formatTime(t.startedAt);
  out.finishedAt = formatTime(t.finishedAt);
  out.containerID = t.containerID;
  return out;
}

/** One container's status, fields in the order the Go struct declares them. */
export function containerStatus(v: ContainerView): ContainerStatus {
  let state: ContainerStatus['state'];
  if (v.running) state = { running: { startedAt: formatTime(v.running.startedAt) } };
  else if (v.terminated) state = { terminated: terminatedStatus(v.terminated) as never };
  else
    state = {
      waiting: v.waiting?.message
        ? { reason: v.waiting.reason, message: v.waiting.message }
        : { reason: v.waiting?.reason ?? 'ContainerCreating' },
    };
  const status: Record<string, unknown> = {
    name: v.name,
    state,
    lastState: v.last ? { terminated: terminatedStatus(v.last) } : {},
    ready: v.ready,
    restartCount: v.restartCount,
    image: v.image,
    imageID: v.imageID,
  };
  if (v.containerID) status.containerID = v.containerID;
  status.started = v.started;
  status.volumeMounts = v.volumeMounts.map((m) => ({
    name: m.name,
    mountPath: m.mountPath,
    ...(m.readOnly ? { readOnly: true, recursiveReadOnly: 'Disabled' } : {}),
  }));
  return status as unknown as ContainerStatus;
}

type Phase = 'Pending' | 'Running' | 'Succeeded' | 'Failed';

/** Succeeded or Failed: a phase that never changes again. */
export const isTerminalPhase = (phase: string | undefined): phase is 'Succeeded' | 'Failed' =>
  phase === 'Succeeded' || phase === 'Failed';

/** getPhase: the pod phase from its spec and container statuses. */
export function getPhase(
  pod: Pod,
  init: ContainerStatus[],
  app: ContainerStatus[],
  podIsTerminal: boolean,
): Phase {
  const spec = pod.spec!;
  const find = (list: ContainerStatus[], name: string) => list.find((s) => s.name === name);
  let pendingSidecars = 0;
  let pendingInit = 0;
  let failedInit = 0;
  for (const c of spec.initContainers ?? []) {
    if (isSidecar(c)) continue; // counted with the regular containers, below
    const s = find(init, c.name);
    if (!s) pendingInit++;
    else if (s.state?.running) pendingInit++;
    else if (s.state?.terminated) {
      if (s.state.terminated.exitCode !== 0) failedInit++;
    } else if (s.state?.waiting) {
      if (s.lastState?.terminated) {
        if (s.lastState.terminated.exitCode !== 0) failedInit++;
      } else pendingInit++;
    } else pendingInit++;
  }
  let unknown = 0;
  let running = 0;
  let waiting = 0;
  let stopped = 0;
  let succeeded = 0;
  // A running sidecar keeps the pod Running (the kubelet stops sidecars once the regular
  // containers are done); terminated sidecars, and those waiting to restart, do not count.
  for (const c of spec.initContainers ?? []) {
    if (!isSidecar(c)) continue;
    const s = find(init, c.name);
    if (!s) unknown++;
    else if (s.state?.running) {
      if (!s.started) pendingSidecars++;
      running++;
    } else if (s.state?.terminated) {
      // not counted
    } else if (s.state?.waiting) {
      if (!s.lastState?.terminated) {
        pendingSidecars++;
        waiting++;
      }
    } else {
      pendingSidecars++;
      unknown++;
    }
  }
  for (const c of spec.containers) {
    const s = find(app, c.name);
    if (!s) unknown++;
    else if (s.state?.running) running++;
    else if (s.state?.terminated) {
      stopped++;
      if (s.state.terminated.exitCode === 0) succeeded++;
    } else if (s.state?.waiting) {
      if (s.lastState?.terminated) stopped++;
      else waiting++;
    } else unknown++;
  }
  // podHasInitialized: a regular container has run, so a restarting sidecar does not make the
  // pod Pending again.
  const initialized = app.some(
    (s) => s.state?.running || s.state?.terminated || s.lastState?.terminated,
  );
  if (failedInit > 0 && spec.restartPolicy === 'Never') return 'Failed';
  if (pendingInit > 0 || (pendingSidecars > 0 && !initialized)) return 'Pending';
  if (waiting > 0) return 'Pending';
  if (running > 0 && unknown === 0) return 'Running';
  if (running === 0 && stopped > 0 && unknown === 0) {
    if (podIsTerminal) return stopped === succeeded ? 'Succeeded' : 'Failed';
    if (spec.restartPolicy === 'Always') return 'Running';
    if (stopped === succeeded) return 'Succeeded';
    if (spec.restartPolicy === 'Never') return 'Failed';
    return 'Running';
  }
  return 'Pending';
}

const goList = (names: string[]) => `[${names.join(' ')}]`;

interface CondInput {
  pod: Pod;
  init: ContainerStatus[];
  app: ContainerStatus[];
  phase: Phase;
  sandboxReady: boolean;
}

type Cond = Pick<PodCondition, 'type' | 'status' | 'reason' | 'message'>;

function initializedCondition({ pod, init, app, phase }: CondInput): Cond {
  const unknown: string[] = [];
  const incomplete: string[] = [];
  for (const c of pod.spec!.initContainers ?? []) {
    const s = init.find((x) => x.name === c.name);
    if (!s) unknown.push(c.name);
    else if (isSidecar(c) ? !s.started : !s.ready) incomplete.push(c.name);
  }
  if (phase === 'Succeeded' && unknown.length === 0)
    return { type: 'Initialized', status: 'True', reason: 'PodCompleted' };
  const anyRegularStarted = app.some(
    (s) => s.state?.running || s.state?.terminated || s.lastState?.terminated,
  );
  if (anyRegularStarted) return { type: 'Initialized', status: 'True' };
  const messages: string[] = [];
  if (unknown.length) messages.push(`containers with unknown status: ${goList(unknown)}`);
  if (incomplete.length) messages.push(`containers with incomplete status: ${goList(incomplete)}`);
  if (messages.length) {
    return {
      type: 'Initialized',
      status: 'False',
      reason: 'ContainersNotInitialized',
      message: messages.join(', '),
    };
  }
  return { type: 'Initialized', status: 'True' };
}

function containersReadyCondition({ pod, init, app, phase }: CondInput): Cond {
  const unknown: string[] = [];
  const unready: string[] = [];
  const check = (c: Container, list: ContainerStatus[]) => {
    const s = list.find((x) => x.name === c.name);
    if (!s) unknown.push(c.name);
    else if (!s.ready) unready.push(c.name);
  };
  for (const c of pod.spec!.initContainers ?? []) if (isSidecar(c)) check(c, init);
  for (const c of pod.spec!.containers) check(c, app);
  if (phase === 'Succeeded' && unknown.length === 0)
    return { type: 'ContainersReady', status: 'False', reason: 'PodCompleted' };
  if (phase === 'Failed') return { type: 'ContainersReady', status: 'False', reason: 'PodFailed' };
  const messages: string[] = [];
  if (unknown.length) messages.push(`containers with unknown status: ${goList(unknown)}`);
  if (unready.length) messages.push(`containers with unready status: ${goList(unready)}`);
  if (messages.length) {
    return {
      type: 'ContainersReady',
      status: 'False',
      reason: 'ContainersNotReady',
      message: messages.join(', '),
    };
  }
  return { type: 'ContainersReady', status: 'True' };
}

function readyCondition(input: CondInput, containersReady: Cond): Cond {
  if (containersReady.status !== 'True') return { ...containersReady, type: 'Ready' };
  const gates = input.pod.spec!.readinessGates ?? [];
  const conds = input.pod.status?.conditions ?? [];
  const messages: string[] = [];
  for (const g of gates) {
    const c = conds.find((x) => x.type === g.conditionType);
    if (!c)
      messages.push(
        `corresponding condition of pod readiness gate "${g.conditionType}" does not exist.`,
      );
    else if (c.status !== 'True')
      messages.push(
        `the status of pod readiness gate "${g.conditionType}" is not "True", but ${c.status}`,
      );
  }
  if (messages.length)
    return {
      type: 'Ready',
      status: 'False',
      reason: 'ReadinessGatesNotReady',
      message: messages.join(', '),
    };
  return { type: 'Ready', status: 'True' };
}

/**
 * The conditions the kubelet owns, in the order generateAPIPodStatus writes them. PodScheduled
 * is always True on a node: a pod created with spec.nodeName, which no scheduler saw, gets it too.
 */
export function kubeletConditions(input: CondInput): Cond[] {
  const containersReady = containersReadyCondition(input);
  return [
    { type: 'PodReadyToStartContainers', status: input.sandboxReady ? 'True' : 'False' },
    initializedCondition(input),
    readyCondition(input, containersReady),
    containersReady,
    { type: 'PodScheduled', status: 'True' },
  ];
}

/** PodConditionsByKubelet, with PodReadyToStartContainers (its feature is on in v1.33). */
const KUBELET_CONDITIONS = new Set([
  'PodReadyToStartContainers',
  'Initialized',
  'Ready',
  'ContainersReady',
  'PodScheduled',
]);

/**
 * mergePodStatus: the pod's conditions that others own (DisruptionTarget, ...) first, then the
 * kubelet's, fresh; a condition's lastTransitionTime moves only when its status changes.
 */
export function mergeConditions(
  current: PodCondition[] | undefined,
  fresh: Cond[],
  now: number,
): PodCondition[] {
  const out: PodCondition[] = [];
  for (const c of current ?? []) if (!KUBELET_CONDITIONS.has(c.type)) out.push(c);
  for (const c of fresh) {
    const old = current?.find((x) => x.type === c.type);
    const lastTransitionTime =
      old && old.status === c.status && old.lastTransitionTime
        ? old.lastTransitionTime
        : formatTime(now);
    const cond: Record<string, unknown> = {
      type: c.type,
      status: c.status,
      lastProbeTime: null,
      lastTransitionTime,
    };
    if (c.reason) cond.reason = c.reason;
    if (c.message) cond.message = c.message;
    out.push(cond as unknown as PodCondition);
  }
  return out;
}

export interface StatusInput {
  pod: Pod;
  views: ContainerView[];
  sandboxReady: boolean;
  hostIP: string;
  startTime?: number;
  now: number;
  /** Being deleted or stopped for good: the phase settles on Succeeded or Failed. */
  podIsTerminal: boolean;
  /** A sync handler's verdict (DeadlineExceeded, rejection): phase Failed with this reason. */
  override?: { phase: 'Failed'; reason: string; message: string };
  /** The phase written before: terminal phases never change. */
  previousPhase?: string;
}

/** generateAPIPodStatus: everything the kubelet writes to pods/status. */
export function generatePodStatus(input: StatusInput): PodStatus {
  const { pod, views } = input;
  const init = views.filter((v) => v.role !== 'app').map(containerStatus);
  const app = views.filter((v) => v.role === 'app').map(containerStatus);
  let phase: Phase = getPhase(pod, init, app, input.podIsTerminal);
  if (input.override) phase = input.override.phase;
  if (isTerminalPhase(input.previousPhase)) phase = input.previousPhase;
  const conditions = mergeConditions(
    pod.status?.conditions,
    kubeletConditions({ pod, init, app, phase, sandboxReady: input.sandboxReady }),
    input.now,
  );
  const status: Record<string, unknown> = { phase, conditions };
  if (input.override) {
    status.message = input.override.message;
    status.reason = input.override.reason;
  } else if (pod.status?.reason && isTerminalPhase(input.previousPhase)) {
    status.message = pod.status.message;
    status.reason = pod.status.reason;
  }
  status.hostIP = input.hostIP;
  status.hostIPs = [{ ip: input.hostIP }];
  if (input.startTime !== undefined) status.startTime = formatTime(input.startTime);
  if (init.length > 0) status.initContainerStatuses = init;
  status.containerStatuses = app;
  if (pod.status?.qosClass) status.qosClass = pod.status.qosClass;
  return status as PodStatus;
}
