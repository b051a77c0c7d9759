/**
 * The container runtime in a browser tab: one module Web Worker per running container, from a
 * warm pool. Chromium without cross-origin isolation has no SharedArrayBuffer, so sleeps use
 * JSPI (WebAssembly.Suspending / promising) when present.
 */
import type { TimeMode } from './protocol.ts';
import type { WorkerHost, WorkerLike } from './pool.ts';
import { createWasiRuntime } from './wasiRuntime.ts';
import type { WasiRuntime, WasiRuntimeOptions } from './wasiRuntime.ts';

/** The best way a worker on this page can wait for the kubelet's clock. */
export function browserTimeMode(): TimeMode {
  if ('Suspending' in WebAssembly && 'promising' in WebAssembly) return 'jspi';
  if (typeof SharedArrayBuffer !== 'undefined' && globalThis.crossOriginIsolated) return 'atomics';
  return 'spin';
}

function spawnWorker(): WorkerLike {
  const worker = new Worker(new URL('./container.worker.ts', import.meta.url), {
    type: 'module',
    name: 'container',
  });
  return {
    postMessage: (msg) => worker.postMessage(msg),
    onMessage: (handler) => worker.addEventListener('message', (e) => handler(e.data)),
    onError: (handler) => {
      worker.addEventListener('error', (e) => handler(e.message || 'the worker failed to load'));
      worker.addEventListener('messageerror', () => handler('a message could not be decoded'));
    },
    terminate: () => worker.terminate(),
  };
}

const channel = new MessageChannel();
const waiting: (() => void)[] = [];
channel.port1.onmessage = () => waiting.shift()?.();

/**
 * Runs `fn` in a task of its own, soon: a message on a channel of the page's own, so it is queued
 * behind the messages the page has already received (a zero timeout is not ordered with them)
 * and not clamped to 4 ms. The page's other code uses it too (app/util/yieldToBrowser.ts).
 */
export function nextTask(fn: () => void): void {
  waiting.push(fn);
  channel.port2.postMessage(null);
}

/**
 * The runtime for the playground tab.
 *
 * @example
 * const runtime = createBrowserRuntime({ images: imageStore, clock: playgroundClock });
 * await runtime.ready; // the pool is warm
 * const handle = runtime.start({ id, image, argv: ['hello'], env: [], mounts: [], onOutput });
 * const status = await handle.exited;
 */
export function createBrowserRuntime(opts: WasiRuntimeOptions): WasiRuntime {
  const host: WorkerHost = {
    spawn: spawnWorker,
    parallelism: navigator.hardwareConcurrency || 2,
    timeMode: browserTimeMode(),
    nextTask,
  };
  return createWasiRuntime(host, opts);
}
