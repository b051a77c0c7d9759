/**
 * Where the playground keeps itself between visits: one record in IndexedDB. A browser that
 * blocks storage (a third-party iframe, a private window with storage off) or lacks it gives a
 * storage that keeps nothing and says why; nothing here ever throws at the app.
 */
import type { ClusterSnapshot } from '../../src/cluster/cluster.ts';

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

export const SAVED_VERSION = 1;

export interface PlaygroundStorage {
  /** False when nothing can be kept; `reason` says why, in a sentence for the user. */
  readonly available: boolean;
  readonly reason?: string;
  load(): Promise<SavedPlayground | undefined>;
  save(state: SavedPlayground): Promise<void>;
  clear(): Promise<void>;
}

const DB_NAME = 'kubelet-playground';
const STORE = 'state';
const KEY = 'playground';

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

/** Opens IndexedDB; on any failure, a storage that keeps nothing and says why. */
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
  return {
    available: true,
    async load() {
      try {
        const saved = (await request(tx('readonly').get(KEY))) as SavedPlayground | undefined;
        return saved?.version === SAVED_VERSION ? saved : undefined;
      } catch {
        return undefined;
      }
    },
    async save(state) {
      const store = tx('readwrite');
      await request(store.put(state, KEY));
    },
    async clear() {
      await request(tx('readwrite').delete(KEY));
    },
  };
}
