/**
 * A whole playground cluster under Node for tests: real built-in modules in worker_threads, the
 * image store reading public/modules, on a PlaygroundClock at a high speed over the wall clock.
 */
import { createCluster, type Cluster } from '../cluster.ts';
import type { Clock } from '../../kube/clock.ts';
import { PlaygroundClock } from '../../kube/playgroundClock.ts';
import { createFileFetch } from '../../oci/node/fileFetch.ts';
import { createImageStore } from '../../oci/index.ts';
import { createNodeRuntime } from '../../runtime-wasi/node/nodeRuntime.ts';

export const wallClock: Clock = {
  now: () => performance.now(),
  setTimeout: (fn, ms) => {
    const t = setTimeout(fn, ms);
    return () => clearTimeout(t);
  },
};

export interface NodeCluster extends Cluster {
  readonly clock: PlaygroundClock;
  dispose(): void;
}

export async function startNodeCluster(speed = 200): Promise<NodeCluster> {
  const clock = new PlaygroundClock({
    wall: wallClock,
    start: Date.UTC(2026, 0, 1, 12),
    speed,
    immediate: (fn) => setImmediate(fn),
  });
  const base = 'http://modules.local';
  const images = createImageStore({
    fetch: createFileFetch({ baseUrl: base }),
    builtinRegistryUrl: base,
  });
  const runtime = createNodeRuntime({ images, clock, poolSize: 2 });
  const cluster = createCluster({ clock, runtime });
  await Promise.all([cluster.start(), runtime.ready]);
  return {
    ...cluster,
    clock,
    dispose() {
      cluster.stop();
      runtime.dispose();
      clock.dispose();
    },
  };
}

/** Polls `test` on the wall clock until it holds; throws with `describe()` after `ms`. */
export async function eventually(
  test: () => Promise<boolean> | boolean,
  describe: () => Promise<string> | string,
  ms = 15_000,
): Promise<void> {
  const deadline = performance.now() + ms;
  while (!(await test())) {
    if (performance.now() > deadline) throw new Error(await describe());
    await new Promise((r) => setTimeout(r, 20));
  }
}
