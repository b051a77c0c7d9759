/**
 * One playground cluster: the API server, the scheduler and one kubelet per node, wired on one
 * clock. The browser app and serve mode both build theirs here and differ only in the container
 * runtime they pass (Web Workers or worker_threads) and the clock's wall source.
 */
import type { Clock, Unsubscribe } from '../kube/clock.ts';
import { createEventRecorder, type EventRecorder } from '../kube/eventRecorder.ts';
import {
  createApiServer,
  type ApiServer,
  type ApiServerOptions,
  type ApiServerSnapshot,
} from '../fake-apiserver/index.ts';
import { createKubelet, type Kubelet, type KubeletSnapshot } from '../kubelet-core/kubelet.ts';
import type { ContainerRuntime, EventSink, Logger } from '../kubelet-core/ports.ts';
import { createEventsV1Recorder } from '../kube/eventsV1Recorder.ts';
import {
  createScheduler,
  DEFAULT_SCHEDULER_NAME,
  SCHEDULER_HOSTNAME,
  type Scheduler,
} from '../scheduler/index.ts';

export interface ClusterOptions {
  clock: Clock;
  runtime: ContainerRuntime;
  /** Node names, one kubelet each; default one node, `playground`. */
  nodes?: string[];
  random?: () => number;
  logger?: Logger;
  /** Passed to the API server (admission, fault injection...). */
  apiServer?: Omit<ApiServerOptions, 'clock' | 'random'>;
  /** Told of every event the kubelets and the scheduler record, before it is written. */
  onEvent?: EventSink['event'];
  /** Start from what an earlier cluster kept (a reload): its objects, pod timelines and logs. */
  restore?: ClusterSnapshot;
}

/**
 * Everything a cluster keeps across a restart: what etcd holds, and what each kubelet keeps on
 * its node's disk (pod timelines, container logs), by node name.
 */
export interface ClusterSnapshot {
  apiServer: ApiServerSnapshot;
  kubelets: Record<string, KubeletSnapshot>;
}

export interface Cluster {
  readonly clock: Clock;
  readonly server: ApiServer;
  readonly scheduler: Scheduler;
  readonly kubelets: readonly Kubelet[];
  /** The first node's kubelet: the one the UI shows by default. */
  readonly kubelet: Kubelet;
  /** Registers the nodes and starts watching; resolves once every part is running. */
  start(): Promise<void>;
  /** Stops the kubelets and the scheduler and drops queued events. */
  stop(): void;
  /** What a later cluster needs to carry on from here (see ClusterOptions.restore). */
  snapshot(): ClusterSnapshot;
}

export const DEFAULT_NODE_NAME = 'playground';

export function createCluster(opts: ClusterOptions): Cluster {
  const { clock, runtime } = opts;
  const server = createApiServer({
    ...opts.apiServer,
    ...(opts.restore ? { restore: opts.restore.apiServer } : {}),
    clock,
    ...(opts.random ? { random: opts.random } : {}),
  });
  const recorders: Pick<EventRecorder, 'shutdown'>[] = [];
  // The kubelets' events, through the record package as the kubelet writes them.
  const kubeletEvents = (host: string): EventSink => {
    const recorder = createEventRecorder({
      client: server.client('kubelet', { shared: true }),
      clock,
      component: 'kubelet',
      host,
      ...(opts.random ? { random: opts.random } : {}),
    });
    recorders.push(recorder);
    return {
      event(involved, type, reason, message, fieldPath) {
        opts.onEvent?.(involved, type, reason, message, fieldPath);
        recorder.event(involved, type, reason, message, fieldPath);
      },
    };
  };
  const kubelets = (opts.nodes ?? [DEFAULT_NODE_NAME]).map((nodeName) =>
    createKubelet({
      nodeName,
      client: server.client('kubelet', { shared: true }),
      runtime,
      clock,
      events: kubeletEvents(nodeName),
      ...(opts.logger ? { logger: opts.logger } : {}),
      ...(opts.random ? { random: opts.random } : {}),
      ...(opts.restore?.kubelets[nodeName] ? { restore: opts.restore.kubelets[nodeName] } : {}),
    }),
  );
  if (kubelets.length === 0) throw new RangeError('a cluster needs at least one node');
  // kube-scheduler writes its events through the events.k8s.io API (tools/events).
  const schedulerEvents = createEventsV1Recorder({
    client: server.client('default-scheduler', { shared: true }),
    clock,
    reportingController: DEFAULT_SCHEDULER_NAME,
    hostname: SCHEDULER_HOSTNAME,
  });
  recorders.push(schedulerEvents);
  const scheduler = createScheduler({
    client: server.client('default-scheduler', { shared: true }),
    clock,
    recorder: {
      eventf(regarding, related, type, reason, action, note) {
        opts.onEvent?.(regarding, type, reason, note);
        schedulerEvents.eventf(regarding, related, type, reason, action, note);
      },
    },
    ...(opts.random ? { random: opts.random } : {}),
  });
  const stops: Unsubscribe[] = [];

  return {
    clock,
    server,
    scheduler,
    kubelets,
    kubelet: kubelets[0]!,
    async start() {
      for (const k of kubelets) {
        await k.start();
        stops.push(() => k.stop());
      }
      await scheduler.start();
      stops.push(() => scheduler.stop());
    },
    stop() {
      for (const s of stops.splice(0).reverse()) s();
      for (const r of recorders) r.shutdown();
    },
    snapshot() {
      return {
        apiServer: server.snapshot(),
        kubelets: Object.fromEntries(kubelets.map((k) => [k.nodeName, k.snapshot()])),
      };
    },
  };
}
