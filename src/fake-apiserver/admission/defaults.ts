/**
 * Defaulting as a v1.33 API server applies it while decoding (k8s.io/kubernetes
 * pkg/apis/core/v1/defaults.go, the `+default` markers of k8s.io/api, and the v1→internal conversion
 * quirks): restartPolicy, dnsPolicy, imagePullPolicy by tag, probe timings, volume modes, quantities
 * rounded up to the milli, Secret stringData folded into data, Namespace name label.
 */
import { encodeBase64Text } from '../../kube/base64.ts';
import { formatQuantity, parseQuantity, roundUpQuantity } from '../../kube/quantity.ts';
import type { ResourceName } from '../../kube/types.ts';
import { parseImageTag } from './imageName.ts';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const objAt = (o: Obj, key: string): Obj | undefined =>
  isObj(o[key]) ? (o[key] as Obj) : undefined;
const listAt = (o: Obj | undefined, key: string): Obj[] =>
  o && Array.isArray(o[key]) ? (o[key] as unknown[]).filter(isObj) : [];
const setDefault = (o: Obj, key: string, value: unknown) => {
  if (o[key] === undefined || o[key] === null || o[key] === '') o[key] = value;
};

/** SetDefaults_ResourceList: every quantity rounded up to milli precision. */
function roundResourceList(list: unknown): void {
  if (!isObj(list)) return;
  for (const [key, value] of Object.entries(list)) {
    if (typeof value !== 'string') continue;
    try {
      list[key] = formatQuantity(roundUpQuantity(parseQuantity(value), -3));
    } catch {
      // decoding already rejected invalid quantities
    }
  }
}

function defaultResources(resources: unknown): void {
  if (!isObj(resources)) return;
  roundResourceList(resources.limits);
  roundResourceList(resources.requests);
}

function defaultProbe(probe: unknown): void {
  if (!isObj(probe)) return;
  if (!probe.timeoutSeconds) probe.timeoutSeconds = 1;
  if (!probe.periodSeconds) probe.periodSeconds = 10;
  if (!probe.successThreshold) probe.successThreshold = 1;
  if (!probe.failureThreshold) probe.failureThreshold = 3;
  defaultHandler(probe);
}

function defaultHandler(handler: Obj): void {
  const httpGet = objAt(handler, 'httpGet');
  if (httpGet) {
    setDefault(httpGet, 'path', '/');
    setDefault(httpGet, 'scheme', 'HTTP');
  }
  const grpc = objAt(handler, 'grpc');
  if (grpc && grpc.service === undefined) grpc.service = ''; // `+default=""`
}

function defaultFieldRef(holder: Obj | undefined): void {
  const fieldRef = holder && objAt(holder, 'fieldRef');
  if (fieldRef) setDefault(fieldRef, 'apiVersion', 'v1');
}

function defaultContainer(c: Obj): void {
  if (!c.imagePullPolicy) {
    c.imagePullPolicy =
      parseImageTag(typeof c.image === 'string' ? c.image : '') === 'latest'
        ? 'Always'
        : 'IfNotPresent';
  }
  setDefault(c, 'terminationMessagePath', '/dev/termination-log');
  setDefault(c, 'terminationMessagePolicy', 'File');
  for (const port of listAt(c, 'ports')) setDefault(port, 'protocol', 'TCP'); // `+default="TCP"`
  for (const env of listAt(c, 'env')) defaultFieldRef(objAt(env, 'valueFrom'));
  defaultProbe(c.livenessProbe);
  defaultProbe(c.readinessProbe);
  defaultProbe(c.startupProbe);
  const lifecycle = objAt(c, 'lifecycle');
  if (lifecycle) {
    for (const hook of ['postStart', 'preStop']) {
      const handler = objAt(lifecycle, hook);
      if (handler) defaultHandler(handler);
    }
  }
  defaultResources(c.resources);
}

/** Volume source fields: a volume naming none of them is an emptyDir (SetDefaults_Volume). */
export const volumeSourceFields = [
  'hostPath',
  'emptyDir',
  'gcePersistentDisk',
  'awsElasticBlockStore',
  'gitRepo',
  'secret',
  'nfs',
  'iscsi',
  'glusterfs',
  'persistentVolumeClaim',
  'rbd',
  'flexVolume',
  'cinder',
  'cephfs',
  'flocker',
  'downwardAPI',
  'fc',
  'azureFile',
  'configMap',
  'vsphereVolume',
  'quobyte',
  'azureDisk',
  'photonPersistentDisk',
  'projected',
  'portworxVolume',
  'scaleIO',
  'storageos',
  'csi',
  'ephemeral',
  'image',
] as const;

function defaultVolume(v: Obj): void {
  if (volumeSourceFields.every((f) => v[f] === undefined || v[f] === null)) v.emptyDir = {};
  const mode = (source: Obj | undefined) => source && setDefault(source, 'defaultMode', 420);
  mode(objAt(v, 'secret'));
  mode(objAt(v, 'configMap'));
  const downward = objAt(v, 'downwardAPI');
  mode(downward);
  for (const item of listAt(downward, 'items')) defaultFieldRef(item);
  const projected = objAt(v, 'projected');
  mode(projected);
  for (const source of listAt(projected, 'sources')) {
    const token = objAt(source, 'serviceAccountToken');
    if (token && token.expirationSeconds === undefined) token.expirationSeconds = 3600;
    for (const item of listAt(objAt(source, 'downwardAPI'), 'items')) defaultFieldRef(item);
  }
  const hostPath = objAt(v, 'hostPath');
  if (hostPath && hostPath.type === undefined) hostPath.type = '';
  const iscsi = objAt(v, 'iscsi');
  if (iscsi) setDefault(iscsi, 'iscsiInterface', 'default');
  const rbd = objAt(v, 'rbd');
  if (rbd) {
    setDefault(rbd, 'pool', 'rbd');
    setDefault(rbd, 'user', 'admin');
    setDefault(rbd, 'keyring', '/etc/ceph/keyring');
  }
  const azureDisk = objAt(v, 'azureDisk');
  if (azureDisk) {
    setDefault(azureDisk, 'cachingMode', 'ReadWrite');
    setDefault(azureDisk, 'fsType', 'ext4');
    if (azureDisk.readOnly === undefined) azureDisk.readOnly = false;
    setDefault(azureDisk, 'kind', 'Shared');
  }
  const scaleIO = objAt(v, 'scaleIO');
  if (scaleIO) {
    setDefault(scaleIO, 'storageMode', 'ThinProvisioned');
    setDefault(scaleIO, 'fsType', 'xfs');
  }
  const claimSpec = objAt(objAt(objAt(v, 'ephemeral') ?? {}, 'volumeClaimTemplate') ?? {}, 'spec');
  if (claimSpec) {
    setDefault(claimSpec, 'volumeMode', 'Filesystem');
    defaultResources(claimSpec.resources);
  }
}

/** Requests default to limits for each resource a container limits but does not request. */
function requestsFromLimits(c: Obj): void {
  const resources = objAt(c, 'resources');
  const limits = resources && objAt(resources, 'limits');
  if (!resources || !limits) return;
  const requests = objAt(resources, 'requests') ?? (resources.requests = {} as Obj);
  for (const [key, value] of Object.entries(limits))
    if ((requests as Obj)[key] === undefined) (requests as Obj)[key] = value;
}

function defaultPod(pod: Obj): void {
  const spec = objAt(pod, 'spec') ?? (pod.spec = {} as Obj);
  const containers = listAt(spec, 'containers');
  const initContainers = listAt(spec, 'initContainers');
  // SetDefaults_Pod
  for (const c of [...containers, ...initContainers]) requestsFromLimits(c);
  if (spec.enableServiceLinks === undefined) spec.enableServiceLinks = true;
  if (spec.hostNetwork === true) {
    for (const c of [...containers, ...initContainers]) {
      for (const port of listAt(c, 'ports')) if (!port.hostPort) port.hostPort = port.containerPort;
    }
  }
  // SetDefaults_PodSpec
  setDefault(spec, 'dnsPolicy', 'ClusterFirst');
  setDefault(spec, 'restartPolicy', 'Always');
  if (!isObj(spec.securityContext)) spec.securityContext = {};
  if (spec.terminationGracePeriodSeconds === undefined) spec.terminationGracePeriodSeconds = 30;
  setDefault(spec, 'schedulerName', 'default-scheduler');
  // v1 → internal conversion: the deprecated serviceAccount field stands in for serviceAccountName.
  if (!spec.serviceAccountName && typeof spec.serviceAccount === 'string')
    spec.serviceAccountName = spec.serviceAccount;
  for (const v of listAt(spec, 'volumes')) defaultVolume(v);
  for (const c of [...containers, ...initContainers, ...listAt(spec, 'ephemeralContainers')])
    defaultContainer(c);
  roundResourceList(spec.overhead);
  defaultResources(spec.resources);
}

function foldStringData(secret: Obj): void {
  const stringData = objAt(secret, 'stringData');
  if (stringData && Object.keys(stringData).length > 0) {
    const data = objAt(secret, 'data') ?? (secret.data = {} as Obj);
    for (const [key, value] of Object.entries(stringData))
      (data as Obj)[key] = encodeBase64Text(String(value));
  }
  delete secret.stringData;
}

/**
 * Applies the v1.33 defaults of a resource to a freshly decoded object, in place.
 * Admission (service account, tolerations, priority) and creation-time status are separate: see admit.ts.
 */
export function applyDefaults(resource: ResourceName, obj: Obj): void {
  switch (resource) {
    case 'pods':
      defaultPod(obj);
      return;
    case 'secrets':
      setDefault(obj, 'type', 'Opaque');
      foldStringData(obj);
      return;
    case 'namespaces': {
      const meta = objAt(obj, 'metadata');
      if (meta && typeof meta.name === 'string' && meta.name.length > 0) {
        const labels = objAt(meta, 'labels') ?? (meta.labels = {} as Obj);
        (labels as Obj)['kubernetes.io/metadata.name'] = meta.name;
      }
      const status = objAt(obj, 'status') ?? (obj.status = {} as Obj);
      setDefault(status as Obj, 'phase', 'Active');
      return;
    }
    case 'nodes': {
      const status = objAt(obj, 'status');
      if (status) {
        roundResourceList(status.capacity);
        roundResourceList(status.allocatable);
        if (status.allocatable === undefined && isObj(status.capacity))
          status.allocatable = { ...status.capacity };
      }
      return;
    }
    case 'configmaps':
    case 'events':
    case 'serviceaccounts':
    case 'leases':
      return;
  }
}
