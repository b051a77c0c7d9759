/**
 * The container-runtime contract as a vitest suite. The same scenarios run in Chromium through
 * harness.ts and e2e/runtime.spec.ts.
 *
 * @example
 * describeContainerRuntime('node host', (deps) => createNodeRuntime({ ...deps, poolSize: 2 }));
 */
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { VirtualClock } from '../../kube/virtualClock.ts';
import type { WasiRuntime, WasiRuntimeOptions } from '../wasiRuntime.ts';
import { createMemoryStore } from './memoryStore.ts';
import { ScenarioContext, scenarios } from './scenarios.ts';

const TESTDATA = new URL('../testdata/', import.meta.url);

export function loadTestModule(name: string): Promise<Uint8Array> {
  return readFile(new URL(`${name}.wasm`, TESTDATA));
}

export function describeContainerRuntime(
  name: string,
  makeRuntime: (deps: Pick<WasiRuntimeOptions, 'images' | 'clock'>) => WasiRuntime,
): void {
  describe(name, () => {
    let ctx: ScenarioContext;
    beforeAll(async () => {
      const clock = new VirtualClock();
      const store = createMemoryStore();
      const runtime = makeRuntime({ images: store, clock });
      ctx = new ScenarioContext({ runtime, clock, store, loadModule: loadTestModule });
      await runtime.ready;
    }, 30_000);
    afterAll(() => ctx?.runtime.dispose());
    for (const scenario of scenarios) it(scenario.name, () => scenario.run(ctx));
  });
}
