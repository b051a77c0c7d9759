/**
 * TaintToleration (filter, score, queueing hint) and the taints the node lifecycle controller
 * derives from node conditions (TaintNodesByCondition), which the playground has no controller for.
 */
import type { Node } from '../../kube/types.ts';
import type { NodeView, PodInfo, Status } from '../framework.ts';

export interface Taint {
  key: string;
  value?: string;
  effect: string;
}
export interface Toleration {
  key?: string;
  operator?: string;
  value?: string;
  effect?: string;
}

export const TAINT_TOLERATION = 'TaintToleration';
export const NOT_READY_TAINT = 'node.kubernetes.io/not-ready';
export const UNREACHABLE_TAINT = 'node.kubernetes.io/unreachable';
export const UNSCHEDULABLE_TAINT = 'node.kubernetes.io/unschedulable';

/**
 * nodeConditionToTaintKeyStatusMap of the node lifecycle controller: the NoSchedule taint a
 * condition in this status brings. A node that reports no Ready condition counts as not ready.
 */
const conditionTaints: [type: string, status: string, key: string][] = [
  ['Ready', 'False', NOT_READY_TAINT],
  ['Ready', 'Unknown', UNREACHABLE_TAINT],
  ['MemoryPressure', 'True', 'node.kubernetes.io/memory-pressure'],
  ['DiskPressure', 'True', 'node.kubernetes.io/disk-pressure'],
  ['NetworkUnavailable', 'True', 'node.kubernetes.io/network-unavailable'],
  ['PIDPressure', 'True', 'node.kubernetes.io/pid-pressure'],
];

/** The node's taints as a real cluster would show them: spec taints, then condition taints. */
export function effectiveTaints(node: Node): Taint[] {
  const taints: Taint[] = (node.spec?.taints ?? []).map((t) => ({
    key: t.key,
    value: t.value,
    effect: t.effect,
  }));
  const conditions = node.status?.conditions ?? [];
  const statusOf = (type: string) => conditions.find((c) => c.type === type)?.status;
  const derived: string[] = [];
  if (statusOf('Ready') === undefined) derived.push(NOT_READY_TAINT);
  for (const [type, status, key] of conditionTaints)
    if (statusOf(type) === status) derived.push(key);
  for (const key of derived) {
    if (!taints.some((t) => t.key === key && t.effect === 'NoSchedule')) {
      taints.push({ key, effect: 'NoSchedule' });
    }
  }
  return taints;
}

/** v1.Toleration.ToleratesTaint. */
export function toleratesTaint(t: Toleration, taint: Taint): boolean {
  if (t.effect && t.effect !== taint.effect) return false;
  if (t.key && t.key !== taint.key) return false;
  switch (t.operator ?? '') {
    case '':
    case 'Equal':
      return (t.value ?? '') === (taint.value ?? '');
    case 'Exists':
      return true;
    default:
      return false;
  }
}

export const tolerates = (tolerations: Toleration[], taint: Taint): boolean =>
  tolerations.some((t) => toleratesTaint(t, taint));

/** The first NoSchedule or NoExecute taint the pod does not tolerate, in the node's order. */
export function untoleratedTaint(taints: Taint[], tolerations: Toleration[]): Taint | undefined {
  return taints.find(
    (t) => (t.effect === 'NoSchedule' || t.effect === 'NoExecute') && !tolerates(tolerations, t),
  );
}

export function taintFilter(pod: PodInfo, node: NodeView): Status | undefined {
  const taint = untoleratedTaint(node.taints, pod.tolerations);
  if (!taint) return undefined;
  return {
    code: 'UnschedulableAndUnresolvable',
    reasons: [`node(s) had untolerated taint {${taint.key}: ${taint.value ?? ''}}`],
    plugin: TAINT_TOLERATION,
  };
}

/** Raw score: PreferNoSchedule taints the pod does not tolerate (normalised in reverse). */
export function taintScore(pod: PodInfo, node: NodeView): number {
  const tolerations = pod.tolerations.filter((t) => !t.effect || t.effect === 'PreferNoSchedule');
  return node.taints.filter((t) => t.effect === 'PreferNoSchedule' && !tolerates(tolerations, t))
    .length;
}

/** isSchedulableAfterNodeChange: queue when the node went from untolerated to tolerated. */
export function taintHint(pod: PodInfo, old: NodeView | undefined, node: NodeView): boolean {
  const wasUntolerated = !old || untoleratedTaint(old.taints, pod.tolerations) !== undefined;
  return wasUntolerated && untoleratedTaint(node.taints, pod.tolerations) === undefined;
}
