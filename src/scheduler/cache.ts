/**
 * The scheduler's picture of the cluster, kept up to date from the watch, never by listing:
 * each node's allocatable and what the pods bound (or being bound) there request.
 * A pod bound to a node we have not seen yet is counted on a placeholder until it appears.
 */
import type { Node } from '../kube/types.ts';
import type { NodeInfo, NodeView, PodEntry } from './framework.ts';
import { effectiveTaints } from './plugins/taintToleration.ts';
import { addResources, emptyResources, nodeAllocatable } from './resources.ts';

export function makeNodeView(node: Node): NodeView {
  return {
    name: node.metadata?.name ?? '',
    node,
    labels: node.metadata?.labels ?? {},
    taints: effectiveTaints(node),
    allocatable: nodeAllocatable(node),
  };
}

interface Slot {
  info: NodeInfo;
  exists: boolean;
}

export class ClusterCache {
  readonly #slots = new Map<string, Slot>();
  readonly #pods = new Map<string, PodEntry>();
  #sorted: NodeInfo[] | undefined;

  /** Nodes that exist, by name. */
  nodes(): NodeInfo[] {
    this.#sorted ??= [...this.#slots.values()]
      .filter((s) => s.exists)
      .map((s) => s.info)
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    return this.#sorted;
  }

  node(name: string): NodeInfo | undefined {
    const slot = this.#slots.get(name);
    return slot?.exists ? slot.info : undefined;
  }

  /** Adds or updates a node; returns the view it had before, if it existed. */
  setNode(node: Node): NodeView | undefined {
    const view = makeNodeView(node);
    const slot = this.#slots.get(view.name);
    const old = slot?.exists ? viewOf(slot.info) : undefined;
    if (slot) {
      Object.assign(slot.info, view);
      if (!slot.exists) this.#sorted = undefined;
      slot.exists = true;
    } else {
      this.#slots.set(view.name, { info: this.#emptyInfo(view), exists: true });
      this.#sorted = undefined;
    }
    return old;
  }

  removeNode(name: string): void {
    const slot = this.#slots.get(name);
    if (!slot) return;
    if (slot.info.pods.size === 0) this.#slots.delete(name);
    else slot.exists = false;
    this.#sorted = undefined;
  }

  pod(key: string): PodEntry | undefined {
    return this.#pods.get(key);
  }

  /** Counts a pod on its node (replacing where it was counted before). */
  addPod(entry: PodEntry): void {
    this.removePod(entry.key);
    let slot = this.#slots.get(entry.nodeName);
    if (!slot) {
      const placeholder: Node = { metadata: { name: entry.nodeName } };
      slot = { info: this.#emptyInfo(makeNodeView(placeholder)), exists: false };
      this.#slots.set(entry.nodeName, slot);
    }
    const info = slot.info;
    info.pods.set(entry.key, entry);
    addResources(info.requested, entry.res.requests, 1);
    info.nonZeroRequested.milliCPU += entry.res.nonZeroMilliCPU;
    info.nonZeroRequested.memory += entry.res.nonZeroMemory;
    this.#pods.set(entry.key, entry);
  }

  removePod(key: string): PodEntry | undefined {
    const entry = this.#pods.get(key);
    if (!entry) return undefined;
    this.#pods.delete(key);
    const slot = this.#slots.get(entry.nodeName);
    if (slot) {
      const info = slot.info;
      info.pods.delete(key);
      addResources(info.requested, entry.res.requests, -1);
      info.nonZeroRequested.milliCPU -= entry.res.nonZeroMilliCPU;
      info.nonZeroRequested.memory -= entry.res.nonZeroMemory;
      if (!slot.exists && info.pods.size === 0) this.#slots.delete(entry.nodeName);
    }
    return entry;
  }

  #emptyInfo(view: NodeView): NodeInfo {
    return {
      ...view,
      requested: emptyResources(),
      nonZeroRequested: { milliCPU: 0, memory: 0 },
      pods: new Map(),
    };
  }
}

const viewOf = (info: NodeInfo): NodeView => ({
  name: info.name,
  node: info.node,
  labels: info.labels,
  taints: info.taints,
  allocatable: info.allocatable,
});
