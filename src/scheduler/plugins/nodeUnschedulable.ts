/** NodeUnschedulable: a cordoned node (spec.unschedulable) takes only pods that tolerate it. */
import type { NodeView, PodInfo, Status } from '../framework.ts';
import { tolerates, UNSCHEDULABLE_TAINT } from './taintToleration.ts';

export const NODE_UNSCHEDULABLE = 'NodeUnschedulable';

export function unschedulableFilter(pod: PodInfo, node: NodeView): Status | undefined {
  if (!node.node.spec?.unschedulable) return undefined;
  if (tolerates(pod.tolerations, { key: UNSCHEDULABLE_TAINT, effect: 'NoSchedule' }))
    return undefined;
  return {
    code: 'UnschedulableAndUnresolvable',
    reasons: ['node(s) were unschedulable'],
    plugin: NODE_UNSCHEDULABLE,
  };
}

/** Queue when a node is added schedulable, or goes from unschedulable to schedulable. */
export function unschedulableHint(old: NodeView | undefined, node: NodeView): boolean {
  const now = node.node.spec?.unschedulable === true;
  if (!old) return !now;
  return old.node.spec?.unschedulable === true && !now;
}
