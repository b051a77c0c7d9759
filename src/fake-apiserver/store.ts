/**
 * The storage layer: frozen objects by resource, namespace and name; one global resourceVersion
 * counter (etcd's revision); a bounded change history per resource for watches that resume from a
 * resourceVersion; and the watchers, each fed in commit order.
 */
import {
  writableMeta,
  type KubeObject,
  type ResourceName,
  type WatchEvent,
} from '../kube/types.ts';
import { deepFreeze } from '../kube/objects.ts';

export type ChangeType = 'ADDED' | 'MODIFIED' | 'DELETED';

export interface Change {
  rv: number;
  type: ChangeType;
  /** The object after the change (for DELETED: its last state, carrying the deletion's RV). */
  obj: KubeObject;
  /** The object before the change (absent for ADDED). */
  prev?: KubeObject;
}

/** A bounded FIFO of changes; remembers the newest RV it has dropped. */
class History {
  #items: Change[] = [];
  #head = 0;
  /** RV of the newest change dropped; watches must start at or after it. 0: nothing dropped. */
  droppedThrough = 0;
  constructor(private readonly capacity: number) {}

  push(change: Change): void {
    this.#items.push(change);
    if (this.#items.length - this.#head > this.capacity) this.#drop();
  }

  dropThrough(rv: number): void {
    while (this.#head < this.#items.length && this.#items[this.#head]!.rv <= rv) this.#drop();
    this.droppedThrough = Math.max(this.droppedThrough, rv);
  }

  #drop(): void {
    this.droppedThrough = this.#items[this.#head]!.rv;
    this.#items[this.#head++] = undefined as unknown as Change;
    if (this.#head > 1024 && this.#head * 2 > this.#items.length) {
      this.#items = this.#items.slice(this.#head);
      this.#head = 0;
    }
  }

  oldestRv(): number | undefined {
    return this.#items[this.#head]?.rv;
  }

  /** Changes with rv > after, oldest first. */
  since(after: number): Change[] {
    const out: Change[] = [];
    for (let i = this.#items.length - 1; i >= this.#head; i--) {
      const c = this.#items[i]!;
      if (c.rv <= after) break;
      out.push(c);
    }
    return out.reverse();
  }
}

export interface WatcherSpec {
  resource: ResourceName;
  matches(obj: KubeObject): boolean;
  onEvent(event: WatchEvent): void;
}

export interface Watcher extends WatcherSpec {
  queue: WatchEvent[];
  stopped: boolean;
}

export class Store {
  rv = 0;
  readonly #objects = new Map<ResourceName, Map<string, Map<string, KubeObject>>>();
  readonly #history = new Map<ResourceName, History>();
  readonly #watchers = new Map<ResourceName, Set<Watcher>>();
  readonly #pending = new Set<Watcher>();
  #flushScheduled = false;

  constructor(
    private readonly historyCapacity: number,
    private readonly onHandlerError: (error: unknown) => void,
  ) {}

  get(resource: ResourceName, namespace: string, name: string): KubeObject | undefined {
    return this.#objects.get(resource)?.get(namespace)?.get(name);
  }

  /** Objects of a resource (in one namespace, or all), sorted by namespace then name. */
  list(resource: ResourceName, namespace?: string): KubeObject[] {
    const byNs = this.#objects.get(resource);
    if (!byNs) return [];
    const spaces = namespace !== undefined ? [namespace] : [...byNs.keys()].sort();
    const out: KubeObject[] = [];
    for (const ns of spaces) {
      const names = byNs.get(ns);
      if (!names) continue;
      const sorted = [...names.keys()].sort();
      for (const n of sorted) out.push(names.get(n)!);
    }
    return out;
  }

  count(resource: ResourceName, namespace?: string): number {
    const byNs = this.#objects.get(resource);
    if (!byNs) return 0;
    if (namespace !== undefined) return byNs.get(namespace)?.size ?? 0;
    let n = 0;
    for (const names of byNs.values()) n += names.size;
    return n;
  }

  /** Every stored object by resource, for a snapshot (they are frozen: callers must not write). */
  entries(): [ResourceName, KubeObject[]][] {
    return [...this.#objects.keys()].sort().map((r) => [r, this.list(r)]);
  }

  /**
   * Loads objects as they were (their resourceVersions kept) and sets the revision to `rv`, on an
   * empty store. No history survives: a watch from an older resourceVersion gets 410 Expired, as
   * after an etcd restore.
   */
  load(rv: number, entries: Iterable<[ResourceName, KubeObject]>): void {
    if (this.rv !== 0) throw new Error('Store.load needs an empty store');
    for (const [resource, obj] of entries) {
      const meta = obj.metadata ?? {};
      let byNs = this.#objects.get(resource);
      if (!byNs) this.#objects.set(resource, (byNs = new Map()));
      const ns = meta.namespace ?? '';
      let names = byNs.get(ns);
      if (!names) byNs.set(ns, (names = new Map()));
      names.set(meta.name ?? '', deepFreeze(obj));
      this.#historyOf(resource);
    }
    this.rv = rv;
    for (const name of this.#knownResources()) this.#historyOf(name).dropThrough(rv);
  }

  /** Stores `obj` (frozen here) under a fresh resourceVersion and notifies watchers. */
  commit(resource: ResourceName, type: ChangeType, obj: KubeObject, prev?: KubeObject): KubeObject {
    const rv = ++this.rv;
    const meta = writableMeta(obj);
    meta.resourceVersion = String(rv);
    // Callers hand over fresh objects (copies, or admission's encoded form): objects rewritten
    // in place are slow for V8 to walk, and every later read copies this one.
    const frozen = deepFreeze(obj);
    const ns = meta.namespace ?? '';
    const name = meta.name ?? '';
    let byNs = this.#objects.get(resource);
    if (!byNs) this.#objects.set(resource, (byNs = new Map()));
    let names = byNs.get(ns);
    if (!names) byNs.set(ns, (names = new Map()));
    if (type === 'DELETED') {
      names.delete(name);
      if (names.size === 0) byNs.delete(ns);
    } else names.set(name, frozen);

    const change: Change = prev ? { rv, type, obj: frozen, prev } : { rv, type, obj: frozen };
    this.#historyOf(resource).push(change);
    const watchers = this.#watchers.get(resource);
    if (watchers) for (const w of watchers) this.#offer(w, change);
    return frozen;
  }

  #historyOf(resource: ResourceName): History {
    let h = this.#history.get(resource);
    if (!h) this.#history.set(resource, (h = new History(this.historyCapacity)));
    return h;
  }

  /** Drops history up to and including `rv` for every resource, as etcd compaction does. */
  compact(rv: number): void {
    for (const name of this.#knownResources()) this.#historyOf(name).dropThrough(rv);
  }

  #knownResources(): ResourceName[] {
    return [...new Set([...this.#history.keys(), ...this.#objects.keys()])];
  }

  /**
   * Whether a watch may resume from `rv`: undefined when it may, else the oldest RV it could
   * have used (for the 410 message "too old resource version: X (Y)").
   */
  tooOld(resource: ResourceName, rv: number): number | undefined {
    const h = this.#historyOf(resource);
    if (h.droppedThrough === 0 || rv >= h.droppedThrough) return undefined;
    return (h.oldestRv() ?? this.rv + 1) - 1;
  }

  changesSince(resource: ResourceName, rv: number): Change[] {
    return this.#historyOf(resource).since(rv);
  }

  addWatcher(spec: WatcherSpec, initial: WatchEvent[]): Watcher {
    const w: Watcher = { ...spec, queue: initial, stopped: false };
    let set = this.#watchers.get(spec.resource);
    if (!set) this.#watchers.set(spec.resource, (set = new Set()));
    set.add(w);
    if (initial.length > 0) this.#schedule(w);
    return w;
  }

  removeWatcher(w: Watcher): void {
    w.stopped = true;
    w.queue = [];
    this.#watchers.get(w.resource)?.delete(w);
    this.#pending.delete(w);
  }

  watcherCount(resource?: ResourceName): number {
    if (resource) return this.#watchers.get(resource)?.size ?? 0;
    let n = 0;
    for (const s of this.#watchers.values()) n += s.size;
    return n;
  }

  /** Queues a raw event (a bookmark) for one watcher. */
  send(w: Watcher, event: WatchEvent): void {
    if (w.stopped) return;
    w.queue.push(event);
    this.#schedule(w);
  }

  /** Turns a change into what this watcher sees, honouring its selectors (as the watch cache does). */
  #offer(w: Watcher, change: Change): void {
    const now = change.type !== 'DELETED' && w.matches(change.obj);
    const before = change.prev !== undefined && w.matches(change.prev);
    let event: WatchEvent | undefined;
    if (change.type === 'DELETED') {
      if (w.matches(change.obj)) event = { type: 'DELETED', object: change.obj };
    } else if (now && before) event = { type: 'MODIFIED', object: change.obj };
    else if (now) event = { type: 'ADDED', object: change.obj };
    else if (before) event = { type: 'DELETED', object: change.obj };
    if (event) {
      w.queue.push(event);
      this.#schedule(w);
    }
  }

  /** The same translation for replayed history. */
  replay(w: WatcherSpec, changes: Change[]): WatchEvent[] {
    const out: WatchEvent[] = [];
    for (const change of changes) {
      const now = change.type !== 'DELETED' && w.matches(change.obj);
      const before = change.prev !== undefined && w.matches(change.prev);
      if (change.type === 'DELETED') {
        if (w.matches(change.obj)) out.push({ type: 'DELETED', object: change.obj });
      } else if (now && before) out.push({ type: 'MODIFIED', object: change.obj });
      else if (now) out.push({ type: 'ADDED', object: change.obj });
      else if (before) out.push({ type: 'DELETED', object: change.obj });
    }
    return out;
  }

  #schedule(w: Watcher): void {
    this.#pending.add(w);
    if (!this.#flushScheduled) {
      this.#flushScheduled = true;
      void Promise.resolve().then(() => this.#flush());
    }
  }

  /** Delivers queued events, each watcher's in order; events raised by handlers go out in this pass. */
  #flush(): void {
    this.#flushScheduled = false;
    while (this.#pending.size > 0) {
      const batch = [...this.#pending];
      this.#pending.clear();
      for (const w of batch) {
        const events = w.queue;
        w.queue = [];
        for (const e of events) {
          if (w.stopped) break;
          try {
            w.onEvent(e);
          } catch (error) {
            this.onHandlerError(error);
          }
        }
      }
    }
  }
}
