/**
 * NodeResourcesFit (filter, LeastAllocated score, queueing hints) and
 * NodeResourcesBalancedAllocation (score), as kube-scheduler v1.33 has them.
 */
import type { NodeInfo, NodeView, PodInfo, Status } from '../framework.ts';
import { emptyResources, type Allocatable, type Resources } from '../resources.ts';

export const NODE_RESOURCES_FIT = 'NodeResourcesFit';
const MAX_NODE_SCORE = 100;

/** fitsRequest: every resource the pod lacks on this node, pods first. */
export function insufficientResources(
  req: Resources,
  alloc: Allocatable,
  used: Resources,
  podCount: number,
): string[] {
  const reasons: string[] = [];
  if (podCount + 1 > alloc.pods) reasons.push('Too many pods');
  if (req.milliCPU === 0 && req.memory === 0 && req.ephemeralStorage === 0 && req.scalar.size === 0)
    return reasons;
  if (req.milliCPU > 0 && req.milliCPU > alloc.milliCPU - used.milliCPU)
    reasons.push('Insufficient cpu');
  if (req.memory > 0 && req.memory > alloc.memory - used.memory)
    reasons.push('Insufficient memory');
  if (
    req.ephemeralStorage > 0 &&
    req.ephemeralStorage > alloc.ephemeralStorage - used.ephemeralStorage
  )
    reasons.push('Insufficient ephemeral-storage');
  // Go walks a map here; sorted names keep our order stable (the message sorts reasons anyway).
  for (const name of [...req.scalar.keys()].sort()) {
    const want = req.scalar.get(name)!;
    if (want === 0) continue;
    if (want > (alloc.scalar.get(name) ?? 0) - (used.scalar.get(name) ?? 0))
      reasons.push(`Insufficient ${name}`);
  }
  return reasons;
}

export function fitFilter(pod: PodInfo, node: NodeInfo): Status | undefined {
  const reasons = insufficientResources(
    pod.res.requests,
    node.allocatable,
    node.requested,
    node.pods.size,
  );
  // v1.33 reports resource shortages as Unschedulable: preemption may help.
  return reasons.length
    ? { code: 'Unschedulable', reasons, plugin: NODE_RESOURCES_FIT }
    : undefined;
}

function leastRequested(requested: number, capacity: number): number {
  if (capacity === 0 || requested > capacity) return 0;
  return Math.trunc(((capacity - requested) * MAX_NODE_SCORE) / capacity);
}

/** LeastAllocated over cpu and memory (weight 1 each), on non-zero requests. */
export function leastAllocatedScore(pod: PodInfo, node: NodeInfo): number {
  let score = 0;
  let weights = 0;
  const pairs: [number, number][] = [
    [node.nonZeroRequested.milliCPU + pod.res.nonZeroMilliCPU, node.allocatable.milliCPU],
    [node.nonZeroRequested.memory + pod.res.nonZeroMemory, node.allocatable.memory],
  ];
  for (const [requested, allocatable] of pairs) {
    if (allocatable === 0) continue;
    score += leastRequested(requested, allocatable);
    weights++;
  }
  return weights === 0 ? 0 : Math.trunc(score / weights);
}

/** BalancedAllocation; undefined when the pod requests nothing (PreScore skips best-effort pods). */
export function balancedAllocationScore(pod: PodInfo, node: NodeInfo): number | undefined {
  const req = pod.res.requests;
  if (req.milliCPU === 0 && req.memory === 0) return undefined;
  const fractions: number[] = [];
  const pairs: [number, number][] = [
    [node.requested.milliCPU + req.milliCPU, node.allocatable.milliCPU],
    [node.requested.memory + req.memory, node.allocatable.memory],
  ];
  for (const [requested, allocatable] of pairs) {
    if (allocatable === 0) continue;
    fractions.push(Math.min(1, requested / allocatable));
  }
  const std = fractions.length === 2 ? Math.abs((fractions[0]! - fractions[1]!) / 2) : 0;
  return Math.trunc((1 - std) * MAX_NODE_SCORE);
}

/** isSchedulableAfterNodeChange: the pod fits the node when empty, and something it needs grew. */
export function fitNodeHint(pod: PodInfo, old: NodeView | undefined, node: NodeView): boolean {
  const req = pod.res.requests;
  if (insufficientResources(req, node.allocatable, emptyResources(), 0).length > 0) return false;
  if (!old) return true;
  const [a, b] = [old.allocatable, node.allocatable];
  if (b.pods > a.pods) return true;
  if (req.milliCPU === 0 && req.memory === 0 && req.ephemeralStorage === 0 && req.scalar.size === 0)
    return false;
  if (req.milliCPU > 0 && b.milliCPU > a.milliCPU) return true;
  if (req.memory > 0 && b.memory > a.memory) return true;
  if (req.ephemeralStorage > 0 && b.ephemeralStorage > a.ephemeralStorage) return true;
  for (const [name, want] of req.scalar) {
    if (want !== 0 && (b.scalar.get(name) ?? 0) > (a.scalar.get(name) ?? 0)) return true;
  }
  return false;
}
