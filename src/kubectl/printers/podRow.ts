/**
 * One pod's Table row, as printPod in k/k pkg/printers/internalversion/printers.go (v1.33) computes
 * it: READY counts ready regular containers plus started sidecars; STATUS starts from the phase (or
 * status.reason), walks init containers in order and regular containers in reverse, and ends with
 * Terminating/Unknown for deleted pods; RESTARTS adds "(Xm ago)" from the latest
 * lastState.terminated.finishedAt.
 */
import { humanDuration } from '../../kube/duration.ts';
import type { Container, ContainerStatus, Pod, PodCondition } from '../../kube/types.ts';
import { since, timeOf } from './format.ts';
import type { TableCell, TableRowCondition } from './tableTypes.ts';

const podSucceeded: TableRowCondition[] = [
  {
    type: 'Completed',
    status: 'True',
    reason: 'Succeeded',
    message: 'The pod has completed successfully.',
  },
];
const podFailed: TableRowCondition[] = [
  { type: 'Completed', status: 'True', reason: 'Failed', message: 'The pod failed.' },
];

/** podutil.IsRestartableInitContainer: a sidecar. */
const isSidecar = (c: Container | undefined): boolean => c?.restartPolicy === 'Always';

/** isPodInitializedConditionTrue: the first Initialized condition decides. */
const initializedTrue = (conditions: PodCondition[] | undefined): boolean =>
  conditions?.find((c) => c.type === 'Initialized')?.status === 'True';

/** hasPodReadyCondition: any Ready condition that is True. */
const readyTrue = (conditions: PodCondition[] | undefined): boolean =>
  conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;

/** Latest of `latest` and the container's lastState.terminated.finishedAt (zero times lose). */
function laterRestart(latest: number | undefined, status: ContainerStatus): number | undefined {
  const finished = status.lastState?.terminated
    ? timeOf(status.lastState.terminated.finishedAt)
    : undefined;
  if (finished === undefined) return latest;
  return latest === undefined || latest < finished ? finished : latest;
}

export interface PodRow {
  cells: TableCell[];
  conditions?: TableRowCondition[];
}

/** The pod's cells: Name, Ready, Status, Restarts, Age, and with `wide` IP, Node, Nominated Node, Readiness Gates. */
export function podRow(pod: Pod, now: number, wide: boolean): PodRow {
  const spec = pod.spec;
  const status = pod.status ?? {};
  const phase = status.phase ?? '';
  let reason = status.reason ? status.reason : phase;
  for (const c of status.conditions ?? []) {
    if (c.type === 'PodScheduled' && c.reason === 'SchedulingGated') reason = 'SchedulingGated';
  }

  const initContainers = new Map<string, Container>();
  let totalContainers = spec?.containers?.length ?? 0;
  for (const c of spec?.initContainers ?? []) {
    initContainers.set(c.name, c);
    if (isSidecar(c)) totalContainers++;
  }

  let restarts = 0;
  let sidecarRestarts = 0;
  let readyContainers = 0;
  let lastRestart: number | undefined;
  let lastSidecarRestart: number | undefined;
  let initializing = false;
  const initStatuses = status.initContainerStatuses ?? [];
  for (let i = 0; i < initStatuses.length; i++) {
    const cs = initStatuses[i]!;
    restarts += cs.restartCount ?? 0;
    lastRestart = laterRestart(lastRestart, cs);
    const sidecar = isSidecar(initContainers.get(cs.name));
    if (sidecar) {
      sidecarRestarts += cs.restartCount ?? 0;
      lastSidecarRestart = laterRestart(lastSidecarRestart, cs);
    }
    const terminated = cs.state?.terminated;
    const waiting = cs.state?.waiting;
    if (terminated && (terminated.exitCode ?? 0) === 0) continue;
    if (sidecar && cs.started === true) {
      if (cs.ready) readyContainers++;
      continue;
    }
    if (terminated) {
      // initialization failed
      if (!terminated.reason) {
        reason = terminated.signal
          ? `Init:Signal:${terminated.signal}`
          : `Init:ExitCode:${terminated.exitCode ?? 0}`;
      } else {
        reason = `Init:${terminated.reason}`;
      }
    } else if (waiting?.reason && waiting.reason !== 'PodInitializing') {
      reason = `Init:${waiting.reason}`;
    } else {
      reason = `Init:${i}/${spec?.initContainers?.length ?? 0}`;
    }
    initializing = true;
    break;
  }

  if (!initializing || initializedTrue(status.conditions)) {
    restarts = sidecarRestarts;
    lastRestart = lastSidecarRestart;
    let hasRunning = false;
    const statuses = status.containerStatuses ?? [];
    for (let i = statuses.length - 1; i >= 0; i--) {
      const cs = statuses[i]!;
      restarts += cs.restartCount ?? 0;
      lastRestart = laterRestart(lastRestart, cs);
      const terminated = cs.state?.terminated;
      if (cs.state?.waiting?.reason) {
        reason = cs.state.waiting.reason;
      } else if (terminated?.reason) {
        reason = terminated.reason;
      } else if (terminated) {
        reason = terminated.signal
          ? `Signal:${terminated.signal}`
          : `ExitCode:${terminated.exitCode ?? 0}`;
      } else if (cs.ready && cs.state?.running) {
        hasRunning = true;
        readyContainers++;
      }
    }
    // A pod whose last container completed still runs while another container does.
    if (reason === 'Completed' && hasRunning) {
      reason = readyTrue(status.conditions) ? 'Running' : 'NotReady';
    }
  }

  const deleting = Boolean(pod.metadata?.deletionTimestamp);
  if (deleting && status.reason === 'NodeLost') {
    reason = 'Unknown';
  } else if (deleting && phase !== 'Succeeded' && phase !== 'Failed') {
    reason = 'Terminating';
  }

  let restartsText = String(restarts);
  if (restarts !== 0 && lastRestart !== undefined) {
    restartsText = `${restarts} (${humanDuration(now - lastRestart)} ago)`;
  }

  const cells: TableCell[] = [
    pod.metadata?.name ?? '',
    `${readyContainers}/${totalContainers}`,
    reason,
    restartsText,
    since(pod.metadata?.creationTimestamp, now),
  ];
  if (wide) {
    cells.push(
      status.podIPs?.[0]?.ip || '<none>',
      spec?.nodeName || '<none>',
      status.nominatedNodeName || '<none>',
      readinessGates(pod),
    );
  }
  const row: PodRow = { cells };
  if (phase === 'Succeeded') row.conditions = podSucceeded.map((c) => ({ ...c }));
  if (phase === 'Failed') row.conditions = podFailed.map((c) => ({ ...c }));
  return row;
}

/** "<none>", or "N/M": how many readiness gates have a True condition. */
function readinessGates(pod: Pod): string {
  const gates = pod.spec?.readinessGates ?? [];
  if (gates.length === 0) return '<none>';
  let trueConditions = 0;
  for (const gate of gates) {
    const condition = pod.status?.conditions?.find((c) => c.type === gate.conditionType);
    if (condition?.status === 'True') trueConditions++;
  }
  return `${trueConditions}/${gates.length}`;
}
