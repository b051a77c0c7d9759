/**
 * How a module's end becomes a container's termination: exit code, reason and message.
 * Kubernetes has rules for exit codes and OOM kills; it has none for WebAssembly traps, so traps
 * follow wasmtime's CLI, which exits 128 + SIGABRT = 134 when a module traps (a trap is the
 * module aborting), and a reader of `kubectl describe` sees the same code wasmtime users know.
 */
import type { TerminationReason } from '../kubelet-core/ports.ts';
import type { RunOutcome } from './protocol.ts';
import { PAGE_BYTES } from './wasmBinary.ts';

/** wasmtime's exit code for a trap: 128 + SIGABRT. */
export const EXIT_TRAP = 134;
/** containerd's code for a container that could not start ("the same with Docker's behavior"). */
export const EXIT_START_ERROR = 128;
/** 128 + SIGKILL: what a killed container (and an OOM kill) exits with. */
export const EXIT_KILLED = 137;

export interface Termination {
  exitCode: number;
  reason: TerminationReason;
  message?: string;
}

export interface MemoryReport {
  /** Linear memory size when the module ended. */
  memoryBytes: number;
  /** A `memory.grow` past the limit failed during the run (from the grow hook). */
  growFailed: boolean;
}

export interface MemoryCap {
  limitBytes: number;
  capPages: number;
  /** False when the module could not be instrumented: fall back to "died near the cap". */
  hooked: boolean;
}

/** Within this distance of the cap, an un-instrumented module's death counts as out of memory. */
const NEAR_CAP_BYTES = 16 * PAGE_BYTES;

/** A module whose declared minimum memory is already over the limit never runs. */
export function oomBeforeStart(limitBytes: number, minPages: number): Termination {
  return {
    exitCode: EXIT_KILLED,
    reason: 'OOMKilled',
    message:
      `memory limit ${formatBytes(limitBytes)} is below the module's initial linear memory of ` +
      `${minPages} pages (${formatBytes(minPages * PAGE_BYTES)})`,
  };
}

export function killed(): Termination {
  return { exitCode: EXIT_KILLED, reason: 'Error' };
}

export function startError(message: string): Termination {
  return { exitCode: EXIT_START_ERROR, reason: 'StartError', message };
}

/** Classifies how a run ended. `cap` is set when the container had a memory limit. */
export function classify(outcome: RunOutcome, memory?: MemoryReport, cap?: MemoryCap): Termination {
  if (outcome.kind === 'startError') return startError(outcome.message);
  const abnormal = outcome.kind !== 'exit' || outcome.code !== 0;
  if (abnormal && cap && memory && outOfMemory(memory, cap)) {
    return {
      exitCode: EXIT_KILLED,
      reason: 'OOMKilled',
      message:
        `linear memory reached the limit of ${formatBytes(cap.limitBytes)} ` +
        `(${cap.capPages} pages): memory.grow failed`,
    };
  }
  switch (outcome.kind) {
    case 'exit':
      return outcome.code === 0
        ? { exitCode: 0, reason: 'Completed' }
        : { exitCode: outcome.code, reason: 'Error' };
    case 'trap':
      return { exitCode: EXIT_TRAP, reason: 'Error', message: outcome.message };
    case 'unsupported':
      return { exitCode: EXIT_TRAP, reason: 'Error', message: outcome.message };
    case 'signal':
      return { exitCode: 128 + outcome.signal, reason: 'Error', message: outcome.message };
  }
}

function outOfMemory(memory: MemoryReport, cap: MemoryCap): boolean {
  if (cap.hooked) return memory.growFailed;
  return memory.memoryBytes + NEAR_CAP_BYTES > cap.capPages * PAGE_BYTES;
}

/** Bytes in Kubernetes' binary-suffix style where exact (64Mi), else plain bytes. */
export function formatBytes(n: number): string {
  for (const [suffix, size] of [
    ['Gi', 2 ** 30],
    ['Mi', 2 ** 20],
    ['Ki', 2 ** 10],
  ] as const) {
    if (n >= size && n % size === 0) return `${n / size}${suffix}`;
  }
  return `${n} bytes`;
}
