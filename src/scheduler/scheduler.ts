/**
 * The scheduler: a controller of its own, like kube-scheduler with its default profile. It
 * watches nodes and every pod that is not finished, keeps per-node accounting from the watch,
 * and binds each pending pod whose schedulerName is ours to the best node that fits. A pod that
 * fits nowhere gets PodScheduled=False (Unschedulable) with kube-scheduler's message and a
 * FailedScheduling event, and is tried again when the cluster changes in a way that may help.
 */
import type { KubeClient } from '../kube/client.ts';
import type { Clock } from '../kube/clock.ts';
import type { ObjectReference } from '../kube/eventRecorder.ts';
import { createEventsV1Recorder, type EventsV1Recorder } from '../kube/eventsV1Recorder.ts';
import { createInformer, type Informer } from '../kube/informer.ts';
import type { Node, Pod } from '../kube/types.ts';
import { ClusterCache } from './cache.ts';
import {
  fitErrorMessage,
  NO_NODES_AVAILABLE,
  preemptionMessage,
  truncateMessage,
} from './fitError.ts';
import { podKey, schedulePod, type PodInfo } from './framework.ts';
import { nodeChanges, worthRequeuing, type ClusterEvent } from './hints.ts';
import { setPodScheduled } from './podStatus.ts';
import { SchedulingQueue, type QueuedPod } from './queue.ts';
import { podResources, ResourceError, type PodResources } from './resources.ts';

export const DEFAULT_SCHEDULER_NAME = 'default-scheduler';
/** Where the playground's scheduler runs: a control plane of its own, as kind names it. */
export const SCHEDULER_HOSTNAME = 'playground-control-plane';

export interface SchedulerOptions {
  client: KubeClient;
  clock: Clock;
  /** Pods whose spec.schedulerName is this (unset counts as default-scheduler) are ours. */
  schedulerName?: string;
  /**
   * Where events go: kube-scheduler writes them through the events.k8s.io API. By default a
   * recorder reporting as `schedulerName` from `hostname`.
   */
  recorder?: Pick<EventsV1Recorder, 'eventf'>;
  /** The host the scheduler runs on (its events' reportingInstance is `<name>-<hostname>`). */
  hostname?: string;
  /** For retry jitter; Math.random by default. */
  random?: () => number;
}

export interface Scheduler {
  /** Lists and watches nodes and pods, then schedules; resolves once both caches are filled. */
  start(): Promise<void>;
  /** Stops watching and scheduling for good; a binding already sent completes. */
  stop(): void;
  /** Pods waiting in each part of the scheduling queue. */
  queueCounts(): ReturnType<SchedulingQueue['counts']>;
}

type Failure = {
  reason: 'Unschedulable' | 'SchedulerError';
  message: string;
  plugins: Set<string>;
};

/**
 * @example
 * const scheduler = createScheduler({ client: api.client('default-scheduler', { shared: true }), clock });
 * await scheduler.start();
 */
export function createScheduler(opts: SchedulerOptions): Scheduler {
  const { client, clock } = opts;
  const schedulerName = opts.schedulerName ?? DEFAULT_SCHEDULER_NAME;
  const random = opts.random ?? Math.random;
  const ownRecorder = opts.recorder
    ? undefined
    : createEventsV1Recorder({
        client,
        clock,
        reportingController: schedulerName,
        hostname: opts.hostname ?? SCHEDULER_HOSTNAME,
      });
  const recorder = opts.recorder ?? ownRecorder!;
  const cache = new ClusterCache();
  const queue = new SchedulingQueue({ clock, onReady: () => kick() });
  const gatedMarked = new Set<string>();
  let running = false;
  let stopped = false;
  let synced = false;
  let pumping = false;

  const ours = (pod: Pod) => (pod.spec?.schedulerName || DEFAULT_SCHEDULER_NAME) === schedulerName;
  const move = (event: ClusterEvent) => queue.move((qp) => worthRequeuing(qp, event));

  function podEntryFor(pod: Pod, nodeName: string, assumed: boolean) {
    let res: PodResources;
    try {
      res = podResources(pod);
    } catch (e) {
      if (!(e instanceof ResourceError)) throw e;
      res = podResources({ spec: { containers: [] } });
    }
    return { key: podKey(pod), nodeName, res, priority: pod.spec?.priority ?? 0, assumed };
  }

  function onPod(pod: Pod): void {
    const key = podKey(pod);
    const nodeName = pod.spec?.nodeName;
    if (nodeName) {
      queue.delete(key);
      gatedMarked.delete(key);
      const known = cache.pod(key);
      if (known?.nodeName === nodeName) known.assumed = false;
      else cache.addPod(podEntryFor(pod, nodeName, false));
      return;
    }
    if (cache.pod(key)?.assumed || !ours(pod)) return;
    queue.addOrUpdate(pod);
    if ((pod.spec?.schedulingGates?.length ?? 0) > 0) markGated(pod);
  }

  function onPodDeleted(pod: Pod): void {
    const key = podKey(pod);
    queue.delete(key);
    gatedMarked.delete(key);
    if (cache.removePod(key)) move({ type: 'AssignedPodDelete' });
  }

  /** The API server sets this condition on create in v1.33; ours leaves it to us. */
  function markGated(pod: Pod): void {
    const key = podKey(pod);
    if (gatedMarked.has(key) || pod.status?.conditions?.some((c) => c.type === 'PodScheduled'))
      return;
    gatedMarked.add(key);
    void setPodScheduled(client, clock, random, pod, {
      status: 'False',
      reason: 'SchedulingGated',
      message: 'Scheduling is blocked due to non-empty scheduling gates',
    }).catch(() => gatedMarked.delete(key));
  }

  function onNode(node: Node, isNew: boolean): void {
    const old = cache.setNode(node);
    const view = cache.node(node.metadata?.name ?? '')!;
    if (isNew || !old) return move({ type: 'NodeAdd', node: view });
    const changes = nodeChanges(old, view);
    if (changes.size > 0) move({ type: 'NodeUpdate', old, node: view, changes });
  }

  const nodeInformer: Informer<Node> = createInformer(
    client,
    'nodes',
    {},
    {
      added: (n) => onNode(n, true),
      modified: (n) => onNode(n, false),
      deleted: (n) => cache.removeNode(n.metadata?.name ?? ''),
    },
  );
  // kube-scheduler's pod informer: everything not finished; a finished pod leaves its node.
  const podInformer: Informer<Pod> = createInformer(
    client,
    'pods',
    { fieldSelector: 'status.phase!=Succeeded,status.phase!=Failed' },
    { added: onPod, modified: onPod, deleted: onPodDeleted },
  );

  function kick(): void {
    if (!running || !synced || pumping) return;
    pumping = true;
    void Promise.resolve().then(pump);
  }

  async function pump(): Promise<void> {
    try {
      for (let qp = queue.pop(); qp; qp = running ? queue.pop() : undefined) {
        await scheduleOne(qp);
      }
    } finally {
      pumping = false;
    }
  }

  const refOf = (pod: Pod): ObjectReference => ({
    kind: 'Pod',
    namespace: pod.metadata?.namespace,
    name: pod.metadata?.name,
    uid: pod.metadata?.uid,
    apiVersion: 'v1',
    resourceVersion: pod.metadata?.resourceVersion,
  });

  const failedScheduling = (pod: Pod, note: string) =>
    recorder.eventf(refOf(pod), undefined, 'Warning', 'FailedScheduling', 'Scheduling', note);

  async function scheduleOne(qp: QueuedPod): Promise<void> {
    const pod = qp.pod;
    const { namespace = '', name = '' } = pod.metadata ?? {};
    if (pod.metadata?.deletionTimestamp) {
      queue.delete(qp.key);
      failedScheduling(pod, `skip schedule deleting pod: ${namespace}/${name}`);
      return;
    }
    if ('error' in qp.info) {
      return fail(qp, { reason: 'SchedulerError', message: qp.info.error, plugins: new Set() });
    }
    const info: PodInfo = qp.info;
    const nodes = cache.nodes();
    const result = schedulePod(info, nodes);
    if (result.kind === 'NoNodes') {
      return fail(qp, { reason: 'Unschedulable', message: NO_NODES_AVAILABLE, plugins: new Set() });
    }
    if (result.kind === 'FitError') {
      const d = result.diagnosis;
      d.postFilterMsg = preemptionMessage(info, nodes, d);
      const message = fitErrorMessage(result.numAllNodes, d);
      return fail(qp, { reason: 'Unschedulable', message, plugins: d.unschedulablePlugins });
    }
    const host = result.node.name;
    cache.addPod({
      key: qp.key,
      nodeName: host,
      res: info.res,
      priority: info.priority,
      assumed: true,
    });
    try {
      await client.bind(
        {
          apiVersion: 'v1',
          kind: 'Binding',
          metadata: { name, namespace, uid: pod.metadata?.uid },
          target: { kind: 'Node', name: host },
        },
        { namespace },
      );
    } catch (e) {
      if (cache.pod(qp.key)?.assumed) {
        cache.removePod(qp.key);
        move({ type: 'AssignedPodDelete' });
      }
      const message = `running Bind plugin "DefaultBinder": ${e instanceof Error ? e.message : String(e)}`;
      return fail(qp, { reason: 'SchedulerError', message, plugins: new Set() });
    }
    if (queue.get(qp.key) === qp) queue.delete(qp.key);
    recorder.eventf(
      refOf(pod),
      undefined,
      'Normal',
      'Scheduled',
      'Binding',
      `Successfully assigned ${namespace}/${name} to ${host}`,
    );
  }

  /** handleSchedulingFailure: requeue, a FailedScheduling event, and the PodScheduled condition. */
  async function fail(qp: QueuedPod, f: Failure): Promise<void> {
    const pod = qp.pod;
    const latest = podInformer.get(pod.metadata?.namespace ?? '', pod.metadata?.name ?? '');
    if (!latest || latest.spec?.nodeName) queue.delete(qp.key);
    else if (f.plugins.size > 0) queue.unschedulableAgain(qp, f.plugins);
    else queue.errorAgain(qp);
    failedScheduling(pod, truncateMessage(f.message));
    try {
      await setPodScheduled(client, clock, random, pod, {
        status: 'False',
        reason: f.reason,
        message: f.message,
      });
    } catch {
      // kube-scheduler logs "Error updating pod" and carries on.
    }
  }

  return {
    async start() {
      if (stopped) throw new Error('scheduler: start() after stop(); create a new scheduler');
      if (running) return;
      running = true;
      await nodeInformer.start();
      await podInformer.start();
      synced = true;
      kick();
    },
    stop() {
      running = false;
      stopped = true;
      nodeInformer.stop();
      podInformer.stop();
      queue.stop();
      ownRecorder?.shutdown();
    },
    queueCounts: () => queue.counts(),
  };
}
