/**
 * One pod's worker. Like the real kubelet's SyncPod it is level-triggered: every wake-up (a pod
 * update, a container exit, a timer, a ConfigMap change) runs `sync()`, which looks at the records
 * and the clock, decides what to do next, and writes the status that follows from the records.
 * Every change of state is checked against the tables in state.ts and recorded as a Transition.
 */
import { isApiError } from '../../kube/client.ts';
import { deepEqual } from '../../kube/objects.ts';
import type { Pod, PodStatus } from '../../kube/types.ts';
import type { Backoff } from '../backoff.ts';
import { goDurationString as goDuration } from '../../kube/duration.ts';
import type { ConfigSource } from '../env.ts';
import { PodLogs } from '../logs.ts';
import type {
  Clock,
  ContainerRuntime,
  EventSink,
  KubeClient,
  Logger,
  OutputChunk,
  Unsubscribe,
} from '../ports.ts';
import { setUpVolumes, refreshVolumes, type NodeVolumes, type PodVolumes } from '../volumes.ts';
import { adoptPod, type SavedPod } from './adopt.ts';
import { makeRecords, type ContainerRecord } from './records.ts';
import {
  isContainerEdge,
  isPodEdge,
  type ContainerStateKind,
  type PodStateKind,
  type Transition,
} from './state.ts';
import { generatePodStatus, isTerminalPhase } from './status.ts';
import { startContainer, type StartDeps } from './startContainer.ts';
import {
  MIN_GRACE_MS,
  MOUNT_RETRY_INITIAL_MS,
  MOUNT_RETRY_MAX_MS,
  errorRequeueMs,
  PLEG_RELIST_MS,
  relistedAfter,
  WORKER_BACKOFF_MS,
} from './timing.ts';

export interface PodWorkerDeps {
  nodeName: string;
  hostIP: string;
  clock: Clock;
  client: KubeClient;
  runtime: ContainerRuntime;
  events: EventSink;
  logger: Logger;
  config: ConfigSource;
  nodeVolumes: NodeVolumes;
  allocatable: Record<string, string>;
  crashBackoff: Backoff;
  pullBackoff: Backoff;
  /** Called after every sync that changed something the UI shows. */
  onChange(worker: PodWorker): void;
  /** Called once the worker has stopped everything and the pod is gone. */
  onDone(worker: PodWorker): void;
  /** A fresh id for a container instance. */
  newId(): string;
  /** For the jitter of the worker's back-off after an error. */
  random: () => number;
}

/** A chunk that views part of a larger buffer is copied: storing it would store it all. */
const ownChunk = (c: OutputChunk): OutputChunk =>
  c.data.byteLength === c.data.buffer.byteLength ? c : { ...c, data: c.data.slice() };

export class PodWorker {
  pod: Pod;
  readonly uid: string;
  state: PodStateKind = 'Registered';
  readonly transitions: Transition[] = [];
  readonly init: ContainerRecord[];
  readonly app: ContainerRecord[];
  readonly logs = new PodLogs();
  startTime?: number;
  volumes?: PodVolumes;
  sandboxReady = false;
  /** Set when the kubelet decided the pod fails (DeadlineExceeded). */
  override?: { phase: 'Failed'; reason: string; message: string };
  /** The pod object is gone from the API server. */
  removed = false;

  /** Adopted after a kubelet restart: the init containers run again before the app containers. */
  #sandboxChanged = false;
  #syncQueued = false;
  #syncing = false;
  #wakeAt?: number;
  #wakeCancel?: Unsubscribe;
  #mountRetryMs = MOUNT_RETRY_INITIAL_MS;
  #mountRetryAt = 0;
  #lastStatus?: PodStatus;
  #lastPhase?: string;
  #writing = false;
  #writeAgain = false;
  #deleting = false;
  #done = false;

  constructor(
    pod: Pod,
    readonly deps: PodWorkerDeps,
  ) {
    this.pod = pod;
    this.uid = pod.metadata?.uid ?? '';
    this.init = makeRecords(pod.spec?.initContainers, true);
    this.app = makeRecords(pod.spec?.containers, false);
    this.#lastPhase = pod.status?.phase;
    this.requestSync();
  }

  get name(): string {
    return this.pod.metadata?.name ?? '';
  }
  get namespace(): string {
    return this.pod.metadata?.namespace ?? 'default';
  }
  /** format.Pod: how the kubelet names a pod in messages. */
  get formatted(): string {
    return `${this.name}_${this.namespace}(${this.uid})`;
  }
  get records(): ContainerRecord[] {
    return [...this.init, ...this.app];
  }
  get finished(): boolean {
    return this.#done;
  }

  /**
   * The pod was run by an earlier kubelet (the tab was reloaded): take over its status, timeline
   * and logs. Its containers are gone; the sync that follows restarts them as a real kubelet does
   * after a reboot. Call before the first sync (right after construction).
   */
  adopt(saved: SavedPod | undefined): void {
    const now = this.deps.clock.now();
    this.#sandboxChanged = adoptPod(this, this.pod, saved, now);
    // What the API server holds is what was written last: write only what differs from it.
    if (this.pod.status) this.#lastStatus = this.pod.status;
    if (this.#sandboxChanged) {
      this.#event(
        'Normal',
        'SandboxChanged',
        'Pod sandbox changed, it will be killed and re-created.',
      );
    }
    this.#changed();
  }

  /** What the app keeps across a reload: the timeline and the logs. */
  save(): SavedPod {
    const logs: SavedPod['logs'] = {};
    for (const [name, entry] of this.logs.entries()) {
      const save = (l: typeof entry.current) =>
        l ? { containerID: l.containerID, chunks: l.chunks().map(ownChunk) } : undefined;
      const current = save(entry.current);
      const previous = save(entry.previous);
      logs[name] = { ...(current ? { current } : {}), ...(previous ? { previous } : {}) };
    }
    return { transitions: this.transitions.map((t) => ({ ...t })), logs };
  }

  /** A newer version of the pod from the watch. */
  update(pod: Pod): void {
    const oldSpec = this.pod.spec;
    this.pod = pod;
    for (const list of [this.init, this.app]) {
      const specs = list === this.init ? pod.spec?.initContainers : pod.spec?.containers;
      for (const rec of list) {
        const spec = specs?.find((c) => c.name === rec.name);
        if (!spec) continue;
        if (spec.image !== rec.spec.image && rec.running && !this.#deleting) {
          // The container's definition changed: the kubelet kills it and starts the new one.
          this.#event(
            'Normal',
            'Killing',
            `Container ${rec.name} definition changed, will be restarted`,
            rec,
          );
          rec.killRecorded = true;
          rec.instance?.handle.kill();
        }
        rec.spec = spec;
      }
    }
    if (oldSpec !== pod.spec || pod.metadata?.deletionTimestamp) this.requestSync();
  }

  /** The pod object was deleted from the API server (force delete, or our own final delete). */
  remove(): void {
    this.removed = true;
    this.requestSync();
  }

  /** A ConfigMap or Secret this pod may use changed. */
  configChanged(): void {
    if (this.volumes && refreshVolumes(this.pod, this.deps.config, this.volumes)) this.#changed();
    this.requestSync();
  }

  /**
   * Asks for a sync soon. `continuation`: the rest of the sync under way, after an asynchronous
   * step of it (a container's start): it does not begin a new sync of the kubelet's, so a status
   * written then still shows the reason cache as the sync found it.
   */
  requestSync(continuation = false): void {
    if (!continuation) this.#newSyncRequested = true;
    if (this.#syncQueued || this.#done) return;
    this.#syncQueued = true;
    void Promise.resolve().then(() => {
      this.#syncQueued = false;
      if (this.#syncing) {
        this.requestSync(true);
        return;
      }
      this.#syncing = true;
      try {
        this.#sync();
      } catch (e) {
        this.deps.logger.error('pod sync failed', { pod: this.formatted, error: String(e) });
      } finally {
        this.#syncing = false;
      }
    });
  }

  /** Why the last pull of an image failed, by pull back-off key (the image manager's prevPullErrMsg). */
  readonly previousPullErrors = new Map<string, string>();
  /** Syncs begun so far: a sync's status shows the reason cache as the syncs before left it. */
  syncs = 0;
  #newSyncRequested = false;
  #sandboxCreatedAt?: number;

  /**
   * When a sync that failed to start a container is retried: at the relist that sees a sandbox
   * just created (PLEG's event for it syncs the pod), else after the worker's jittered back-off.
   */
  nextSyncAfterError(): number {
    const now = this.deps.clock.now();
    const relist =
      this.#sandboxCreatedAt !== undefined ? relistedAfter(this.#sandboxCreatedAt) : -Infinity;
    return relist > now ? relist : now + errorRequeueMs(this.deps.random);
  }

  /** Wakes the worker at clock time `at` (the earliest of all requested wake-ups wins). */
  wakeAt(at: number): void {
    if (this.#done) return;
    if (this.#wakeAt !== undefined && this.#wakeAt <= at && this.#wakeAt > this.deps.clock.now())
      return;
    this.#wakeCancel?.();
    this.#wakeAt = at;
    this.#wakeCancel = this.deps.clock.setTimeout(() => {
      this.#wakeAt = undefined;
      this.#wakeCancel = undefined;
      this.requestSync();
    }, at - this.deps.clock.now());
  }

  // ---- transitions ----

  moveTo(to: PodStateKind, cause: string): void {
    if (this.state === to) return;
    if (!isPodEdge(this.state, to))
      throw new Error(`illegal pod transition ${this.state} -> ${to} (${cause})`);
    this.transitions.push({
      time: this.deps.clock.now(),
      subject: 'pod',
      from: this.state,
      to,
      cause,
    });
    this.state = to;
    this.#changed();
  }

  moveContainer(
    rec: ContainerRecord,
    to: ContainerStateKind,
    cause: string,
    waiting?: { reason: string; message?: string },
  ): void {
    if (waiting !== rec.waiting) {
      // The first change in this sync: what was there before is what the status shows until
      // the next sync (ContainerRecord.shownWaiting).
      if (rec.waitingSync !== this.syncs) rec.cachedWaiting = rec.waiting;
      rec.waiting = waiting;
      rec.waitingSync = this.syncs;
    }
    if (rec.state === to) return;
    if (!isContainerEdge(rec.state, to)) {
      throw new Error(`illegal container transition ${rec.name}: ${rec.state} -> ${to} (${cause})`);
    }
    this.transitions.push({
      time: this.deps.clock.now(),
      subject: rec.name,
      from: rec.state,
      to,
      cause,
      ...(waiting ? { reason: waiting.reason } : {}),
    });
    rec.state = to;
    this.#changed();
  }

  #changed(): void {
    this.deps.onChange(this);
  }

  #event(type: 'Normal' | 'Warning', reason: string, message: string, rec?: ContainerRecord): void {
    this.deps.events.event(this.pod, type, reason, message, rec?.fieldPath);
  }

  /** For the container start procedure. */
  get startDeps(): StartDeps {
    return {
      worker: this,
      event: (type, reason, message, rec) => this.#event(type, reason, message, rec),
    };
  }

  // ---- the sync ----

  #sync(): void {
    if (this.#done) return;
    if (this.#newSyncRequested) {
      this.#newSyncRequested = false;
      this.syncs++;
    }
    const now = this.deps.clock.now();
    if (this.removed) return this.#stopEverything('the pod was deleted from the API server');
    if (this.pod.metadata?.deletionTimestamp) return this.#terminate(now);
    if (isTerminalPhase(this.state)) {
      this.#stopSidecarsAfterMains(now);
      this.#killSandboxWhenStopped();
      return this.#writeStatus();
    }
    if (this.state === 'Terminating') return this.#terminate(now);

    if (this.startTime === undefined) this.startTime = now;
    const deadline = this.pod.spec?.activeDeadlineSeconds;
    if (deadline !== undefined && now >= this.startTime + deadline * 1000)
      return this.#deadlineExceeded(now);
    if (deadline !== undefined) this.wakeAt(this.startTime + deadline * 1000);

    if (this.state === 'Registered') this.moveTo('VolumeMount', 'admitted by the kubelet');
    if (!this.volumes) {
      if (now < this.#mountRetryAt) return this.#writeStatus();
      const mounted = setUpVolumes(this.pod, this.deps.config, this.deps.nodeVolumes);
      if (!mounted.ok) {
        for (const f of mounted.failures) this.#event('Warning', 'FailedMount', f.message);
        this.#mountRetryAt = now + this.#mountRetryMs;
        this.wakeAt(this.#mountRetryAt);
        this.#mountRetryMs = Math.min(this.#mountRetryMs * 2, MOUNT_RETRY_MAX_MS);
        return this.#writeStatus();
      }
      this.volumes = mounted.volumes;
      this.sandboxReady = true;
      this.#sandboxCreatedAt = now;
    }

    if (!this.#syncInitContainers(now)) return this.#writeStatus();
    this.#sandboxChanged = false;
    if (this.#mainsFinished()) this.#stopSidecarsAfterMains(now);
    else this.#syncSidecarRestarts(now);
    if (this.state === 'VolumeMount' || this.state === 'Initializing')
      this.moveTo('Starting', this.init.length > 0 ? 'init containers done' : 'volumes mounted');
    this.#syncAppContainers(now);

    const status = this.#computeStatus(false);
    if (this.state === 'Starting' && this.app.every((r) => r.hasRun))
      this.moveTo('Running', 'every app container has started');
    if (isTerminalPhase(status.phase)) {
      this.moveTo(status.phase, 'no container will be restarted');
      this.#stopSidecarsAfterMains(now);
      this.#killSandboxWhenStopped();
      return this.#writeStatus(); // the sandbox may be gone now: computed again
    }
    // Moving to Running changes nothing the status is made of: the one computed is written.
    this.#writeStatus(status);
  }

  /** A container runs, or is being started (podWorkers.CouldHaveRunningContainers). */
  #couldHaveRunningContainers(): boolean {
    return this.records.some((r) => r.running || r.starting);
  }

  /** A finished pod's sandbox goes once nothing runs in it: PodReadyToStartContainers turns False. */
  #killSandboxWhenStopped(): void {
    if (!this.#couldHaveRunningContainers()) this.sandboxReady = false;
  }

  /** Runs init containers in order; true once every one has done its part. */
  #syncInitContainers(now: number): boolean {
    for (const rec of this.init) {
      if (rec.role === 'sidecar') {
        const startedAt = rec.running ? rec.instance?.startedAt : undefined;
        if (startedAt !== undefined) {
          // The next container starts once PLEG has seen this one running: the kubelet decides
          // from the runtime's status as the last relist left it (computeInitContainerActions).
          const seenAt = relistedAfter(startedAt);
          if (now >= seenAt || this.#initialized()) continue;
          this.wakeAt(seenAt);
          return false;
        }
        if (rec.hasRun && rec.exited && this.#initialized()) continue; // restarted by #syncSidecarRestarts
        if (this.state === 'VolumeMount')
          this.moveTo('Initializing', `starting sidecar ${rec.name}`);
        this.#ensureRunning(rec, now);
        return false;
      }
      const exit = rec.exited;
      const rerun = this.#sandboxChanged && rec.fromBeforeRestart;
      if (exit && exit.exitCode === 0 && !rec.running && !rerun) continue;
      if (this.#initialized()) continue; // once initialized, init containers never run again
      if (this.state === 'VolumeMount')
        this.moveTo('Initializing', `starting init container ${rec.name}`);
      if (rec.running || rec.starting) return false;
      if (exit && rerun && exit.exitCode === 0) {
        // A new sandbox: init containers that had succeeded run again, from the first.
        this.#ensureRunning(rec, now);
        return false;
      }
      if (exit) {
        if (this.pod.spec?.restartPolicy === 'Never') {
          this.moveTo('Failed', `init container ${rec.name} failed and restartPolicy is Never`);
          return false;
        }
        this.#restartWithBackoff(rec, now);
        return false;
      }
      this.#ensureRunning(rec, now);
      return false;
    }
    return true;
  }

  /**
   * computePodActions' KillPod: every regular container has ended and none will be restarted, so
   * nothing keeps the pod alive. Its sidecars are then stopped, not restarted; the phase stays
   * Running while one still runs (getPhase counts it) and turns terminal once they have stopped.
   */
  #mainsFinished(): boolean {
    const policy = this.pod.spec?.restartPolicy ?? 'Always';
    if (policy === 'Always') return false;
    return this.app.every((r) => {
      const exit = r.exited;
      return (
        exit !== undefined &&
        !r.running &&
        !r.starting &&
        (policy === 'Never' || exit.exitCode === 0)
      );
    });
  }

  /** True once a regular container has started: init containers are done for good. */
  #initialized(): boolean {
    return this.app.some((r) => r.hasRun && !(this.#sandboxChanged && r.fromBeforeRestart));
  }

  #syncSidecarRestarts(now: number): void {
    for (const rec of this.init) {
      if (rec.role === 'sidecar' && rec.exited && !rec.running && !rec.starting)
        this.#restartWithBackoff(rec, now);
    }
  }

  #syncAppContainers(now: number): void {
    const policy = this.pod.spec?.restartPolicy ?? 'Always';
    for (const rec of this.app) {
      if (rec.starting) return; // one container is started at a time, in order
      if (rec.running) continue;
      const exit = rec.exited;
      if (!exit) {
        this.#ensureRunning(rec, now);
        if (rec.starting) return;
        continue;
      }
      const restart = policy === 'Always' || (policy === 'OnFailure' && exit.exitCode !== 0);
      if (restart) this.#restartWithBackoff(rec, now);
    }
  }

  /** Starts a container that has never run (or retries its failed start). */
  #ensureRunning(rec: ContainerRecord, now: number): void {
    if (rec.running || rec.starting) return;
    if (rec.retryAt !== undefined && now < rec.retryAt) return this.wakeAt(rec.retryAt);
    void startContainer(this.startDeps, rec);
  }

  /** doBackOff: restart an exited container now, or wait out its crash-loop back-off. */
  #restartWithBackoff(rec: ContainerRecord, now: number): void {
    const inst = rec.instance!;
    const exit = inst.exit!;
    // PLEG notices an exit on its next relist; only then does the kubelet act on it.
    const actAt = (inst.noticedAt ?? exit.finishedAt) + PLEG_RELIST_MS;
    if (now < actAt) {
      this.wakeAt(actAt);
      return;
    }
    if (rec.retryAt !== undefined && now < rec.retryAt) return this.wakeAt(rec.retryAt);
    const key = `${this.uid}/${rec.name}`;
    const backoff = this.deps.crashBackoff;
    if (backoff.isInBackOffSince(key, exit.finishedAt)) {
      const delay = goDuration(backoff.get(key));
      const message = `back-off ${delay} restarting failed container=${rec.name} pod=${this.formatted}`;
      if (rec.state !== 'CrashLoopBackOff') {
        this.moveContainer(
          rec,
          'CrashLoopBackOff',
          `exited with ${exit.exitCode}; back-off ${delay}`,
          {
            reason: 'CrashLoopBackOff',
            message,
          },
        );
      }
      if (
        rec.lastBackOffEventAt === undefined ||
        now - rec.lastBackOffEventAt >= WORKER_BACKOFF_MS
      ) {
        rec.lastBackOffEventAt = now;
        this.#event(
          'Warning',
          'BackOff',
          `Back-off restarting failed container ${rec.name} in pod ${this.formatted}`,
          rec,
        );
      }
      // The sync ends in the back-off error: the pod is synced again 10-15 s later, and the
      // container restarts at the first sync after its back-off has run out.
      this.wakeAt(this.nextSyncAfterError());
      return;
    }
    backoff.next(key, exit.finishedAt);
    void startContainer(this.startDeps, rec);
  }

  // ---- stopping ----

  /** Asks a running container to stop; WASI has no signals, so it is killed when `graceMs` runs out. */
  stopContainer(rec: ContainerRecord, graceMs: number, message?: string): void {
    if (!rec.running) return;
    if (!rec.killRecorded) {
      this.#event('Normal', 'Killing', message ?? `Stopping container ${rec.name}`, rec);
      rec.killRecorded = true;
    }
    const at = this.deps.clock.now() + Math.max(graceMs, MIN_GRACE_MS);
    if (rec.killAt !== undefined && rec.killAt <= at) return;
    rec.killCancel?.();
    rec.killAt = at;
    const inst = rec.instance!;
    rec.killCancel = this.deps.clock.setTimeout(() => {
      if (rec.instance === inst && !inst.exit) inst.handle.kill();
    }, at - this.deps.clock.now());
  }

  /**
   * Main containers have all finished for good: the pod is terminal, so the kubelet stops the
   * sidecars, last declared first, within the pod's grace period (WASI has no SIGTERM, so a
   * sidecar that does not exit by itself is killed when the period runs out).
   */
  #stopSidecarsAfterMains(now: number): void {
    this.#sidecarsStopFrom ??= now;
    const remaining = Math.max(0, this.#sidecarsStopFrom + this.#gracePeriodMs() - now);
    const sidecars = this.init.filter((r) => r.role === 'sidecar').reverse();
    const next = sidecars.find((r) => r.running);
    if (next) this.stopContainer(next, remaining);
  }

  #sidecarsStopFrom?: number;

  #gracePeriodMs(): number {
    const meta = this.pod.metadata;
    const grace =
      meta?.deletionGracePeriodSeconds ?? this.pod.spec?.terminationGracePeriodSeconds ?? 30;
    return grace * 1000;
  }

  /** Graceful termination: stop mains, then sidecars in reverse order, then write and delete. */
  #terminate(now: number): void {
    // A pod already Succeeded or Failed (a deadline, say) that is then deleted stays in its
    // phase while what still runs is stopped.
    if (
      this.state !== 'Terminating' &&
      this.state !== 'Terminated' &&
      !isTerminalPhase(this.state)
    ) {
      this.moveTo(
        'Terminating',
        this.override
          ? this.override.reason
          : `deleted with a grace period of ${this.#gracePeriodMs() / 1000}s`,
      );
      this.#terminateStartedAt = now;
    }
    const deadline = (this.#terminateStartedAt ?? now) + this.#gracePeriodMs();
    const remaining = Math.max(0, deadline - now);
    const mains = [...this.app, ...this.init.filter((r) => r.role === 'init')];
    let mainsRunning = false;
    for (const rec of mains) {
      if (rec.running) {
        mainsRunning = true;
        this.stopContainer(rec, remaining);
      }
    }
    if (!mainsRunning) {
      const sidecars = this.init.filter((r) => r.role === 'sidecar').reverse();
      const next = sidecars.find((r) => r.running);
      if (next) this.stopContainer(next, remaining);
      else if (!this.#couldHaveRunningContainers()) return this.#finishTermination();
    }
    this.#writeStatus();
  }

  #terminateStartedAt?: number;

  #deadlineExceeded(now: number): void {
    const message = 'Pod was active on the node longer than the specified deadline';
    this.override = { phase: 'Failed', reason: 'DeadlineExceeded', message };
    // In this sync, and as the termination begins (SyncTerminatingPod).
    this.#deadlineEvents(2);
    this.moveTo('Terminating', 'DeadlineExceeded');
    this.#terminateStartedAt = now;
    this.#terminate(now);
  }

  /**
   * The active deadline handler records its event each time the kubelet generates the pod's
   * status past the deadline (ShouldEvict); the recorder counts them into one Event.
   */
  #deadlineEvents(generations: number): void {
    for (let i = 0; i < generations; i++)
      this.#event('Normal', 'DeadlineExceeded', this.override!.message);
  }

  /** Everything has stopped: write the terminal phase, then (if deleted) remove the pod. */
  #finishTermination(): void {
    if (this.override && this.state === 'Terminating') {
      this.moveTo('Failed', this.override.reason);
      // Once the containers have stopped, and for the terminated pod (SyncTerminatedPod).
      if (this.override.reason === 'DeadlineExceeded') this.#deadlineEvents(2);
    }
    if (!this.pod.metadata?.deletionTimestamp) {
      // Stopped by a sync handler (DeadlineExceeded), not deleted: the pod object stays.
      this.#writeStatus();
      return;
    }
    if (this.#deleting) return;
    this.#deleting = true;
    const status = this.#computeStatus(true);
    this.#lastPhase = status.phase;
    void this.#patchStatus(status).then(() => {
      this.moveTo('Terminated', 'all containers stopped; the pod is removed');
      this.#cleanup();
      return this.deps.client
        .delete('pods', this.name, {
          namespace: this.namespace,
          gracePeriodSeconds: 0,
          preconditions: { uid: this.uid },
        })
        .catch((e) => {
          if (!isApiError(e) || (e.code !== 404 && e.code !== 409)) {
            this.deps.logger.warn('deleting the pod failed', {
              pod: this.formatted,
              error: String(e),
            });
          }
        });
    });
  }

  /** The pod is gone from the API server: kill what runs, clean up, stop. */
  #stopEverything(cause: string): void {
    for (const rec of this.records) if (rec.running) rec.instance!.handle.kill();
    if (this.state !== 'Terminated') this.moveTo('Terminated', cause);
    this.#cleanup();
  }

  #cleanup(): void {
    if (this.#done) return;
    this.#done = true;
    this.#wakeCancel?.();
    for (const rec of this.records) rec.killCancel?.();
    this.logs.closeAll();
    this.deps.crashBackoff.forget(`${this.uid}/`);
    this.deps.pullBackoff.forget(`${this.uid}_`);
    this.deps.onDone(this);
  }

  // ---- status ----

  #computeStatus(podIsTerminal: boolean): PodStatus {
    const hasInit = this.init.length > 0;
    const now = this.deps.clock.now();
    // An exit is noticed by a relist, which sees every container of the pod as it is then.
    let relistedAt = -Infinity;
    for (const r of this.records)
      relistedAt = Math.max(relistedAt, r.instance?.noticedAt ?? -Infinity);
    // The sandbox is ready to start containers once a relist has seen it: the status of the
    // sync that creates it was generated before it existed.
    const created = this.#sandboxCreatedAt;
    const sandboxSeen =
      created === undefined || now >= relistedAfter(created) || relistedAt >= created;
    return generatePodStatus({
      pod: this.pod,
      views: this.records.map((r) => r.view(hasInit, now, this.syncs, relistedAt)),
      sandboxReady:
        this.sandboxReady && sandboxSeen && !podIsTerminal && this.state !== 'Terminated',
      hostIP: this.deps.hostIP,
      ...(this.startTime !== undefined ? { startTime: this.startTime } : {}),
      now,
      podIsTerminal,
      ...(this.override ? { override: this.override } : {}),
      ...(this.#lastPhase ? { previousPhase: this.#lastPhase } : {}),
    });
  }

  /**
   * Writes the status that follows from the records (`computed`, when the caller has just made
   * it), when it differs from what was written.
   */
  #writeStatus(computed?: PodStatus): void {
    if (this.#deleting || this.removed) return;
    const status = this.#holdTerminalPhase(computed ?? this.#computeStatus(false));
    this.#lastPhase = status.phase;
    const last = this.transitions[this.transitions.length - 1];
    if (last && last.phase === undefined) last.phase = status.phase;
    void this.#patchStatus(status);
  }

  /**
   * mergePodStatus (status_manager.go): a terminal phase is not written while a container could
   * still be running. The phase, reason and message written before stay until everything has
   * stopped; the conditions already say PodFailed or PodCompleted. So a pod past its
   * activeDeadlineSeconds reads Running while its containers are being stopped.
   */
  #holdTerminalPhase(status: PodStatus): PodStatus {
    if (!isTerminalPhase(status.phase)) return status;
    const before = this.#lastStatus ?? this.pod.status;
    if (isTerminalPhase(before?.phase)) return status;
    if (!this.#couldHaveRunningContainers()) return status;
    const { phase: _phase, conditions, message: _message, reason: _reason, ...rest } = status;
    return {
      phase: before?.phase ?? 'Pending',
      conditions,
      ...(before?.message ? { message: before.message } : {}),
      ...(before?.reason ? { reason: before.reason } : {}),
      ...rest,
    };
  }

  async #patchStatus(status: PodStatus): Promise<void> {
    if (this.#lastStatus && sameButTransitionTimes(this.#lastStatus, status)) return;
    this.#pendingStatus = status;
    if (this.#writing) {
      this.#writeAgain = true;
      return this.#writeDone;
    }
    this.#writing = true;
    let resolve!: () => void;
    this.#writeDone = new Promise<void>((r) => (resolve = r));
    try {
      do {
        this.#writeAgain = false;
        const next = this.#pendingStatus!;
        try {
          const pod = await this.deps.client.patch(
            'pods',
            this.name,
            'merge',
            { status: next },
            {
              namespace: this.namespace,
              subresource: 'status',
            },
          );
          this.#lastStatus = next;
          if (pod.metadata?.uid === this.uid) this.pod = { ...this.pod, status: pod.status! };
        } catch (e) {
          if (isApiError(e) && e.code === 404) return;
          this.deps.logger.warn('status update failed; will retry', {
            pod: this.formatted,
            error: String(e),
          });
          this.wakeAt(this.deps.clock.now() + WORKER_BACKOFF_MS);
          this.#lastStatus = undefined;
          return;
        }
      } while (this.#writeAgain);
    } finally {
      this.#writing = false;
      resolve();
    }
  }

  #pendingStatus?: PodStatus;
  #writeDone: Promise<void> = Promise.resolve();
}

/**
 * Status equality that ignores the lastTransitionTime churn of unchanged conditions (an absent
 * key equals an undefined one, as in deepEqual). Compared in place: it runs on every sync.
 */
function sameButTransitionTimes(a: PodStatus, b: PodStatus): boolean {
  if (!sameExcept(a, b, 'conditions')) return false;
  const ca = a.conditions;
  const cb = b.conditions;
  if (ca === undefined || cb === undefined) return ca === cb;
  if (ca.length !== cb.length) return false;
  for (let i = 0; i < ca.length; i++)
    if (!sameExcept(ca[i]!, cb[i]!, 'lastTransitionTime')) return false;
  return true;
}

/** deepEqual of two objects, one key left out. */
function sameExcept(a: object, b: object, skip: string): boolean {
  const ao = a as Record<string, unknown>;
  const bo = b as Record<string, unknown>;
  for (const key in ao) if (key !== skip && !deepEqual(ao[key], bo[key])) return false;
  for (const key in bo)
    if (key !== skip && ao[key] === undefined && bo[key] !== undefined) return false;
  return true;
}
