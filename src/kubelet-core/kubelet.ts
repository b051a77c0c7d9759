/**
 * createKubelet: one node. It registers its Node (as Krustlet did: wasm32-wasi labels and taints),
 * keeps its Lease renewed, watches the pods bound to it and runs one PodWorker per pod.
 */
import { isApiError } from '../kube/client.ts';
import { createInformer, type Informer } from '../kube/informer.ts';
import { MemDir } from '../kube/memfs.ts';
import { formatMicroTime, formatTime } from '../kube/time.ts';
import type { ConfigMap, Lease, Node, Pod, Secret } from '../kube/types.ts';
import { crashLoopBackoff, imagePullBackoff } from './backoff.ts';
import type { ConfigSource } from './env.ts';
import { renderLog, type ContainerLog, type LogOptions } from './logs.ts';
import { wasRunByAKubelet, type SavedPod } from './pod/adopt.ts';
import { PodWorker } from './pod/podWorker.ts';
import type {
  Clock,
  ContainerRuntime,
  EventSink,
  KubeClient,
  Logger,
  OutputChunk,
  Unsubscribe,
} from './ports.ts';

export interface KubeletOptions {
  nodeName: string;
  client: KubeClient;
  runtime: ContainerRuntime;
  clock: Clock;
  events: EventSink;
  logger?: Logger;
  /** The node's InternalIP, shown as status.hostIP. */
  hostIP?: string;
  /** The node's hostPath storage, shared by all its pods (kept across reloads by the app). */
  hostPaths?: MemDir;
  /** Our own kubelet version string; the API reports it in nodeInfo. */
  kubeletVersion?: string;
  /** Randomness for container ids; tests pass a seeded one. */
  random?: () => number;
  /**
   * What an earlier kubelet of this node kept (the app, across a tab reload): pod timelines and
   * container logs, by pod uid. Pods it ran are adopted from their API status either way.
   */
  restore?: KubeletSnapshot;
}

/** What a kubelet keeps across a restart that the API server does not hold. */
export interface KubeletSnapshot {
  pods: Record<string, SavedPod>;
}

export const KUBELET_VERSION = 'v1.33.0';
export const NODE_LEASE_DURATION_SECONDS = 40;
/** The lease is renewed every quarter of its duration (nodeLeaseRenewIntervalFraction 0.25). */
export const LEASE_RENEW_MS = 10_000;
/** With leases, the full node status is reported every 5 minutes, or sooner when it changes. */
export const NODE_STATUS_REPORT_MS = 5 * 60_000;

const CAPACITY = {
  cpu: '4',
  'ephemeral-storage': '61255492Ki',
  'hugepages-1Gi': '0',
  'hugepages-2Mi': '0',
  memory: '4032800Ki',
  pods: '110',
};

export interface LogRequest extends LogOptions {
  namespace: string;
  pod: string;
  container?: string;
  previous?: boolean;
}

/** A `kubectl logs` failure: the kubelet's message, served as a 400 BadRequest. */
export class LogError extends Error {
  override name = 'LogError';
}

export interface Kubelet {
  readonly nodeName: string;
  start(): Promise<void>;
  stop(): void;
  /** The pod workers, by pod uid. */
  workers(): PodWorker[];
  worker(namespace: string, name: string): PodWorker | undefined;
  /** `kubectl logs`: the text, or a LogError with the kubelet's message. */
  logs(req: LogRequest): string;
  /** `kubectl logs -f`: past output, then live chunks until the instance ends. */
  followLogs(
    req: LogRequest,
    onChunk: (chunk: OutputChunk) => void,
    onEnd: () => void,
  ): Unsubscribe;
  /** Called whenever a pod worker's state changes (for the UI). */
  subscribe(listener: (worker: PodWorker) => void): Unsubscribe;
  /** Timelines and logs of the pods it runs, for a later kubelet to adopt (see KubeletOptions.restore). */
  snapshot(): KubeletSnapshot;
}

export function createKubelet(opts: KubeletOptions): Kubelet {
  const { nodeName, client, runtime, clock, events } = opts;
  const logger: Logger = opts.logger ?? { info: () => {}, warn: () => {}, error: () => {} };
  const hostIP = opts.hostIP ?? '10.0.0.1';
  const hostPaths = opts.hostPaths ?? new MemDir();
  const random = opts.random ?? Math.random;
  const workers = new Map<string, PodWorker>();
  const byKey = new Map<string, PodWorker>();
  const listeners = new Set<(w: PodWorker) => void>();
  const crashBackoff = crashLoopBackoff(clock);
  const pullBackoff = imagePullBackoff(clock);
  const timers: Unsubscribe[] = [];
  let configMaps: Informer<ConfigMap> | undefined;
  let secrets: Informer<Secret> | undefined;
  let pods: Informer<Pod> | undefined;
  let idCounter = 0;
  let lastStatusReport = -Infinity;

  const config: ConfigSource = {
    configMap: (ns, name) => configMaps?.get(ns, name),
    secret: (ns, name) => secrets?.get(ns, name),
  };

  const notify = (w: PodWorker) => {
    for (const l of listeners) l(w);
  };

  const newId = () => {
    idCounter++;
    let hex = '';
    for (let i = 0; i < 16; i++) hex += Math.floor(random() * 16).toString(16);
    return `${hex}${idCounter.toString(16).padStart(8, '0')}`;
  };

  const keyOf = (p: Pod) => `${p.metadata?.namespace ?? 'default'}/${p.metadata?.name ?? ''}`;

  function podAdded(pod: Pod): void {
    const uid = pod.metadata?.uid ?? '';
    const existing = workers.get(uid);
    if (existing) return existing.update(pod);
    const w = new PodWorker(pod, {
      nodeName,
      hostIP,
      clock,
      client,
      runtime,
      events,
      logger,
      config,
      nodeVolumes: { hostPaths, allocatable: CAPACITY },
      allocatable: CAPACITY,
      crashBackoff,
      pullBackoff,
      onChange: notify,
      onDone: (done) => {
        notify(done);
      },
      newId,
      random,
    });
    workers.set(uid, w);
    byKey.set(keyOf(pod), w);
    if (wasRunByAKubelet(pod)) w.adopt(opts.restore?.pods[uid]);
    notify(w);
  }

  function podDeleted(pod: Pod): void {
    const w = workers.get(pod.metadata?.uid ?? '');
    if (!w) return;
    w.remove();
    workers.delete(w.uid);
    if (byKey.get(keyOf(pod)) === w) byKey.delete(keyOf(pod));
  }

  function configChanged(obj: ConfigMap | Secret): void {
    const ns = obj.metadata?.namespace;
    for (const w of workers.values()) if (w.namespace === ns) w.configChanged();
  }

  function nodeObject(): Node {
    const now = formatTime(clock.now());
    const cond = (type: string, status: string, reason: string, message: string) => ({
      type,
      status,
      lastHeartbeatTime: now,
      lastTransitionTime: now,
      reason,
      message,
    });
    return {
      apiVersion: 'v1',
      kind: 'Node',
      metadata: {
        name: nodeName,
        labels: {
          'beta.kubernetes.io/arch': 'wasm32-wasi',
          'beta.kubernetes.io/os': 'wasm32-wasi',
          'kubernetes.io/arch': 'wasm32-wasi',
          'kubernetes.io/hostname': nodeName,
          'kubernetes.io/os': 'wasm32-wasi',
          type: 'kubelet-playground',
        },
        annotations: {
          'node.alpha.kubernetes.io/ttl': '0',
          'volumes.kubernetes.io/controller-managed-attach-detach': 'true',
        },
      },
      spec: {
        taints: [
          { key: 'kubernetes.io/arch', value: 'wasm32-wasi', effect: 'NoSchedule' },
          { key: 'kubernetes.io/arch', value: 'wasm32-wasi', effect: 'NoExecute' },
        ],
      },
      status: {
        capacity: { ...CAPACITY },
        allocatable: { ...CAPACITY },
        conditions: [
          cond(
            'MemoryPressure',
            'False',
            'KubeletHasSufficientMemory',
            'kubelet has sufficient memory available',
          ),
          cond('DiskPressure', 'False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure'),
          cond(
            'PIDPressure',
            'False',
            'KubeletHasSufficientPID',
            'kubelet has sufficient PID available',
          ),
          cond('Ready', 'True', 'KubeletReady', 'kubelet is posting ready status'),
        ],
        addresses: [
          { type: 'InternalIP', address: hostIP },
          { type: 'Hostname', address: nodeName },
        ],
        daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
        nodeInfo: {
          machineID: nodeName,
          systemUUID: nodeName,
          bootID: newId(),
          kernelVersion: 'wasi-preview1',
          osImage: 'Kubelet Playground (WebAssembly System Interface)',
          containerRuntimeVersion: runtime.version,
          kubeletVersion: opts.kubeletVersion ?? KUBELET_VERSION,
          kubeProxyVersion: '',
          operatingSystem: 'linux',
          architecture: 'wasm-wasi',
        },
      },
    };
  }

  async function register(): Promise<Node> {
    try {
      return await client.create('nodes', nodeObject());
    } catch (e) {
      if (!isApiError(e, 'AlreadyExists')) throw e;
      // A node that re-registers keeps its object but reports itself ready again.
      const fresh = nodeObject();
      const old = await client.get('nodes', nodeName).catch(() => undefined);
      const bootID = fresh.status?.nodeInfo?.bootID;
      if (old && old.status?.nodeInfo?.bootID !== bootID) {
        // The node status setter notices the new boot id (kubelet_node_status.go).
        events.event(
          { kind: 'Node', apiVersion: 'v1', metadata: { name: nodeName, uid: nodeName } },
          'Warning',
          'Rebooted',
          `Node ${nodeName} has been rebooted, boot id: ${bootID}`,
        );
      }
      return client.patch(
        'nodes',
        nodeName,
        'merge',
        { status: fresh.status },
        { subresource: 'status' },
      );
    }
  }

  async function renewLease(node: Node): Promise<void> {
    const now = formatMicroTime(clock.now());
    const lease: Lease = {
      apiVersion: 'coordination.k8s.io/v1',
      kind: 'Lease',
      metadata: {
        name: nodeName,
        namespace: 'kube-node-lease',
        ownerReferences: [
          { apiVersion: 'v1', kind: 'Node', name: nodeName, uid: node.metadata?.uid ?? '' },
        ],
      },
      spec: {
        holderIdentity: nodeName,
        leaseDurationSeconds: NODE_LEASE_DURATION_SECONDS,
        renewTime: now,
      },
    };
    try {
      await client.patch(
        'leases',
        nodeName,
        'merge',
        { spec: { renewTime: now, holderIdentity: nodeName } },
        { namespace: 'kube-node-lease' },
      );
    } catch (e) {
      if (!isApiError(e) || e.code !== 404)
        return logger.warn('lease renewal failed', { error: String(e) });
      await client
        .create('leases', { ...lease, spec: { ...lease.spec, acquireTime: now } })
        .catch((err) => {
          logger.warn('lease creation failed', { error: String(err) });
        });
    }
  }

  async function heartbeat(node: Node): Promise<void> {
    await renewLease(node);
    if (clock.now() - lastStatusReport >= NODE_STATUS_REPORT_MS) {
      lastStatusReport = clock.now();
      const now = formatTime(clock.now());
      const conditions = (nodeObject().status?.conditions ?? []).map((c) => ({
        ...c,
        lastHeartbeatTime: now,
      }));
      await client
        .patch(
          'nodes',
          nodeName,
          'strategic',
          { status: { conditions: conditions.map(({ lastTransitionTime: _t, ...c }) => c) } },
          { subresource: 'status' },
        )
        .catch((e) => logger.warn('node status update failed', { error: String(e) }));
    }
  }

  function scheduleHeartbeat(node: Node): void {
    const cancel = clock.setTimeout(() => {
      void heartbeat(node).finally(() => scheduleHeartbeat(node));
    }, LEASE_RENEW_MS);
    timers.push(cancel);
  }

  /** The log `kubectl logs` asks for, or a LogError with the kubelet's message. */
  function findLog(req: LogRequest): ContainerLog {
    const w = byKey.get(`${req.namespace}/${req.pod}`);
    if (!w) throw new LogError(`pods "${req.pod}" not found`);
    const names = w.records.map((r) => r.name);
    const container = req.container ?? (w.app.length === 1 ? w.app[0]!.name : undefined);
    if (!container) {
      throw new LogError(
        `a container name must be specified for pod ${req.pod}, choose one of: [${w.app.map((r) => r.name).join(' ')}] or one of the init containers: [${w.init.map((r) => r.name).join(' ')}]`,
      );
    }
    if (!names.includes(container))
      throw new LogError(`container ${container} is not valid for pod ${req.pod}`);
    const rec = w.records.find((r) => r.name === container)!;
    if (req.previous) {
      const log = w.logs.previous(container);
      if (!log)
        throw new LogError(
          `previous terminated container "${container}" in pod "${req.pod}" not found`,
        );
      return log;
    }
    const log = w.logs.current(container);
    if (!log) {
      // validateContainerLogStatus reads the status as written, so the reason it shows.
      const reason = rec.shownWaiting(w.syncs)?.reason;
      if (reason === 'ImagePullBackOff') {
        throw new LogError(
          `container "${container}" in pod "${req.pod}" is waiting to start: trying and failing to pull image`,
        );
      }
      if (reason === 'ErrImagePull') {
        throw new LogError(
          `container "${container}" in pod "${req.pod}" is waiting to start: image can't be pulled`,
        );
      }
      throw new LogError(
        `container "${container}" in pod "${req.pod}" is waiting to start: ${reason ?? 'ContainerCreating'}`,
      );
    }
    return log;
  }

  return {
    nodeName,
    async start() {
      const node = await register();
      await renewLease(node);
      lastStatusReport = clock.now();
      scheduleHeartbeat(node);
      configMaps = createInformer(
        client,
        'configmaps',
        {},
        { added: configChanged, modified: configChanged, deleted: configChanged },
      );
      secrets = createInformer(
        client,
        'secrets',
        {},
        { added: configChanged, modified: configChanged, deleted: configChanged },
      );
      await Promise.all([configMaps.start(), secrets.start()]);
      pods = createInformer(
        client,
        'pods',
        { fieldSelector: `spec.nodeName=${nodeName}` },
        {
          added: podAdded,
          modified: (pod) => podAdded(pod),
          deleted: podDeleted,
        },
      );
      await pods.start();
    },
    stop() {
      for (const t of timers) t();
      pods?.stop();
      configMaps?.stop();
      secrets?.stop();
      for (const w of workers.values()) w.remove();
    },
    workers: () => [...workers.values()],
    worker: (namespace, name) => byKey.get(`${namespace}/${name}`),
    logs(req) {
      return findLog(req).read(req);
    },
    followLogs(req, onChunk, onEnd) {
      const log = findLog(req);
      const past = log.chunks(req.sinceTime);
      const text = renderLog(past, req);
      if (text)
        onChunk({ stream: 'stdout', data: new TextEncoder().encode(text), time: clock.now() });
      return log.follow(onChunk, onEnd);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    snapshot() {
      const pods: KubeletSnapshot['pods'] = {};
      for (const w of workers.values()) if (!w.finished) pods[w.uid] = w.save();
      return { pods };
    },
  };
}
