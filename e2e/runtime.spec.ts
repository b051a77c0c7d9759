/**
 * The container-runtime contract in Chromium: the scenarios vitest runs against the Node host
 * (src/runtime-wasi/testing/scenarios.ts) run here against the browser host, in real module
 * Web Workers.
 *
 * How: the app's own build has no page for this, and the Playwright config must not change, so
 * beforeAll builds src/runtime-wasi/testing/harness.ts with Vite's build API into a temporary
 * folder (the worker entry is bundled by Vite exactly as in the app), and serves it, with the
 * test modules, from a small HTTP server on 127.0.0.1 that this file starts and stops.
 */
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { scenarios } from '../src/runtime-wasi/testing/scenarios.ts';
import type { RuntimeHarness } from '../src/runtime-wasi/testing/harness.ts';

const repo = fileURLToPath(new URL('..', import.meta.url));
const testdata = join(repo, 'src/runtime-wasi/testdata');
const TYPES: Record<string, string> = {
  '.js': 'text/javascript',
  '.wasm': 'application/wasm',
  '.map': 'application/json',
};
const PAGE = `<!doctype html><html><head><meta charset="utf-8"><link rel="icon" href="data:,">
<title>runtime harness</title><script type="module" src="/harness.js"></script></head>
<body>runtime harness</body></html>`;

let outDir: string;
let server: Server;
let origin: string;
let page: Page;
const errors: string[] = [];

async function buildHarness(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'runtime-harness-'));
  await build({
    configFile: false,
    root: repo,
    publicDir: false,
    logLevel: 'warn',
    build: {
      outDir: dir,
      emptyOutDir: true,
      target: 'es2022',
      sourcemap: true,
      rolldownOptions: {
        input: { harness: join(repo, 'src/runtime-wasi/testing/harness.ts') },
        output: { entryFileNames: '[name].js' },
      },
    },
    worker: { format: 'es' },
  });
  return dir;
}

function serve(dir: string): Promise<Server> {
  const s = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname));
    const file = path.startsWith('/testdata/')
      ? join(testdata, path.slice('/testdata/'.length))
      : join(dir, path);
    if (path === '/') {
      res.writeHead(200, { 'content-type': 'text/html' }).end(PAGE);
      return;
    }
    if (path.includes('..')) {
      res.writeHead(400).end();
      return;
    }
    readFile(file).then(
      (body) =>
        res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'text/plain' }).end(body),
      () => res.writeHead(404).end(),
    );
  });
  return new Promise((resolve) => s.listen(0, '127.0.0.1', () => resolve(s)));
}

test.describe.configure({ mode: 'serial' });

test.beforeAll(async ({ browser }) => {
  test.setTimeout(120_000);
  outDir = await buildHarness();
  server = await serve(outDir);
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('the harness server has no port');
  origin = `http://127.0.0.1:${address.port}`;
  page = await browser.newPage();
  page.on('pageerror', (e) => errors.push(e.message));
  // Any console output counts: the shim logs every syscall unless debug is off.
  page.on('console', (m) => errors.push(`${m.type()}: ${m.text()}`));
  await page.goto(`${origin}/`);
  await page.waitForFunction(() => 'runtimeHarness' in window);
});

test.afterAll(async () => {
  await page?.close();
  await new Promise((resolve) => server?.close(resolve));
  if (outDir) await rm(outDir, { recursive: true, force: true });
});

test('the browser host warms its pool and uses JSPI for the clock', async () => {
  const ready = await page.evaluate(
    () => (window as unknown as { runtimeHarness: RuntimeHarness }).runtimeHarness.ready,
  );
  expect(ready).toEqual({ timeMode: 'jspi', idle: 2 });
});

for (const { name } of scenarios) {
  test(name, async () => {
    const result = await page.evaluate(
      (n) => (window as unknown as { runtimeHarness: RuntimeHarness }).runtimeHarness.run(n),
      name,
    );
    expect(result).toEqual({ ok: true });
  });
}

test('nothing was logged: no errors, and no syscall tracing from the shim', () => {
  expect(errors).toEqual([]);
});
