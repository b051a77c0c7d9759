/**
 * What the API server serves: each resource's group, version, kind, scope, subresources and the
 * fields it can be selected by (`--field-selector`), as a real v1.33 API server declares them.
 */
import type { KubeObject, ResourceName } from '../kube/types.ts';

export interface ResourceDef {
  name: ResourceName;
  singular: string;
  kind: string;
  listKind: string;
  group: string; // '' for core
  version: string;
  namespaced: boolean;
  shortNames: string[];
  categories: string[];
  subresources: string[];
  verbs: string[];
  /** Pods go through graceful deletion (deletionTimestamp, then the kubelet removes them). */
  graceful: boolean;
  /** The fields it can be selected by, each with how to read it (missing fields read ""). */
  fields: Record<string, (obj: KubeObject) => string>;
}

const str = (v: unknown): string => (v === undefined || v === null ? '' : String(v));
const get = (obj: unknown, path: string[]): unknown =>
  path.reduce<unknown>(
    (o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined),
    obj,
  );

/** A field two levels down, e.g. at('spec', 'nodeName'). */
const at =
  (a: string, b: string) =>
  (obj: KubeObject): string => {
    const parent = obj[a] as Record<string, unknown> | undefined;
    return parent ? str(parent[b]) : '';
  };

const metaFields = {
  'metadata.name': (obj: KubeObject) => str(obj.metadata?.name),
  'metadata.namespace': (obj: KubeObject) => str(obj.metadata?.namespace),
};

const allVerbs = [
  'create',
  'delete',
  'deletecollection',
  'get',
  'list',
  'patch',
  'update',
  'watch',
];

export const resources: Record<ResourceName, ResourceDef> = {
  pods: {
    name: 'pods',
    singular: 'pod',
    kind: 'Pod',
    listKind: 'PodList',
    group: '',
    version: 'v1',
    namespaced: true,
    shortNames: ['po'],
    categories: ['all'],
    subresources: ['status', 'binding', 'log'],
    verbs: allVerbs,
    graceful: true,
    fields: {
      ...metaFields,
      'spec.nodeName': at('spec', 'nodeName'),
      'spec.restartPolicy': at('spec', 'restartPolicy'),
      'spec.schedulerName': at('spec', 'schedulerName'),
      'spec.serviceAccountName': at('spec', 'serviceAccountName'),
      'spec.hostNetwork': (obj) => str(get(obj, ['spec', 'hostNetwork']) ?? false),
      'status.phase': at('status', 'phase'),
      'status.podIP': at('status', 'podIP'),
      'status.nominatedNodeName': at('status', 'nominatedNodeName'),
    },
  },
  nodes: {
    name: 'nodes',
    singular: 'node',
    kind: 'Node',
    listKind: 'NodeList',
    group: '',
    version: 'v1',
    namespaced: false,
    shortNames: ['no'],
    categories: [],
    subresources: ['status'],
    verbs: allVerbs,
    graceful: false,
    fields: {
      ...metaFields,
      'spec.unschedulable': (obj) => str(get(obj, ['spec', 'unschedulable']) ?? false),
    },
  },
  namespaces: {
    name: 'namespaces',
    singular: 'namespace',
    kind: 'Namespace',
    listKind: 'NamespaceList',
    group: '',
    version: 'v1',
    namespaced: false,
    shortNames: ['ns'],
    categories: [],
    subresources: ['status', 'finalize'],
    verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'],
    graceful: false,
    fields: { ...metaFields, 'status.phase': at('status', 'phase') },
  },
  configmaps: {
    name: 'configmaps',
    singular: 'configmap',
    kind: 'ConfigMap',
    listKind: 'ConfigMapList',
    group: '',
    version: 'v1',
    namespaced: true,
    shortNames: ['cm'],
    categories: [],
    subresources: [],
    verbs: allVerbs,
    graceful: false,
    fields: metaFields,
  },
  secrets: {
    name: 'secrets',
    singular: 'secret',
    kind: 'Secret',
    listKind: 'SecretList',
    group: '',
    version: 'v1',
    namespaced: true,
    shortNames: [],
    categories: [],
    subresources: [],
    verbs: allVerbs,
    graceful: false,
    fields: { ...metaFields, type: (obj) => str(obj.type) },
  },
  events: {
    name: 'events',
    singular: 'event',
    kind: 'Event',
    listKind: 'EventList',
    group: '',
    version: 'v1',
    namespaced: true,
    shortNames: ['ev'],
    categories: [],
    subresources: [],
    verbs: allVerbs,
    graceful: false,
    fields: {
      ...metaFields,
      'involvedObject.kind': at('involvedObject', 'kind'),
      'involvedObject.namespace': at('involvedObject', 'namespace'),
      'involvedObject.name': at('involvedObject', 'name'),
      'involvedObject.uid': at('involvedObject', 'uid'),
      'involvedObject.apiVersion': at('involvedObject', 'apiVersion'),
      'involvedObject.resourceVersion': at('involvedObject', 'resourceVersion'),
      'involvedObject.fieldPath': at('involvedObject', 'fieldPath'),
      reason: (obj) => str(obj.reason),
      reportingComponent: (obj) => str(obj.reportingComponent),
      source: at('source', 'component'),
      type: (obj) => str(obj.type),
    },
  },
  serviceaccounts: {
    name: 'serviceaccounts',
    singular: 'serviceaccount',
    kind: 'ServiceAccount',
    listKind: 'ServiceAccountList',
    group: '',
    version: 'v1',
    namespaced: true,
    shortNames: ['sa'],
    categories: [],
    subresources: ['token'],
    verbs: allVerbs,
    graceful: false,
    fields: metaFields,
  },
  leases: {
    name: 'leases',
    singular: 'lease',
    kind: 'Lease',
    listKind: 'LeaseList',
    group: 'coordination.k8s.io',
    version: 'v1',
    namespaced: true,
    shortNames: [],
    categories: [],
    subresources: [],
    verbs: allVerbs,
    graceful: false,
    fields: metaFields,
  },
};

export const apiVersionOf = (def: ResourceDef): string =>
  def.group ? `${def.group}/${def.version}` : def.version;

/** The resource as error messages name it: `pods`, `leases.coordination.k8s.io`. */
export const qualifiedName = (def: ResourceDef): string =>
  def.group ? `${def.name}.${def.group}` : def.name;

export function resourceDef(name: string): ResourceDef | undefined {
  return Object.prototype.hasOwnProperty.call(resources, name)
    ? resources[name as ResourceName]
    : undefined;
}
