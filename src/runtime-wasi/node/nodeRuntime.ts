/**
 * The container runtime under Node: the same worker entry and WASI layer as the browser, in
 * worker_threads. Node always has SharedArrayBuffer and Atomics.wait, so a sleeping module
 * blocks its thread until the kubelet's clock reaches the deadline.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { WorkerHost, WorkerLike } from '../pool.ts';
import { createWasiRuntime } from '../wasiRuntime.ts';
import type { WasiRuntime, WasiRuntimeOptions } from '../wasiRuntime.ts';
import type { HostToWorker, WorkerToHost } from '../protocol.ts';

const BOOTSTRAP = new URL('./bootstrap.mjs', import.meta.url);

function spawnWorker(): WorkerLike {
  const worker = new Worker(BOOTSTRAP, { name: 'container' });
  return {
    postMessage: (msg: HostToWorker) => worker.postMessage(msg),
    onMessage: (handler: (msg: WorkerToHost) => void) => worker.on('message', handler),
    onError: (handler) => {
      worker.on('error', (e: Error) => handler(e.message));
      worker.on('exit', (code) => handler(`the worker thread exited with code ${code}`));
    },
    terminate: () => void worker.terminate(),
  };
}

/**
 * The runtime for Node (tests, benchmarks, serve mode). Call `dispose()` when done, or the
 * worker threads keep the process alive.
 *
 * @example
 * const runtime = createNodeRuntime({ images, clock: new VirtualClock() });
 * await runtime.ready;
 * const status = await runtime.start(req).exited;
 * runtime.dispose();
 */
export function createNodeRuntime(opts: WasiRuntimeOptions): WasiRuntime {
  const host: WorkerHost = {
    spawn: spawnWorker,
    parallelism: availableParallelism(),
    timeMode: 'atomics',
    // Worker messages are read in the poll phase; immediates run after it.
    nextTask: (fn) => setImmediate(fn),
  };
  return createWasiRuntime(host, opts);
}
