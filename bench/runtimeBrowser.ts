/**
 * The container runtime in headless Chromium (module Web Workers), driven by Playwright: the same
 * figures as the Node suite (bench/runtime.ts). Builds bench/runtimeBrowserPage.ts with Vite's
 * build API into a temporary folder (the worker entry bundled as in the app), serves it and the
 * modules on 127.0.0.1, and runs Debian's Chromium with the launch options of playwright.config.ts.
 * The page is not cross-origin isolated (as the app), so performance.now() has 100 µs steps and
 * the workers wait for the clock with JSPI.
 */
import { chromium } from '@playwright/test';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { build } from 'vite';
import { chromiumLaunch } from '../playwright.config.ts';
import { percentile, type Result } from './harness.ts';
import {
  burstRow,
  COMPUTE_ARGV,
  compareCompute,
  computeSkipped,
  latencyRows,
  loadModule,
  type BenchModule,
} from './runtime.ts';
import type {} from './runtimeBrowserPage.ts'; // window.runtimeBench

const REPO = join(import.meta.dirname, '..');
const PAGE = `<!doctype html><html><head><meta charset="utf-8"><link rel="icon" href="data:,">
<title>runtime bench</title><script type="module" src="/page.js"></script></head>
<body>runtime bench</body></html>`;
const TYPES: Record<string, string> = { '.js': 'text/javascript', '.wasm': 'application/wasm' };

async function buildPage(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'runtime-bench-'));
  await build({
    configFile: false,
    root: REPO,
    publicDir: false,
    logLevel: 'warn',
    build: {
      outDir: dir,
      emptyOutDir: true,
      target: 'es2022',
      rolldownOptions: {
        input: { page: join(REPO, 'bench/runtimeBrowserPage.ts') },
        output: { entryFileNames: '[name].js' },
      },
    },
    worker: { format: 'es' },
  });
  return dir;
}

/** Serves the built page from `dir` and each module at /modules/<name>.wasm. */
function serve(dir: string, modules: Record<string, BenchModule>): Promise<Server> {
  const s = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname));
    if (path === '/') {
      res.writeHead(200, { 'content-type': 'text/html' }).end(PAGE);
      return;
    }
    const module = /^\/modules\/([\w-]+)\.wasm$/.exec(path)?.[1];
    if (module !== undefined) {
      const m = modules[module];
      if (!m) res.writeHead(404).end();
      else res.writeHead(200, { 'content-type': 'application/wasm' }).end(m.bytes);
      return;
    }
    if (path.includes('..')) {
      res.writeHead(400).end();
      return;
    }
    const file = join(dir, path);
    readFile(file).then(
      (body) =>
        res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'text/plain' }).end(body),
      () => res.writeHead(404).end(),
    );
  });
  return new Promise((resolve) => s.listen(0, '127.0.0.1', () => resolve(s)));
}

export async function run(): Promise<Result[]> {
  const suite = 'runtime-browser';
  const results: Result[] = [];
  const hello = loadModule('hello', 'hello.wasm')!;
  const compute = loadModule('compute');
  console.error(`${suite}: hello from ${hello.source}; compute from ${compute?.source ?? 'none'}`);
  const modules: Record<string, BenchModule> = { hello };
  if (compute) modules.compute = compute;

  const dir = await buildPage();
  const server = await serve(dir, modules);
  const browser = await chromium.launch(chromiumLaunch);
  try {
    const address = server.address();
    if (!address || typeof address === 'string') throw new Error('the bench server has no port');
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') errors.push(`${m.type()}: ${m.text()}`);
    });
    await page.goto(`http://127.0.0.1:${address.port}/`);
    await page.waitForFunction(() => 'runtimeBench' in window);
    const timeMode = await page.evaluate(() => window.runtimeBench.timeMode);
    console.error(`${suite}: Chromium ${browser.version()}, time mode ${timeMode}`);

    const cold = await page.evaluate((n) => window.runtimeBench.cold(n), 30);
    results.push(...latencyRows(suite, 'cold (fresh runtime and workers, new module)', cold));
    const warm = await page.evaluate((n) => window.runtimeBench.warm(n), 500);
    results.push(
      ...latencyRows(suite, 'warm (pool warm, module compiled)', warm, { p50: 2, p99: 20 }),
    );
    for (const [n, reps, target] of [
      [100, 5, undefined],
      [1000, 3, 1000],
    ] as const) {
      const times = await page.evaluate(([n, r]) => window.runtimeBench.burst(n, r), [
        n,
        reps,
      ] as const);
      results.push(burstRow(suite, n, times, target));
    }
    if (compute) {
      const ours = (argv: string[], reps: number) =>
        page.evaluate(([a, r]) => window.runtimeBench.compute(a, r), [argv, reps] as const);
      results.push(...(await compareCompute(suite, compute.bytes, ours)));
      // The engine's own speed, without the runtime: tells the two apart when the ratio is low.
      const bare = await page.evaluate(([a, r]) => window.runtimeBench.bareCompute(a, r), [
        COMPUTE_ARGV,
        5,
      ] as const);
      const sorted = [...bare.times].sort((a, b) => a - b);
      results.push({
        suite,
        name: `compute ${COMPUTE_ARGV.slice(1).join(' ')}: run time, browser_wasi_shim alone on the page's main thread (reference, median of ${sorted.length})`,
        value: percentile(sorted, 50),
        unit: 'ms',
      });
    } else {
      results.push(computeSkipped(suite));
    }
    if (errors.length > 0) throw new Error(`the bench page reported:\n${errors.join('\n')}`);
  } finally {
    await browser.close();
    await new Promise((resolve) => server.close(resolve));
    await rm(dir, { recursive: true, force: true });
  }
  return results;
}
