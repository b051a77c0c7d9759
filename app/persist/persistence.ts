/**
 * Keeps the playground across reloads and tab crashes: every couple of seconds (and when the tab
 * is hidden or closed) the cluster, the clock, the editor and the added modules go to storage.
 * A reload then carries on as a node reboot would (see src/cluster/restart.test.ts).
 */
import type { Playground } from '../playground/createPlayground.ts';
import { whenIdle, yieldToBrowser } from '../util/yieldToBrowser.ts';
import { SAVED_VERSION, type PlaygroundStorage, type SavedPlayground } from './storage.ts';

export const AUTOSAVE_MS = 2000;
/** A save may take at most this share of the time between saves (a big cluster saves less often). */
const SAVE_SHARE = 0.1;

export interface SaveState {
  /** Wall time of the last save that completed. */
  savedAt?: number;
  /** Why the last save failed (quota, a blocked database), or why the kept cluster did not load. */
  error?: string;
}

export interface Persistence {
  readonly storage: PlaygroundStorage;
  /** What was loaded at start, if anything. */
  readonly restored?: SavedPlayground;
  /** The editor's text (and example) to keep; the app calls it on every change. */
  setEditor(text: string, example?: string): void;
  /** Starts saving `playground` (once). */
  start(playground: Playground): void;
  saveNow(): Promise<void>;
  /** Stops saving and forgets everything kept; the caller reloads the page. */
  reset(): Promise<void>;
  readonly state: SaveState;
  subscribe(listener: () => void): () => void;
  /** The kept cluster could not be loaded: say so (the editor's text is still restored). */
  restoreFailed(message: string): void;
}

export function createPersistence(
  storage: PlaygroundStorage,
  restored: SavedPlayground | undefined,
): Persistence {
  let editor = restored?.editor ?? { text: '' };
  let playground: Playground | undefined;
  let timer: ReturnType<typeof setInterval> | undefined;
  let stopped = false;
  let saving: Promise<void> | undefined;
  /** A forced save joined the one under way: its chunks stop waiting for idle moments. */
  let urgent = false;
  let lastKey = '';
  /** Wall time before which the timer does not save again. */
  let notBefore = 0;
  let state: SaveState = restored ? { savedAt: restored.savedAt } : {};
  const listeners = new Set<() => void>();
  const setState = (s: SaveState) => {
    state = s;
    for (const l of listeners) l();
  };

  /** What changes when something worth saving changed (logs move only while the clock runs). */
  const changeKey = (p: Playground) =>
    p.clock.paused
      ? `${p.server.resourceVersion()}|${p.clock.speed}|${editor.text.length}|${editor.text}|${p.userModules.length}`
      : `running ${p.clock.now()}`;

  async function save(force: boolean): Promise<void> {
    const p = playground;
    if (!p || stopped || !storage.available) return;
    if (saving) {
      if (!force) return saving;
      // A save asked for now (the tab is hidden or closing, or saveNow) finishes the one under
      // way without waiting for idle moments, then saves what there is now: that one's snapshot
      // may be older than the latest edit.
      urgent = true;
      await saving.catch(() => undefined);
      return save(true);
    }
    const key = changeKey(p);
    if (!force && (key === lastKey || Date.now() < notBefore)) return;
    lastKey = key;
    const started = Date.now();
    const snapshot: SavedPlayground = {
      version: SAVED_VERSION,
      savedAt: Date.now(),
      clock: { now: p.clock.now(), speed: p.clock.speed, paused: p.clock.paused },
      cluster: p.snapshot(),
      editor: { ...editor },
      modules: [...p.userModules],
    };
    saving = storage.save(snapshot, force ? undefined : idleChunk).then(
      () => {
        const took = Date.now() - started;
        notBefore = Date.now() + Math.max(0, took / SAVE_SHARE - AUTOSAVE_MS);
        if (!stopped) setState({ savedAt: snapshot.savedAt });
      },
      (e: unknown) => {
        lastKey = '';
        setState({ ...state, error: e instanceof Error ? e.message : String(e) });
      },
    );
    try {
      await saving;
    } finally {
      saving = undefined;
      urgent = false;
    }
  }

  /**
   * The autosave starts, and writes each chunk, when the browser is idle (or at the latest a
   * save period later): a snapshot taken between a click and what it shows delayed the
   * terminal's first line by several milliseconds.
   */
  let waitingForIdle = false;
  const autosave = () => {
    if (waitingForIdle) return;
    waitingForIdle = true;
    void whenIdle(AUTOSAVE_MS).then(() => {
      waitingForIdle = false;
      return save(false);
    });
  };
  const idleChunk = () => (urgent ? yieldToBrowser() : whenIdle(AUTOSAVE_MS));

  const onHide = () => {
    if (document.visibilityState === 'hidden') void save(true);
  };
  const onPageHide = () => void save(true);

  return {
    storage,
    ...(restored ? { restored } : {}),
    get state() {
      return state;
    },
    setEditor(text, example) {
      editor = example ? { text, example } : { text };
    },
    start(p) {
      if (playground || !storage.available) return;
      playground = p;
      timer = setInterval(autosave, AUTOSAVE_MS);
      document.addEventListener('visibilitychange', onHide);
      window.addEventListener('pagehide', onPageHide);
    },
    saveNow: () => save(true),
    async reset() {
      stopped = true;
      if (timer !== undefined) clearInterval(timer);
      document.removeEventListener('visibilitychange', onHide);
      window.removeEventListener('pagehide', onPageHide);
      await saving?.catch(() => undefined);
      await storage.clear();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    restoreFailed(message) {
      setState({ error: `the kept cluster could not be restored (${message}); this is a new one` });
    },
  };
}
