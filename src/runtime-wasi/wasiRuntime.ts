/**
 * The host side of the container runtime, shared by the browser (browser.ts) and Node
 * (node/nodeRuntime.ts): compile once, take a warm worker, send it the run, and turn what comes
 * back into output chunks, mount write-backs, clock replies and one ExitStatus.
 */
import type { Clock, Unsubscribe } from '../kube/clock.ts';
import type { MemDir } from '../kube/memfs.ts';
import type {
  ContainerHandle,
  ContainerRuntime,
  ExitStatus,
  PullRequest,
  PulledImage,
  StartRequest,
} from '../kubelet-core/ports.ts';
import { classify, killed, startError } from './exitStatus.ts';
import type { MemoryCap, Termination } from './exitStatus.ts';
import { applyOps, rebase, snapshot } from './fsSync.ts';
import { MemoryCeiling } from './memoryCeiling.ts';
import { ModuleCache } from './modules.ts';
import type { ModuleBytes, Prepared } from './modules.ts';
import { STARVED_MS, WorkerPool } from './pool.ts';
import type { PoolStats, PooledWorker, WorkerHost } from './pool.ts';
import { SHARED_END, SHARED_FLAG, SHARED_START } from './protocol.ts';
import type { FsOp, TimeMode, WorkerToHost } from './protocol.ts';

/** The image store (src/oci's ImageStore fits) as this runtime uses it. */
export interface ModuleStore extends ModuleBytes {
  pull(req: PullRequest): Promise<PulledImage>;
  lookup(image: string): PulledImage | undefined;
}

export interface WasiRuntimeOptions {
  images: ModuleStore;
  /** The kubelet's clock: module clocks, sleeps and output timestamps follow it. */
  clock: Clock;
  /** Idle workers kept warm; defaults to the machine's parallelism, at least 2. */
  poolSize?: number;
  /** Forces a time mechanism (tests); by default the best the platform has. */
  timeMode?: TimeMode;
}

export interface RuntimeStats extends PoolStats {
  /** Compiled module variants cached. */
  compiled: number;
  /** Containers running now. */
  running: number;
}

export interface WasiRuntime extends ContainerRuntime {
  /** Resolves when the pool's workers are warm: benchmarks wait for it before timing. */
  readonly ready: Promise<void>;
  readonly timeMode: TimeMode;
  /** Compiles an image's module ahead of its first start (pull does this too). */
  prepare(image: PulledImage, memoryLimitBytes?: number): Promise<void>;
  stats(): RuntimeStats;
  /** Terminates every worker; running containers end as killed. */
  dispose(): void;
}

export const RUNTIME_VERSION = 'wasi://browser_wasi_shim-0.4.2';

// Real timers overflow past 2^31 - 1 ms (about 24.8 days); longer sleeps re-arm.
const MAX_TIMER_MS = 2 ** 31 - 1;

interface LiveMount {
  run: Run;
  index: number;
  dir: MemDir;
}

/** One container's run on the host; the kubelet sees only its ContainerHandle face. */
class Run {
  readonly started: Promise<number>;
  readonly exited: Promise<ExitStatus>;
  resolveStarted!: (at: number) => void;
  resolveExited!: (status: ExitStatus) => void;
  runId = 0;
  /** Its place in its worker's order (RunMessage.seq). */
  seq: number | undefined;
  worker: PooledWorker | undefined;
  prepared: Prepared | undefined;
  startedAt: number | undefined;
  /** The worker said it started, and the kubelet has not been told yet (see reportStart). */
  startPending = false;
  done = false;
  cap: MemoryCap | undefined;
  mounts: LiveMount[] = [];
  cancelSleep: Unsubscribe | undefined;

  constructor(readonly req: StartRequest) {
    this.started = new Promise((resolve) => (this.resolveStarted = resolve));
    this.exited = new Promise((resolve) => (this.resolveExited = resolve));
  }
}

/**
 * Creates the runtime on a host. Use createBrowserRuntime (browser.ts) or createNodeRuntime
 * (node/nodeRuntime.ts) rather than calling this directly.
 */
export function createWasiRuntime(host: WorkerHost, opts: WasiRuntimeOptions): WasiRuntime {
  const { clock, images } = opts;
  const timeMode = opts.timeMode ?? host.timeMode;
  const pool = new WorkerPool({ ...host, timeMode }, opts.poolSize);
  const modules = new ModuleCache(images);
  const live = new Set<LiveMount>();
  const running = new Set<Run>();
  /** Runs handed to a worker and not ended: each holds a linear memory, or is about to. */
  const placed = new Set<Run>();
  /** Runs that started and have not ended: each holds a linear memory. */
  const holding = new Set<Run>();
  const ceiling = new MemoryCeiling();
  /** Per worker, the runs sent to it whose exit the host has not read, in the order sent. */
  const sent = new Map<PooledWorker, Run[]>();
  let watching: ReturnType<typeof setTimeout> | undefined;
  let nextRunId = 0;

  /**
   * Tells the kubelet that the container started. A start is reported in a task of its own, so
   * that the output the module sent right after it comes first: the kubelet's part of a start
   * (an event, a status write) does not hold up the first line on its way to the terminal.
   */
  function reportStart(run: Run): void {
    if (!run.startPending) return;
    run.startPending = false;
    run.resolveStarted(run.startedAt!);
  }

  function finish(run: Run, t: Termination): void {
    if (run.done) return;
    // A container that started is reported started before it is reported ended.
    reportStart(run);
    run.done = true;
    run.cancelSleep?.();
    run.cancelSleep = undefined;
    for (const m of run.mounts) live.delete(m);
    running.delete(run);
    placed.delete(run);
    holding.delete(run);
    const now = clock.now();
    const status: ExitStatus = {
      exitCode: t.exitCode,
      reason: t.reason,
      startedAt: run.startedAt ?? now,
      finishedAt: now,
    };
    if (t.message !== undefined) status.message = t.message;
    run.resolveExited(status);
  }

  function kill(run: Run): void {
    if (run.done) return;
    finish(run, killed());
    const w = run.worker;
    const list = w && sent.get(w);
    if (!w || !list?.includes(run)) return;
    const back = takeBackQueued(w);
    if (!list.includes(run)) {
      // Only queued: the worker will skip it.
    } else if (list.at(-1) !== run) {
      // A later run has begun, so this one has ended; its exit, on its way, will find nothing.
      ended(w, run);
    } else if (list[0] === run) {
      drop(w, 'the worker was stopped');
    } else {
      // It runs now, and the exits of earlier runs, still on their way, stop the worker once
      // read (ended).
      w.closed = true;
    }
    for (const r of back) replace(r);
  }

  /** The run's exit was read (or it is known to have ended): its worker goes on. */
  function ended(w: PooledWorker, run: Run): void {
    const list = sent.get(w) ?? [];
    const at = list.indexOf(run);
    if (at >= 0) list.splice(at, 1);
    if (list[0]?.done) return drop(w, 'the worker was stopped');
    if (list.length === 0) sent.delete(w);
    pool.release(w);
  }

  /** Takes back the runs queued on `w` that it has not begun; the caller places them again. */
  function takeBackQueued(w: PooledWorker): Run[] {
    const list = sent.get(w);
    if (!list || list.length < 2) return [];
    const claimed = w.takeBack();
    const back = list.filter((r) => r.seq !== undefined && r.seq > claimed);
    if (back.length === 0) return [];
    list.splice(list.length - back.length, back.length);
    pool.unqueue(w, back.length);
    return back;
  }

  /**
   * The worker failed, died or must stop: runs it has begun end with `message`, the others are
   * placed again.
   */
  function drop(w: PooledWorker, message: string, discard = true): void {
    const list = sent.get(w) ?? [];
    sent.delete(w);
    const claimed = w.takeBack();
    if (discard) pool.discard(w);
    for (const r of list) {
      if (r.seq !== undefined && r.seq > claimed) replace(r);
      else finish(r, { exitCode: 1, reason: 'Error', message });
    }
  }

  /** A run taken back from a worker before it began goes to another (or the same) worker. */
  function replace(run: Run): void {
    if (run.done) return;
    for (const m of run.mounts) live.delete(m);
    run.mounts = [];
    run.worker = undefined;
    placed.delete(run);
    place(run, run.prepared!).catch((e: unknown) => finish(run, startError(describe(e))));
  }

  /**
   * Takes back the queues of workers whose container has run for STARVED_MS: it may run for
   * long. Looks once more after the messages already waiting are read, as the pool does.
   */
  function watchQueues(): void {
    if (watching !== undefined) return;
    watching = setTimeout(() => {
      watching = setTimeout(() => {
        watching = undefined;
        let queued = false;
        for (const [w, list] of sent) {
          if (list.length < 2) continue;
          if (performance.now() - w.since >= STARVED_MS) takeBackQueued(w).forEach(replace);
          else queued = true;
        }
        if (queued) watchQueues();
      }, 0);
    }, STARVED_MS);
  }

  function reply(w: PooledWorker, start: number, end: number): void {
    if (w.shared) {
      const times = new Float64Array(w.shared);
      times[SHARED_START] = start;
      times[SHARED_END] = end;
      const flag = new Int32Array(w.shared, 0, 1);
      Atomics.store(flag, SHARED_FLAG, 1);
      Atomics.notify(flag, SHARED_FLAG);
    } else {
      w.post({ type: 'time', start, end });
    }
  }

  function sleep(run: Run, w: PooledWorker, relMs?: number, absMs?: number): void {
    const start = clock.now();
    const deadline = Math.min(relMs === undefined ? Infinity : start + relMs, absMs ?? Infinity);
    const check = () => {
      const now = clock.now();
      if (now >= deadline) {
        run.cancelSleep = undefined;
        reply(w, start, now);
      } else {
        run.cancelSleep = clock.setTimeout(check, Math.min(deadline - now, MAX_TIMER_MS));
      }
    };
    check();
  }

  function writeBack(run: Run, index: number, ops: FsOp[]): void {
    const from = run.mounts[index];
    if (!from) return;
    applyOps(from.dir, ops);
    for (const other of live) {
      if (other === from) continue;
      const seen = rebase(ops, from.dir, other.dir);
      if (seen && other.run.worker) {
        other.run.worker.post({
          type: 'fs',
          runId: other.run.runId,
          mount: other.index,
          ops: seen,
        });
      }
    }
  }

  function onMessage(w: PooledWorker, msg: WorkerToHost): void {
    if (msg.type === 'ready') return;
    if (msg.type === 'fatal') return drop(w, msg.message);
    const run = sent.get(w)?.find((r) => r.runId === msg.runId);
    if (!run) return;
    if (msg.type === 'exit') {
      const { outcome } = msg;
      if (outcome.kind === 'startError' && outcome.noAddressSpace) {
        ceiling.refused(holding.size);
        finish(run, startError(`${outcome.message}: ${noAddressSpace(holding.size)}`));
        return ended(w, run);
      }
      const memory = { memoryBytes: msg.memoryBytes, growFailed: msg.growFailed };
      finish(run, classify(outcome, memory, run.cap));
      return ended(w, run);
    }
    if (run.done) return;
    switch (msg.type) {
      case 'started':
        holding.add(run);
        run.startedAt = clock.now();
        run.startPending = true;
        host.nextTask(() => reportStart(run));
        return;
      case 'output':
        run.req.onOutput({
          stream: msg.fd === 1 ? 'stdout' : 'stderr',
          data: msg.data,
          time: clock.now(),
        });
        return;
      case 'fs':
        writeBack(run, msg.mount, msg.ops);
        return;
      case 'now': {
        const now = clock.now();
        reply(w, now, now);
        return;
      }
      case 'sleep':
        sleep(run, w, msg.relMs, msg.absMs);
        return;
    }
  }

  function dispatch(run: Run, w: PooledWorker, prepared: Prepared): void {
    const { req } = run;
    run.worker = w;
    run.runId = ++nextRunId;
    run.seq = w.nextSeq();
    run.prepared = prepared;
    run.cap = prepared.cap;
    run.mounts = req.mounts.map((m, index) => ({ run, index, dir: m.dir }));
    placed.add(run);
    // Snapshot and registration happen together, so no write-back falls between them.
    for (const m of run.mounts) live.add(m);
    const list = sent.get(w) ?? [];
    list.push(run);
    sent.set(w, list);
    if (list.length > 1) watchQueues();
    w.attach(
      (msg) => onMessage(w, msg),
      (message) => drop(w, `worker died: ${message}`, false),
    );
    w.post({
      type: 'run',
      runId: run.runId,
      module: prepared.module,
      argv: req.argv,
      env: req.env.map(([name, value]) => `${name}=${value}`),
      mounts: req.mounts.map((m) => ({
        path: m.path,
        readOnly: m.readOnly,
        tree: snapshot(m.dir),
      })),
      clockNow: clock.now(),
      growFlag: prepared.growFlag,
      memory: prepared.memory,
      codeShift: prepared.codeShift,
      seq: run.seq,
    });
  }

  async function launch(run: Run): Promise<void> {
    const { req } = run;
    const invalid = validate(req);
    if (invalid) return finish(run, startError(invalid));
    const prep = await modules.prepare(req.image, req.memoryLimitBytes);
    if (run.done) return;
    if (!prep.ok) return finish(run, prep.failure);
    await place(run, prep.prepared);
  }

  async function place(run: Run, prepared: Prepared): Promise<void> {
    if (refused(run)) return;
    const w = await pool.acquire(true);
    if (run.done) return pool.unqueue(w, 1);
    // Dropped (killed container, failure) between the pool's answer and now.
    if (w.dead) return place(run, prepared);
    // Looked at again: other runs may have been placed while this one waited for a worker.
    if (refused(run)) return pool.unqueue(w, 1);
    dispatch(run, w, prepared);
  }

  /** Ends a run at once when the engine would refuse its memory (memoryCeiling.ts). */
  function refused(run: Run): boolean {
    if (ceiling.admits(placed.size)) return false;
    const why = noAddressSpace(holding.size, ceiling.limit);
    finish(run, startError(`failed to instantiate module: ${why}`));
    return true;
  }

  return {
    version: RUNTIME_VERSION,
    ready: pool.ready,
    timeMode,

    async pull(req) {
      const image = await images.pull(req);
      // Compile while the kubelet does the rest of its pod setup; start awaits the same promise.
      modules.prepare(image).catch(() => {});
      return image;
    },

    lookup: (image) => images.lookup(image),

    start(req): ContainerHandle {
      const run = new Run(req);
      running.add(run);
      launch(run).catch((e: unknown) => finish(run, startError(describe(e))));
      return { id: req.id, started: run.started, exited: run.exited, kill: () => kill(run) };
    },

    async prepare(image, memoryLimitBytes) {
      await modules.prepare(image, memoryLimitBytes);
    },

    stats() {
      return { ...pool.stats(), compiled: modules.size, running: running.size };
    },

    dispose() {
      clearTimeout(watching);
      for (const run of [...running]) finish(run, killed());
      sent.clear();
      pool.dispose();
    },
  };
}

/**
 * Why there is no linear memory for a container, for its StartError message: `held` memories are
 * held by other containers, and the engine refused one when `limit` were.
 */
function noAddressSpace(held: number, limit?: number): string {
  const refused = limit === undefined ? '' : `, and the engine refused one at ${limit}`;
  return (
    `no address space left for another linear memory: ${held} other containers hold one` +
    `${refused} (it reserves GiBs of address space for each, whatever its size); the ` +
    `container can start once others end`
  );
}

function describe(e: unknown): string {
  return `could not start the container: ${e instanceof Error ? e.message : String(e)}`;
}

/** A start request the runtime cannot honour, in words; undefined when it is fine. */
function validate(req: StartRequest): string | undefined {
  const seen = new Set<string>();
  for (const [i, m] of req.mounts.entries()) {
    if (!m.path.startsWith('/')) {
      return `mounts[${i}].path ${JSON.stringify(m.path)} is not an absolute path`;
    }
    if (seen.has(m.path)) return `mounts[${i}].path ${JSON.stringify(m.path)} is mounted twice`;
    seen.add(m.path);
  }
  for (const [i, [name]] of req.env.entries()) {
    if (name === '' || name.includes('=')) {
      return `env[${i}] has an invalid name ${JSON.stringify(name)}`;
    }
  }
  return undefined;
}
