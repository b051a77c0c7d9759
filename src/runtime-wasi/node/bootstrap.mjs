// The worker_threads entry of the Node host. Worker threads cannot load TypeScript by
// themselves (and under vitest they do not inherit its transform), so this registers tsx's
// loader, hands container.worker.ts an endpoint built on parentPort, and imports it.
import { parentPort, receiveMessageOnPort } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
globalThis.__containerWorkerEndpoint = {
  post: (msg) => parentPort.postMessage(msg),
  listen: (handler) => parentPort.on('message', handler),
  // Lets a running module see shared-mount changes without yielding to the event loop.
  receiveNow: () => receiveMessageOnPort(parentPort)?.message,
};
await import('../container.worker.ts');
