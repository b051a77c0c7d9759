/**
 * Live, sorted lists of API objects, one per resource, namespace and field selector, shared by
 * every component that shows the same list: the pods table, the terminal and the pod details
 * read one informer and one sorted array, not one each (in the 1,000-pod burst each copy cost a
 * watch delivery per change and a sort per frame).
 */
import { createInformer, type Informer } from '../../src/kube/informer.ts';
import type { KubeClient } from '../../src/kube/client.ts';
import { objectKey } from '../../src/kube/objects.ts';
import type { ObjectOf, ResourceName } from '../../src/kube/types.ts';

export interface ListScope {
  namespace?: string;
  /** As `kubectl get --field-selector`, e.g. `involvedObject.name=hello`. */
  fieldSelector?: string;
}

export interface ObjectStore<T> {
  /**
   * Calls `listener` in the animation frame after the list changed; while it keeps changing, at
   * most every 100 ms.
   */
  subscribe(listener: () => void): () => void;
  /** The objects sorted by namespace and name; a new array after each change. */
  get(): T[];
  /** The object of key `namespace/name` as the list holds it now (the same object until it changes). */
  find(key: string): T | undefined;
}

/**
 * While a list keeps changing, it is shown at most this often. A change after a quiet moment
 * shows at the next frame. In a 1,000-pod burst, where a frame without a change is rare, the
 * tables rendered and the page laid out at every frame: 0.5-1 s of the main thread in traced
 * bursts of 4-5 s.
 */
const CHANGING_INTERVAL_MS = 100;

const registries = new WeakMap<KubeClient, Map<string, ObjectStore<unknown>>>();

/** The shared store of a list; it watches while anyone subscribes, and is dropped after. */
export function objectStore<R extends ResourceName>(
  server: KubeClient,
  resource: R,
  scope: ListScope = {},
): ObjectStore<ObjectOf<R>> {
  let registry = registries.get(server);
  if (!registry) registries.set(server, (registry = new Map()));
  const key = `${resource}\n${scope.namespace ?? ''}\n${scope.fieldSelector ?? ''}`;
  const found = registry.get(key);
  if (found) return found as ObjectStore<ObjectOf<R>>;
  const store = createStore(server, resource, scope, {
    active: () => registry.set(key, store),
    idle: () => {
      if (registry.get(key) === store) registry.delete(key);
    },
  });
  registry.set(key, store);
  return store;
}

function createStore<R extends ResourceName>(
  server: KubeClient,
  resource: R,
  scope: ListScope,
  life: { active(): void; idle(): void },
): ObjectStore<ObjectOf<R>> {
  let items: ObjectOf<R>[] = [];
  let frame: number | undefined;
  let later: ReturnType<typeof setTimeout> | undefined;
  /** When the listeners were last told (a frame's time). */
  let shown = -Infinity;
  let informer: Informer<ObjectOf<R>> | undefined;
  // The keys kept in order as the list changes, not sorted again at every showing: in a
  // 1,000-pod burst nearly every showing changes some pod, and most changes add or remove none.
  // The objects are the informer's.
  let order: string[] = [];
  const added = new Set<string>();
  const removed = new Set<string>();
  const modified = new Set<string>();
  const listeners = new Set<() => void>();
  const opts = {
    ...(scope.namespace ? { namespace: scope.namespace } : {}),
    ...(scope.fieldSelector ? { fieldSelector: scope.fieldSelector } : {}),
  };
  function changed() {
    if (frame !== undefined || later !== undefined) return;
    const wait = shown + CHANGING_INTERVAL_MS - performance.now();
    if (wait > 0) later = setTimeout(show, wait);
    else show();
  }
  function show() {
    later = undefined;
    frame = requestAnimationFrame((now) => {
      frame = undefined;
      shown = now;
      if (informer) items = current(informer);
      listeners.forEach((l) => l());
    });
  }
  /**
   * The objects in order of namespace and name, `order` updated by the frame's arrivals. A frame
   * that only changed objects (most of a burst's, once its pods exist) copies the last array and
   * puts the changed ones in their places, found by binary search of `order`.
   */
  function current(from: Informer<ObjectOf<R>>): ObjectOf<R>[] {
    if (removed.size === 0 && added.size === 0 && items.length === order.length) {
      const next = items.slice();
      for (const k of modified) {
        const at = indexOf(order, k);
        if (at >= 0) next[at] = from.byKey(k)!;
      }
      modified.clear();
      return next;
    }
    modified.clear();
    if (removed.size > 0) {
      order = order.filter((k) => !removed.has(k));
      removed.clear();
    }
    if (added.size > 0) {
      order = mergeSorted(order, [...added].sort());
      added.clear();
    }
    return order.map((k) => from.byKey(k)!);
  }
  return {
    subscribe(listener) {
      listeners.add(listener);
      if (!informer) {
        // The first subscriber (again, after everyone left): watch, and be the shared one.
        life.active();
        order = [];
        items = [];
        added.clear();
        removed.clear();
        modified.clear();
        // A stopped informer's list may still land: only the current one's changes count.
        const started: Informer<ObjectOf<R>> = createInformer(server, resource, opts, {
          added(o) {
            if (informer !== started) return;
            const k = objectKey(o);
            // Deleted and back within a frame: it never left `order`.
            if (!removed.delete(k)) added.add(k);
            changed();
          },
          modified(o) {
            if (informer !== started) return;
            modified.add(objectKey(o));
            changed();
          },
          deleted(o) {
            if (informer !== started) return;
            const k = objectKey(o);
            // Added and gone within a frame: it never joined `order`.
            if (!added.delete(k)) removed.add(k);
            changed();
          },
        });
        informer = started;
        void started.start().then(() => informer === started && changed());
      }
      return () => {
        if (!listeners.delete(listener) || listeners.size > 0) return;
        informer?.stop();
        informer = undefined;
        if (frame !== undefined) cancelAnimationFrame(frame);
        clearTimeout(later);
        frame = undefined;
        later = undefined;
        life.idle();
      };
    },
    get: () => items,
    find: (key) => informer?.byKey(key),
  };
}

/** Where `key` is in the sorted `keys`, or -1. */
function indexOf(keys: string[], key: string): number {
  let lo = 0;
  let hi = keys.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const k = keys[mid]!;
    if (k === key) return mid;
    if (k < key) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/** Two sorted lists of keys as one (`more` usually the shorter: a frame's new objects). */
function mergeSorted(sorted: string[], more: string[]): string[] {
  const out = new Array<string>(sorted.length + more.length);
  let i = 0;
  let j = 0;
  let n = 0;
  while (i < sorted.length && j < more.length) {
    out[n++] = sorted[i]! <= more[j]! ? sorted[i++]! : more[j++]!;
  }
  while (i < sorted.length) out[n++] = sorted[i++]!;
  while (j < more.length) out[n++] = more[j++]!;
  return out;
}
