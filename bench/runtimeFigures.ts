/**
 * The container runtime's measurements, shared by the Node suite (bench/runtime.ts) and the page
 * the Chromium suite drives (bench/runtimeBrowserPage.ts). Platform-free: it takes a runtime
 * factory and module bytes, and returns raw samples in milliseconds; the suites turn them into
 * Result rows.
 */
import type { Clock } from '../src/kube/clock.ts';
import type { PulledImage } from '../src/kubelet-core/ports.ts';
import { concatBytes } from '../src/runtime-wasi/bytes.ts';
import { createMemoryStore } from '../src/runtime-wasi/testing/memoryStore.ts';
import type { MemoryStore } from '../src/runtime-wasi/testing/memoryStore.ts';
import type { WasiRuntime, WasiRuntimeOptions } from '../src/runtime-wasi/wasiRuntime.ts';

export type MakeRuntime = (opts: WasiRuntimeOptions) => WasiRuntime;

export const wallClock: Clock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => {
    const t = setTimeout(fn, ms);
    return () => clearTimeout(t);
  },
};

const pause = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * The same module with a custom section `bench` holding `tag` appended: a new digest for the
 * runtime's cache, and new wire bytes for V8, which otherwise reuses a compiled module
 * process-wide. Custom sections do not change what the module does.
 */
export function withUniqueSection(bytes: Uint8Array, tag: string): Uint8Array {
  const enc = new TextEncoder();
  const name = enc.encode('bench');
  const payload = enc.encode(tag);
  const body = [...leb128(name.length), ...name, ...payload];
  const section = new Uint8Array([0, ...leb128(body.length), ...body]);
  const out = new Uint8Array(bytes.length + section.length);
  out.set(bytes);
  out.set(section, bytes.length);
  return out;
}

function leb128(n: number): number[] {
  const out: number[] = [];
  do {
    let b = n & 0x7f;
    n >>>= 7;
    if (n !== 0) b |= 0x80;
    out.push(b);
  } while (n !== 0);
  return out;
}

interface OneRun {
  /** start() to the first stdout chunk's arrival on the host. */
  firstOutputMs: number;
  /** start() to exited. */
  totalMs: number;
  stdout: string;
}

let nextId = 0;

/** Starts one container and waits for it; throws unless it printed and exited 0. */
async function runOnce(rt: WasiRuntime, image: PulledImage, argv: string[]): Promise<OneRun> {
  const chunks: Uint8Array[] = [];
  let first: number | undefined;
  const t0 = performance.now();
  const handle = rt.start({
    id: `bench-${nextId++}`,
    image,
    argv,
    env: [],
    mounts: [],
    onOutput(chunk) {
      if (chunk.stream !== 'stdout') return;
      first ??= performance.now();
      chunks.push(chunk.data);
    },
  });
  const status = await handle.exited;
  const totalMs = performance.now() - t0;
  const stdout = new TextDecoder().decode(concatBytes(chunks));
  if (status.exitCode !== 0 || first === undefined) {
    throw new Error(
      `${argv.join(' ')}: exit ${status.exitCode} (${status.reason}${status.message ? `: ${status.message}` : ''}), stdout ${JSON.stringify(stdout)}`,
    );
  }
  return { firstOutputMs: first - t0, totalMs, stdout };
}

/** A runtime over a memory store holding `bytes` as `name`, warm and with the module compiled. */
export async function warmRuntime(
  make: MakeRuntime,
  modules: Record<string, Uint8Array>,
): Promise<{ rt: WasiRuntime; images: Record<string, PulledImage> }> {
  const store: MemoryStore = createMemoryStore();
  const images: Record<string, PulledImage> = {};
  for (const [name, bytes] of Object.entries(modules)) images[name] = await store.add(name, bytes);
  const rt = make({ images: store, clock: wallClock });
  await rt.ready;
  for (const image of Object.values(images)) await rt.prepare(image);
  return { rt, images };
}

/**
 * Cold start-to-first-output: for each sample a fresh runtime (its pool not yet warm) and a module
 * it has never compiled (fresh wire bytes), started at once.
 */
export async function coldLatencies(
  make: MakeRuntime,
  hello: Uint8Array,
  samples: number,
): Promise<number[]> {
  const out: number[] = [];
  const run = Math.random().toString(36).slice(2);
  for (let i = 0; i < samples; i++) {
    const store = createMemoryStore();
    const image = await store.add('hello', withUniqueSection(hello, `${run}-${i}`));
    const rt = make({ images: store, clock: wallClock });
    try {
      out.push((await runOnce(rt, image, ['hello'])).firstOutputMs);
    } finally {
      rt.dispose();
    }
    await pause(20); // let the terminated workers go before the next sample
  }
  return out;
}

/** Warm start-to-first-output: one container at a time on a warm pool, module compiled. */
export async function warmLatencies(
  rt: WasiRuntime,
  hello: PulledImage,
  samples: number,
  warmup = 50,
): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await runOnce(rt, hello, ['hello']);
  const out: number[] = [];
  for (let i = 0; i < samples; i++) out.push((await runOnce(rt, hello, ['hello'])).firstOutputMs);
  return out;
}

/** Starts `n` hello containers at once; milliseconds until every one has exited 0. */
export async function burst(rt: WasiRuntime, hello: PulledImage, n: number): Promise<number> {
  const t0 = performance.now();
  const runs = await Promise.all(Array.from({ length: n }, () => runOnce(rt, hello, ['hello'])));
  const ms = performance.now() - t0;
  const printed = runs.filter((r) => r.stdout.includes('Hello')).length;
  if (printed !== n) throw new Error(`burst of ${n}: only ${printed} containers printed Hello`);
  return ms;
}

/** The compute module's run times (start() to exited), after `warmup` untimed runs. */
export async function computeTimes(
  rt: WasiRuntime,
  compute: PulledImage,
  argv: string[],
  reps: number,
  warmup = 1,
): Promise<{ times: number[]; stdout: string }> {
  let stdout = '';
  for (let i = 0; i < warmup; i++) stdout = (await runOnce(rt, compute, argv)).stdout;
  const times: number[] = [];
  for (let i = 0; i < reps; i++) {
    const r = await runOnce(rt, compute, argv);
    times.push(r.totalMs);
    stdout = r.stdout;
  }
  return { times, stdout };
}
