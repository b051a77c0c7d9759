/**
 * Runs a shipped module (public/modules) under Node's own node:wasi in a child process, for the
 * modules' tests. The child runs with --no-turbo-fast-api-calls: node:wasi segfaults under
 * repeated instantiation on Node 20.20 without it (ECOSYSTEM.md §7), and the vitest process never
 * hosts node:wasi at all.
 */
import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const PUBLIC = join(ROOT, 'public', 'modules');
/** False until `npm run build:modules` has written public/modules. */
export const shipped = existsSync(join(PUBLIC, 'index.json'));

let scratchDir: string | undefined;
const scratch = () => (scratchDir ??= mkdtempSync(join(tmpdir(), 'modules-test-')));

/** Removes the temporary files and folders made so far (call it in afterAll). */
export function cleanUp(): void {
  if (scratchDir) rmSync(scratchDir, { recursive: true, force: true });
  scratchDir = undefined;
}

/**
 * Runs one module under node:wasi. fd 3 carries, when asked, a trace line as each WASI call
 * starts (with fd_write's fd and poll_oneoff's subscriptions decoded) and one as it returns (with
 * its duration), then a final RESULT line.
 */
const RUNNER = `
import { readFileSync, writeSync } from 'node:fs';
import { WASI } from 'node:wasi';
const spec = JSON.parse(process.argv[1]);
const wasi = new WASI({ version: 'preview1', args: spec.args, env: spec.env,
  preopens: spec.preopens, returnOnExit: true });
const imports = wasi.getImportObject();
let instance;
if (spec.trace) {
  const w = imports.wasi_snapshot_preview1;
  for (const [call, fn] of Object.entries(w)) {
    w[call] = (...a) => {
      const line = { event: 'call', call };
      if (call === 'fd_write') line.fd = a[0];
      if (call === 'poll_oneoff') {
        const view = new DataView(instance.exports.memory.buffer);
        line.subs = [];
        for (let i = 0; i < a[2]; i++) {
          const at = a[0] + i * 48;
          line.subs.push({ tag: view.getUint8(at + 8), clock: view.getUint32(at + 16, true),
            timeoutNs: String(view.getBigUint64(at + 24, true)), flags: view.getUint16(at + 40, true) });
        }
      }
      writeSync(3, JSON.stringify(line) + '\\n');
      const start = performance.now();
      const ret = fn(...a);
      const ms = performance.now() - start;
      writeSync(3, JSON.stringify({ event: 'return', call, ms }) + '\\n');
      return ret;
    };
  }
}
instance = new WebAssembly.Instance(new WebAssembly.Module(readFileSync(spec.wasm)), imports);
let result;
try {
  result = { exitCode: wasi.start(instance) };
} catch (e) {
  if (!(e instanceof WebAssembly.RuntimeError)) throw e;
  result = { trap: e.message };
}
writeSync(3, 'RESULT ' + JSON.stringify(result) + '\\n');
`;

export interface RunOptions {
  env?: Record<string, string>;
  /** Guest path to host directory. */
  preopens?: Record<string, string>;
  trace?: boolean;
  /** Cap the module's linear memory (its memory section's maximum), in MiB. */
  memoryMiB?: number;
  timeoutMs?: number;
}

export interface TraceLine {
  /** `call` as the module calls the import, `return` when the import returns. */
  event: 'call' | 'return';
  call: string;
  /** On `return`: how long the call took. */
  ms?: number;
  /** fd_write's file descriptor. */
  fd?: number;
  /** poll_oneoff's subscriptions (tag 0 is a clock; clock 1 is monotonic). */
  subs?: { tag: number; clock: number; timeoutNs: string; flags: number }[];
}

/** The trace lines of `event` for import `call`, in order. */
export const traced = (trace: TraceLine[], call: string, event: TraceLine['event'] = 'call') =>
  trace.filter((t) => t.call === call && t.event === event);

export interface Run {
  stdout: string;
  stderr: string;
  /** Set when `_start` returned or the module called proc_exit. */
  exitCode?: number;
  /** The RuntimeError's message when the module trapped. */
  trap?: string;
  /** The signal that ended the child (SIGTERM at the timeout). */
  signal: string | null;
  trace: TraceLine[];
}

interface IndexEntry {
  name: string;
  layerDigest: string;
}

function moduleFile(name: string, memoryMiB?: number): string {
  const index = JSON.parse(readFileSync(join(PUBLIC, 'index.json'), 'utf8')) as {
    modules: IndexEntry[];
  };
  const entry = index.modules.find((m) => m.name === name);
  if (!entry) throw new Error(`public/modules/index.json has no module ${name}`);
  const blob = join(PUBLIC, 'v2', name, 'blobs', entry.layerDigest);
  if (memoryMiB === undefined) return blob;
  const capped = join(scratch(), `${name}-${memoryMiB}MiB.wasm`);
  writeFileSync(capped, withMemoryMax(readFileSync(blob), memoryMiB * 16));
  return capped;
}

export function spec(name: string, args: string[], o: RunOptions): string {
  return JSON.stringify({
    wasm: moduleFile(name, o.memoryMiB),
    args,
    env: o.env ?? {},
    preopens: o.preopens ?? {},
    trace: o.trace ?? false,
  });
}

const nodeArgs = (json: string) => [
  '--no-turbo-fast-api-calls',
  '--no-warnings',
  '--input-type=module',
  '-e',
  RUNNER,
  json,
];

export function parseFd3(text: string): Pick<Run, 'exitCode' | 'trap' | 'trace'> {
  const out: Pick<Run, 'exitCode' | 'trap' | 'trace'> = { trace: [] };
  for (const line of text.split('\n').filter(Boolean)) {
    if (line.startsWith('RESULT ')) Object.assign(out, JSON.parse(line.slice(7)));
    else out.trace.push(JSON.parse(line) as TraceLine);
  }
  return out;
}

export function run(name: string, args: string[], o: RunOptions = {}): Run {
  const child = spawnSync(process.execPath, nodeArgs(spec(name, args, o)), {
    stdio: ['ignore', 'pipe', 'pipe', 'pipe'],
    timeout: o.timeoutMs ?? 15_000,
    maxBuffer: 64 * 2 ** 20,
  });
  if (child.error && !child.signal) throw child.error;
  const [, stdout, stderr, fd3] = child.output.map((b) => b?.toString('utf8') ?? '');
  const result = { stdout: stdout!, stderr: stderr!, signal: child.signal, ...parseFd3(fd3!) };
  if (result.exitCode === undefined && result.trap === undefined && !child.signal) {
    throw new Error(`the runner failed (status ${child.status}): ${result.stderr}`);
  }
  return result;
}

/** Reads unsigned LEB128 at `at`: [value, next offset]. */
function leb(bytes: Uint8Array, at: number): [number, number] {
  let value = 0;
  for (let shift = 0; ; shift += 7) {
    const b = bytes[at++]!;
    value += (b & 0x7f) * 2 ** shift;
    if (b < 0x80) return [value, at];
  }
}

function toLeb(n: number): number[] {
  const out: number[] = [];
  do {
    const b = n % 128;
    n = Math.floor(n / 128);
    out.push(n > 0 ? b | 0x80 : b);
  } while (n > 0);
  return out;
}

/** The module with its one memory's maximum set to `maxPages`: memory.grow fails past it. */
function withMemoryMax(bytes: Uint8Array, maxPages: number): Uint8Array {
  let at = 8;
  while (at < bytes.length) {
    const id = bytes[at]!;
    const [size, body] = leb(bytes, at + 1);
    if (id === 5) {
      const [count, limits] = leb(bytes, body);
      if (count !== 1 || bytes[limits]! > 1) throw new Error('expected one 32-bit memory');
      const [min] = leb(bytes, limits + 1);
      const section = [1, 1, ...toLeb(min), ...toLeb(maxPages)];
      return new Uint8Array([
        ...bytes.subarray(0, at),
        5,
        ...toLeb(section.length),
        ...section,
        ...bytes.subarray(body + size),
      ]);
    }
    at = body + size;
  }
  throw new Error('the module has no memory section');
}

/** A fresh host directory holding `files`, to preopen. */
export function dirWith(files: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(scratch(), 'dir-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

/** Starts a module without waiting for it, for long-running ones: stdio[3] carries the trace. */
export function start(name: string, args: string[], o: RunOptions = {}): ChildProcess {
  return spawn(process.execPath, nodeArgs(spec(name, args, o)), {
    stdio: ['ignore', 'pipe', 'pipe', 'pipe'],
  });
}
