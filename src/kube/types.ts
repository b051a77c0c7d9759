/**
 * Kubernetes object types. Types only: `kubernetes-types` ships .d.ts files and no runtime code.
 */
import type {
  ConfigMap,
  Container,
  ContainerStatus,
  Event,
  Namespace,
  Node,
  Pod,
  PodCondition,
  PodSpec,
  PodStatus,
  Secret,
  ServiceAccount,
  Binding,
} from 'kubernetes-types/core/v1';
import type { Lease } from 'kubernetes-types/coordination/v1';
import type { ObjectMeta, Status, StatusCause } from 'kubernetes-types/meta/v1';

export type {
  Binding,
  ConfigMap,
  Container,
  ContainerStatus,
  Event,
  Lease,
  Namespace,
  Node,
  ObjectMeta,
  Pod,
  PodCondition,
  PodSpec,
  PodStatus,
  Secret,
  ServiceAccount,
  Status,
  StatusCause,
};

/** Anything with apiVersion, kind and metadata, as the API server stores it. */
export interface KubeObject {
  apiVersion?: string;
  kind?: string;
  metadata?: ObjectMeta;
  [field: string]: unknown;
}

/** The resources the playground's API server serves, by their REST plural name. */
export interface ResourceTypes {
  pods: Pod;
  nodes: Node;
  namespaces: Namespace;
  configmaps: ConfigMap;
  secrets: Secret;
  events: Event;
  serviceaccounts: ServiceAccount;
  leases: Lease;
}
export type ResourceName = keyof ResourceTypes;
export type ObjectOf<R extends ResourceName> = ResourceTypes[R];

export interface ObjectList<T> {
  apiVersion: string;
  kind: string;
  metadata: { resourceVersion: string; continue?: string; remainingItemCount?: number };
  items: T[];
}

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';
/** A watch event. Its object is shared by every watcher and frozen: copy it before changing it. */
export interface WatchEvent<T = KubeObject> {
  type: WatchEventType;
  object: T;
}

/** Drops `readonly` (kubernetes-types marks server-set fields so); for the API server's own use. */
export type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** The metadata of an object the API server is writing, with server-set fields writable. */
export function writableMeta(obj: KubeObject): Mutable<ObjectMeta> {
  return (obj.metadata ??= {}) as Mutable<ObjectMeta>;
}
