/**
 * Warm workers. Starting a worker costs 30-40 ms in Chromium (and more under Node with a
 * TypeScript loader); handing a compiled module to a worker that is already up costs about
 * 0.2 ms. The pool keeps `size` idle workers ready. It does not bound how many containers run:
 * a container that runs forever keeps its worker, and the next start takes another.
 *
 * In `atomics` mode a start may also queue behind a container that began moments ago (at most
 * QUEUE_AHEAD of them per worker): in a burst of short containers the worker then goes from one
 * to the next without waiting a round trip through the host for each (about 0.2 ms, more than a
 * hello container's run). The host takes queued runs back from a worker whose container keeps
 * running (PooledWorker.takeBack).
 */
import { SHARED_BYTES, SHARED_CLAIMED } from './protocol.ts';
import type { HostToWorker, TimeMode, WorkerToHost } from './protocol.ts';

/** A worker as the host sees it: a Web Worker or a worker_threads Worker behind one shape. */
export interface WorkerLike {
  postMessage(msg: HostToWorker): void;
  onMessage(handler: (msg: WorkerToHost) => void): void;
  /** The worker died on its own: an uncaught error, or its thread exited. */
  onError(handler: (message: string) => void): void;
  terminate(): void;
}

/** What differs between the browser and Node: how to make a worker and how many to keep. */
export interface WorkerHost {
  spawn(): WorkerLike;
  /** Cores the platform reports (navigator.hardwareConcurrency, os.availableParallelism). */
  parallelism: number;
  timeMode: TimeMode;
  /** Runs `fn` in a task of its own, after the worker messages the host has already received. */
  nextTask(fn: () => void): void;
}

export interface PoolStats {
  idle: number;
  busy: number;
  /** Workers starting up. */
  warming: number;
  /** Workers started since the pool was created. */
  spawned: number;
  /** Workers terminated (killed containers, failures, surplus, dispose). */
  terminated: number;
}

/** Runs a worker may hold queued behind the one it runs. */
export const QUEUE_AHEAD = 2;

export class PooledWorker {
  readonly ready: Promise<void>;
  /** The reply block of `atomics` mode. */
  readonly shared: SharedArrayBuffer | undefined;
  /** Containers handed to this worker whose end the host has not seen: the running one first. */
  load = 0;
  /** performance.now() when the host saw this worker begin its current container. */
  since = 0;
  /** Takes no more queued runs: it is to be stopped once the host reads its pending exits. */
  closed = false;
  #seq = 0;
  #handler: ((msg: WorkerToHost) => void) | undefined;
  #onDeath: ((message: string) => void) | undefined;
  #dead = false;
  #isReady = false;

  constructor(
    private readonly worker: WorkerLike,
    mode: TimeMode,
    onDeath: (w: PooledWorker) => void,
  ) {
    this.shared = mode === 'atomics' ? new SharedArrayBuffer(SHARED_BYTES) : undefined;
    let ready!: () => void;
    let failed!: (e: Error) => void;
    this.ready = new Promise<void>((resolve, reject) => {
      ready = resolve;
      failed = reject;
    });
    // A worker that dies before it is ready must not leave an unhandled rejection behind.
    this.ready.catch(() => {});
    worker.onMessage((msg) => {
      if (msg.type === 'ready') {
        this.#isReady = true;
        ready();
      } else this.#handler?.(msg);
    });
    worker.onError((message) => {
      if (this.#dead) return;
      this.#dead = true;
      failed(new Error(message));
      this.#onDeath?.(message);
      onDeath(this);
    });
    worker.postMessage({ type: 'init', mode, shared: this.shared });
  }

  get dead(): boolean {
    return this.#dead;
  }

  /** It started once: a death after that is the container's problem, not a broken host. */
  get wasReady(): boolean {
    return this.#isReady;
  }

  post(msg: HostToWorker): void {
    this.worker.postMessage(msg);
  }

  /** The `seq` of the next run sent (RunMessage), or undefined outside `atomics` mode. */
  nextSeq(): number | undefined {
    return this.shared ? ++this.#seq : undefined;
  }

  /**
   * Takes back every run sent that the worker has not claimed yet (the worker will skip them);
   * returns the `seq` of the last run it claimed.
   */
  takeBack(): number {
    if (!this.shared) return this.#seq;
    const word = new Int32Array(this.shared, 0, 2);
    for (;;) {
      const claimed = Atomics.load(word, SHARED_CLAIMED);
      if (claimed === this.#seq) return claimed;
      if (Atomics.compareExchange(word, SHARED_CLAIMED, claimed, this.#seq) === claimed) {
        return claimed;
      }
    }
  }

  /** Routes the worker's messages (and its death) to the container it now runs. */
  attach(handler: (msg: WorkerToHost) => void, onDeath: (message: string) => void): void {
    this.#handler = handler;
    this.#onDeath = onDeath;
  }

  detach(): void {
    this.#handler = undefined;
    this.#onDeath = undefined;
  }

  terminate(): void {
    this.detach();
    this.#dead = true;
    this.worker.terminate();
  }
}

/**
 * How long without a worker coming back before the pool warms new ones; also how long a
 * container may have run for a start to queue behind it.
 */
export const STARVED_MS = 20;

/** Whether runs may queue on `w` (`atomics` mode, alive, not being stopped). */
const takesQueued = (w: PooledWorker): boolean => w.shared !== undefined && !w.dead && !w.closed;

interface Waiter {
  resolve(w: PooledWorker): void;
  reject(e: Error): void;
  /** Takes a place in a busy worker's queue too. */
  queue: boolean;
}

export class WorkerPool {
  readonly size: number;
  /** Resolves when the first `size` workers are up. */
  readonly ready: Promise<void>;
  #idle: PooledWorker[] = [];
  #warming = new Set<PooledWorker>();
  #busy = new Set<PooledWorker>();
  #waiters: Waiter[] = [];
  #spawned = 0;
  #terminated = 0;
  #disposed = false;
  #check: ReturnType<typeof setTimeout> | undefined;
  /**
   * Wall time a worker last came back or began a container: a start after a quiet spell is not
   * starved by workers that began moments ago.
   */
  #lastReturn = -Infinity;

  constructor(
    private readonly host: WorkerHost,
    size?: number,
  ) {
    this.size = Math.max(2, Math.floor(size ?? host.parallelism));
    const first: Promise<void>[] = [];
    for (let i = 0; i < this.size; i++) first.push(this.#warm());
    this.ready = Promise.all(first).then(() => undefined);
    // Reported to whoever awaits `ready` or acquires; never an unhandled rejection.
    this.ready.catch(() => {});
  }

  /**
   * An idle worker at once, else (with `queue`) a place in the queue of a worker whose
   * container began moments ago, else the first one to become free: a container that ends, or
   * a new worker (at most `size` start at a time, so a burst of short containers reuses workers
   * rather than starting one each).
   */
  acquire(queue = false): Promise<PooledWorker> {
    if (this.#disposed) return Promise.reject(new Error('the container runtime has been disposed'));
    const w = this.#idle.pop();
    if (w) {
      this.#take(w);
      this.#replenish();
      return Promise.resolve(w);
    }
    const behind = queue ? this.#queueable() : undefined;
    if (behind) {
      behind.load++;
      return Promise.resolve(behind);
    }
    return new Promise((resolve, reject) => {
      this.#waiters.push({ resolve, reject, queue });
      this.#replenish();
    });
  }

  /**
   * The worker's current container ended normally: it goes on with the next one queued, or
   * serves the next start, idles, or goes away.
   */
  release(w: PooledWorker): void {
    this.#lastReturn = performance.now();
    if (--w.load > 0) {
      w.since = this.#lastReturn;
      this.#fill(w);
      return;
    }
    this.#free(w);
  }

  /** `n` runs handed out with `w` never started there (taken back, or not sent at all). */
  unqueue(w: PooledWorker, n: number): void {
    w.load -= n;
    if (w.load > 0 || !this.#busy.has(w)) return;
    this.#free(w);
  }

  /** Nothing more runs on `w`: it serves the next start, idles, or goes away. */
  #free(w: PooledWorker): void {
    w.detach();
    this.#busy.delete(w);
    if (!w.dead) this.#offer(w);
  }

  /** Terminates a worker that must not run anything again (killed, failed). */
  discard(w: PooledWorker): void {
    this.#busy.delete(w);
    this.#terminate(w);
    this.#replace();
  }

  stats(): PoolStats {
    return {
      idle: this.#idle.length,
      busy: this.#busy.size,
      warming: this.#warming.size,
      spawned: this.#spawned,
      terminated: this.#terminated,
    };
  }

  dispose(): void {
    this.#disposed = true;
    clearTimeout(this.#check);
    for (const w of [...this.#idle, ...this.#warming, ...this.#busy]) this.#terminate(w);
    this.#idle = [];
    this.#warming.clear();
    this.#busy.clear();
    const error = new Error('the container runtime has been disposed');
    for (const waiter of this.#waiters.splice(0)) waiter.reject(error);
  }

  #take(w: PooledWorker): void {
    this.#busy.add(w);
    w.load = 1;
    w.since = this.#lastReturn = performance.now();
  }

  /** The busy worker with the shortest queue that a start may join, if any. */
  #queueable(): PooledWorker | undefined {
    const now = performance.now();
    let best: PooledWorker | undefined;
    for (const w of this.#busy) {
      if (!takesQueued(w) || w.load > QUEUE_AHEAD) continue;
      if (now - w.since >= STARVED_MS) continue;
      if (!best || w.load < best.load) best = w;
    }
    return best;
  }

  /** Gives waiting starts that accept it the free places in a busy worker's queue. */
  #fill(w: PooledWorker): void {
    if (!takesQueued(w)) return;
    while (w.load <= QUEUE_AHEAD && this.#waiters[0]?.queue) {
      w.load++;
      this.#waiters.shift()!.resolve(w);
    }
  }

  #offer(w: PooledWorker): void {
    const waiter = this.#waiters.shift();
    if (waiter) {
      this.#take(w);
      waiter.resolve(w);
      if (waiter.queue) this.#fill(w);
    } else if (!this.#disposed && this.#idle.length < this.size) {
      this.#idle.push(w);
    } else {
      this.#terminate(w);
    }
  }

  /**
   * Warms new workers when the idle set has run dry and no worker has come back for a while:
   * the busy ones run long containers. Not at once: in a burst of short containers workers come
   * back within a millisecond, and new ones would only compete with them for the cores.
   */
  #replenish(): void {
    if (this.#disposed || this.#check !== undefined || this.#idle.length > 0) return;
    const starved = () =>
      !this.#disposed &&
      this.#idle.length === 0 &&
      performance.now() - this.#lastReturn >= STARVED_MS;
    this.#check = setTimeout(() => {
      if (!starved()) {
        this.#check = undefined;
        this.#replenish();
        return;
      }
      // Look again once the messages already waiting are read: a host thread that was busy (or
      // off the CPU) runs this late timer before the exits that arrived meanwhile.
      this.#check = setTimeout(() => {
        this.#check = undefined;
        if (!starved()) return this.#replenish();
        const want =
          this.#waiters.length > 0 ? Math.min(this.#waiters.length, this.size) : this.size;
        while (this.#warming.size < want) this.#warm().catch(() => {});
      }, 0);
    }, STARVED_MS);
  }

  /** A worker is gone for good (unlike a busy one, it will not come back): warm another. */
  #replace(): void {
    if (this.#disposed) return;
    if (this.#idle.length + this.#warming.size < this.size) this.#warm().catch(() => {});
    this.#replenish();
  }

  #spawn(): PooledWorker {
    this.#spawned++;
    return new PooledWorker(this.host.spawn(), this.host.timeMode, (dead) => {
      this.#idle = this.#idle.filter((w) => w !== dead);
      this.#busy.delete(dead);
      this.#terminated++;
      // Replace a worker that died in service; one that never came up would only fail again.
      if (dead.wasReady) this.#replace();
    });
  }

  /** Starts a worker that serves a waiting start or joins the idle set once ready. */
  #warm(): Promise<void> {
    const w = this.#spawn();
    this.#warming.add(w);
    return w.ready.then(
      () => {
        if (this.#warming.delete(w)) this.#offer(w);
        // Starts still waiting (long-running containers hold every worker): warm the next ones.
        // Nothing else would: only a new start or a lost worker asks for more.
        if (this.#waiters.length > 0) this.#replenish();
      },
      (e: Error) => {
        this.#warming.delete(w);
        if (this.#warming.size > 0) return;
        const error = new Error(`could not start a container worker: ${e.message}`);
        for (const waiter of this.#waiters.splice(0)) waiter.reject(error);
        throw error;
      },
    );
  }

  #terminate(w: PooledWorker): void {
    if (w.dead) return;
    this.#terminated++;
    w.terminate();
  }
}
