/**
 * What a pod asks of a node and what a node offers, in the units kube-scheduler keeps them:
 * cpu in millicores, memory and the rest in bytes (or units), each rounded up as
 * Quantity.MilliValue()/Value() round. Pod requests follow k8s.io/component-helpers
 * PodRequests (v1.33): regular containers add up, init containers run one at a time, and
 * restartable init containers (sidecars, KEP-753) keep running and add to what follows them.
 */
import {
  addQuantities,
  compareQuantities,
  parseQuantity,
  quantityMilliValue,
  quantityValue,
  QuantityParseError,
  type Quantity,
} from '../kube/quantity.ts';
import type { Container, Node, Pod } from '../kube/types.ts';

/** Resource amounts: cpu in millicores, everything else in its base unit. */
export interface Resources {
  milliCPU: number;
  memory: number;
  ephemeralStorage: number;
  /** Extended, hugepages and other domain-prefixed resources, by name. */
  scalar: Map<string, number>;
}

export interface Allocatable extends Resources {
  pods: number;
}

export interface PodResources {
  requests: Resources;
  /** Requests with 100m cpu / 200Mi memory for containers that set none (scoring only). */
  nonZeroMilliCPU: number;
  nonZeroMemory: number;
}

/** A quantity in a pod or node that does not parse; the message names the field. */
export class ResourceError extends Error {
  override name = 'ResourceError';
}

// schedutil.DefaultMilliCPURequest and DefaultMemoryRequest.
const DEFAULT_MILLI_CPU_REQUEST = 100;
const DEFAULT_MEMORY_REQUEST = 200 * 1024 * 1024;

type ResourceList = Map<string, Quantity>;

export const emptyResources = (): Resources => ({
  milliCPU: 0,
  memory: 0,
  ephemeralStorage: 0,
  scalar: new Map(),
});

/** schedutil.IsScalarResourceName: extended, hugepages-*, attachable-volumes-*, prefixed native. */
export const isScalarResource = (name: string): boolean =>
  name.includes('/') || name.startsWith('hugepages-') || name.startsWith('attachable-volumes-');

function parseList(list: Record<string, unknown> | undefined, path: string): ResourceList {
  const out: ResourceList = new Map();
  for (const [name, value] of Object.entries(list ?? {})) {
    out.set(name, parse(value, `${path}[${name}]`));
  }
  return out;
}

function parse(value: unknown, path: string): Quantity {
  const text = typeof value === 'number' ? String(value) : value;
  if (typeof text !== 'string')
    throw new ResourceError(`${path}: expected a quantity, got ${JSON.stringify(value)}`);
  try {
    return parseQuantity(text);
  } catch (e) {
    if (e instanceof QuantityParseError)
      throw new ResourceError(`${path}: "${text}": ${e.message}`);
    throw e;
  }
}

/** A container's requests after API defaulting: a limit with no request is the request. */
function containerRequests(c: Container, path: string, nonMissing: boolean): ResourceList {
  const requests = parseList(
    c.resources?.requests as Record<string, unknown>,
    `${path}.resources.requests`,
  );
  const limits = parseList(
    c.resources?.limits as Record<string, unknown>,
    `${path}.resources.limits`,
  );
  for (const [name, q] of limits) if (!requests.has(name)) requests.set(name, q);
  if (nonMissing) {
    if (!requests.has('cpu')) requests.set('cpu', parseQuantity(`${DEFAULT_MILLI_CPU_REQUEST}m`));
    if (!requests.has('memory'))
      requests.set('memory', parseQuantity(String(DEFAULT_MEMORY_REQUEST)));
  }
  return requests;
}

function addInto(into: ResourceList, from: ResourceList): void {
  for (const [name, q] of from) {
    const cur = into.get(name);
    into.set(name, cur ? addQuantities(cur, q) : q);
  }
}

function maxInto(into: ResourceList, from: ResourceList): void {
  for (const [name, q] of from) {
    const cur = into.get(name);
    if (!cur || compareQuantities(q, cur) > 0) into.set(name, q);
  }
}

/** AggregateContainerRequests + overhead, as PodRequests computes them. */
function aggregate(pod: Pod, nonMissing: boolean): ResourceList {
  const spec = pod.spec;
  const reqs: ResourceList = new Map();
  (spec?.containers ?? []).forEach((c, i) =>
    addInto(reqs, containerRequests(c, `spec.containers[${i}]`, nonMissing)),
  );
  const sidecars: ResourceList = new Map();
  const initMax: ResourceList = new Map();
  (spec?.initContainers ?? []).forEach((c, i) => {
    const own = containerRequests(c, `spec.initContainers[${i}]`, nonMissing);
    if (c.restartPolicy === 'Always') {
      // A sidecar keeps running next to the app containers and every later init container.
      addInto(reqs, own);
      addInto(sidecars, own);
      maxInto(initMax, sidecars);
    } else {
      const use: ResourceList = new Map();
      addInto(use, own);
      addInto(use, sidecars);
      maxInto(initMax, use);
    }
  });
  maxInto(reqs, initMax);
  if (spec?.overhead)
    addInto(reqs, parseList(spec.overhead as Record<string, unknown>, 'spec.overhead'));
  return reqs;
}

function toResources(list: ResourceList): Resources {
  const r = emptyResources();
  for (const [name, q] of list) {
    if (name === 'cpu') r.milliCPU = quantityMilliValue(q);
    else if (name === 'memory') r.memory = quantityValue(q);
    else if (name === 'ephemeral-storage') r.ephemeralStorage = quantityValue(q);
    else if (isScalarResource(name)) r.scalar.set(name, quantityValue(q));
  }
  return r;
}

/**
 * The pod's requests for filtering, and its non-zero requests for scoring.
 * @throws ResourceError naming the field when a quantity does not parse
 */
export function podResources(pod: Pod): PodResources {
  const requests = toResources(aggregate(pod, false));
  const nonZero = toResources(aggregate(pod, true));
  return { requests, nonZeroMilliCPU: nonZero.milliCPU, nonZeroMemory: nonZero.memory };
}

/** Node.status.allocatable as NodeInfo.Allocatable; a quantity that does not parse counts 0. */
export function nodeAllocatable(node: Node): Allocatable {
  const out: Allocatable = { ...emptyResources(), pods: 0 };
  for (const [name, value] of Object.entries(node.status?.allocatable ?? {})) {
    let q: Quantity;
    try {
      q = parse(value, `status.allocatable[${name}]`);
    } catch {
      continue;
    }
    if (name === 'cpu') out.milliCPU = quantityMilliValue(q);
    else if (name === 'memory') out.memory = quantityValue(q);
    else if (name === 'ephemeral-storage') out.ephemeralStorage = quantityValue(q);
    else if (name === 'pods') out.pods = quantityValue(q);
    else if (isScalarResource(name)) out.scalar.set(name, quantityValue(q));
  }
  return out;
}

export function addResources(into: Resources, r: Resources, sign: 1 | -1): void {
  into.milliCPU += sign * r.milliCPU;
  into.memory += sign * r.memory;
  into.ephemeralStorage += sign * r.ephemeralStorage;
  for (const [name, v] of r.scalar) {
    const next = (into.scalar.get(name) ?? 0) + sign * v;
    if (next === 0) into.scalar.delete(name);
    else into.scalar.set(name, next);
  }
}
