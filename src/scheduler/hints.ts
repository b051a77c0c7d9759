/**
 * Queueing hints (KEP-4247, on by default in v1.33): a cluster event moves an unschedulable pod
 * back to the queue only when a plugin that rejected it registered that event and says the
 * change may help. A pod rejected by no plugin (no nodes, an error) is moved by any event.
 */
import { deepEqual } from '../kube/objects.ts';
import type { NodeView } from './framework.ts';
import { affinityHint, NODE_AFFINITY } from './plugins/nodeAffinity.ts';
import { fitNodeHint, NODE_RESOURCES_FIT } from './plugins/nodeResourcesFit.ts';
import { NODE_UNSCHEDULABLE, unschedulableHint } from './plugins/nodeUnschedulable.ts';
import { TAINT_TOLERATION, taintHint } from './plugins/taintToleration.ts';
import type { QueuedPod } from './queue.ts';
import type { Allocatable } from './resources.ts';

export type NodeChange = 'Taint' | 'Label' | 'Allocatable';

export type ClusterEvent =
  | { type: 'NodeAdd'; node: NodeView }
  | { type: 'NodeUpdate'; old: NodeView; node: NodeView; changes: Set<NodeChange> }
  | { type: 'AssignedPodDelete' };

/**
 * NodeSchedulingPropertiesChange, for what our plugins register. Condition changes count as taint
 * changes: in a cluster the node lifecycle controller turns them into taints.
 */
export function nodeChanges(old: NodeView, node: NodeView): Set<NodeChange> {
  const out = new Set<NodeChange>();
  const becameSchedulable = old.node.spec?.unschedulable === true && !node.node.spec?.unschedulable;
  if (becameSchedulable || !deepEqual(old.taints, node.taints)) out.add('Taint');
  if (!deepEqual(old.labels, node.labels)) out.add('Label');
  if (!sameAllocatable(old.allocatable, node.allocatable)) out.add('Allocatable');
  return out;
}

function sameAllocatable(a: Allocatable, b: Allocatable): boolean {
  return (
    a.milliCPU === b.milliCPU &&
    a.memory === b.memory &&
    a.ephemeralStorage === b.ephemeralStorage &&
    a.pods === b.pods &&
    a.scalar.size === b.scalar.size &&
    [...a.scalar].every(([k, v]) => b.scalar.get(k) === v)
  );
}

/** isPodWorthRequeuing. */
export function worthRequeuing(pod: QueuedPod, event: ClusterEvent): boolean {
  const plugins = pod.unschedulablePlugins;
  if (plugins.size === 0) return true;
  const info = pod.info;
  if ('error' in info) return false;
  if (event.type === 'AssignedPodDelete') return plugins.has(NODE_RESOURCES_FIT);
  const add = event.type === 'NodeAdd';
  const old = add ? undefined : event.old;
  const has = (c: NodeChange) => add || event.changes.has(c);
  return (
    (plugins.has(NODE_UNSCHEDULABLE) && has('Taint') && unschedulableHint(old, event.node)) ||
    (plugins.has(TAINT_TOLERATION) && has('Taint') && taintHint(info, old, event.node)) ||
    (plugins.has(NODE_AFFINITY) && has('Label') && affinityHint(info, old, event.node)) ||
    (plugins.has(NODE_RESOURCES_FIT) && has('Allocatable') && fitNodeHint(info, old, event.node))
  );
}
