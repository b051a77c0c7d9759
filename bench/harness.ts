/** Small helpers shared by the benchmark suites: timing, percentiles, machine description. */
import os from 'node:os';

export interface Result {
  suite: string;
  name: string;
  value: number;
  unit: string;
  /** The target, for the report: e.g. ">= 20000". */
  target?: string;
  ok?: boolean;
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}

/** The run whose `value` is the median of the runs' (the middle one, for an odd count). */
export function medianBy<T>(runs: T[], value: (run: T) => number): T {
  const sorted = [...runs].sort((a, b) => value(a) - value(b));
  return sorted[Math.floor(sorted.length / 2)]!;
}

export async function timeIt(fn: () => Promise<void> | void): Promise<number> {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}

export const gc = () => (globalThis as { gc?: () => void }).gc?.();

export function machine(): string {
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  return `${os.cpus().length} cores (${cpu}), ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${os.platform()} ${os.release()}`;
}

export function atLeast(value: number, min: number): Pick<Result, 'target' | 'ok'> {
  return { target: `>= ${min}`, ok: value >= min };
}

export function atMost(value: number, max: number): Pick<Result, 'target' | 'ok'> {
  return { target: `<= ${max}`, ok: value <= max };
}
