import { describeContainerRuntime } from '../testing/contract.ts';
import { createNodeRuntime } from './nodeRuntime.ts';

describeContainerRuntime('the Node host (worker_threads, Atomics.wait)', (deps) =>
  createNodeRuntime({ ...deps, poolSize: 2 }),
);
