import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import type { Playground } from '../playground/createPlayground.ts';
import { AUTOSAVE_MS, createPersistence } from './persistence.ts';
import type { PlaygroundStorage, SavedPlayground } from './storage.ts';

let idle: (() => void)[] = [];
beforeEach(() => {
  vi.useFakeTimers();
  idle = [];
  vi.stubGlobal('requestIdleCallback', (cb: () => void) => idle.push(cb));
  vi.stubGlobal('document', {
    visibilityState: 'visible',
    addEventListener: () => {},
    removeEventListener: () => {},
  });
  vi.stubGlobal('window', { addEventListener: () => {}, removeEventListener: () => {} });
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

/**
 * A storage that records its saves and the `between` each got, and writes one chunk, then is
 * done: a save given `between` waits for it once, as the real one does between chunks.
 */
function recordingStorage() {
  const saves: { state: SavedPlayground; between?: () => Promise<void> }[] = [];
  const storage: PlaygroundStorage = {
    available: true,
    load: () => Promise.resolve(undefined),
    save: async (state, between) => {
      saves.push({ state, ...(between ? { between } : {}) });
      if (between) await between();
    },
    clear: () => Promise.resolve(),
  };
  return { storage, saves };
}

/** A running playground whose clock moves, so every autosave has something new. */
function playground(): Playground {
  let now = 0;
  return {
    server: { resourceVersion: () => '1' },
    clock: { paused: false, speed: 1, now: () => (now += 1000) },
    snapshot: () => ({ apiServer: { resourceVersion: '1', resources: {} }, kubelets: {} }),
    userModules: [],
  } as unknown as Playground;
}

const drain = async () => {
  for (let i = 0; i < 5; i++) await Promise.resolve();
};

it('autosaves only in an idle moment, and writes its chunks in idle moments', async () => {
  const { storage, saves } = recordingStorage();
  const p = createPersistence(storage, undefined);
  p.start(playground());
  vi.advanceTimersByTime(AUTOSAVE_MS);
  await drain();
  expect(saves).toHaveLength(0);
  expect(idle).toHaveLength(1);
  // More periods pass while the page is busy: still one save waiting, not a pile.
  vi.advanceTimersByTime(AUTOSAVE_MS * 2);
  expect(idle).toHaveLength(1);
  idle.shift()!();
  await drain();
  expect(saves).toHaveLength(1);
  expect(saves[0]!.between).toBeDefined();
  // Its chunk waits for an idle moment too.
  expect(idle).toHaveLength(1);
});

it('saves at once, without waiting for idle moments, when asked (the tab is closing)', async () => {
  const { storage, saves } = recordingStorage();
  const p = createPersistence(storage, undefined);
  p.start(playground());
  await p.saveNow();
  expect(saves).toHaveLength(1);
  expect(saves[0]!.between).toBeUndefined();
  expect(idle).toHaveLength(0);
});

it('a save asked for during an autosave saves again, with what changed since that one began', async () => {
  const { storage, saves } = recordingStorage();
  const p = createPersistence(storage, undefined);
  p.setEditor('before');
  p.start(playground());
  vi.advanceTimersByTime(AUTOSAVE_MS);
  await drain();
  idle.shift()!(); // the autosave starts, and waits for an idle moment for its chunk
  await drain();
  expect(saves).toHaveLength(1);
  p.setEditor('# edited while it was saving');
  const now = p.saveNow();
  idle.shift()!(); // the chunk's idle moment (or its timeout) comes
  await now;
  expect(saves.map((s) => s.state.editor.text)).toEqual(['before', '# edited while it was saving']);
});
