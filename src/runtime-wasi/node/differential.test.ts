/**
 * Differential test: each module runs under this runtime (Node host) and under Node's own
 * node:wasi, and must give the same stdout, stderr, exit code and files in its writable mount.
 * node:wasi runs in a child process with --no-turbo-fast-api-calls (it segfaults under repeated
 * instantiation on Node 20.20 without it, see ECOSYSTEM.md §7).
 *
 * Modules: the ones we ship (public/modules, OCI layout: v2/<name>/manifests/v1 names the layer
 * blob; names from index.json when present, else the v2 folders) and the runtime's own test
 * modules that do not depend on the kubelet's clock, memory limits or read-only mounts.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { Clock } from '../../kube/clock.ts';
import { MemDir } from '../../kube/memfs.ts';
import type { MemNode } from '../../kube/memfs.ts';
import { loadTestModule } from '../testing/contract.ts';
import { createMemoryStore } from '../testing/memoryStore.ts';
import { createNodeRuntime } from './nodeRuntime.ts';

const REPO = fileURLToPath(new URL('../../../', import.meta.url));
const PUBLIC = join(REPO, 'public/modules');
const RUNNER = fileURLToPath(new URL('../testing/nodeWasiRunner.mjs', import.meta.url));
const TIMEOUT_MS = 20_000;

interface Case {
  args: string[];
  env?: [string, string][];
  /** Files in a writable mount at /data; compared after the run too. */
  files?: Record<string, string>;
}

interface Outcome {
  stdout: string;
  stderr: string;
  exitCode: number;
  files: Record<string, string>;
}

const sample = { 'greeting.txt': 'hello from a volume\n' };

/** How to run the shipped modules; a name missing here runs once with no arguments. */
const SHIPPED: Record<string, Case[] | { skip: string }> = {
  hello: [{ args: ['hello'] }],
  'hello-world': [
    { args: ['hello-world', 'one', 'two words'], env: [['GREETING', 'grüß dich']], files: sample },
  ],
  ticker: { skip: 'prints a line every 5 seconds and never exits' },
  oom: { skip: 'runs out of memory only under a limit, which node:wasi cannot set' },
};

/** The runtime's own modules (src/runtime-wasi/testdata). */
const OURS: Record<string, Case[]> = {
  hello: [{ args: ['hello'] }],
  streams: [{ args: ['streams'] }],
  exit3: [{ args: ['exit3'] }],
  trap: [{ args: ['trap'] }],
  'poll-fd': [{ args: ['poll-fd'] }],
  tool: [
    {
      args: ['tool', 'args', 'env', 'argsize', 'ünï ✓'],
      env: [
        ['A', 'b=c'],
        ['EMPTY', ''],
      ],
    },
    { args: ['tool', 'echo', 'out', 'err', 'to stderr', 'exit', '7'] },
    {
      args: [
        'tool',
        ...['cat', '/data/greeting.txt', 'write', '/data/new.txt', 'written'],
        ...['append', '/data/greeting.txt', 'appended\n', 'mkdir', '/data/sub'],
        ...['write', '/data/sub/x', 'x', 'cat', '/data/missing'],
      ],
      files: sample,
    },
    { args: ['tool', 'cat', '/etc/passwd'] },
  ],
};

const wallClock: Clock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => {
    const t = setTimeout(fn, ms);
    return () => clearTimeout(t);
  },
};

function shippedNames(): string[] {
  const names = new Set<string>();
  const index = join(PUBLIC, 'index.json');
  if (existsSync(index)) {
    const parsed: unknown = JSON.parse(readFileSync(index, 'utf8'));
    const list = Array.isArray(parsed)
      ? parsed
      : ((parsed as { modules?: unknown[] }).modules ?? Object.keys(parsed as object));
    for (const entry of list) {
      names.add(typeof entry === 'string' ? entry : (entry as { name: string }).name);
    }
  }
  const v2 = join(PUBLIC, 'v2');
  if (existsSync(v2)) {
    for (const name of readdirSync(v2)) {
      if (existsSync(join(v2, name, 'manifests', 'v1'))) names.add(name);
    }
  }
  return [...names].sort();
}

/** The module blob of public/modules/v2/<name>:v1. */
function shippedModule(name: string): Uint8Array {
  const dir = join(PUBLIC, 'v2', ...name.split('/'));
  if (!existsSync(join(dir, 'manifests', 'v1'))) {
    throw new Error(`public/modules lists ${name}, but v2/${name}/manifests/v1 does not exist`);
  }
  const manifest = JSON.parse(readFileSync(join(dir, 'manifests', 'v1'), 'utf8')) as {
    layers?: { digest: string }[];
  };
  const digest = manifest.layers?.[0]?.digest;
  if (!digest) throw new Error(`${name}: manifests/v1 has no layer`);
  return readFileSync(join(dir, 'blobs', digest));
}

function tooLong(c: Case, where: string): string {
  return (
    `${JSON.stringify(c.args)} ran longer than ${TIMEOUT_MS / 1000} s under ${where}: give it ` +
    'arguments that make it end, or a skip, in SHIPPED (differential.test.ts)'
  );
}

function writeTree(dir: string, files: Record<string, string>): void {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
}

function readTree(dir: string, prefix = ''): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      out[`${prefix}${name}/`] = '';
      Object.assign(out, readTree(path, `${prefix}${name}/`));
    } else {
      out[`${prefix}${name}`] = readFileSync(path, 'utf8');
    }
  }
  return out;
}

function memTree(dir: MemDir, prefix = ''): Record<string, string> {
  const out: Record<string, string> = {};
  const entries: [string, MemNode][] = [...dir.entries].sort(([a], [b]) => (a < b ? -1 : 1));
  for (const [name, node] of entries) {
    if (node.kind === 'dir') {
      out[`${prefix}${name}/`] = '';
      Object.assign(out, memTree(node, `${prefix}${name}/`));
    } else {
      out[`${prefix}${name}`] = new TextDecoder().decode(node.data);
    }
  }
  return out;
}

function underNodeWasi(wasm: Uint8Array, c: Case): Outcome {
  const scratch = mkdtempSync(join(tmpdir(), 'differential-'));
  try {
    const wasmPath = join(scratch, 'module.wasm');
    writeFileSync(wasmPath, wasm);
    const data = join(scratch, 'data');
    mkdirSync(data);
    writeTree(data, c.files ?? {});
    const spec = {
      wasm: wasmPath,
      args: c.args,
      env: c.env ?? [],
      preopens: c.files ? { '/data': data } : {},
    };
    const child = spawnSync(
      process.execPath,
      ['--no-turbo-fast-api-calls', '--no-warnings', RUNNER, JSON.stringify(spec)],
      { encoding: 'utf8', timeout: TIMEOUT_MS, maxBuffer: 256 * 2 ** 20 },
    );
    if (child.error) throw new Error(`node:wasi run failed: ${child.error.message}`);
    if (child.signal === 'SIGTERM') throw new Error(tooLong(c, 'node:wasi'));
    if (child.status === null) throw new Error(`node:wasi run ended by ${child.signal}`);
    return {
      stdout: child.stdout,
      stderr: child.stderr,
      exitCode: child.status,
      files: readTree(data),
    };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

describe('differential: this runtime (Node host) against node:wasi', () => {
  const store = createMemoryStore();
  const runtime = createNodeRuntime({ images: store, clock: wallClock, poolSize: 2 });
  afterAll(() => runtime.dispose());

  async function underRuntime(name: string, wasm: Uint8Array, c: Case): Promise<Outcome> {
    const image = await store.add(name, wasm);
    const data = new MemDir();
    for (const [path, text] of Object.entries(c.files ?? {})) data.writeFile(path, text);
    const out = { stdout: [] as Uint8Array[], stderr: [] as Uint8Array[] };
    const handle = runtime.start({
      id: `${name}-differential`,
      image,
      argv: c.args,
      env: c.env ?? [],
      mounts: c.files ? [{ path: '/data', dir: data, readOnly: false }] : [],
      onOutput: (chunk) => out[chunk.stream].push(chunk.data),
    });
    let late = false;
    const timer = setTimeout(() => {
      late = true;
      handle.kill();
    }, TIMEOUT_MS);
    const status = await handle.exited;
    clearTimeout(timer);
    if (late) throw new Error(tooLong(c, 'this runtime'));
    const text = (parts: Uint8Array[]) => Buffer.concat(parts).toString('utf8');
    return {
      stdout: text(out.stdout),
      stderr: text(out.stderr),
      exitCode: status.exitCode,
      files: memTree(data),
    };
  }

  async function compare(name: string, wasm: Uint8Array, c: Case): Promise<void> {
    const ours = await underRuntime(name, wasm, c);
    const reference = underNodeWasi(wasm, c);
    expect(ours).toEqual(reference);
  }

  describe('modules we ship (public/modules)', () => {
    const names = shippedNames();
    it('public/modules is enumerable (index.json or v2/<name>/manifests/v1)', () => {
      // Passes on an empty folder: the module images land separately (npm run build:modules).
      expect(names.every((n) => n.length > 0)).toBe(true);
    });
    for (const name of names) {
      const cases = SHIPPED[name] ?? [{ args: [name] }];
      if (!Array.isArray(cases)) {
        it.skip(`${name}: ${cases.skip}`, () => {});
        continue;
      }
      for (const c of cases) {
        it(
          `${name} ${JSON.stringify(c.args.slice(1))}`,
          () => compare(name, shippedModule(name), c),
          30_000,
        );
      }
    }
  });

  describe("the runtime's test modules (testdata)", () => {
    for (const [name, cases] of Object.entries(OURS)) {
      for (const c of cases) {
        it(`${name} ${JSON.stringify(c.args.slice(1))}`, async () =>
          compare(name, await loadTestModule(name), c));
      }
    }
  });
});
