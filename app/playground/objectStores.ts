/**
 * Live, sorted lists of API objects, one per resource, namespace and field selector, shared by
 * every component that shows the same list: the pods table, the terminal and the pod details
 * read one informer and one sorted array, not one each (in the 1,000-pod burst each copy cost a
 * watch delivery per change and a sort per frame).
 */
import { createInformer, type Informer } from '../../src/kube/informer.ts';
import type { KubeClient } from '../../src/kube/client.ts';
import type { ObjectOf, ResourceName } from '../../src/kube/types.ts';

export interface ListScope {
  namespace?: string;
  /** As `kubectl get --field-selector`, e.g. `involvedObject.name=hello`. */
  fieldSelector?: string;
}

export interface ObjectStore<T> {
  /** Calls `listener` after the list changed, at most once per animation frame. */
  subscribe(listener: () => void): () => void;
  /** The objects sorted by namespace and name; a new array after each change. */
  get(): T[];
}

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
  let informer: Informer<ObjectOf<R>> | undefined;
  const listeners = new Set<() => void>();
  const opts = {
    ...(scope.namespace ? { namespace: scope.namespace } : {}),
    ...(scope.fieldSelector ? { fieldSelector: scope.fieldSelector } : {}),
  };
  function changed() {
    if (frame !== undefined) return;
    frame = requestAnimationFrame(() => {
      frame = undefined;
      if (informer) items = sortByName(informer.list());
      listeners.forEach((l) => l());
    });
  }
  return {
    subscribe(listener) {
      listeners.add(listener);
      if (!informer) {
        // The first subscriber (again, after everyone left): watch, and be the shared one.
        life.active();
        const started = createInformer(server, resource, opts, {
          added: changed,
          modified: changed,
          deleted: changed,
        });
        informer = started;
        void started.start().then(() => informer === started && changed());
      }
      return () => {
        if (!listeners.delete(listener) || listeners.size > 0) return;
        informer?.stop();
        informer = undefined;
        if (frame !== undefined) cancelAnimationFrame(frame);
        frame = undefined;
        life.idle();
      };
    },
    get: () => items,
  };
}

function sortByName<T extends { metadata?: { namespace?: string; name?: string } }>(xs: T[]): T[] {
  // Keys made once, not twice per comparison: a 1,000-pod table is sorted on every frame it changes.
  const keyed = xs.map((o) => ({
    o,
    k: `${o.metadata?.namespace ?? ''}/${o.metadata?.name ?? ''}`,
  }));
  keyed.sort((a, b) => (a.k < b.k ? -1 : a.k > b.k ? 1 : 0));
  return keyed.map((e) => e.o);
}
