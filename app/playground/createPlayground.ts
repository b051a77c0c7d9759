/**
 * The one place the browser app wires the real parts: the playground clock on the wall clock,
 * the image store on the built-in registry served from /modules, the Web Worker runtime, and the
 * cluster (API server, scheduler, kubelet) on top.
 */
import { createCluster, type Cluster } from '../../src/cluster/cluster.ts';
import { PlaygroundClock } from '../../src/kube/playgroundClock.ts';
import { createImageStore, type ImageStore } from '../../src/oci/index.ts';
import { createBrowserRuntime } from '../../src/runtime-wasi/browser.ts';
import type { WasiRuntime } from '../../src/runtime-wasi/wasiRuntime.ts';
import type { SavedPlayground } from '../persist/storage.ts';
import { realClock } from '../realClock.ts';
import { nextTask } from '../util/yieldToBrowser.ts';

export interface Playground extends Cluster {
  readonly clock: PlaygroundClock;
  readonly images: ImageStore;
  /** Modules the user added, in order (kept across reloads with the cluster). */
  readonly userModules: readonly { name: string; bytes: Uint8Array }[];
  readonly runtime: WasiRuntime;
  /** Resolves once the node is registered and the runtime's workers are warm. */
  readonly ready: Promise<void>;
  dispose(): void;
}

export interface PlaygroundOptions {
  /** Clock speed at start (x1 by default). */
  speed?: number;
  /** The built-in registry's root; default `modules/` beside the page. */
  registryUrl?: string;
  /** Carry on from what an earlier visit kept (see app/persist). */
  restore?: Pick<SavedPlayground, 'clock' | 'cluster' | 'modules'>;
}

export function createPlayground(opts: PlaygroundOptions = {}): Playground {
  const saved = opts.restore;
  // After a reload the clock goes on from where it stood: the tab being closed is not shown as
  // time passing (ages and back-offs read as they did).
  const clock = new PlaygroundClock({
    wall: realClock,
    start: saved?.clock.now ?? Date.now(),
    speed: opts.speed ?? saved?.clock.speed ?? 1,
    paused: saved?.clock.paused ?? false,
    immediate: nextTask,
  });
  const store = createImageStore({
    fetch: (input, init) => fetch(input, init),
    builtinRegistryUrl: opts.registryUrl ?? new URL('modules', document.baseURI).href,
  });
  const userModules: { name: string; bytes: Uint8Array }[] = [];
  const images: ImageStore = {
    ...store,
    async addModule(name, bytes) {
      const pulled = await store.addModule(name, bytes);
      const i = userModules.findIndex((m) => m.name === name);
      if (i >= 0) userModules.splice(i, 1);
      userModules.push({ name, bytes: bytes.slice() });
      return pulled;
    },
  };
  const runtime = createBrowserRuntime({ images, clock });
  const cluster = createCluster({ clock, runtime, ...(saved ? { restore: saved.cluster } : {}) });
  // Pods that use an added module may restart at once: the module must be back first.
  const modulesBack = Promise.all(
    (saved?.modules ?? []).map((m) =>
      images.addModule(m.name, m.bytes).catch((e: unknown) => {
        console.warn(`could not restore module ${m.name}:`, e);
      }),
    ),
  );
  const ready = Promise.all([modulesBack.then(() => cluster.start()), runtime.ready]).then(
    () => undefined,
  );
  return {
    ...cluster,
    clock,
    images,
    userModules,
    runtime,
    ready,
    dispose() {
      cluster.stop();
      runtime.dispose();
      clock.dispose();
    },
  };
}
