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
  /** Field values for field selectors; every resource also has metadata.name/namespace. */
  fields(obj: KubeObject): Record<string, string>;
}

const str = (v: unknown): string => (v === undefined || v === null ? '' : String(v));
const get = (obj: unknown, path: string[]): unknown =>
  path.reduce<unknown>(
    (o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined),
    obj,
  );

const metaFields = (obj: KubeObject) => ({
  'metadata.name': str(obj.metadata?.name),
  'metadata.namespace': str(obj.metadata?.namespace),
});

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
    fields: (obj) => ({
      ...metaFields(obj),
      'spec.nodeName': str(get(obj, ['spec', 'nodeName'])),
      'spec.restartPolicy': str(get(obj, ['spec', 'restartPolicy'])),
      'spec.schedulerName': str(get(obj, ['spec', 'schedulerName'])),
      'spec.serviceAccountName': str(get(obj, ['spec', 'serviceAccountName'])),
      'spec.hostNetwork': str(get(obj, ['spec', 'hostNetwork']) ?? false),
      'status.phase': str(get(obj, ['status', 'phase'])),
      'status.podIP': str(get(obj, ['status', 'podIP'])),
      'status.nominatedNodeName': str(get(obj, ['status', 'nominatedNodeName'])),
    }),
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
    fields: (obj) => ({
      ...metaFields(obj),
      'spec.unschedulable': str(get(obj, ['spec', 'unschedulable']) ?? false),
    }),
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
    fields: (obj) => ({ ...metaFields(obj), 'status.phase': str(get(obj, ['status', 'phase'])) }),
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
    fields: (obj) => ({ ...metaFields(obj), type: str(obj.type) }),
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
    fields: (obj) => {
      const io = (obj.involvedObject ?? {}) as Record<string, unknown>;
      const source = (obj.source ?? {}) as Record<string, unknown>;
      return {
        ...metaFields(obj),
        'involvedObject.kind': str(io.kind),
        'involvedObject.namespace': str(io.namespace),
        'involvedObject.name': str(io.name),
        'involvedObject.uid': str(io.uid),
        'involvedObject.apiVersion': str(io.apiVersion),
        'involvedObject.resourceVersion': str(io.resourceVersion),
        'involvedObject.fieldPath': str(io.fieldPath),
        reason: str(obj.reason),
        reportingComponent: str(obj.reportingComponent),
        source: str(source.component),
        type: str(obj.type),
      };
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
