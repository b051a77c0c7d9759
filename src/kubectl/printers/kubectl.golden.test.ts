/**
 * Our printers against what the real kubectl v1.33 printed for the same objects (captured by
 * testing/captureGoldens.ts into testdata/kubectl/), and, where a kubectl binary exists, against a
 * live kubectl run on the spot.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCase, type GoldenEntry } from './testing/capture.ts';
import { makePrinterFixtures } from './testing/fixtures.ts';
import { kubectlCases } from './testing/kubectlCases.ts';
import {
  createKubectlRunner,
  findKubectl,
  startFakeServer,
  type FakeServer,
} from './testing/kubectlHarness.ts';

const dir = join(dirname(fileURLToPath(import.meta.url)), 'testdata', 'kubectl');
const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as GoldenEntry[];
const caseNamed = (name: string) => kubectlCases.find((c) => c.name === name);

describe('kubectl goldens (captured from kubectl v1.33.1)', () => {
  it('has a golden for every case', () => {
    expect(manifest.map((g) => g.name).sort()).toEqual(kubectlCases.map((c) => c.name).sort());
  });

  it.each(manifest.map((g) => [g.name, g] as const))('%s', (name, golden) => {
    const c = caseNamed(name);
    if (!c) throw new Error(`no case "${name}" in kubectlCases.ts; re-run captureGoldens.ts`);
    expect(golden.args).toEqual(c.args);
    // kubectl printed within the second after `base`; ages truncate, so base + 500 ms gives the same.
    const ours = c.ours(makePrinterFixtures(golden.base), golden.base + 500);
    expect(ours.stdout).toBe(readFileSync(join(dir, golden.stdout), 'utf8'));
    expect(ours.stderr).toBe(golden.stderr);
  });
});

const kubectl = findKubectl();
// A few cases by default (each costs about a second); KUBECTL_LIVE=all runs every one.
const liveCases =
  process.env.KUBECTL_LIVE === 'all'
    ? kubectlCases
    : kubectlCases.filter((c) =>
        ['get-pods-wide', 'describe-pod-web', 'describe-node-node-1'].includes(c.name),
      );

describe.skipIf(!kubectl)(`live kubectl (${kubectl ?? 'no kubectl binary found: skipped'})`, () => {
  let server: FakeServer;
  let run: ReturnType<typeof createKubectlRunner>;
  beforeAll(async () => {
    server = await startFakeServer();
    run = createKubectlRunner(kubectl!, server);
  });
  afterAll(() => server?.close());

  it.each(liveCases.map((c) => [c.name, c] as const))(
    '%s',
    { timeout: 20_000 },
    async (_name, c) => {
      const { base, result, candidateNows } = await runCase(c, server, run);
      const theirs = { stdout: result.stdout, stderr: result.stderr };
      // kubectl printed during one of the seconds the run spanned; ours must agree with one of them.
      const attempts = candidateNows.map((now) => c.ours(makePrinterFixtures(base), now));
      const match = attempts.find((o) => o.stdout === theirs.stdout && o.stderr === theirs.stderr);
      expect(match ?? attempts[0]).toEqual(theirs);
    },
  );
});
