/**
 * The API a Kubernetes client sees: the verbs of the REST API, in-process. The fake API server
 * implements it; the kubelet, the scheduler, kubectl and the UI use it and nothing else.
 * Every failure is an `ApiError` carrying the Status body a real API server would send.
 */
import type { Binding, ObjectList, ObjectOf, ResourceName, Status, WatchEvent } from './types.ts';

export interface NamespacedOptions {
  /** Required for namespaced resources; ignored for cluster-scoped ones. */
  namespace?: string;
}

export interface ListOptions extends NamespacedOptions {
  labelSelector?: string;
  fieldSelector?: string;
  /** "" or undefined: most recent; "0": any; other: exact (410 Expired when compacted). */
  resourceVersion?: string;
  limit?: number;
  continue?: string;
}

export interface WatchOptions extends ListOptions {
  allowWatchBookmarks?: boolean;
  /** WatchList: replay current state, then a bookmark annotated `k8s.io/initial-events-end`. */
  sendInitialEvents?: boolean;
}

export type FieldValidation = 'Strict' | 'Warn' | 'Ignore';

export interface WriteOptions extends NamespacedOptions {
  /** `status` or `binding` where the resource has them. */
  subresource?: string;
  fieldManager?: string;
  fieldValidation?: FieldValidation;
  dryRun?: boolean;
}

export type PatchType = 'merge' | 'json' | 'strategic';

export interface DeleteOptions extends NamespacedOptions {
  gracePeriodSeconds?: number;
  preconditions?: { uid?: string; resourceVersion?: string };
}

/** A running watch. Events arrive in commit order; `stop()` ends it (idempotent). */
export interface Watch {
  stop(): void;
  /** Resolves when the watch ends: stopped by the client or closed by the server. */
  readonly done: Promise<void>;
}

export interface KubeClient {
  get<R extends ResourceName>(
    resource: R,
    name: string,
    opts?: NamespacedOptions,
  ): Promise<ObjectOf<R>>;
  list<R extends ResourceName>(resource: R, opts?: ListOptions): Promise<ObjectList<ObjectOf<R>>>;
  create<R extends ResourceName>(
    resource: R,
    obj: ObjectOf<R>,
    opts?: WriteOptions,
  ): Promise<ObjectOf<R>>;
  /** PUT. With `subresource: 'status'` only `.status` is written. */
  update<R extends ResourceName>(
    resource: R,
    obj: ObjectOf<R>,
    opts?: WriteOptions,
  ): Promise<ObjectOf<R>>;
  patch<R extends ResourceName>(
    resource: R,
    name: string,
    type: PatchType,
    patch: unknown,
    opts?: WriteOptions,
  ): Promise<ObjectOf<R>>;
  /** Returns the object as it stands after the call: gone, or marked with deletionTimestamp. */
  delete<R extends ResourceName>(
    resource: R,
    name: string,
    opts?: DeleteOptions,
  ): Promise<ObjectOf<R>>;
  /** POST pods/{name}/binding: sets spec.nodeName of an unbound pod. */
  bind(binding: Binding, opts?: NamespacedOptions): Promise<Status>;
  /** Calls `onEvent` for every event, asynchronously, in commit order. */
  watch<R extends ResourceName>(
    resource: R,
    opts: WatchOptions,
    onEvent: (event: WatchEvent<ObjectOf<R>>) => void,
  ): Watch;
}

/** A failed API call. `status` is the body a real API server would send. */
export class ApiError extends Error {
  readonly status: Status;
  constructor(status: Status) {
    super(status.message ?? status.reason ?? 'API error');
    this.name = 'ApiError';
    this.status = status;
  }
  get code(): number {
    return this.status.code ?? 500;
  }
  get reason(): string {
    return this.status.reason ?? '';
  }
}

export const isApiError = (e: unknown, reason?: string): e is ApiError =>
  e instanceof ApiError && (reason === undefined || e.reason === reason);
