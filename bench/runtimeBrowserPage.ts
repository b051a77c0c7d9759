/**
 * The page the Chromium suite (bench/runtimeBrowser.ts) builds with Vite and drives: the browser
 * host of the container runtime, in real module Web Workers, measured with the same code as the
 * Node suite (bench/runtimeFigures.ts). Modules come from `/modules/<name>.wasm`.
 */
import { ConsoleStdout, File, OpenFile, WASI } from '@bjorn3/browser_wasi_shim';
import { browserTimeMode, createBrowserRuntime } from '../src/runtime-wasi/browser.ts';
import type { PulledImage } from '../src/kubelet-core/ports.ts';
import type { WasiRuntime } from '../src/runtime-wasi/wasiRuntime.ts';
import {
  burst,
  coldLatencies,
  computeTimes,
  warmLatencies,
  warmRuntime,
} from './runtimeFigures.ts';

export interface RuntimeBench {
  timeMode: string;
  /** Cold start-to-first-output samples (ms): a fresh runtime and a new module each. */
  cold(samples: number): Promise<number[]>;
  /** Warm start-to-first-output samples (ms) on the page's warm runtime. */
  warm(samples: number): Promise<number[]>;
  /** Milliseconds for `n` hello containers started at once to exit, per repetition. */
  burst(n: number, reps: number): Promise<number[]>;
  /** The compute module's run times (ms) and what it printed. */
  compute(argv: string[], reps: number): Promise<{ times: number[]; stdout: string }>;
  /**
   * A reference, not the runtime: the compute module on browser_wasi_shim alone, on the page's
   * main thread (instantiate + _start, after one untimed run), to tell the engine's speed from
   * the runtime's overhead.
   */
  bareCompute(argv: string[], reps: number): Promise<{ times: number[]; stdout: string }>;
}

declare global {
  interface Window {
    runtimeBench: RuntimeBench;
  }
}

async function load(name: string): Promise<Uint8Array> {
  const res = await fetch(`/modules/${name}.wasm`);
  if (!res.ok) throw new Error(`GET /modules/${name}.wasm: ${res.status}`);
  return new Uint8Array(await res.arrayBuffer());
}

let warm: Promise<{ rt: WasiRuntime; images: Record<string, PulledImage> }> | undefined;
/** The page's warm runtime, with hello (and compute, when served) compiled. */
function warmed() {
  warm ??= (async () => {
    const modules: Record<string, Uint8Array> = { hello: await load('hello') };
    if ((await fetch('/modules/compute.wasm', { method: 'HEAD' })).ok) {
      modules.compute = await load('compute');
    }
    return warmRuntime(createBrowserRuntime, modules);
  })();
  return warm;
}

window.runtimeBench = {
  timeMode: browserTimeMode(),
  async cold(samples) {
    return coldLatencies(createBrowserRuntime, await load('hello'), samples);
  },
  async warm(samples) {
    const { rt, images } = await warmed();
    return warmLatencies(rt, images.hello!, samples);
  },
  async burst(n, reps) {
    const { rt, images } = await warmed();
    await burst(rt, images.hello!, n); // warm-up burst
    const times: number[] = [];
    for (let i = 0; i < reps; i++) times.push(await burst(rt, images.hello!, n));
    return times;
  },
  async compute(argv, reps) {
    const { rt, images } = await warmed();
    if (!images.compute) throw new Error('the page has no compute module');
    return computeTimes(rt, images.compute, argv, reps);
  },
  async bareCompute(argv, reps) {
    const module = await WebAssembly.compile((await load('compute')) as Uint8Array<ArrayBuffer>);
    const times: number[] = [];
    let stdout = '';
    for (let i = 0; i <= reps; i++) {
      let out = '';
      const decoder = new TextDecoder();
      const fds = [
        new OpenFile(new File([])),
        new ConsoleStdout((b) => (out += decoder.decode(b, { stream: true }))),
        new ConsoleStdout(() => {}),
      ];
      const wasi = new WASI(argv, [], fds, { debug: false });
      const t0 = performance.now();
      const instance = await WebAssembly.instantiate(module, {
        wasi_snapshot_preview1: wasi.wasiImport,
      });
      const code = wasi.start(
        instance as { exports: { memory: WebAssembly.Memory; _start: () => unknown } },
      );
      const ms = performance.now() - t0;
      if (code !== 0) throw new Error(`compute exited ${code} on the bare shim: ${out}`);
      if (i > 0) times.push(ms);
      stdout = out;
    }
    return { times, stdout };
  },
};
