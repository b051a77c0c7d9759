/**
 * What the pod worker remembers of each container: its place in the container state machine, its
 * instances, and what was decided about it. The status is computed from these records.
 */
import type { Container } from '../../kube/types.ts';
import type { ContainerLog } from '../logs.ts';
import type { ContainerHandle, ExitStatus, PulledImage } from '../ports.ts';
import type { ContainerStateKind } from './state.ts';
import { relistedAfter } from './timing.ts';
import { isSidecar, type ContainerView, type Role, type TerminatedInfo } from './status.ts';

export interface Instance {
  id: string;
  containerID: string;
  handle: ContainerHandle;
  log: ContainerLog;
  startedAt?: number;
  exit?: ExitStatus;
  /** When the kubelet noticed the exit (the next sync may act on it only after PLEG's relist). */
  noticedAt?: number;
  /**
   * The container's status as it was reported before this instance started. The status shows the
   * instance running only once PLEG has relisted since its start: a relist period after it
   * (`relistedAfter(startedAt)`), or when an exit is noticed in the pod, which a relist is what
   * notices. Until then the kubelet's cache of the runtime has not seen it, and one that
   * exits before is never reported running, as on a node with the default, generic PLEG.
   */
  before?: ContainerView;
}

export class ContainerRecord {
  state: ContainerStateKind = 'Waiting';
  /** Why it waits, as the kubelet last decided (the reason cache). */
  waiting?: { reason: string; message?: string };
  /** The sync (PodWorker.syncs) in which `waiting` last changed. */
  waitingSync = -1;
  /** `waiting` before that change. */
  cachedWaiting?: { reason: string; message?: string };
  image?: PulledImage;
  /** The start procedure (pull, configure, create, start) is under way. */
  starting = false;
  /** A failed start is retried no sooner than this (the pod worker's back-off after an error). */
  retryAt?: number;
  instance?: Instance;
  last?: TerminatedInfo;
  restartCount = 0;
  instances = 0;
  /** A stop was requested (deletion, deadline, definition change); the kill lands at `killAt`. */
  killAt?: number;
  killCancel?: () => void;
  /** When the last BackOff event was recorded (one per worker resync, as the kubelet does). */
  lastBackOffEventAt?: number;
  /** Killing event already recorded for the current instance. */
  killRecorded = false;
  /** The current instance ran under an earlier kubelet (adopted after a restart). */
  fromBeforeRestart = false;

  constructor(
    public spec: Container,
    readonly role: Role,
  ) {}

  get name(): string {
    return this.spec.name;
  }

  get fieldPath(): string {
    return this.role === 'app'
      ? `spec.containers{${this.name}}`
      : `spec.initContainers{${this.name}}`;
  }

  get running(): boolean {
    return this.instance !== undefined && this.instance.exit === undefined;
  }

  get exited(): ExitStatus | undefined {
    return this.instance?.exit;
  }

  get hasRun(): boolean {
    return this.instance !== undefined;
  }

  /**
   * The waiting reason the status shows during sync `sync`. The kubelet generates a sync's status
   * before it acts, from the reason cache the syncs before left (convertToAPIContainerStatuses):
   * a failure decided in a sync (CrashLoopBackOff, ErrImagePull, ...) shows from the next one.
   */
  shownWaiting(sync: number): { reason: string; message?: string } | undefined {
    return this.waitingSync < sync ? this.waiting : this.cachedWaiting;
  }

  terminatedInfo(): TerminatedInfo | undefined {
    const i = this.instance;
    if (!i?.exit) return undefined;
    return {
      exitCode: i.exit.exitCode,
      reason: i.exit.reason,
      ...(i.exit.message ? { message: i.exit.message } : {}),
      startedAt: i.exit.startedAt,
      finishedAt: i.exit.finishedAt,
      containerID: i.containerID,
    };
  }

  /**
   * The record as status generation sees it at clock time `now`; `relistedAt` is when an exit in
   * the pod was last noticed, by a relist that saw all of the pod (see `Instance.before`).
   */
  view(
    hasInitContainers: boolean,
    now: number,
    sync: number,
    relistedAt = -Infinity,
  ): ContainerView {
    const i = this.instance;
    if (i?.before && !i.exit) {
      const started = i.startedAt ?? now;
      if (now < relistedAfter(started) && relistedAt < started) return i.before;
    }
    const waiting = this.shownWaiting(sync);
    const v: ContainerView = {
      name: this.name,
      role: this.role,
      image: this.spec.image ?? '',
      // The runtime reports the image a container runs: none before the first is created.
      imageID: this.instance ? (this.image?.imageID ?? '') : '',
      restartCount: this.restartCount,
      started: false,
      ready: false,
      volumeMounts: (this.spec.volumeMounts ?? []).map((m) => ({
        name: m.name,
        mountPath: m.mountPath,
        ...(m.readOnly ? { readOnly: true } : {}),
      })),
    };
    if (this.instance) v.containerID = this.instance.containerID;
    if (this.last) v.last = this.last;
    if (this.running && this.instance?.startedAt !== undefined) {
      v.running = { startedAt: this.instance.startedAt };
      v.started = true;
      // A regular init container is ready only once it has exited 0; sidecars and apps while running.
      v.ready = this.role !== 'init';
    } else if (waiting && (this.state !== 'Terminated' || !this.instance?.exit)) {
      v.waiting = waiting;
      // A container waiting to restart reports its previous run as lastState.
      const t = this.terminatedInfo();
      if (t) v.last = t;
    } else if (this.instance?.exit) {
      v.terminated = this.terminatedInfo()!;
      // A regular init container that succeeded counts as ready.
      v.ready = this.role === 'init' && this.instance.exit.exitCode === 0;
    } else {
      v.waiting = { reason: hasInitContainers ? 'PodInitializing' : 'ContainerCreating' };
    }
    return v;
  }
}

export function makeRecords(containers: Container[] | undefined, init: boolean): ContainerRecord[] {
  return (containers ?? []).map(
    (c) => new ContainerRecord(c, init ? (isSidecar(c) ? 'sidecar' : 'init') : 'app'),
  );
}
