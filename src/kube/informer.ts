/**
 * A shared-informer in miniature: list, then watch from the list's resourceVersion, keeping a
 * cache; on 410 Expired it lists again and reconciles, and it re-watches when a watch ends.
 */
import type { KubeClient, ListOptions, Watch } from './client.ts';
import { objectKey } from './objects.ts';
import type { ObjectOf, ResourceName } from './types.ts';

export interface InformerHandlers<T> {
  added?(obj: T): void;
  modified?(obj: T, old: T): void;
  deleted?(obj: T): void;
}

export interface Informer<T> {
  /** Resolves once the first list is in the cache and its handlers have run. */
  start(): Promise<void>;
  stop(): void;
  get(namespace: string, name: string): T | undefined;
  /** The cached object of an `objectKey`. */
  byKey(key: string): T | undefined;
  list(): T[];
}

export function createInformer<R extends ResourceName>(
  client: KubeClient,
  resource: R,
  opts: Pick<ListOptions, 'namespace' | 'labelSelector' | 'fieldSelector'>,
  handlers: InformerHandlers<ObjectOf<R>>,
): Informer<ObjectOf<R>> {
  const cache = new Map<string, ObjectOf<R>>();
  let watch: Watch | undefined;
  let stopped = false;
  let lastRv = '';

  async function relist(): Promise<void> {
    const list = await client.list(resource, opts);
    lastRv = list.metadata.resourceVersion;
    const seen = new Set<string>();
    for (const item of list.items) {
      const key = objectKey(item);
      seen.add(key);
      const old = cache.get(key);
      cache.set(key, item);
      if (!old) handlers.added?.(item);
      else if (old.metadata?.resourceVersion !== item.metadata?.resourceVersion)
        handlers.modified?.(item, old);
    }
    for (const [key, old] of cache) {
      if (!seen.has(key)) {
        cache.delete(key);
        handlers.deleted?.(old);
      }
    }
  }

  function startWatch(): void {
    if (stopped) return;
    let expired = false;
    watch = client.watch(
      resource,
      { ...opts, resourceVersion: lastRv, allowWatchBookmarks: true },
      (e) => {
        const obj = e.object as ObjectOf<R>;
        if (e.type === 'ERROR') {
          expired = true;
          return;
        }
        const rv = obj.metadata?.resourceVersion;
        if (rv) lastRv = rv;
        if (e.type === 'BOOKMARK') return;
        const key = objectKey(obj);
        const old = cache.get(key);
        if (e.type === 'DELETED') {
          cache.delete(key);
          handlers.deleted?.(obj);
        } else {
          cache.set(key, obj);
          if (old) handlers.modified?.(obj, old);
          else handlers.added?.(obj);
        }
      },
    );
    void watch.done.then(async () => {
      if (stopped) return;
      if (expired) await relist().catch(() => undefined);
      startWatch();
    });
  }

  return {
    async start() {
      await relist();
      startWatch();
    },
    stop() {
      stopped = true;
      watch?.stop();
    },
    get: (namespace, name) => cache.get(`${namespace}/${name}`),
    byKey: (key) => cache.get(key),
    list: () => [...cache.values()],
  };
}
