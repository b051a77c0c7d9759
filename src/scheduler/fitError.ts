/**
 * The text of a scheduling failure, as kube-scheduler v1.33 writes it into the FailedScheduling
 * event and the PodScheduled condition: FitError.Error() plus DefaultPreemption's PostFilter
 * message, e.g. "0/1 nodes are available: 1 node(s) had untolerated taint {k: v}. preemption:
 * 0/1 nodes are available: 1 Preemption is not helpful for scheduling."
 */
import {
  runFilters,
  type Diagnosis,
  type NodeInfo,
  type PodInfo,
  type Status,
} from './framework.ts';
import { addResources } from './resources.ts';

export const NO_NODES_AVAILABLE = 'no nodes available to schedule pods';
// validation.NoteLengthLimit: events carry at most this much of the message.
const NOTE_LENGTH_LIMIT = 1024;

/** FitError.Error(): "0/N nodes are available: <PreFilterMsg>. <counted reasons>. <PostFilterMsg>" */
export function fitErrorMessage(numAllNodes: number, d: Diagnosis): string {
  let msg = `0/${numAllNodes} nodes are available:`;
  if (d.preFilterMsg) {
    msg += ` ${d.preFilterMsg}.`;
  } else {
    const counts = new Map<string, number>();
    for (const status of d.nodeToStatus.values()) {
      for (const r of status.reasons) counts.set(r, (counts.get(r) ?? 0) + 1);
    }
    const absent = numAllNodes - d.nodeToStatus.size;
    if (absent > 0 && d.absent) {
      for (const r of d.absent.reasons) counts.set(r, (counts.get(r) ?? 0) + absent);
    }
    // Go formats "%v %v" and sorts the strings: "10 Insufficient cpu" sorts before "2 ...".
    const parts = [...counts].map(([reason, n]) => `${n} ${reason}`).sort(byteOrder);
    if (parts.length > 0) msg += ` ${parts.join(', ')}.`;
  }
  if (d.postFilterMsg) msg += ` ${d.postFilterMsg}`;
  return msg;
}

const byteOrder = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** truncateMessage: the event note limit, with " ..." where it was cut. */
export function truncateMessage(message: string): string {
  if (message.length <= NOTE_LENGTH_LIMIT) return message;
  return `${message.slice(0, NOTE_LENGTH_LIMIT - 4)} ...`;
}

const unresolvable = (reason: string): Status => ({
  code: 'UnschedulableAndUnresolvable',
  reasons: [reason],
  plugin: 'DefaultPreemption',
});

/**
 * DefaultPreemption.PostFilter's message for a pod that fits nowhere. Only nodes that rejected
 * the pod as plain Unschedulable (resource shortage) are candidates; on those, the pods of lower
 * priority are the possible victims. We compute the verdict but never evict: when removing the
 * victims would make room, kube-scheduler would preempt them, and the message is empty.
 */
export function preemptionMessage(pod: PodInfo, nodes: NodeInfo[], d: Diagnosis): string {
  if (pod.pod.spec?.preemptionPolicy === 'Never') {
    return 'preemption: not eligible due to preemptionPolicy=Never.';
  }
  const statuses = new Map<string, Status>();
  let candidates = 0;
  for (const node of nodes) {
    const status = d.nodeToStatus.get(node.name) ?? d.absent;
    if (!status || status.code === 'UnschedulableAndUnresolvable') {
      statuses.set(node.name, unresolvable('Preemption is not helpful for scheduling'));
      continue;
    }
    const victims = [...node.pods.values()].filter((p) => p.priority < pod.priority);
    if (victims.length === 0) {
      statuses.set(node.name, unresolvable('No preemption victims found for incoming pod'));
      continue;
    }
    const without: NodeInfo = {
      ...node,
      requested: { ...node.requested, scalar: new Map(node.requested.scalar) },
      pods: new Map(node.pods),
    };
    for (const v of victims) {
      addResources(without.requested, v.res.requests, -1);
      without.pods.delete(v.key);
    }
    const after = runFilters(pod, without);
    if (after) statuses.set(node.name, after);
    else candidates++;
  }
  if (candidates > 0) return '';
  const inner: Diagnosis = {
    nodeToStatus: statuses,
    absent: unresolvable('Preemption is not helpful for scheduling'),
    unschedulablePlugins: new Set(),
    preFilterMsg: '',
    postFilterMsg: '',
  };
  return `preemption: ${fitErrorMessage(nodes.length, inner)}`;
}
