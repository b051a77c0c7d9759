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
import { realClock } from '../realClock.ts';
import { nextTask } from '../util/yieldToBrowser.ts';

export interface Playground extends Cluster {
  readonly clock: PlaygroundClock;
  readonly images: ImageStore;
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
}

export function createPlayground(opts: PlaygroundOptions = {}): Playground {
  const clock = new PlaygroundClock({
    wall: realClock,
    start: Date.now(),
    speed: opts.speed ?? 1,
    immediate: nextTask,
  });
  const images = createImageStore({
    fetch: (input, init) => fetch(input, init),
    builtinRegistryUrl: opts.registryUrl ?? new URL('modules', document.baseURI).href,
  });
  const runtime = createBrowserRuntime({ images, clock });
  const cluster = createCluster({ clock, runtime });
  const ready = Promise.all([cluster.start(), runtime.ready]).then(() => undefined);
  return {
    ...cluster,
    clock,
    images,
    runtime,
    ready,
    dispose() {
      cluster.stop();
      runtime.dispose();
      clock.dispose();
    },
  };
}
