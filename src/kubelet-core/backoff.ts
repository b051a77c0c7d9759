/**
 * client-go's flowcontrol.Backoff as the kubelet configures it: no jitter, doubling from the
 * initial delay to the cap, an entry expiring when the event comes long after its last update.
 * Crash loops use 10 s .. 300 s with the kubelet's 600 s expiry; image pulls 10 s .. 300 s.
 */
import type { Clock } from '../kube/clock.ts';

interface Entry {
  backoffMs: number;
  lastUpdate: number;
}

export class Backoff {
  readonly #entries = new Map<string, Entry>();

  constructor(
    private readonly clock: Clock,
    readonly initialMs: number,
    readonly maxMs: number,
    /** An entry is stale when an event comes more than this long after its last update. */
    private readonly expireAfterMs: number = 2 * maxMs,
  ) {}

  #expired(eventTime: number, lastUpdate: number): boolean {
    return eventTime - lastUpdate > this.expireAfterMs;
  }

  /** The current delay for `id` (0 when there is none). */
  get(id: string): number {
    return this.#entries.get(id)?.backoffMs ?? 0;
  }

  /** IsInBackOffSince: is an event at `eventTime` still inside the delay? */
  isInBackOffSince(id: string, eventTime: number): boolean {
    const e = this.#entries.get(id);
    if (!e || this.#expired(eventTime, e.lastUpdate)) return false;
    return this.clock.now() - eventTime < e.backoffMs;
  }

  /** IsInBackOffSinceUpdate: is now inside the delay counted from the last update? */
  isInBackOffSinceUpdate(id: string, eventTime: number): boolean {
    const e = this.#entries.get(id);
    if (!e || this.#expired(eventTime, e.lastUpdate)) return false;
    return eventTime - e.lastUpdate < e.backoffMs;
  }

  /** When the delay for an event at `eventTime` runs out. */
  expiresAt(id: string, eventTime: number): number {
    return eventTime + this.get(id);
  }

  /** Next: start at the initial delay, or double (capped) an entry that has not expired. */
  next(id: string, eventTime: number): void {
    const e = this.#entries.get(id);
    if (!e || this.#expired(eventTime, e.lastUpdate)) {
      this.#entries.set(id, { backoffMs: this.initialMs, lastUpdate: this.clock.now() });
    } else {
      e.backoffMs = Math.min(e.backoffMs * 2, this.maxMs);
      e.lastUpdate = this.clock.now();
    }
  }

  reset(id: string): void {
    this.#entries.delete(id);
  }

  /** Forgets every entry whose key starts with `prefix` (a pod's, when it goes). */
  forget(prefix: string): void {
    for (const key of this.#entries.keys()) if (key.startsWith(prefix)) this.#entries.delete(key);
  }
}

/** Crash-loop backoff: 10 s doubling to 5 min, reset after 10 min of running (kubelet.go). */
export const crashLoopBackoff = (clock: Clock) => new Backoff(clock, 10_000, 300_000, 600_000);

/** Image pull backoff: 10 s doubling to 5 min (imageBackOffPeriod, MaxImageBackOff). */
export const imagePullBackoff = (clock: Clock) => new Backoff(clock, 10_000, 300_000);
