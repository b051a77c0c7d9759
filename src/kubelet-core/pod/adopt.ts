/**
 * A kubelet that starts and finds pods bound to its node that an earlier kubelet ran: the
 * playground after a tab reload, a real node after a reboot. The API server still holds their
 * status; the containers are gone. A real kubelet on containerd sees them as exited with code 255,
 * reason Unknown, recreates the pod sandbox ("SandboxChanged"), re-runs the init containers and
 * restarts the app containers by the restart policy, counting each restart. This module rebuilds
 * the pod worker's records from the old status (and from what the app kept: the timeline and the
 * logs) so that the ordinary sync does exactly that.
 */
import type { ContainerStatus, Pod } from '../../kube/types.ts';
import { parseTime } from '../../kube/time.ts';
import { ContainerLog } from '../logs.ts';
import type { ContainerHandle, ExitStatus, OutputChunk, TerminationReason } from '../ports.ts';
import type { ContainerRecord } from './records.ts';
import {
  containerStates,
  isContainerEdge,
  podStates,
  type ContainerStateKind,
  type PodStateKind,
  type Transition,
} from './state.ts';
import { isTerminalPhase } from './status.ts';

/** One container instance's output, as kept across a reload. */
export interface SavedLog {
  containerID: string;
  chunks: OutputChunk[];
}

/** What the app keeps of a pod worker: its timeline and its containers' logs. */
export interface SavedPod {
  transitions: Transition[];
  logs: Record<string, { current?: SavedLog; previous?: SavedLog }>;
}

/** The exit a container runtime reports for a container that was running when the node went down. */
export const LOST_EXIT_CODE = 255;
export const LOST_REASON: TerminationReason = 'Unknown';

/** True when a kubelet has run this pod before (it wrote container statuses or a start time). */
export function wasRunByAKubelet(pod: Pod): boolean {
  const s = pod.status;
  return Boolean(s?.startTime || s?.containerStatuses?.length || s?.initContainerStatuses?.length);
}

/** A handle for an instance that ended before this kubelet started: nothing left to kill. */
function goneHandle(id: string, exit: ExitStatus): ContainerHandle {
  return {
    id,
    started: Promise.resolve(exit.startedAt),
    exited: Promise.resolve(exit),
    kill() {},
  };
}

function restoredLog(saved: SavedLog | undefined, containerID: string): ContainerLog {
  const log = new ContainerLog(saved?.containerID ?? containerID);
  for (const c of saved?.chunks ?? []) log.append(c);
  log.close();
  return log;
}

const REASONS = new Set<string>(['Completed', 'Error', 'OOMKilled', 'StartError', 'Unknown']);

interface AdoptTarget {
  readonly init: ContainerRecord[];
  readonly app: ContainerRecord[];
  readonly transitions: Transition[];
  readonly logs: {
    restore(container: string, current?: ContainerLog, previous?: ContainerLog): void;
  };
  state: PodStateKind;
  startTime?: number;
  sandboxReady: boolean;
}

/**
 * Rebuilds the records of `w` from `pod.status` at clock time `now`. Returns true when the pod
 * sandbox must be recreated (a non-terminal pod whose restart policy lets its containers run
 * again), for the caller to record SandboxChanged and re-run the init containers.
 */
export function adoptPod(
  w: AdoptTarget,
  pod: Pod,
  saved: SavedPod | undefined,
  now: number,
): boolean {
  const status = pod.status ?? {};
  const phase = status.phase;
  const terminal = isTerminalPhase(phase);
  if (saved) w.transitions.push(...saved.transitions);
  const start = parseTime(status.startTime);
  if (start !== undefined) w.startTime = start;

  const lost: string[] = [];
  const adoptOne = (rec: ContainerRecord, cs: ContainerStatus | undefined) => {
    if (!cs) return;
    rec.restartCount = cs.restartCount ?? 0;
    if (cs.imageID) {
      rec.image = {
        image: cs.image ?? rec.spec.image ?? '',
        imageID: cs.imageID,
        digest: '',
        sizeBytes: 0,
        cached: true,
      };
    }
    const logs = saved?.logs[rec.name];
    const previousLog = logs?.previous
      ? restoredLog(logs.previous, logs.previous.containerID)
      : undefined;
    const containerID = cs.containerID ?? '';
    let exit: ExitStatus | undefined;
    let last = cs.lastState?.terminated;
    const running = cs.state?.running;
    const terminated = cs.state?.terminated;
    if (running) {
      // The runtime finds the container exited, with no code of its own: 255, Unknown.
      exit = {
        exitCode: LOST_EXIT_CODE,
        reason: LOST_REASON,
        startedAt: parseTime(running.startedAt) ?? now,
        finishedAt: now,
      };
      lost.push(rec.name);
    } else if (terminated) {
      exit = exitOf(terminated, now);
    } else if (last) {
      // Waiting to restart (CrashLoopBackOff, a failed start): its last run is what is known.
      exit = exitOf(last, now);
      rec.waiting = cs.state?.waiting?.reason
        ? {
            reason: cs.state.waiting.reason,
            ...(cs.state.waiting.message ? { message: cs.state.waiting.message } : {}),
          }
        : undefined;
      last = undefined;
    }
    if (last) rec.last = terminatedInfo(last, now);
    if (!exit) {
      if (previousLog) w.logs.restore(rec.name, undefined, previousLog);
      return;
    }
    const id = containerID.replace(/^[a-z]+:\/\//, '');
    const log = restoredLog(logs?.current, containerID);
    w.logs.restore(rec.name, log, previousLog);
    rec.instance = {
      id,
      containerID,
      handle: goneHandle(id, exit),
      log,
      startedAt: exit.startedAt,
      exit,
      noticedAt: now,
    };
    rec.instances = 1;
    rec.fromBeforeRestart = true;
    const to = rec.waiting?.reason === 'CrashLoopBackOff' ? 'CrashLoopBackOff' : 'Terminated';
    const savedTo = lastState(saved?.transitions, rec.name);
    const savedState = (containerStates as readonly string[]).includes(savedTo ?? '')
      ? (savedTo as ContainerStateKind)
      : undefined;
    if (running && isContainerEdge(savedState ?? 'Running', 'Terminated')) {
      w.transitions.push({
        time: now,
        subject: rec.name,
        from: savedState ?? 'Running',
        to: 'Terminated',
        cause: `${LOST_REASON}, exit code ${LOST_EXIT_CODE}: the kubelet restarted and the container was gone`,
      });
    }
    rec.state = running
      ? 'Terminated'
      : ((savedState as ContainerRecord['state'] | undefined) ?? to);
  };
  const byName = (list: ContainerStatus[] | undefined) =>
    new Map((list ?? []).map((c) => [c.name, c]));
  const initStatuses = byName(status.initContainerStatuses);
  const appStatuses = byName(status.containerStatuses);
  for (const rec of w.init) adoptOne(rec, initStatuses.get(rec.name));
  for (const rec of w.app) adoptOne(rec, appStatuses.get(rec.name));

  const savedPodState = lastState(saved?.transitions, 'pod');
  const state: PodStateKind = terminal
    ? (phase as PodStateKind)
    : savedPodState && (podStates as readonly string[]).includes(savedPodState)
      ? (savedPodState as PodStateKind)
      : phase === 'Running'
        ? 'Running'
        : w.app.some((r) => r.hasRun)
          ? 'Starting'
          : w.init.some((r) => r.hasRun)
            ? 'Initializing'
            : 'Registered';
  w.state = state;
  // A finished pod is left as it was written; a running one has lost its sandbox until the sync
  // sets it up again.
  if (terminal)
    w.sandboxReady = (status.conditions ?? []).some(
      (c) => c.type === 'PodReadyToStartContainers' && c.status === 'True',
    );
  const sandboxChanged =
    !terminal && pod.spec?.restartPolicy !== 'Never' && !pod.metadata?.deletionTimestamp;
  w.transitions.push({
    time: now,
    subject: 'pod',
    from: state,
    to: state,
    cause:
      `the kubelet restarted` +
      (lost.length > 0 ? `; containers found exited (${lost.join(', ')})` : '') +
      (sandboxChanged ? '; pod sandbox changed, it will be killed and re-created' : ''),
  });
  return sandboxChanged;
}

function exitOf(
  t: NonNullable<ContainerStatus['state']>['terminated'] & object,
  now: number,
): ExitStatus {
  const info = terminatedInfo(t, now);
  return {
    exitCode: info.exitCode,
    reason: (REASONS.has(info.reason) ? info.reason : 'Error') as TerminationReason,
    ...(info.message ? { message: info.message } : {}),
    startedAt: info.startedAt,
    finishedAt: info.finishedAt,
  };
}

function terminatedInfo(
  t: NonNullable<ContainerStatus['state']>['terminated'] & object,
  now: number,
) {
  return {
    exitCode: t.exitCode,
    reason: t.reason ?? (t.exitCode === 0 ? 'Completed' : 'Error'),
    ...(t.message ? { message: t.message } : {}),
    startedAt: parseTime(t.startedAt) ?? now,
    finishedAt: parseTime(t.finishedAt) ?? now,
    containerID: t.containerID ?? '',
  };
}

function lastState(transitions: Transition[] | undefined, subject: string): string | undefined {
  if (!transitions) return undefined;
  for (let i = transitions.length - 1; i >= 0; i--)
    if (transitions[i]!.subject === subject) return transitions[i]!.to;
  return undefined;
}
