/**
 * What a v1.33 API server does to an object between defaulting and validation: the mutating admission
 * plugins of a default cluster (ServiceAccount, Priority, DefaultTolerationSeconds) and the registry
 * strategies' PrepareForCreate / PrepareForUpdate (creation status, generation, fields of feature
 * gates that are off by default dropped, fields an update may not touch copied from the stored object).
 */
import { computePodQOS } from '../../kube/qos.ts';
import type { Pod, ServiceAccount, Status } from '../../kube/types.ts';
import { deepEqual } from '../../kube/objects.ts';
import { goEncode } from './decode.ts';
import { structShape } from './shapes.ts';
import { isObj, list, obj, str, type Obj } from './access.ts';
import { goQuote } from './fieldErrors.ts';
import { forbiddenStatus } from './status.ts';

/** What admission needs from its surroundings; everything optional has a faithful default. */
export interface AdmissionContext {
  /** Uniform in [0, 1): picks the 5-character suffix of generated names (`kube-api-access-xxxxx`). */
  random(): number;
  /** Now, RFC 3339 (`2026-01-02T15:04:05Z`), for conditions set at creation; omitted when absent. */
  now?(): string;
  /**
   * The ServiceAccount admission plugin looks the pod's service account up: return it, or undefined
   * when it does not exist (403). Without this function every account exists, with no settings.
   */
  getServiceAccount?(namespace: string, name: string): ServiceAccount | undefined;
  /** The namespace check is the server's own; accepted so one context can be passed around. */
  namespaceExists?(namespace: string): boolean;
}

/** Kubernetes' random name alphabet (k8s.io/apimachinery/pkg/util/rand): no vowels, no 0, 1, 3. */
const alphanums = 'bcdfghjklmnpqrstvwxz2456789';

/** The random suffix of generateName and of `kube-api-access-` volumes (utilrand.String). */
export function randomNameSuffix(random: () => number, length = 5): string {
  let out = '';
  for (let i = 0; i < length; i++)
    out += alphanums[Math.min(alphanums.length - 1, Math.floor(random() * alphanums.length))];
  return out;
}

const tokenMountPath = '/var/run/secrets/kubernetes.io/serviceaccount';

/** The projected volume the ServiceAccount plugin adds (TokenVolumeSource, expiration 3607 s). */
function tokenVolume(name: string): Obj {
  return {
    name,
    projected: {
      sources: [
        { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
        { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
        {
          downwardAPI: {
            items: [
              {
                path: 'namespace',
                fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' },
              },
            ],
          },
        },
      ],
      defaultMode: 420,
    },
  };
}

/**
 * The name admission errors use (extractResourceName): the name, else the generateName prefix, else
 * "Unknown" (names are generated after admission).
 */
function admissionName(o: Obj): string {
  const meta = obj(o, 'metadata');
  return str(meta, 'name') || str(meta, 'generateName') || 'Unknown';
}

/** The ServiceAccount admission plugin on pod create. */
function admitServiceAccount(pod: Obj, ctx: AdmissionContext): Status | undefined {
  const meta = obj(pod, 'metadata') ?? {};
  const spec = obj(pod, 'spec') ?? (pod.spec = {} as Obj);
  if (isObj(meta.annotations) && 'kubernetes.io/config.mirror' in meta.annotations)
    return undefined;
  if (!str(spec, 'serviceAccountName')) spec.serviceAccountName = 'default';
  const namespace = str(meta, 'namespace');
  const name = str(spec, 'serviceAccountName');
  let account: ServiceAccount | undefined = { metadata: { name, namespace } };
  if (ctx.getServiceAccount) {
    account = ctx.getServiceAccount(namespace, name);
    if (!account) {
      return forbiddenStatus(
        { group: '', resource: 'pods' },
        admissionName(pod),
        `error looking up service account ${namespace}/${name}: serviceaccount ${goQuote(name)} not found`,
      );
    }
  }
  const automount =
    typeof spec.automountServiceAccountToken === 'boolean'
      ? spec.automountServiceAccountToken
      : (account.automountServiceAccountToken ?? true);
  if (automount) mountToken(spec, ctx);
  if (list(spec, 'imagePullSecrets').length === 0 && (account.imagePullSecrets?.length ?? 0) > 0) {
    spec.imagePullSecrets = account.imagePullSecrets!.map((s) => ({ name: s.name ?? '' }));
  }
  return undefined;
}

function mountToken(spec: Obj, ctx: AdmissionContext): void {
  const volumes = list(spec, 'volumes');
  const existing = volumes.find((v) => str(v, 'name').startsWith('kube-api-access-'));
  const volumeName = existing
    ? str(existing, 'name')
    : `kube-api-access-${randomNameSuffix(ctx.random)}`;
  let needed = false;
  for (const kind of ['initContainers', 'containers']) {
    for (const c of list(spec, kind)) {
      if (list(c, 'volumeMounts').some((m) => str(m, 'mountPath') === tokenMountPath)) continue;
      c.volumeMounts = [
        ...list(c, 'volumeMounts'),
        { name: volumeName, readOnly: true, mountPath: tokenMountPath },
      ];
      needed = true;
    }
  }
  if (!existing && needed) spec.volumes = [...volumes, tokenVolume(volumeName)];
}

/** Built-in PriorityClasses; a default cluster has no global default class. */
const systemPriorityClasses: Record<string, number> = {
  'system-node-critical': 2000001000,
  'system-cluster-critical': 2000000000,
};

/** The Priority admission plugin on pod create. */
function admitPriority(pod: Obj): Status | undefined {
  const spec = obj(pod, 'spec') ?? {};
  const podName = admissionName(pod);
  const className = str(spec, 'priorityClassName');
  let priority = 0;
  if (className) {
    if (!(className in systemPriorityClasses)) {
      return forbiddenStatus(
        { group: '', resource: 'pods' },
        podName,
        `no PriorityClass with name ${className} was found`,
      );
    }
    priority = systemPriorityClasses[className]!;
  }
  if (typeof spec.priority === 'number' && spec.priority !== priority) {
    return forbiddenStatus(
      { group: '', resource: 'pods' },
      podName,
      `the integer value of priority (${spec.priority}) must not be provided in pod spec; priority admission controller computed ${priority} from the given PriorityClass name`,
    );
  }
  spec.priority = priority;
  if (
    typeof spec.preemptionPolicy === 'string' &&
    spec.preemptionPolicy !== 'PreemptLowerPriority'
  ) {
    return forbiddenStatus(
      { group: '', resource: 'pods' },
      podName,
      `the string value of PreemptionPolicy (${spec.preemptionPolicy}) must not be provided in pod spec; priority admission controller computed PreemptLowerPriority from the given PriorityClass name`,
    );
  }
  spec.preemptionPolicy = 'PreemptLowerPriority';
  return undefined;
}

/** Whether a toleration in the list tolerates `key` with NoExecute. */
function coversNoExecute(tolerations: Obj[], key: string): boolean {
  return tolerations.some(
    (t) =>
      (str(t, 'key') === key || !str(t, 'key')) &&
      (str(t, 'effect') === 'NoExecute' || !str(t, 'effect')),
  );
}

const DEFAULT_TOLERATED = ['node.kubernetes.io/not-ready', 'node.kubernetes.io/unreachable'];

/** DefaultTolerationSeconds: tolerate not-ready and unreachable nodes for 300 s unless already covered. */
function admitDefaultTolerations(pod: Obj): void {
  const spec = obj(pod, 'spec') ?? (pod.spec = {} as Obj);
  const tolerations = list(spec, 'tolerations');
  const add: Obj[] = [];
  for (const key of DEFAULT_TOLERATED) {
    if (!coversNoExecute(tolerations, key))
      add.push({ key, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 });
  }
  if (add.length > 0) spec.tolerations = [...tolerations, ...add];
}

/**
 * Mutating admission for a create. Pods get their service account, token volume and mounts, priority
 * and default tolerations. Returns a 403 Status when a plugin rejects the object.
 */
export function admitCreate(resource: string, o: Obj, ctx: AdmissionContext): Status | undefined {
  if (resource !== 'pods') return undefined;
  const rejected = admitServiceAccount(o, ctx) ?? admitPriority(o);
  if (rejected) return rejected;
  admitDefaultTolerations(o);
  return undefined;
}

/** Mutating admission for an update (pods only; subresources are left alone). */
export function admitUpdate(
  resource: string,
  o: Obj,
  old: Obj,
  subresource?: string,
): Status | undefined {
  if (resource !== 'pods' || subresource) return undefined;
  const spec = obj(o, 'spec') ?? (o.spec = {} as Obj);
  const oldSpec = obj(old, 'spec') ?? {};
  // The Priority plugin keeps the computed priority when an update leaves it out.
  if (spec.priority === undefined && oldSpec.priority !== undefined)
    spec.priority = oldSpec.priority;
  if (spec.preemptionPolicy === undefined && oldSpec.preemptionPolicy !== undefined)
    spec.preemptionPolicy = oldSpec.preemptionPolicy;
  admitDefaultTolerations(o);
  return undefined;
}

/** Init, app and ephemeral containers of a pod spec. */
const allContainers = (s: Obj): Obj[] => [
  ...list(s, 'initContainers'),
  ...list(s, 'containers'),
  ...list(s, 'ephemeralContainers'),
];

/**
 * Pod fields whose feature gate a default v1.33 cluster leaves off: the server drops them unless
 * already in use in `oldSpec` (an update; a create has none).
 */
function dropDisabledPodFields(spec: Obj, oldSpec: Obj | undefined): void {
  const containers = allContainers(spec);
  if (oldSpec?.resources === undefined) delete spec.resources; // PodLevelResources
  if (!(oldSpec && list(oldSpec, 'volumes').some((v) => v.image !== undefined))) {
    // ImageVolume: the volumes go, and the mounts of them with them.
    const dropped = new Set(
      list(spec, 'volumes')
        .filter((v) => v.image !== undefined)
        .map((v) => str(v, 'name')),
    );
    if (dropped.size > 0) {
      spec.volumes = list(spec, 'volumes').filter((v) => v.image === undefined);
      for (const c of containers) {
        if (Array.isArray(c.volumeMounts))
          c.volumeMounts = list(c, 'volumeMounts').filter((m) => !dropped.has(str(m, 'name')));
      }
    }
  }
  if (!(
    oldSpec && allContainers(oldSpec).some((c) => obj(c, 'lifecycle')?.stopSignal !== undefined)
  )) {
    for (const c of containers) delete obj(c, 'lifecycle')?.stopSignal; // ContainerStopSignals
  }
  if (oldSpec?.resourceClaims === undefined) {
    delete spec.resourceClaims; // DynamicResourceAllocation
    for (const c of containers) delete obj(c, 'resources')?.claims;
  }
  if (!(
    oldSpec &&
    list(oldSpec, 'volumes').some((v) =>
      list(obj(v, 'projected'), 'sources').some((p) => p.clusterTrustBundle !== undefined),
    )
  )) {
    for (const v of list(spec, 'volumes'))
      for (const p of list(obj(v, 'projected'), 'sources')) delete p.clusterTrustBundle;
  }
}

function dropDisabledPodStatusFields(status: Obj | undefined): void {
  if (!status) return;
  delete status.observedGeneration; // PodObservedGenerationTracking
  for (const c of list(status, 'conditions')) delete c.observedGeneration;
  for (const kind of ['containerStatuses', 'initContainerStatuses', 'ephemeralContainerStatuses']) {
    for (const c of list(status, kind)) {
      delete c.stopSignal; // ContainerStopSignals
      delete c.allocatedResourcesStatus; // ResourceHealthStatus
    }
  }
  delete status.resourceClaimStatuses; // DynamicResourceAllocation
}

/** matchLabelKeys / mismatchLabelKeys become selector requirements at creation (GA in v1.33). */
function mutatePodAffinity(pod: Obj): void {
  const labels = (obj(pod, 'metadata')?.labels ?? {}) as Record<string, string>;
  const affinity = obj(obj(pod, 'spec'), 'affinity');
  for (const kind of ['podAffinity', 'podAntiAffinity']) {
    const a = obj(affinity, kind);
    const terms = [
      ...list(a, 'requiredDuringSchedulingIgnoredDuringExecution'),
      ...list(a, 'preferredDuringSchedulingIgnoredDuringExecution').map(
        (w) => obj(w, 'podAffinityTerm') ?? {},
      ),
    ];
    for (const term of terms) {
      const selector = obj(term, 'labelSelector');
      if (!selector) continue;
      for (const [field, operator] of [
        ['matchLabelKeys', 'In'],
        ['mismatchLabelKeys', 'NotIn'],
      ] as const) {
        for (const key of Array.isArray(term[field]) ? (term[field] as string[]) : []) {
          if (!(key in labels)) continue;
          selector.matchExpressions = [
            ...list(selector, 'matchExpressions'),
            { key, operator, values: [labels[key]] },
          ];
        }
      }
    }
  }
}

/** Semantic equality of pod specs: compared as the server would store them. */
function specsEqual(a: Obj | undefined, b: Obj | undefined): boolean {
  const shape = structShape('io.k8s.api.core.v1.PodSpec');
  return deepEqual(goEncode(a ?? {}, shape), goEncode(b ?? {}, shape));
}

/** The registry strategy's PrepareForCreate (with BeforeCreate's metadata resets). */
export function prepareForCreate(resource: string, o: Obj, ctx: AdmissionContext): void {
  const meta = obj(o, 'metadata') ?? (o.metadata = {} as Obj);
  delete meta.deletionTimestamp;
  delete meta.deletionGracePeriodSeconds;
  switch (resource) {
    case 'pods': {
      meta.generation = 1;
      const spec = obj(o, 'spec') ?? (o.spec = {} as Obj);
      dropDisabledPodFields(spec, undefined);
      o.status = { phase: 'Pending', qosClass: computePodQOS(o as Pod) };
      if (list(spec, 'schedulingGates').length > 0) {
        (o.status as Obj).conditions = [
          {
            type: 'PodScheduled',
            status: 'False',
            ...(ctx.now ? { lastTransitionTime: ctx.now() } : {}),
            reason: 'SchedulingGated',
            message: 'Scheduling is blocked due to non-empty scheduling gates',
          },
        ];
      }
      mutatePodAffinity(o);
      return;
    }
    case 'namespaces': {
      o.status = { phase: 'Active' };
      const spec = obj(o, 'spec') ?? (o.spec = {} as Obj);
      const finalizers = Array.isArray(spec.finalizers) ? (spec.finalizers as string[]) : [];
      if (!finalizers.includes('kubernetes')) spec.finalizers = [...finalizers, 'kubernetes'];
      return;
    }
    case 'leases': {
      const spec = obj(o, 'spec');
      if (spec) {
        delete spec.strategy; // CoordinatedLeaderElection is off by default
        delete spec.preferredHolder;
      }
      return;
    }
    default:
      return;
  }
}

/** The stored object's `key` kept in place of the request's (a subresource's other half). */
function keep(o: Obj, old: Obj, key: string): void {
  if (old[key] === undefined) delete o[key];
  else o[key] = old[key];
}

/**
 * The registry strategy's PrepareForUpdate (with BeforeUpdate's metadata rules): generation, uid and
 * creationTimestamp come from the stored object; the main resource keeps the stored status and the
 * status subresource the stored spec.
 */
export function prepareForUpdate(resource: string, o: Obj, old: Obj, subresource?: string): void {
  const meta = obj(o, 'metadata') ?? (o.metadata = {} as Obj);
  const oldMeta = obj(old, 'metadata') ?? {};
  if (oldMeta.generation !== undefined) meta.generation = oldMeta.generation;
  else delete meta.generation;
  if (!meta.uid && oldMeta.uid) meta.uid = oldMeta.uid;
  if (oldMeta.creationTimestamp) meta.creationTimestamp = oldMeta.creationTimestamp;
  if (oldMeta.deletionTimestamp) meta.deletionTimestamp = oldMeta.deletionTimestamp;
  if (
    oldMeta.deletionGracePeriodSeconds !== undefined &&
    meta.deletionGracePeriodSeconds === undefined
  ) {
    meta.deletionGracePeriodSeconds = oldMeta.deletionGracePeriodSeconds;
  }
  switch (resource) {
    case 'pods':
      if (subresource === 'status') {
        keep(o, old, 'spec');
        const status = obj(o, 'status');
        if (status && !status.qosClass && obj(old, 'status')?.qosClass)
          status.qosClass = obj(old, 'status')!.qosClass;
        if (status && !status.observedGeneration && obj(old, 'status')?.observedGeneration) {
          status.observedGeneration = obj(old, 'status')!.observedGeneration;
        }
        dropDisabledPodStatusFields(obj(o, 'status'));
        return;
      }
      keep(o, old, 'status');
      dropDisabledPodFields(obj(o, 'spec') ?? (o.spec = {} as Obj), obj(old, 'spec'));
      if (!specsEqual(obj(o, 'spec'), obj(old, 'spec')))
        meta.generation = ((oldMeta.generation as number | undefined) ?? 0) + 1;
      return;
    case 'nodes':
    case 'namespaces':
      if (subresource === 'status') {
        keep(o, old, 'spec');
        return;
      }
      keep(o, old, 'status');
      if (resource === 'namespaces') {
        const spec = obj(o, 'spec') ?? (o.spec = {} as Obj);
        if (obj(old, 'spec')?.finalizers === undefined) delete spec.finalizers;
        else spec.finalizers = obj(old, 'spec')!.finalizers;
      }
      return;
    case 'leases': {
      const spec = obj(o, 'spec');
      const oldSpec = obj(old, 'spec');
      if (spec && oldSpec?.strategy === undefined) delete spec.strategy;
      if (spec && oldSpec?.preferredHolder === undefined) delete spec.preferredHolder;
      return;
    }
    default:
      return;
  }
}
