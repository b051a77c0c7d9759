/**
 * A clock whose time moves only when told to. Tests step it by hand; the app drives it from the
 * wall clock at x1, x10, x100, or leaves it paused; "skip to next event" jumps to `nextAt()`.
 */
import type { Clock, Unsubscribe } from './clock.ts';

interface Timer {
  at: number;
  seq: number;
  fn: () => void;
  cancelled: boolean;
}

export class VirtualClock implements Clock {
  #now: number;
  #seq = 0;
  #heap: Timer[] = [];

  // 2026-01-01T12:00:00Z: a fixed, readable start for traces.
  constructor(startMs = 1_767_268_800_000) {
    this.#now = startMs;
  }

  now(): number {
    return this.#now;
  }

  setTimeout(fn: () => void, ms: number): Unsubscribe {
    const timer: Timer = {
      at: this.#now + Math.max(0, ms),
      seq: this.#seq++,
      fn,
      cancelled: false,
    };
    this.#push(timer);
    return () => {
      timer.cancelled = true;
    };
  }

  /** When the next pending timer is due, or undefined when none is. */
  nextAt(): number | undefined {
    this.#dropCancelled();
    return this.#heap[0]?.at;
  }

  /** Number of timers still pending. */
  pending(): number {
    return this.#heap.filter((t) => !t.cancelled).length;
  }

  /**
   * Moves time forward to `target`, firing due timers in time order (ties in creation order).
   * Timers a firing timer sets are fired too when they fall inside the window.
   *
   * With `stop`, asked after each timer fired: once it says so, time stays at the last timer
   * fired, the timers still due wait for the next call, and the result is false.
   */
  advanceTo(target: number, stop?: () => boolean): boolean {
    for (;;) {
      this.#dropCancelled();
      const next = this.#heap[0];
      if (!next || next.at > target) break;
      this.#pop();
      this.#now = Math.max(this.#now, next.at);
      next.fn();
      if (stop?.()) {
        this.#dropCancelled();
        if ((this.#heap[0]?.at ?? Infinity) <= target) return false;
      }
    }
    this.#now = Math.max(this.#now, target);
    return true;
  }

  advance(ms: number): void {
    this.advanceTo(this.#now + ms);
  }

  #dropCancelled(): void {
    while (this.#heap[0]?.cancelled) this.#pop();
  }

  #less(a: Timer, b: Timer): boolean {
    return a.at < b.at || (a.at === b.at && a.seq < b.seq);
  }

  #push(t: Timer): void {
    const h = this.#heap;
    h.push(t);
    let i = h.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.#less(h[i]!, h[p]!)) break;
      [h[i], h[p]] = [h[p]!, h[i]!];
      i = p;
    }
  }

  #pop(): Timer | undefined {
    const h = this.#heap;
    const top = h[0];
    const last = h.pop();
    if (h.length > 0 && last) {
      h[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < h.length && this.#less(h[l]!, h[m]!)) m = l;
        if (r < h.length && this.#less(h[r]!, h[m]!)) m = r;
        if (m === i) break;
        [h[i], h[m]] = [h[m]!, h[i]!];
        i = m;
      }
    }
    return top;
  }
}
