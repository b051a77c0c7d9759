/**
 * kube-scheduler's PriorityQueue (v1.33), on the Clock:
 * - activeQ: ready to try, highest priority first, then the longest waiting;
 * - backoffQ: waiting out a backoff of 1 s doubling per attempt up to 10 s, flushed to activeQ
 *   every second; when activeQ is empty the next pod is taken from it early
 *   (SchedulerPopFromBackoffQ, on in v1.33), except pods that failed with an error;
 * - unschedulablePods: rejected by plugins; moved out by a cluster event the rejecting plugins
 *   care about (queueing hints), or after 5 minutes there (checked every 30 s);
 * - gated pods (spec.schedulingGates) wait for their gates to go.
 */
import type { Clock, Unsubscribe } from '../kube/clock.ts';
import { deepEqual } from '../kube/objects.ts';
import type { Pod } from '../kube/types.ts';
import { makePodInfo, podKey, type PodInfo } from './framework.ts';
import { Heap } from './heap.ts';

type Where = 'active' | 'backoff' | 'errorBackoff' | 'unschedulable' | 'gated' | 'inflight';

export interface QueuedPod {
  readonly key: string;
  pod: Pod;
  /** The parsed pod, or why it could not be parsed. */
  info: PodInfo | { error: string };
  /** Scheduling attempts so far (counted when popped). */
  attempts: number;
  /** When it was queued or last failed. */
  timestamp: number;
  /** Plugins that rejected it in its last attempt. */
  unschedulablePlugins: Set<string>;
  where: Where;
  ver: number;
  seq: number;
}

interface Token {
  qp: QueuedPod;
  ver: number;
  at: number;
  priority: number;
}

export interface QueueOptions {
  clock: Clock;
  /** Called when a pod becomes ready to pop. */
  onReady: () => void;
  initialBackoffMs?: number;
  maxBackoffMs?: number;
  maxInUnschedulableMs?: number;
}

const BACKOFF_FLUSH_MS = 1000;
const UNSCHEDULABLE_FLUSH_MS = 30_000;

const isGated = (pod: Pod) => (pod.spec?.schedulingGates?.length ?? 0) > 0;

function parse(pod: Pod): QueuedPod['info'] {
  try {
    return makePodInfo(pod);
  } catch (e) {
    return { error: e instanceof Error ? e.message : String(e) };
  }
}

/** isPodUpdated: a change other than status, resourceVersion, generation, managedFields, finalizers. */
function isPodUpdated(old: Pod, pod: Pod): boolean {
  const strip = (p: Pod) => ({
    ...p,
    status: undefined,
    metadata: {
      ...p.metadata,
      resourceVersion: undefined,
      generation: undefined,
      managedFields: undefined,
      finalizers: undefined,
    },
  });
  return !deepEqual(strip(old), strip(pod));
}

export class SchedulingQueue {
  readonly #clock: Clock;
  readonly #onReady: () => void;
  readonly #initialBackoffMs: number;
  readonly #maxBackoffMs: number;
  readonly #maxInUnschedulableMs: number;
  readonly #t0: number;
  readonly #pods = new Map<string, QueuedPod>();
  /** In the order they became unschedulable, so the first is the oldest. */
  readonly #unschedulable = new Map<string, QueuedPod>();
  readonly #active = new Heap<Token>(
    (a, b) =>
      a.priority > b.priority ||
      (a.priority === b.priority && (a.at < b.at || (a.at === b.at && a.qp.seq < b.qp.seq))),
  );
  readonly #backoff = new Heap<Token>(byTime);
  readonly #errorBackoff = new Heap<Token>(byTime);
  #seq = 0;
  #backoffTimer: { at: number; cancel: Unsubscribe } | undefined;
  #leftoverTimer: { at: number; cancel: Unsubscribe } | undefined;
  #stopped = false;

  constructor(opts: QueueOptions) {
    this.#clock = opts.clock;
    this.#onReady = opts.onReady;
    this.#initialBackoffMs = opts.initialBackoffMs ?? 1000;
    this.#maxBackoffMs = opts.maxBackoffMs ?? 10_000;
    this.#maxInUnschedulableMs = opts.maxInUnschedulableMs ?? 5 * 60_000;
    this.#t0 = this.#clock.now();
  }

  get(key: string): QueuedPod | undefined {
    return this.#pods.get(key);
  }

  /** How many pods wait where, for tests and the UI. */
  counts(): Record<Where, number> {
    const out = { active: 0, backoff: 0, errorBackoff: 0, unschedulable: 0, gated: 0, inflight: 0 };
    for (const qp of this.#pods.values()) out[qp.where]++;
    return out;
  }

  /** Unschedulable pods, for cluster events to test against their rejecting plugins. */
  unschedulable(): IterableIterator<QueuedPod> {
    return this.#unschedulable.values();
  }

  /** A pending pod appeared, or changed. */
  addOrUpdate(pod: Pod): void {
    const key = podKey(pod);
    const qp = this.#pods.get(key);
    if (qp && qp.pod.metadata?.uid !== pod.metadata?.uid) this.delete(key);
    else if (qp) return this.#update(qp, pod);
    const fresh: QueuedPod = {
      key,
      pod,
      info: parse(pod),
      attempts: 0,
      timestamp: this.#clock.now(),
      unschedulablePlugins: new Set(),
      where: 'gated',
      ver: 0,
      seq: this.#seq++,
    };
    this.#pods.set(key, fresh);
    if (isGated(pod)) return;
    this.#toActive(fresh);
  }

  #update(qp: QueuedPod, pod: Pod): void {
    const old = qp.pod;
    qp.pod = pod;
    if (qp.where === 'inflight') return;
    const updated = isPodUpdated(old, pod);
    if (updated) qp.info = parse(pod);
    if (qp.where === 'gated') {
      if (!isGated(pod)) this.#toActive(qp);
    } else if (qp.where === 'unschedulable' && updated) {
      this.#unschedulable.delete(qp.key);
      this.#toActiveOrBackoff(qp);
    }
  }

  /** The pod is gone or bound: forget it wherever it waits. */
  delete(key: string): void {
    const qp = this.#pods.get(key);
    if (!qp) return;
    this.#pods.delete(key);
    this.#unschedulable.delete(key);
    qp.ver++;
  }

  /** The next pod to try: activeQ first, else the backoffQ pod whose backoff ends first. */
  pop(): QueuedPod | undefined {
    const qp = this.#popFrom(this.#active) ?? this.#popFrom(this.#backoff);
    if (!qp) return undefined;
    qp.where = 'inflight';
    qp.attempts++;
    return qp;
  }

  /** After a fit error: wait in unschedulablePods for an event the rejecting plugins care about. */
  unschedulableAgain(qp: QueuedPod, plugins: Set<string>): void {
    if (!this.#inflight(qp)) return;
    qp.timestamp = this.#clock.now();
    qp.unschedulablePlugins = plugins;
    qp.where = 'unschedulable';
    this.#unschedulable.set(qp.key, qp);
    this.#armLeftoverFlush();
  }

  /** After an error (or no nodes at all): retry once the backoff is over. */
  errorAgain(qp: QueuedPod): void {
    if (!this.#inflight(qp)) return;
    qp.timestamp = this.#clock.now();
    qp.unschedulablePlugins = new Set();
    this.#toActiveOrBackoff(qp);
  }

  /** Moves the unschedulable pods `worth` picks to activeQ or backoffQ. */
  move(worth: (qp: QueuedPod) => boolean): void {
    for (const qp of [...this.#unschedulable.values()]) {
      if (!worth(qp)) continue;
      this.#unschedulable.delete(qp.key);
      this.#toActiveOrBackoff(qp);
    }
  }

  stop(): void {
    this.#stopped = true;
    this.#backoffTimer?.cancel();
    this.#leftoverTimer?.cancel();
    this.#backoffTimer = this.#leftoverTimer = undefined;
  }

  #inflight(qp: QueuedPod): boolean {
    return this.#pods.get(qp.key) === qp && qp.where === 'inflight';
  }

  backoffExpiry(qp: QueuedPod): number {
    if (qp.attempts === 0) return qp.timestamp;
    let d = this.#initialBackoffMs;
    for (let i = 1; i < qp.attempts; i++) {
      if (d > this.#maxBackoffMs - d) return qp.timestamp + this.#maxBackoffMs;
      d += d;
    }
    return qp.timestamp + d;
  }

  #toActive(qp: QueuedPod): void {
    qp.where = 'active';
    qp.ver++;
    this.#active.push({ qp, ver: qp.ver, at: qp.timestamp, priority: qp.pod.spec?.priority ?? 0 });
    this.#onReady();
  }

  #toActiveOrBackoff(qp: QueuedPod): void {
    const expiry = this.backoffExpiry(qp);
    if (expiry <= this.#clock.now()) return this.#toActive(qp);
    const error = qp.unschedulablePlugins.size === 0;
    qp.where = error ? 'errorBackoff' : 'backoff';
    qp.ver++;
    (error ? this.#errorBackoff : this.#backoff).push({ qp, ver: qp.ver, at: expiry, priority: 0 });
    this.#armBackoffFlush();
    if (!error) this.#onReady();
  }

  #popFrom(heap: Heap<Token>): QueuedPod | undefined {
    for (let t = heap.pop(); t; t = heap.pop()) if (this.#live(t)) return t.qp;
    return undefined;
  }

  #live(t: Token): boolean {
    return t.ver === t.qp.ver && this.#pods.get(t.qp.key) === t.qp;
  }

  #peekLive(heap: Heap<Token>): Token | undefined {
    while (heap.peek() && !this.#live(heap.peek()!)) heap.pop();
    return heap.peek();
  }

  /** flushBackoffQCompleted runs every second: the first tick at or after the earliest expiry. */
  #armBackoffFlush(): void {
    if (this.#stopped) return;
    const next = [this.#peekLive(this.#backoff), this.#peekLive(this.#errorBackoff)]
      .filter((t): t is Token => t !== undefined)
      .reduce((min, t) => Math.min(min, t.at), Infinity);
    if (next === Infinity) return;
    // v1.33 aligns the backoffQ to whole seconds of the clock (backoffQOrderingWindowDuration).
    const tick = this.#tickAtOrAfter(next, BACKOFF_FLUSH_MS, 0);
    if (this.#backoffTimer && this.#backoffTimer.at <= tick) return;
    this.#backoffTimer?.cancel();
    const cancel = this.#clock.setTimeout(() => {
      this.#backoffTimer = undefined;
      this.#flushBackoff();
    }, tick - this.#clock.now());
    this.#backoffTimer = { at: tick, cancel };
  }

  #flushBackoff(): void {
    const now = this.#clock.now();
    for (const heap of [this.#backoff, this.#errorBackoff]) {
      for (let t = this.#peekLive(heap); t && t.at <= now; t = this.#peekLive(heap)) {
        heap.pop();
        this.#toActive(t.qp);
      }
    }
    this.#armBackoffFlush();
  }

  /** flushUnschedulablePodsLeftover runs every 30 s and moves pods waiting more than 5 min. */
  #armLeftoverFlush(): void {
    if (this.#stopped || this.#leftoverTimer) return;
    const oldest = this.#unschedulable.values().next().value;
    if (!oldest) return;
    const tick = this.#tickAtOrAfter(
      oldest.timestamp + this.#maxInUnschedulableMs + 1,
      UNSCHEDULABLE_FLUSH_MS,
      this.#t0,
    );
    const cancel = this.#clock.setTimeout(() => {
      this.#leftoverTimer = undefined;
      const now = this.#clock.now();
      this.move((qp) => now - qp.timestamp > this.#maxInUnschedulableMs);
      this.#armLeftoverFlush();
    }, tick - this.#clock.now());
    this.#leftoverTimer = { at: tick, cancel };
  }

  /** The first tick of a period counted from `origin` at or after `t`, and after now. */
  #tickAtOrAfter(t: number, period: number, origin: number): number {
    const at = Math.max(t, this.#clock.now() + 1);
    return origin + Math.ceil((at - origin) / period) * period;
  }
}

const byTime = (a: Token, b: Token) => a.at < b.at || (a.at === b.at && a.qp.seq < b.qp.seq);
