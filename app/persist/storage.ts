/**
 * Where the playground keeps itself between visits: one record in IndexedDB. A browser that
 * blocks storage (a third-party iframe, a private window with storage off) or lacks it gives a
 * storage that keeps nothing and says why; nothing here ever throws at the app.
 */
import type { ClusterSnapshot } from '../../src/cluster/cluster.ts';
import { yieldToBrowser } from '../util/yieldToBrowser.ts';

/** Everything a reload brings back. */
export interface SavedPlayground {
  /** Bumped when the shape changes; an older record is dropped, not misread. */
  version: typeof SAVED_VERSION;
  /** Wall time of the save, for the UI ("saved 3 s ago"). */
  savedAt: number;
  clock: { now: number; speed: number; paused: boolean };
  cluster: ClusterSnapshot;
  editor: { text: string; example?: string };
  /** Modules the user added (`local/NAME:latest`), so pods that use them can run again. */
  modules: { name: string; bytes: Uint8Array }[];
}

export const SAVED_VERSION = 2;

export interface PlaygroundStorage {
  /** False when nothing can be kept; `reason` says why, in a sentence for the user. */
  readonly available: boolean;
  readonly reason?: string;
  load(): Promise<SavedPlayground | undefined>;
  /**
   * Writes `state`. Between chunks it waits for `between` (by default a new task): an autosave
   * waits for the browser to be idle, a save as the tab closes does not.
   */
  save(state: SavedPlayground, between?: () => Promise<void>): Promise<void>;
  clear(): Promise<void>;
}

const DB_NAME = 'kubelet-playground';
const STORE = 'state';
/** The record that says which generation of chunks is whole, with everything small. */
const META = 'playground';
/** Objects and kubelet pod records per chunk: each chunk is cloned into IndexedDB in its own task. */
export const CHUNK_ITEMS = 100;

type Item =
  | { k: 'obj'; resource: string; obj: unknown }
  | { k: 'pod'; node: string; uid: string; saved: unknown };

interface Meta extends Omit<SavedPlayground, 'cluster'> {
  generation: number;
  chunks: number;
  resourceVersion: string;
  nodes: string[];
}

const chunkKey = (generation: number, i: number) => `chunk:${generation}:${i}`;

/** A storage that keeps nothing, for embeds and for browsers that refuse storage. */
export function noStorage(reason: string): PlaygroundStorage {
  return {
    available: false,
    reason,
    load: () => Promise.resolve(undefined),
    save: () => Promise.resolve(),
    clear: () => Promise.resolve(),
  };
}

function request<T>(r: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error ?? new Error('IndexedDB request failed'));
  });
}

function openDb(factory: IDBFactory): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const r = factory.open(DB_NAME, 1);
    r.onupgradeneeded = () => r.result.createObjectStore(STORE);
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error ?? new Error('IndexedDB open failed'));
    r.onblocked = () => reject(new Error('another tab holds an older version of the database'));
  });
}

const describe = (e: unknown) => (e instanceof Error ? `${e.name}: ${e.message}` : String(e));

function itemsOf(cluster: SavedPlayground['cluster']): Item[] {
  const items: Item[] = [];
  for (const [resource, objects] of Object.entries(cluster.apiServer.resources))
    for (const obj of objects ?? []) items.push({ k: 'obj', resource, obj });
  for (const [node, kept] of Object.entries(cluster.kubelets))
    for (const [uid, saved] of Object.entries(kept.pods))
      items.push({ k: 'pod', node, uid, saved });
  return items;
}

function clusterOf(meta: Meta, items: Item[]): SavedPlayground['cluster'] {
  const resources: Record<string, unknown[]> = {};
  const kubelets: Record<string, { pods: Record<string, unknown> }> = {};
  for (const node of meta.nodes) kubelets[node] = { pods: {} };
  for (const item of items) {
    if (item.k === 'obj') (resources[item.resource] ??= []).push(item.obj);
    else (kubelets[item.node] ??= { pods: {} }).pods[item.uid] = item.saved;
  }
  return {
    apiServer: { resourceVersion: meta.resourceVersion, resources },
    kubelets,
  } as unknown as SavedPlayground['cluster'];
}

/**
 * Opens IndexedDB; on any failure, a storage that keeps nothing and says why.
 *
 * A save writes the cluster in chunks, each in its own transaction and task (so a big cluster
 * never holds the page for one long structured clone), then the small record naming that
 * generation, then drops the previous generation: a tab that dies mid-save keeps the last whole one.
 */
export async function openStorage(
  factory: IDBFactory | undefined = globalThis.indexedDB,
): Promise<PlaygroundStorage> {
  let db: IDBDatabase;
  try {
    if (!factory) return noStorage('this browser has no IndexedDB');
    db = await openDb(factory);
  } catch (e) {
    return noStorage(`the browser refused storage here (${describe(e)})`);
  }
  const tx = (mode: IDBTransactionMode) => db.transaction(STORE, mode).objectStore(STORE);
  const readMeta = async () => {
    const meta = (await request(tx('readonly').get(META))) as Meta | undefined;
    return meta?.version === SAVED_VERSION ? meta : undefined;
  };
  const dropGeneration = (generation: number) =>
    request(
      tx('readwrite').delete(
        IDBKeyRange.bound(`chunk:${generation}:`, `chunk:${generation}:\uffff`),
      ),
    );
  return {
    available: true,
    async load() {
      try {
        const meta = await readMeta();
        if (!meta) return undefined;
        const items: Item[] = [];
        for (let i = 0; i < meta.chunks; i++) {
          const chunk = (await request(tx('readonly').get(chunkKey(meta.generation, i)))) as
            Item[] | undefined;
          if (!chunk) return undefined; // a generation that is not whole is not loaded
          items.push(...chunk);
        }
        const { generation: _g, chunks: _c, resourceVersion: _rv, nodes: _n, ...rest } = meta;
        return { ...rest, cluster: clusterOf(meta, items) };
      } catch {
        return undefined;
      }
    },
    async save(state, between = yieldToBrowser) {
      const previous = (await readMeta().catch(() => undefined))?.generation ?? 0;
      const generation = previous + 1;
      const items = itemsOf(state.cluster);
      let chunks = 0;
      for (let i = 0; i < items.length; i += CHUNK_ITEMS) {
        await request(
          tx('readwrite').put(items.slice(i, i + CHUNK_ITEMS), chunkKey(generation, chunks++)),
        );
        await between();
      }
      const { cluster, ...rest } = state;
      const meta: Meta = {
        ...rest,
        generation,
        chunks,
        resourceVersion: cluster.apiServer.resourceVersion,
        nodes: Object.keys(cluster.kubelets),
      };
      await request(tx('readwrite').put(meta, META));
      await dropGeneration(previous).catch(() => undefined);
    },
    async clear() {
      await request(tx('readwrite').clear());
    },
  };
}
