/**
 * The playground's clock: a VirtualClock driven by the host's wall clock at a chosen speed
 * (x1, x10, x100), or paused, with "skip to next event". Every time the cluster shows is this
 * clock's, so a 5-minute backoff shown at x100 still reads 5m0s.
 *
 * It reaches real time only through the `wall` port (the host passes one built on
 * performance.now or Date.now and real timers), so it stays framework-free and testable.
 */
import type { Clock, Unsubscribe } from './clock.ts';
import { VirtualClock } from './virtualClock.ts';

export interface PlaygroundClockOptions {
  /** The host's real time and timers. Only differences of `wall.now()` are used. */
  wall: Clock;
  /** Playground time at creation (ms since the epoch); usually the real date. */
  start: number;
  /** Playground milliseconds per wall millisecond; default 1. */
  speed?: number;
  paused?: boolean;
  /**
   * Runs `fn` as soon as possible as a new task of the host (a MessageChannel message in a
   * browser, setImmediate under Node), for timers already due. Without it they wait for
   * `wall.setTimeout(fn, 0)`, which browsers clamp to 4 ms when timers nest: a chain of
   * zero-delay steps (watch, bind, sync, start) would add 4 ms per step.
   */
  immediate?: (fn: () => void) => void;
}

export interface ClockState {
  speed: number;
  paused: boolean;
}

// Real timers overflow past 2^31 - 1 ms; a longer wait re-arms.
const MAX_WALL_TIMER_MS = 2 ** 31 - 1;

/**
 * Wall milliseconds that timers falling due together may run in one task; the rest run in the
 * next one, so a frame, input or a worker's message can come between (200 sleeping containers
 * waking on the same tick took 100 ms in one task).
 */
export const SLICE_MS = 8;

export class PlaygroundClock implements Clock {
  readonly #wall: Clock;
  readonly #immediate: ((fn: () => void) => void) | undefined;
  readonly #virtual: VirtualClock;
  #speed: number;
  #paused: boolean;
  // Playground time = #virtAnchor + (wall.now() - #wallAnchor) * speed, while playing.
  #wallAnchor: number;
  #virtAnchor: number;
  #armed: { at: number; cancel: Unsubscribe } | undefined;
  #firing = false;
  readonly #listeners = new Set<(state: ClockState) => void>();

  constructor(opts: PlaygroundClockOptions) {
    this.#wall = opts.wall;
    this.#immediate = opts.immediate;
    this.#speed = checkSpeed(opts.speed ?? 1);
    this.#paused = opts.paused ?? false;
    this.#virtual = new VirtualClock(opts.start);
    this.#wallAnchor = opts.wall.now();
    this.#virtAnchor = opts.start;
  }

  now(): number {
    if (this.#paused) return Math.max(this.#virtAnchor, this.#virtual.now());
    const t = this.#virtAnchor + (this.#wall.now() - this.#wallAnchor) * this.#speed;
    return Math.max(t, this.#virtual.now());
  }

  setTimeout(fn: () => void, ms: number): Unsubscribe {
    const at = this.now() + Math.max(0, ms);
    const cancel = this.#virtual.setTimeout(fn, at - this.#virtual.now());
    if (!this.#firing) this.#arm();
    return cancel;
  }

  get speed(): number {
    return this.#speed;
  }

  get paused(): boolean {
    return this.#paused;
  }

  state(): ClockState {
    return { speed: this.#speed, paused: this.#paused };
  }

  setSpeed(speed: number): void {
    checkSpeed(speed);
    this.#reanchor();
    this.#speed = speed;
    this.#disarm();
    this.#arm();
    this.#emit();
  }

  pause(): void {
    if (this.#paused) return;
    this.#reanchor();
    this.#paused = true;
    this.#disarm();
    this.#emit();
  }

  play(): void {
    if (!this.#paused) return;
    this.#wallAnchor = this.#wall.now();
    this.#paused = false;
    this.#arm();
    this.#emit();
  }

  /** When the next timer is due on this clock, if any is pending. */
  nextAt(): number | undefined {
    return this.#virtual.nextAt();
  }

  /**
   * Jumps to the next pending timer and fires it (and any due at the same time). Works paused or
   * playing. Returns false when nothing is pending.
   */
  skipToNext(): boolean {
    const next = this.#virtual.nextAt();
    if (next === undefined) return false;
    this.#jumpTo(Math.max(next, this.now()));
    return true;
  }

  /** Moves time forward by `ms` at once, firing what falls due (paused or playing). */
  advance(ms: number): void {
    this.#jumpTo(this.now() + Math.max(0, ms));
  }

  /** Told of speed, pause and skips (not of time passing: poll `now()` for that). */
  subscribe(listener: (state: ClockState) => void): Unsubscribe {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Stops the wall timer; pending timers never fire. */
  dispose(): void {
    this.#disarm();
    this.#paused = true;
  }

  #jumpTo(target: number): void {
    this.#virtAnchor = target;
    this.#wallAnchor = this.#wall.now();
    this.#disarm();
    this.#fire(target);
    this.#arm();
    this.#emit();
  }

  #reanchor(): void {
    this.#virtAnchor = this.now();
    this.#wallAnchor = this.#wall.now();
  }

  /** Fires the timers due by `upTo`; `sliced`, only for SLICE_MS of wall time (see #arm). */
  #fire(upTo: number, sliced = false): void {
    this.#firing = true;
    try {
      if (!sliced) this.#virtual.advanceTo(upTo);
      else {
        const until = this.#wall.now() + SLICE_MS;
        this.#virtual.advanceTo(upTo, () => this.#wall.now() >= until);
      }
    } finally {
      this.#firing = false;
    }
  }

  #arm(): void {
    if (this.#paused) return this.#disarm();
    const next = this.#virtual.nextAt();
    if (next === undefined) return this.#disarm();
    if (this.#armed?.at === next) return;
    this.#disarm();
    const delay = Math.min(MAX_WALL_TIMER_MS, Math.max(0, (next - this.now()) / this.#speed));
    const armed = { at: next, cancel: () => {} };
    this.#armed = armed;
    // Timers left due after a slice re-arm at once, through `immediate`.
    const fire = () => {
      if (this.#armed !== armed) return;
      this.#armed = undefined;
      this.#fire(this.now(), true);
      this.#arm();
    };
    if (delay === 0 && this.#immediate) {
      let cancelled = false;
      this.#immediate(() => !cancelled && fire());
      armed.cancel = () => (cancelled = true);
    } else {
      armed.cancel = this.#wall.setTimeout(fire, delay);
    }
  }

  #disarm(): void {
    this.#armed?.cancel();
    this.#armed = undefined;
  }

  #emit(): void {
    const state = this.state();
    for (const l of this.#listeners) l(state);
  }
}

function checkSpeed(speed: number): number {
  if (!Number.isFinite(speed) || speed <= 0) {
    throw new RangeError(`clock speed must be a positive number, got ${speed}`);
  }
  return speed;
}
