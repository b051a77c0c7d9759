import { describe, expect, it } from 'vitest';
import { MIN_CEILING, MemoryCeiling } from './memoryCeiling.ts';

describe('MemoryCeiling', () => {
  it('admits every start until the engine refuses a memory', () => {
    const ceiling = new MemoryCeiling();
    expect(ceiling.admits(0)).toBe(true);
    expect(ceiling.admits(10_000)).toBe(true);
    expect(ceiling.limit).toBeUndefined();
  });

  it('then admits a start only while fewer memories are held than when it refused', () => {
    const ceiling = new MemoryCeiling();
    ceiling.refused(124);
    expect(ceiling.admits(124)).toBe(false);
    expect(ceiling.admits(130)).toBe(false);
    expect(ceiling.admits(123)).toBe(true);
    expect(ceiling.limit).toBe(124);
  });

  it('forgets the limit once fewer than half as many are held, and learns it again', () => {
    const ceiling = new MemoryCeiling();
    ceiling.refused(124);
    expect(ceiling.admits(62)).toBe(true);
    expect(ceiling.limit).toBe(124);
    expect(ceiling.admits(61)).toBe(true);
    expect(ceiling.limit).toBeUndefined();
    expect(ceiling.admits(124)).toBe(true);
    ceiling.refused(120);
    expect(ceiling.admits(120)).toBe(false);
  });

  it('learns nothing from a refusal while few memories are held: that was garbage, not a limit', () => {
    const ceiling = new MemoryCeiling();
    ceiling.refused(MIN_CEILING - 1);
    expect(ceiling.limit).toBeUndefined();
    expect(ceiling.admits(MIN_CEILING)).toBe(true);
    ceiling.refused(MIN_CEILING);
    expect(ceiling.admits(MIN_CEILING)).toBe(false);
  });
});
