/**
 * Records what the real kubectl prints for each case in kubectlCases.ts, served our fixtures by the
 * throwaway server, into ../testdata/kubectl/. Run it after changing fixtures or cases:
 *
 *   npx tsx src/kubectl/printers/testing/captureGoldens.ts
 *
 * Each command starts just after a whole second and must finish within it, so the ages kubectl
 * prints ("5m30s") match ours at `base + 500` ms; a slow run is retried.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { format } from 'prettier';
import { makePrinterFixtures } from './fixtures.ts';
import { kubectlCases } from './kubectlCases.ts';
import { captureCase, type GoldenEntry } from './capture.ts';
import { createKubectlRunner, findKubectl, startFakeServer } from './kubectlHarness.ts';

const outDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'testdata', 'kubectl');

async function main(): Promise<void> {
  const kubectl = findKubectl();
  if (!kubectl) throw new Error('no kubectl binary found; cannot capture goldens');
  const server = await startFakeServer();
  try {
    const run = createKubectlRunner(kubectl, server);
    server.setFixtures(makePrinterFixtures(Date.now()));
    await run(['get', 'pods']); // warm the discovery cache
    mkdirSync(outDir, { recursive: true });
    const manifest: GoldenEntry[] = [];
    for (const c of kubectlCases) {
      const golden = await captureCase(c, server, run);
      writeFileSync(join(outDir, `${c.name}.txt`), golden.stdout);
      manifest.push({ ...golden, stdout: `${c.name}.txt` });
      process.stdout.write(`captured ${c.name}\n`);
    }
    const json = await format(JSON.stringify(manifest), { parser: 'json', printWidth: 100 });
    writeFileSync(join(outDir, 'manifest.json'), json);
  } finally {
    await server.close();
  }
}

await main();
