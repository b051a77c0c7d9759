/**
 * NodeAffinity: spec.nodeSelector and spec.affinity.nodeAffinity, parsed once per pod the way
 * k8s.io/component-helpers/scheduling/corev1/nodeaffinity does. A term that does not parse
 * matches nothing (the scheduler ignores parse errors for backwards compatibility).
 */
import type { Pod } from '../../kube/types.ts';
import type { NodeView, PodInfo, Status } from '../framework.ts';

export const NODE_AFFINITY = 'NodeAffinity';
export const ERR_REASON_POD = "node(s) didn't match Pod's node affinity/selector";
export const ERR_REASON_CONFLICT = 'pod affinity terms conflict';

interface Requirement {
  key: string;
  operator: string;
  values?: string[];
}
interface NodeSelectorTermSpec {
  matchExpressions?: Requirement[];
  matchFields?: Requirement[];
}

/** A parsed term; `undefined` parts were absent (empty lists), and an empty term matches nothing. */
interface Term {
  labels?: Requirement[];
  fields?: Requirement[];
  valid: boolean;
}

export interface RequiredAffinity {
  nodeSelector?: Record<string, string>;
  /** undefined: no required node affinity; otherwise the terms, ORed. */
  terms?: Term[];
  /** The metadata.name values the terms allow (PreFilter), when every term names nodes. */
  nodeNames?: Set<string>;
}

export interface PreferredTerm {
  weight: number;
  term: Term;
}

const INT64 = /^[+-]?\d+$/;
const INT64_MAX = (1n << 63n) - 1n;
const isInt64 = (s: string) =>
  INT64.test(s) && BigInt(s) <= INT64_MAX && BigInt(s) >= -INT64_MAX - 1n;

function validLabelRequirement(r: Requirement): boolean {
  const n = r.values?.length ?? 0;
  switch (r.operator) {
    case 'In':
    case 'NotIn':
      return n > 0;
    case 'Exists':
    case 'DoesNotExist':
      return n === 0;
    case 'Gt':
    case 'Lt':
      return n === 1 && isInt64(r.values![0]!);
    default:
      return false;
  }
}

const validFieldRequirement = (r: Requirement) =>
  r.key === 'metadata.name' &&
  (r.operator === 'In' || r.operator === 'NotIn') &&
  r.values?.length === 1;

function parseTerm(spec: NodeSelectorTermSpec): Term {
  const labels = spec.matchExpressions?.length ? spec.matchExpressions : undefined;
  const fields = spec.matchFields?.length ? spec.matchFields : undefined;
  const valid =
    (labels ?? []).every(validLabelRequirement) && (fields ?? []).every(validFieldRequirement);
  return { labels, fields, valid };
}

function labelMatches(r: Requirement, labels: Record<string, string>): boolean {
  const has = Object.prototype.hasOwnProperty.call(labels, r.key);
  const value = has ? labels[r.key]! : '';
  switch (r.operator) {
    case 'In':
      return has && r.values!.includes(value);
    case 'NotIn':
      return !has || !r.values!.includes(value);
    case 'Exists':
      return has;
    case 'DoesNotExist':
      return !has;
    case 'Gt':
    case 'Lt': {
      if (!has || !isInt64(value)) return false;
      const [a, b] = [BigInt(value), BigInt(r.values![0]!)];
      return r.operator === 'Gt' ? a > b : a < b;
    }
    default:
      return false;
  }
}

function termMatches(term: Term, node: NodeView): boolean {
  if (!term.valid || (!term.labels && !term.fields)) return false;
  if (term.labels && !term.labels.every((r) => labelMatches(r, node.labels))) return false;
  if (term.fields) {
    for (const r of term.fields) {
      const equal = node.name === r.values![0];
      if (r.operator === 'In' ? !equal : equal) return false;
    }
  }
  return true;
}

export function parseRequiredAffinity(pod: Pod): RequiredAffinity {
  const out: RequiredAffinity = {};
  if (pod.spec?.nodeSelector) out.nodeSelector = pod.spec.nodeSelector;
  const required = pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
  if (!required) return out;
  const specs = (required.nodeSelectorTerms ?? []) as NodeSelectorTermSpec[];
  out.terms = specs.map(parseTerm);
  // PreFilter: when every term names nodes with metadata.name In, only those nodes can fit.
  let names: Set<string> | undefined;
  for (const spec of specs) {
    let termNames: Set<string> | undefined;
    for (const r of spec.matchFields ?? []) {
      if (r.key !== 'metadata.name' || r.operator !== 'In') continue;
      const s = new Set(r.values ?? []);
      termNames = termNames ? new Set([...termNames].filter((n) => s.has(n))) : s;
    }
    if (!termNames) return out;
    names = new Set([...(names ?? []), ...termNames]);
  }
  if (names) out.nodeNames = names;
  return out;
}

export function parsePreferredTerms(pod: Pod): PreferredTerm[] {
  const preferred =
    pod.spec?.affinity?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? [];
  return preferred
    .filter((p) => p.weight !== 0)
    .map((p) => ({ weight: p.weight, term: parseTerm(p.preference as NodeSelectorTermSpec) }))
    .filter((p) => p.term.valid && (p.term.labels || p.term.fields));
}

export const hasRequiredAffinity = (a: RequiredAffinity) =>
  a.nodeSelector !== undefined || a.terms !== undefined;

/** RequiredNodeAffinity.Match. */
export function affinityMatches(a: RequiredAffinity, node: NodeView): boolean {
  if (a.nodeSelector) {
    for (const [k, v] of Object.entries(a.nodeSelector)) if (node.labels[k] !== v) return false;
  }
  if (a.terms) return a.terms.some((t) => termMatches(t, node));
  return true;
}

export function affinityFilter(pod: PodInfo, node: NodeView): Status | undefined {
  if (!hasRequiredAffinity(pod.required) || affinityMatches(pod.required, node)) return undefined;
  return { code: 'UnschedulableAndUnresolvable', reasons: [ERR_REASON_POD], plugin: NODE_AFFINITY };
}

/** Raw score: the weights of the preferred terms the node matches. */
export function affinityScore(pod: PodInfo, node: NodeView): number {
  let score = 0;
  for (const p of pod.preferred) if (termMatches(p.term, node)) score += p.weight;
  return score;
}

/** Queue when the node matches now and did not before (or is new). */
export function affinityHint(pod: PodInfo, old: NodeView | undefined, node: NodeView): boolean {
  if (!affinityMatches(pod.required, node)) return false;
  return !old || !affinityMatches(pod.required, old);
}
