import { describe, expect, it } from 'vitest';
import { classify, formatBytes, killed, oomBeforeStart, startError } from './exitStatus.ts';
import type { MemoryCap } from './exitStatus.ts';

const MiB = 2 ** 20;
const cap: MemoryCap = { limitBytes: 64 * MiB, capPages: 1024, hooked: true };
const fine = { memoryBytes: MiB, growFailed: false };
const starved = { memoryBytes: 30 * MiB, growFailed: true };

describe('classify', () => {
  it.each([
    [
      { kind: 'exit', code: 0 },
      { exitCode: 0, reason: 'Completed' },
    ],
    [
      { kind: 'exit', code: 3 },
      { exitCode: 3, reason: 'Error' },
    ],
    [
      { kind: 'trap', message: 'wasm trap: unreachable' },
      { exitCode: 134, reason: 'Error', message: 'wasm trap: unreachable' },
    ],
    [
      { kind: 'unsupported', message: 'sock_recv is not supported: …' },
      { exitCode: 134, reason: 'Error', message: 'sock_recv is not supported: …' },
    ],
    [
      { kind: 'signal', signal: 15, message: 'raised 15' },
      { exitCode: 143, reason: 'Error', message: 'raised 15' },
    ],
    [
      { kind: 'startError', message: 'no _start' },
      { exitCode: 128, reason: 'StartError', message: 'no _start' },
    ],
  ] as const)('%o ends as %o', (outcome, expected) => {
    expect(classify(outcome, fine, cap)).toEqual(expected);
  });

  it('calls a death after a failed memory.grow OOMKilled, 137', () => {
    const expected = {
      exitCode: 137,
      reason: 'OOMKilled',
      message: 'linear memory reached the limit of 64Mi (1024 pages): memory.grow failed',
    };
    expect(classify({ kind: 'trap', message: 'unreachable' }, starved, cap)).toEqual(expected);
    expect(classify({ kind: 'exit', code: 1 }, starved, cap)).toEqual(expected);
  });

  it('keeps a clean exit after a failed grow: the module coped', () => {
    expect(classify({ kind: 'exit', code: 0 }, starved, cap)).toEqual({
      exitCode: 0,
      reason: 'Completed',
    });
  });

  it('never calls it OOM without a limit', () => {
    expect(classify({ kind: 'trap', message: 'x' }, starved)).toMatchObject({ reason: 'Error' });
  });

  it('falls back to "died near the cap" for modules the grow hook could not instrument', () => {
    const unhooked = { ...cap, hooked: false };
    const near = { memoryBytes: 64 * MiB - 65_536, growFailed: false };
    const far = { memoryBytes: 8 * MiB, growFailed: false };
    expect(classify({ kind: 'trap', message: 'x' }, near, unhooked)).toMatchObject({
      reason: 'OOMKilled',
    });
    expect(classify({ kind: 'trap', message: 'x' }, far, unhooked)).toMatchObject({
      reason: 'Error',
    });
  });
});

describe('fixed terminations', () => {
  it('kill is 137 Error, a start failure 128 StartError', () => {
    expect(killed()).toEqual({ exitCode: 137, reason: 'Error' });
    expect(startError('why')).toEqual({ exitCode: 128, reason: 'StartError', message: 'why' });
  });

  it('an initial memory over the limit is OOMKilled with both sizes', () => {
    expect(oomBeforeStart(8 * MiB, 200)).toEqual({
      exitCode: 137,
      reason: 'OOMKilled',
      message:
        "memory limit 8Mi is below the module's initial linear memory of 200 pages (12800Ki)",
    });
  });
});

describe('formatBytes', () => {
  it.each([
    [64 * MiB, '64Mi'],
    [2 ** 30, '1Gi'],
    [1536, '1536 bytes'],
    [3 * 1024, '3Ki'],
    [0, '0 bytes'],
  ])('%d is %s', (n, text) => expect(formatBytes(n)).toBe(text));
});
