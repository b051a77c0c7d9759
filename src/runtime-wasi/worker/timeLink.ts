/**
 * The module's clocks and sleeps follow the kubelet's Clock, which lives on the host. A TimeLink
 * is how the worker asks it, in the best way the platform allows (see TimeMode in protocol.ts).
 */
import { SHARED_END, SHARED_FLAG, SHARED_START } from '../protocol.ts';
import type { WorkerToHost } from '../protocol.ts';

export interface Woke {
  /** Clock time when the host received the sleep. */
  start: number;
  /** Clock time when it woke the module. */
  end: number;
}

export interface TimeLink {
  /** The kubelet clock in ms: a value, or a promise in `jspi` mode. */
  now(): number | Promise<number>;
  /** Returns when the clock reaches `start + relMs` or `absMs`, whichever comes first. */
  sleep(relMs: number | undefined, absMs: number | undefined): Woke | Promise<Woke>;
}

type Ask = (msg: { type: 'now' } | { type: 'sleep'; relMs?: number; absMs?: number }) => void;

/**
 * A reading stays good for this long (wall time), so a module that reads the clock in a loop
 * does not pay a round trip each time. It matches the 1 ms resolution clock_res_get reports.
 */
const FRESH_MS = 1;

abstract class HostClock implements TimeLink {
  #value: number;
  #at: number;
  constructor(clockNow: number) {
    this.#value = clockNow;
    this.#at = performance.now();
  }

  protected remember(value: number): number {
    this.#value = value;
    this.#at = performance.now();
    return value;
  }

  protected fresh(): number | undefined {
    return performance.now() - this.#at < FRESH_MS ? this.#value : undefined;
  }

  abstract now(): number | Promise<number>;
  abstract sleep(relMs: number | undefined, absMs: number | undefined): Woke | Promise<Woke>;
}

/** Blocks the worker in Atomics.wait until the host writes the answer: no spinning. */
export class AtomicsLink extends HostClock {
  readonly #flag: Int32Array;
  readonly #times: Float64Array;
  constructor(
    clockNow: number,
    shared: SharedArrayBuffer,
    private readonly ask: Ask,
  ) {
    super(clockNow);
    this.#flag = new Int32Array(shared, 0, 1);
    this.#times = new Float64Array(shared);
  }

  now(): number {
    return this.fresh() ?? this.remember(this.#request({ type: 'now' }).end);
  }

  sleep(relMs: number | undefined, absMs: number | undefined): Woke {
    const woke = this.#request({ type: 'sleep', relMs, absMs });
    this.remember(woke.end);
    return woke;
  }

  #request(msg: Parameters<Ask>[0]): Woke {
    Atomics.store(this.#flag, SHARED_FLAG, 0);
    this.ask(msg);
    while (Atomics.load(this.#flag, SHARED_FLAG) === 0) Atomics.wait(this.#flag, SHARED_FLAG, 0);
    return { start: this.#times[SHARED_START]!, end: this.#times[SHARED_END]! };
  }
}

/** Returns promises; the module is suspended by JSPI and the event loop waits for `deliver`. */
export class JspiLink extends HostClock {
  #waiting: ((woke: Woke) => void) | undefined;
  constructor(
    clockNow: number,
    private readonly ask: Ask,
  ) {
    super(clockNow);
  }

  now(): number | Promise<number> {
    return this.fresh() ?? this.#request({ type: 'now' }).then((w) => this.remember(w.end));
  }

  sleep(relMs: number | undefined, absMs: number | undefined): Promise<Woke> {
    return this.#request({ type: 'sleep', relMs, absMs }).then((w) => {
      this.remember(w.end);
      return w;
    });
  }

  /** The host's reply to the pending request. */
  deliver(woke: Woke): void {
    const waiting = this.#waiting;
    this.#waiting = undefined;
    waiting?.(woke);
  }

  #request(msg: Parameters<Ask>[0]): Promise<Woke> {
    return new Promise((resolve) => {
      this.#waiting = resolve;
      this.ask(msg);
    });
  }
}

/**
 * The fallback when the worker can neither block nor suspend: the clock is extrapolated from
 * the value the run started with at x1 wall speed, and sleeps spin. A paused or fast playground
 * clock is not followed here.
 */
export class SpinLink implements TimeLink {
  readonly #base: number;
  readonly #wall = performance.now();
  constructor(clockNow: number) {
    this.#base = clockNow;
  }

  now(): number {
    return this.#base + (performance.now() - this.#wall);
  }

  sleep(relMs: number | undefined, absMs: number | undefined): Woke {
    const start = this.now();
    const deadline = Math.min(start + (relMs ?? Infinity), absMs ?? Infinity);
    let end = start;
    while (end < deadline) end = this.now();
    return { start, end };
  }
}

export function runAsk(post: (msg: WorkerToHost) => void, runId: number): Ask {
  return (msg) =>
    post(
      msg.type === 'now'
        ? { type: 'now', runId }
        : { type: 'sleep', runId, relMs: msg.relMs, absMs: msg.absMs },
    );
}
