/**
 * The browser side of the contract test: e2e/runtime.spec.ts builds this file with Vite, serves
 * it with testdata/ beside it, and calls `window.runtimeHarness.run(name)` for each scenario.
 */
import { VirtualClock } from '../../kube/virtualClock.ts';
import { createBrowserRuntime } from '../browser.ts';
import { createMemoryStore } from './memoryStore.ts';
import { ScenarioContext, scenarios } from './scenarios.ts';

export interface RuntimeHarness {
  /** Resolves when the pool is warm, with the time mechanism the workers use. */
  ready: Promise<{ timeMode: string; idle: number }>;
  names: string[];
  run(name: string): Promise<{ ok: true } | { ok: false; error: string }>;
}

declare global {
  interface Window {
    runtimeHarness: RuntimeHarness;
  }
}

const clock = new VirtualClock();
const store = createMemoryStore();
const runtime = createBrowserRuntime({ images: store, clock, poolSize: 2 });
const ctx = new ScenarioContext({
  runtime,
  clock,
  store,
  async loadModule(name) {
    const res = await fetch(`/testdata/${name}.wasm`);
    if (!res.ok) throw new Error(`GET /testdata/${name}.wasm: ${res.status}`);
    return new Uint8Array(await res.arrayBuffer());
  },
});

window.runtimeHarness = {
  ready: runtime.ready.then(() => ({ timeMode: runtime.timeMode, idle: runtime.stats().idle })),
  names: scenarios.map((s) => s.name),
  async run(name) {
    const scenario = scenarios.find((s) => s.name === name);
    if (!scenario) return { ok: false, error: `no scenario named ${JSON.stringify(name)}` };
    try {
      await scenario.run(ctx);
      return { ok: true };
    } catch (e) {
      return {
        ok: false,
        error: e instanceof Error ? `${e.message}\n${e.stack ?? ''}` : String(e),
      };
    }
  },
};
