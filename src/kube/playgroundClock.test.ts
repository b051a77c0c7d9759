import { describe, expect, it } from 'vitest';
import { PlaygroundClock, SLICE_MS } from './playgroundClock.ts';
import { VirtualClock } from './virtualClock.ts';

const START = 1_767_268_800_000;

function setup(speed = 1, paused = false) {
  const wall = new VirtualClock(0);
  const clock = new PlaygroundClock({ wall, start: START, speed, paused });
  const fired: [string, number][] = [];
  const at = (label: string, ms: number) =>
    clock.setTimeout(() => fired.push([label, clock.now() - START]), ms);
  return { wall, clock, fired, at };
}

describe('PlaygroundClock', () => {
  it('runs with the wall clock at x1', () => {
    const { wall, clock, fired, at } = setup();
    at('a', 5_000);
    wall.advance(4_999);
    expect(fired).toEqual([]);
    wall.advance(1);
    expect(fired).toEqual([['a', 5_000]]);
    expect(clock.now()).toBe(START + 5_000);
  });

  it('runs ten times faster at x10: a 10 s backoff takes 1 s of wall time', () => {
    const { wall, clock, fired, at } = setup(10);
    at('backoff', 10_000);
    wall.advance(999);
    expect(fired).toEqual([]);
    wall.advance(1);
    expect(fired).toEqual([['backoff', 10_000]]);
    expect(clock.now()).toBe(START + 10_000);
  });

  it('changing speed keeps the time reached and re-times pending timers', () => {
    const { wall, clock, fired, at } = setup(1);
    at('t', 60_000);
    wall.advance(10_000); // 10 s at x1
    clock.setSpeed(100);
    expect(clock.now()).toBe(START + 10_000);
    wall.advance(499);
    expect(fired).toEqual([]);
    wall.advance(1); // 50 s more at x100
    expect(fired).toEqual([['t', 60_000]]);
  });

  it('stands still while paused and fires nothing', () => {
    const { wall, clock, fired, at } = setup();
    at('t', 1_000);
    wall.advance(500);
    clock.pause();
    wall.advance(10_000);
    expect(clock.now()).toBe(START + 500);
    expect(fired).toEqual([]);
    clock.play();
    wall.advance(500);
    expect(fired).toEqual([['t', 1_000]]);
  });

  it('skips to the next event, paused or playing, and fires it', () => {
    const { clock, fired, at } = setup(1, true);
    at('a', 30_000);
    at('b', 300_000);
    expect(clock.skipToNext()).toBe(true);
    expect(fired).toEqual([['a', 30_000]]);
    expect(clock.now()).toBe(START + 30_000);
    expect(clock.skipToNext()).toBe(true);
    expect(fired.map((f) => f[0])).toEqual(['a', 'b']);
    expect(clock.skipToNext()).toBe(false);
  });

  it('fires timers set by a firing timer in order, without re-entering', () => {
    const { wall, clock, fired } = setup();
    clock.setTimeout(() => {
      fired.push(['outer', clock.now() - START]);
      clock.setTimeout(() => fired.push(['inner', clock.now() - START]), 0);
      clock.setTimeout(() => fired.push(['later', clock.now() - START]), 2_000);
    }, 1_000);
    wall.advance(1_000);
    expect(fired).toEqual([
      ['outer', 1_000],
      ['inner', 1_000],
    ]);
    wall.advance(2_000);
    expect(fired.at(-1)).toEqual(['later', 3_000]);
  });

  it('cancelled timers never fire and time never goes back', () => {
    const { wall, clock, fired, at } = setup();
    const cancel = at('x', 1_000);
    cancel();
    wall.advance(2_000);
    expect(fired).toEqual([]);
    const before = clock.now();
    clock.setSpeed(10);
    clock.pause();
    clock.play();
    expect(clock.now()).toBeGreaterThanOrEqual(before);
  });

  it('tells subscribers of speed, pause and skips', () => {
    const { clock } = setup();
    const states: string[] = [];
    clock.subscribe((s) => states.push(`${s.paused ? 'paused' : 'playing'} x${s.speed}`));
    clock.setSpeed(10);
    clock.pause();
    clock.play();
    expect(states).toEqual(['playing x10', 'paused x10', 'playing x10']);
  });

  it('refuses a speed that is not a positive number', () => {
    const { clock } = setup();
    expect(() => clock.setSpeed(0)).toThrow('clock speed must be a positive number, got 0');
    expect(clock.speed).toBe(1);
  });
});

describe('PlaygroundClock immediate', () => {
  it('fires due timers through the host immediate hook, not a wall timer', () => {
    const wall = new VirtualClock(0);
    const queued: (() => void)[] = [];
    const clock = new PlaygroundClock({ wall, start: START, immediate: (fn) => queued.push(fn) });
    const fired: number[] = [];
    clock.setTimeout(() => fired.push(1), 0);
    expect(wall.pending()).toBe(0);
    expect(queued).toHaveLength(1);
    queued.shift()!();
    expect(fired).toEqual([1]);
    // A later timer still uses the wall clock.
    clock.setTimeout(() => fired.push(2), 10);
    expect(wall.pending()).toBe(1);
    wall.advance(10);
    expect(fired).toEqual([1, 2]);
  });

  it('a cancelled immediate does not fire a later timer early', () => {
    const wall = new VirtualClock(0);
    const queued: (() => void)[] = [];
    const clock = new PlaygroundClock({ wall, start: START, immediate: (fn) => queued.push(fn) });
    const fired: string[] = [];
    const cancel = clock.setTimeout(() => fired.push('now'), 0);
    cancel();
    clock.setTimeout(() => fired.push('later'), 1000);
    clock.pause();
    queued.forEach((f) => f());
    expect(fired).toEqual([]);
  });

  it('fires timers falling due together in slices of wall time, the rest in the next tasks', () => {
    // A wall whose time the timers themselves move: each costs 3 ms.
    let wallNow = 0;
    const wallTimers: { at: number; fn: () => void; cancelled: boolean }[] = [];
    const wall = {
      now: () => wallNow,
      setTimeout(fn: () => void, ms: number) {
        const t = { at: wallNow + ms, fn, cancelled: false };
        wallTimers.push(t);
        return () => (t.cancelled = true);
      },
    };
    const queued: (() => void)[] = [];
    const clock = new PlaygroundClock({ wall, start: START, immediate: (fn) => queued.push(fn) });
    const fired: number[] = [];
    for (let i = 0; i < 10; i++) {
      clock.setTimeout(() => {
        fired.push(i);
        wallNow += 3;
      }, 500);
    }
    wallNow = 500;
    const tasks: number[][] = [];
    for (const t of wallTimers.splice(0)) if (!t.cancelled) t.fn();
    tasks.push(fired.splice(0));
    while (queued.length) {
      queued.shift()!();
      tasks.push(fired.splice(0));
    }
    // SLICE_MS is 8: three timers of 3 ms reach it; every timer fires, once, in order.
    expect(SLICE_MS).toBe(8);
    expect(tasks).toEqual([[0, 1, 2], [3, 4, 5], [6, 7, 8], [9]]);
    // The clock's time never went back, and reads the wall's.
    expect(clock.now()).toBe(START + wallNow);
  });
});
