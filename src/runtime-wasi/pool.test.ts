import { describe, expect, it } from 'vitest';
import { QUEUE_AHEAD, STARVED_MS, WorkerPool } from './pool.ts';
import type { WorkerHost, WorkerLike } from './pool.ts';
import type { HostToWorker, WorkerToHost } from './protocol.ts';

interface FakeWorker extends WorkerLike {
  terminated: boolean;
  die(message: string): void;
}

/** Workers that answer `init` with `ready` on the next task, or fail to load. */
function fakeHost(opts: { broken?: boolean } = {}): WorkerHost & { workers: FakeWorker[] } {
  const workers: FakeWorker[] = [];
  return {
    workers,
    parallelism: 2,
    timeMode: 'atomics',
    nextTask: (fn) => setTimeout(fn, 0),
    spawn() {
      let onMessage: (msg: WorkerToHost) => void = () => {};
      let onError: (message: string) => void = () => {};
      const w: FakeWorker = {
        terminated: false,
        postMessage(msg: HostToWorker) {
          if (msg.type !== 'init') return;
          setTimeout(() => {
            if (opts.broken) onError('Cannot find module container.worker.ts');
            else onMessage({ type: 'ready' });
          }, 1);
        },
        onMessage: (h) => (onMessage = h),
        onError: (h) => (onError = h),
        terminate() {
          w.terminated = true;
        },
        die: (message) => onError(message),
      };
      workers.push(w);
      return w;
    },
  };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('WorkerPool', () => {
  it('warms `size` workers, at least 2, and hands them out again and again', async () => {
    const host = fakeHost();
    const pool = new WorkerPool(host, 1);
    expect(pool.size).toBe(2);
    await pool.ready;
    expect(pool.stats()).toEqual({ idle: 2, busy: 0, warming: 0, spawned: 2, terminated: 0 });
    for (let i = 0; i < 10; i++) pool.release(await pool.acquire());
    expect(pool.stats()).toEqual({ idle: 2, busy: 0, warming: 0, spawned: 2, terminated: 0 });
  });

  it('serves a burst of short containers with the workers it has', async () => {
    const host = fakeHost();
    const pool = new WorkerPool(host, 2);
    await pool.ready;
    const starts = Array.from({ length: 50 }, () => pool.acquire());
    for (const start of starts) pool.release(await start);
    await tick();
    expect(host.workers).toHaveLength(2);
    expect(pool.stats()).toMatchObject({ idle: 2, busy: 0, spawned: 2 });
  });

  it('keeps warming workers while starts wait and every worker runs a long container', async () => {
    const host = fakeHost();
    const pool = new WorkerPool(host, 2);
    await pool.ready;
    // Ten containers that never end: the 2 warm workers, then 8 more, `size` at a time.
    const long = await Promise.all(Array.from({ length: 10 }, () => pool.acquire()));
    expect(new Set(long).size).toBe(10);
    expect(pool.stats()).toMatchObject({ busy: 10, spawned: 10 });
  });

  it('warms at most `size` new workers when busy ones stop coming back', async () => {
    const host = fakeHost();
    const pool = new WorkerPool(host, 2);
    await pool.ready;
    const long = [await pool.acquire(), await pool.acquire()];
    const waiting = [pool.acquire(), pool.acquire(), pool.acquire()];
    expect(host.workers).toHaveLength(2);
    const served = await waiting[0];
    expect(host.workers).toHaveLength(4);
    expect(long).not.toContain(served);
    pool.release(long[0]!);
    expect(await Promise.all(waiting.slice(1))).toContain(long[0]);
    expect(pool.stats()).toMatchObject({ busy: 4, spawned: 4 });
  });

  it('queues starts behind containers that began moments ago, QUEUE_AHEAD per worker', async () => {
    const host = fakeHost();
    const pool = new WorkerPool(host, 2);
    await pool.ready;
    const [a, b] = [await pool.acquire(true), await pool.acquire(true)];
    const queued = await Promise.all(
      Array.from({ length: 2 * QUEUE_AHEAD }, () => pool.acquire(true)),
    );
    expect(queued.filter((w) => w === a)).toHaveLength(QUEUE_AHEAD);
    expect(queued.filter((w) => w === b)).toHaveLength(QUEUE_AHEAD);
    const waiting = pool.acquire(true);
    // `a` goes on with the next run queued, and its free place goes to the waiting start.
    pool.release(a!);
    expect(await waiting).toBe(a);
    expect(a!.load).toBe(1 + QUEUE_AHEAD);
    // Runs taken back leave the worker busy with the rest, then idle.
    pool.unqueue(a!, QUEUE_AHEAD);
    expect(pool.stats()).toMatchObject({ idle: 0, busy: 2 });
    pool.release(a!);
    expect(pool.stats()).toMatchObject({ idle: 1, busy: 1 });
    expect(host.workers).toHaveLength(2);
  });

  it('queues nothing behind a container that has run for a while, nor without `queue`', async () => {
    const host = fakeHost();
    const pool = new WorkerPool(host, 2);
    await pool.ready;
    const long = [await pool.acquire(true), await pool.acquire(true)];
    const plain = pool.acquire();
    await new Promise((resolve) => setTimeout(resolve, STARVED_MS + 5));
    const late = pool.acquire(true);
    const served = await Promise.all([plain, late]);
    expect(served.some((w) => long.includes(w))).toBe(false);
  });

  it('replaces a discarded worker and never hands it out again', async () => {
    const host = fakeHost();
    const pool = new WorkerPool(host, 2);
    await pool.ready;
    const w = await pool.acquire();
    pool.discard(w);
    expect(host.workers[1]!.terminated || host.workers[0]!.terminated).toBe(true);
    await tick();
    expect(pool.stats()).toMatchObject({ idle: 2, spawned: 3, terminated: 1 });
    const next = [await pool.acquire(), await pool.acquire()];
    expect(next).not.toContain(w);
  });

  it('tells the running container when its worker dies, and replaces the worker', async () => {
    const host = fakeHost();
    const pool = new WorkerPool(host, 2);
    await pool.ready;
    const w = await pool.acquire();
    const deaths: string[] = [];
    w.attach(
      () => {},
      (message) => deaths.push(message),
    );
    // Workers become ready in spawn order and the idle set hands out the last one: workers[1].
    host.workers[1]!.die('out of memory');
    expect(deaths).toEqual(['out of memory']);
    await tick();
    expect(pool.stats().idle).toBe(2);
  });

  it('reports a host whose workers cannot start, without retrying forever', async () => {
    const host = fakeHost({ broken: true });
    const pool = new WorkerPool(host, 2);
    await expect(pool.ready).rejects.toThrow('Cannot find module container.worker.ts');
    await expect(pool.acquire()).rejects.toThrow(
      'could not start a container worker: Cannot find module container.worker.ts',
    );
    await tick();
    expect(host.workers.length).toBeLessThanOrEqual(4);
  });

  it('dispose terminates every worker and fails waiting starts', async () => {
    const host = fakeHost();
    const pool = new WorkerPool(host, 2);
    await pool.ready;
    await pool.acquire();
    await pool.acquire();
    const waiting = pool.acquire();
    pool.dispose();
    await expect(waiting).rejects.toThrow('the container runtime has been disposed');
    expect(host.workers.every((w) => w.terminated)).toBe(true);
    await expect(pool.acquire()).rejects.toThrow('disposed');
  });
});
