import { describe, expect, it } from 'vitest';
import { VirtualClock } from './virtualClock.ts';

describe('VirtualClock', () => {
  it('fires due timers in time order, ties in creation order, and those they set in the window', () => {
    const clock = new VirtualClock(0);
    const fired: string[] = [];
    clock.setTimeout(() => fired.push('b@20'), 20);
    clock.setTimeout(() => {
      fired.push('a@10');
      clock.setTimeout(() => fired.push('c@15'), 5);
      clock.setTimeout(() => fired.push('late@40'), 30);
    }, 10);
    clock.setTimeout(() => fired.push('d@20'), 20);
    expect(clock.advanceTo(30)).toBe(true);
    expect(fired).toEqual(['a@10', 'c@15', 'b@20', 'd@20']);
    expect(clock.now()).toBe(30);
    expect(clock.nextAt()).toBe(40);
  });

  it('stops where told, keeping the time of the last timer fired and the rest due', () => {
    const clock = new VirtualClock(0);
    const fired: number[] = [];
    for (const at of [5, 10, 15]) clock.setTimeout(() => fired.push(at), at);
    expect(clock.advanceTo(100, () => fired.length === 2)).toBe(false);
    expect(fired).toEqual([5, 10]);
    expect(clock.now()).toBe(10);
    expect(clock.nextAt()).toBe(15);
    // Told to stop after the last due timer: nothing is left, so it reaches the target.
    expect(clock.advanceTo(100, () => true)).toBe(true);
    expect(fired).toEqual([5, 10, 15]);
    expect(clock.now()).toBe(100);
  });
});
