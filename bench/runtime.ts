/**
 * The container runtime under Node (worker_threads): start-to-first-output latency cold and warm,
 * containers started and completed per second in bursts of 100 and 1,000 hello modules, and the
 * compute-bound module's speed against Node's own node:wasi running the same bytes. The helpers
 * here (modules, node:wasi timing, rows) serve the Chromium suite too (bench/runtimeBrowser.ts).
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createNodeRuntime } from '../src/runtime-wasi/node/nodeRuntime.ts';
import { atLeast, atMost, percentile, type Result } from './harness.ts';
import {
  burst,
  coldLatencies,
  computeTimes,
  warmLatencies,
  warmRuntime,
} from './runtimeFigures.ts';

const REPO = path.join(import.meta.dirname, '..');

export interface BenchModule {
  bytes: Uint8Array;
  /** Where the bytes came from, for the report. */
  source: string;
}

/** The compute module's arguments: a sieve below 10,000,000, five rounds (0.1 to 0.2 s). */
export const COMPUTE_ARGV = ['compute', '10000000', '5'];

/**
 * A shipped module from public/modules (index.json names its layer digest; the blob is checked
 * against it), else `fallback` in src/runtime-wasi/testdata, else undefined.
 */
export function loadModule(name: string, fallback?: string): BenchModule | undefined {
  const index = path.join(REPO, 'public/modules/index.json');
  if (fs.existsSync(index)) {
    const shipped = JSON.parse(fs.readFileSync(index, 'utf8')) as {
      modules?: { name: string; layerDigest?: string }[];
    };
    const digest = shipped.modules?.find((m) => m.name === name)?.layerDigest;
    if (digest) {
      const file = path.join('public/modules/v2', name, 'blobs', digest);
      const bytes = fs.readFileSync(path.join(REPO, file));
      const actual = `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
      if (actual !== digest) throw new Error(`${file}: content has digest ${actual}`);
      return { bytes, source: file };
    }
  }
  if (!fallback) return undefined;
  const file = path.join('src/runtime-wasi/testdata', fallback);
  return { bytes: fs.readFileSync(path.join(REPO, file)), source: file };
}

// Runs in a child process: node:wasi on Node 20.20 segfaults under repeated instantiation unless
// node runs with --no-turbo-fast-api-calls (ECOSYSTEM.md §7). Compiles once, then times
// instantiate + _start for each run, as the runtime's figure includes its instantiation.
const NODE_WASI_TIMER = `
import fs from 'node:fs';
import { WASI } from 'node:wasi';
const spec = JSON.parse(process.argv[1]);
const module = await WebAssembly.compile(fs.readFileSync(spec.wasm));
const times = [];
let stdout = '';
for (let i = 0; i < spec.warmup + spec.reps; i++) {
  const fd = fs.openSync(spec.out, 'w+');
  const wasi = new WASI({ version: 'preview1', args: spec.argv, env: {}, stdout: fd, returnOnExit: true });
  const t0 = performance.now();
  const instance = await WebAssembly.instantiate(module, wasi.getImportObject());
  const code = wasi.start(instance);
  const ms = performance.now() - t0;
  fs.closeSync(fd);
  stdout = fs.readFileSync(spec.out, 'utf8');
  if (code !== 0) throw new Error('exit ' + code + ': ' + stdout);
  if (i >= spec.warmup) times.push(ms);
}
process.stdout.write(JSON.stringify({ times, stdout }));
`;

/** node:wasi's run times for the same bytes and arguments, in a child process. */
export function nodeWasiTimes(
  bytes: Uint8Array,
  argv: string[],
  reps: number,
  warmup = 1,
): { times: number[]; stdout: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-node-wasi-'));
  try {
    const wasm = path.join(dir, 'module.wasm');
    fs.writeFileSync(wasm, bytes);
    const spec = { wasm, out: path.join(dir, 'stdout'), argv, reps, warmup };
    const child = spawnSync(
      process.execPath,
      [
        '--no-turbo-fast-api-calls',
        '--no-warnings',
        '--input-type=module',
        '-e',
        NODE_WASI_TIMER,
        JSON.stringify(spec),
      ],
      { encoding: 'utf8', timeout: 120_000 },
    );
    if (child.status !== 0) {
      throw new Error(
        `node:wasi child ended with ${child.status ?? child.signal}: ${child.stderr.trim()}`,
      );
    }
    return JSON.parse(child.stdout) as { times: number[]; stdout: string };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
const median = (xs: number[]) => percentile(sorted(xs), 50);

/** p50 and p99 rows for a set of start-to-first-output samples. */
export function latencyRows(
  suite: string,
  label: string,
  samples: number[],
  targets: { p50?: number; p99?: number } = {},
): Result[] {
  const s = sorted(samples);
  const p50 = percentile(s, 50);
  const p99 = percentile(s, 99);
  const n = `${samples.length} runs`;
  return [
    {
      suite,
      name: `start-to-first-output, ${label}, p50 (${n})`,
      value: p50,
      unit: 'ms',
      ...(targets.p50 === undefined ? {} : atMost(p50, targets.p50)),
    },
    {
      suite,
      name: `start-to-first-output, ${label}, p99 (${n})`,
      value: p99,
      unit: 'ms',
      ...(targets.p99 === undefined ? {} : atMost(p99, targets.p99)),
    },
  ];
}

/** A containers-per-second row from burst times (median of the repetitions). */
export function burstRow(suite: string, n: number, times: number[], target?: number): Result {
  const perSec = (n / median(times)) * 1000;
  return {
    suite,
    name: `hello containers started and completed, ${n.toLocaleString('en-US')} at once (median of ${times.length})`,
    value: perSec,
    unit: '/s',
    ...(target === undefined ? {} : atLeast(perSec, target)),
  };
}

/** Rows comparing the runtime's compute run times with node:wasi's on the same bytes. */
export function computeRows(
  suite: string,
  ours: { times: number[]; stdout: string },
  theirs: { times: number[]; stdout: string },
): Result[] {
  if (ours.stdout !== theirs.stdout) {
    throw new Error(
      `compute printed ${JSON.stringify(ours.stdout)} here but ${JSON.stringify(theirs.stdout)} under node:wasi`,
    );
  }
  const oursMs = median(ours.times);
  const theirsMs = median(theirs.times);
  const speed = theirsMs / oursMs;
  const args = COMPUTE_ARGV.slice(1).join(' ');
  return [
    {
      suite,
      name: `compute ${args}: run time, this runtime (median of ${ours.times.length})`,
      value: oursMs,
      unit: 'ms',
    },
    {
      suite,
      name: `compute ${args}: run time, node:wasi (median of ${theirs.times.length})`,
      value: theirsMs,
      unit: 'ms',
    },
    {
      suite,
      name: 'compute: speed relative to node:wasi (node:wasi time / ours)',
      value: speed,
      unit: 'x',
      ...atLeast(Math.round(speed * 100) / 100, 0.9),
    },
  ];
}

/**
 * The compute module here and under node:wasi, in alternating rounds so that a busy moment on the
 * shared machine does not land on one side only; returns the rows of computeRows.
 */
export async function compareCompute(
  suite: string,
  bytes: Uint8Array,
  ours: (argv: string[], reps: number) => Promise<{ times: number[]; stdout: string }>,
  rounds = 3,
  reps = 3,
): Promise<Result[]> {
  const mine = { times: [] as number[], stdout: '' };
  const theirs = { times: [] as number[], stdout: '' };
  for (let r = 0; r < rounds; r++) {
    const a = await ours(COMPUTE_ARGV, reps);
    const b = nodeWasiTimes(bytes, COMPUTE_ARGV, reps);
    mine.times.push(...a.times);
    mine.stdout = a.stdout;
    theirs.times.push(...b.times);
    theirs.stdout = b.stdout;
  }
  return computeRows(suite, mine, theirs);
}

/** The row saying why the compute figure is missing. */
export function computeSkipped(suite: string): Result {
  const why = 'no compute module in public/modules/index.json or src/runtime-wasi/testdata';
  console.error(`${suite}: compute-bound figure skipped: ${why}`);
  return { suite, name: `compute: skipped (${why})`, value: NaN, unit: '' };
}

export async function run(): Promise<Result[]> {
  const suite = 'runtime';
  const results: Result[] = [];
  const hello = loadModule('hello', 'hello.wasm')!;
  const compute = loadModule('compute');
  console.error(`${suite}: hello from ${hello.source}; compute from ${compute?.source ?? 'none'}`);

  const cold = await coldLatencies(createNodeRuntime, hello.bytes, 10);
  results.push(...latencyRows(suite, 'cold (fresh runtime and workers, new module)', cold));

  const modules: Record<string, Uint8Array> = { hello: hello.bytes };
  if (compute) modules.compute = compute.bytes;
  const { rt, images } = await warmRuntime(createNodeRuntime, modules);
  try {
    const warm = await warmLatencies(rt, images.hello!, 500);
    results.push(...latencyRows(suite, 'warm (pool warm, module compiled)', warm));

    for (const [n, reps, target] of [
      [100, 5, undefined],
      [1000, 3, 3000],
    ] as const) {
      await burst(rt, images.hello!, n); // warm-up burst
      const times: number[] = [];
      for (let i = 0; i < reps; i++) times.push(await burst(rt, images.hello!, n));
      results.push(burstRow(suite, n, times, target));
    }

    if (compute) {
      const image = images.compute!;
      const ours = (argv: string[], reps: number) => computeTimes(rt, image, argv, reps);
      results.push(...(await compareCompute(suite, compute.bytes, ours)));
    } else {
      results.push(computeSkipped(suite));
    }
  } finally {
    rt.dispose();
  }
  return results;
}
