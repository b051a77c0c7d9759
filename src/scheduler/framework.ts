/**
 * One scheduling attempt, as kube-scheduler's framework runs the default profile's plugins:
 * PreFilter (NodeAffinity's node names), Filter in plugin order (NodeUnschedulable,
 * TaintToleration, NodeAffinity, NodeResourcesFit; the first rejection decides a node), then
 * Score (TaintToleration ×3, NodeAffinity ×2, NodeResourcesFit ×1, BalancedAllocation ×1).
 */
import { objectKey } from '../kube/objects.ts';
import type { Node, Pod } from '../kube/types.ts';
import {
  affinityFilter,
  affinityScore,
  ERR_REASON_CONFLICT,
  NODE_AFFINITY,
  parsePreferredTerms,
  parseRequiredAffinity,
  type PreferredTerm,
  type RequiredAffinity,
} from './plugins/nodeAffinity.ts';
import {
  balancedAllocationScore,
  fitFilter,
  leastAllocatedScore,
} from './plugins/nodeResourcesFit.ts';
import { unschedulableFilter } from './plugins/nodeUnschedulable.ts';
import { taintFilter, taintScore, type Taint, type Toleration } from './plugins/taintToleration.ts';
import { podResources, type Allocatable, type PodResources, type Resources } from './resources.ts';

export type Code = 'Unschedulable' | 'UnschedulableAndUnresolvable';

/** A plugin's verdict on a node. */
export interface Status {
  code: Code;
  reasons: string[];
  plugin: string;
}

/** What the scheduler knows of a node that filters and hints look at. */
export interface NodeView {
  name: string;
  node: Node;
  labels: Record<string, string>;
  /** spec.taints plus the taints node conditions imply. */
  taints: Taint[];
  allocatable: Allocatable;
}

/** A pod the scheduler counts on a node. */
export interface PodEntry {
  key: string;
  nodeName: string;
  res: PodResources;
  priority: number;
  /** Bound by us and not yet seen bound in the watch. */
  assumed: boolean;
}

/** NodeView plus what is already placed there. */
export interface NodeInfo extends NodeView {
  requested: Resources;
  nonZeroRequested: { milliCPU: number; memory: number };
  pods: Map<string, PodEntry>;
}

/** The pending pod, parsed once. */
export interface PodInfo {
  pod: Pod;
  key: string;
  res: PodResources;
  tolerations: Toleration[];
  required: RequiredAffinity;
  preferred: PreferredTerm[];
  priority: number;
}

export interface Diagnosis {
  /** Explicit verdicts; nodes missing here take `absent`. */
  nodeToStatus: Map<string, Status>;
  absent?: Status;
  unschedulablePlugins: Set<string>;
  preFilterMsg: string;
  postFilterMsg: string;
}

export type ScheduleResult =
  | { kind: 'Feasible'; node: NodeInfo }
  | { kind: 'NoNodes' }
  | { kind: 'FitError'; numAllNodes: number; diagnosis: Diagnosis };

/** The scheduler's key of a pod: the API server's and the informers' (`namespace/name`). */
export const podKey: (pod: Pod) => string = objectKey;

/** @throws ResourceError when a quantity in the pod does not parse */
export function makePodInfo(pod: Pod): PodInfo {
  return {
    pod,
    key: podKey(pod),
    res: podResources(pod),
    tolerations: (pod.spec?.tolerations ?? []) as Toleration[],
    required: parseRequiredAffinity(pod),
    preferred: parsePreferredTerms(pod),
    priority: pod.spec?.priority ?? 0,
  };
}

/** RunFilterPlugins: the first plugin that rejects decides. */
export function runFilters(pod: PodInfo, node: NodeInfo): Status | undefined {
  return (
    unschedulableFilter(pod, node) ??
    taintFilter(pod, node) ??
    affinityFilter(pod, node) ??
    fitFilter(pod, node)
  );
}

/** findNodesThatFitPod: PreFilter, then Filter on every candidate node. */
export function findNodesThatFit(
  pod: PodInfo,
  nodes: NodeInfo[],
): { feasible: NodeInfo[]; diagnosis: Diagnosis } {
  const diagnosis: Diagnosis = {
    nodeToStatus: new Map(),
    unschedulablePlugins: new Set(),
    preFilterMsg: '',
    postFilterMsg: '',
  };
  let candidates = nodes;
  const names = pod.required.nodeNames;
  if (names) {
    diagnosis.unschedulablePlugins.add(NODE_AFFINITY);
    if (names.size === 0) {
      const status: Status = {
        code: 'UnschedulableAndUnresolvable',
        reasons: [ERR_REASON_CONFLICT],
        plugin: NODE_AFFINITY,
      };
      diagnosis.absent = status;
      diagnosis.preFilterMsg = ERR_REASON_CONFLICT;
      return { feasible: [], diagnosis };
    }
    candidates = nodes.filter((n) => names.has(n.name));
    diagnosis.absent = {
      code: 'UnschedulableAndUnresolvable',
      reasons: [`node(s) didn't satisfy plugin(s) [${NODE_AFFINITY}]`],
      plugin: NODE_AFFINITY,
    };
  }
  const feasible: NodeInfo[] = [];
  for (const node of candidates) {
    const status = runFilters(pod, node);
    if (!status) feasible.push(node);
    else {
      diagnosis.nodeToStatus.set(node.name, status);
      diagnosis.unschedulablePlugins.add(status.plugin);
    }
  }
  return { feasible, diagnosis };
}

/** DefaultNormalizeScore with MaxNodeScore 100. */
function normalize(scores: number[], reverse: boolean): number[] {
  const max = Math.max(0, ...scores);
  if (max === 0) return scores.map(() => (reverse ? 100 : 0));
  return scores.map((s) => {
    const n = Math.trunc((100 * s) / max);
    return reverse ? 100 - n : n;
  });
}

/**
 * Scores the feasible nodes and picks the best. kube-scheduler breaks ties at random; we take
 * the first name in order so runs repeat.
 */
export function selectHost(pod: PodInfo, feasible: NodeInfo[]): NodeInfo {
  if (feasible.length === 1) return feasible[0]!;
  const taint = normalize(
    feasible.map((n) => taintScore(pod, n)),
    true,
  );
  const affinity =
    pod.preferred.length > 0
      ? normalize(
          feasible.map((n) => affinityScore(pod, n)),
          false,
        )
      : feasible.map(() => 0);
  let best = feasible[0]!;
  let bestScore = -1;
  feasible.forEach((node, i) => {
    const score =
      3 * taint[i]! +
      2 * affinity[i]! +
      leastAllocatedScore(pod, node) +
      (balancedAllocationScore(pod, node) ?? 0);
    if (score > bestScore || (score === bestScore && node.name < best.name)) {
      best = node;
      bestScore = score;
    }
  });
  return best;
}

/** schedulePod: no nodes at all, a fit error, or the host to bind to. */
export function schedulePod(pod: PodInfo, nodes: NodeInfo[]): ScheduleResult {
  if (nodes.length === 0) return { kind: 'NoNodes' };
  const { feasible, diagnosis } = findNodesThatFit(pod, nodes);
  if (feasible.length === 0) return { kind: 'FitError', numAllNodes: nodes.length, diagnosis };
  return { kind: 'Feasible', node: selectHost(pod, feasible) };
}
