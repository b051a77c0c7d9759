import { describe, expect, it } from 'vitest';
import { PhaseTally } from './phaseTally.ts';

const pod = (phase?: string) => ({ status: phase ? { phase } : {} });

describe('PhaseTally', () => {
  it('counts pods by phase, the largest first, a pod without a phase as Pending', () => {
    const tally = new PhaseTally();
    const pods = [pod('Succeeded'), pod('Running'), pod('Succeeded'), pod()];
    expect(tally.summary(pods)).toBe('4 pods by phase: 2 Succeeded, 1 Pending, 1 Running');
  });

  it('follows a list whose objects change in place, and one that grows or shrinks', () => {
    const tally = new PhaseTally();
    const a = [pod('Pending'), pod('Pending'), pod('Running')];
    expect(tally.summary(a)).toBe('3 pods by phase: 2 Pending, 1 Running');
    const b = [pod('Running'), a[1]!, pod('Succeeded')];
    expect(tally.summary(b)).toBe('3 pods by phase: 1 Pending, 1 Running, 1 Succeeded');
    const c = [b[0]!, pod('Running'), b[2]!];
    expect(tally.summary(c)).toBe('3 pods by phase: 2 Running, 1 Succeeded');
    expect(tally.summary([...c, pod('Failed')])).toBe(
      '4 pods by phase: 2 Running, 1 Failed, 1 Succeeded',
    );
    expect(tally.summary([c[0]!])).toBe('1 pods by phase: 1 Running');
  });

  it('sees a change even when the list is the same length but another object took a place', () => {
    const tally = new PhaseTally();
    const x = pod('Running');
    const y = pod('Succeeded');
    tally.summary([x, y]);
    expect(tally.summary([y, x])).toBe('2 pods by phase: 1 Running, 1 Succeeded');
    expect(tally.summary([y, y])).toBe('2 pods by phase: 2 Succeeded');
  });
});
