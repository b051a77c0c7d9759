/**
 * One kubectl run over freshly based fixtures. kubectl prints ages from its own clock, which depend
 * only on the whole second it printed in, so each run knows which clock values ours must try.
 */
import { makePrinterFixtures } from './fixtures.ts';
import type { KubectlCase } from './kubectlCases.ts';
import type { FakeServer, KubectlResult } from './kubectlHarness.ts';

export interface GoldenEntry {
  name: string;
  args: string[];
  /** The fixtures' base time (a whole second, ms since the epoch); compare at base + 500. */
  base: number;
  stdout: string;
  stderr: string;
  code: number;
}

export interface CaseRun {
  base: number;
  result: KubectlResult;
  /** `now` values, one per whole second the run spanned: kubectl printed as of one of them. */
  candidateNows: number[];
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function runCase(
  c: KubectlCase,
  server: FakeServer,
  run: (args: readonly string[]) => Promise<KubectlResult>,
): Promise<CaseRun> {
  await sleep(1000 - (Date.now() % 1000) + 5);
  const base = Math.floor(Date.now() / 1000) * 1000;
  const fx = makePrinterFixtures(base);
  server.setFixtures(fx);
  server.setWatchEvents(c.watchEvents?.(fx) ?? []);
  const result = await run(c.args);
  const candidateNows: number[] = [];
  for (let s = base; s <= Math.floor(result.endedAt / 1000) * 1000; s += 1000)
    candidateNows.push(s + 500);
  return { base, result, candidateNows };
}

/** A run that finished within its first second, so `base + 500` reproduces it exactly. */
export async function captureCase(
  c: KubectlCase,
  server: FakeServer,
  run: (args: readonly string[]) => Promise<KubectlResult>,
  attempts = 8,
): Promise<GoldenEntry> {
  for (let attempt = 1; attempt <= attempts; attempt++) {
    const { base, result, candidateNows } = await runCase(c, server, run);
    if (candidateNows.length === 1) {
      return {
        name: c.name,
        args: c.args,
        base,
        stdout: result.stdout,
        stderr: result.stderr,
        code: result.code,
      };
    }
  }
  throw new Error(`${c.name}: kubectl never finished within one second`);
}
