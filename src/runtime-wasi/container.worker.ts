/**
 * The one worker entry of the container runtime. In a browser it is a module Web Worker
 * (`new Worker(new URL('./container.worker.ts', import.meta.url), { type: 'module' })`); under
 * Node, node/bootstrap.mjs sets `globalThis.__containerWorkerEndpoint` from worker_threads'
 * parentPort and imports this file.
 */
import { serveContainers } from './worker/serve.ts';
import type { WorkerEndpoint } from './worker/serve.ts';
import type { HostToWorker, WorkerToHost } from './protocol.ts';

interface WorkerScope {
  postMessage(msg: WorkerToHost): void;
  addEventListener(type: 'message', listener: (e: { data: HostToWorker }) => void): void;
}

declare global {
  var __containerWorkerEndpoint: WorkerEndpoint | undefined;
}

function browserEndpoint(scope: WorkerScope): WorkerEndpoint {
  return {
    post: (msg) => scope.postMessage(msg),
    listen: (handler) => scope.addEventListener('message', (e) => handler(e.data)),
  };
}

serveContainers(
  globalThis.__containerWorkerEndpoint ?? browserEndpoint(self as unknown as WorkerScope),
);
