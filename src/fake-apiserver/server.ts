/**
 * The in-memory Kubernetes API server. It implements the REST verbs with the semantics of a
 * v1.33 API server (see README.md in this folder for what it does not emulate). Clients reach it
 * through `KubeClient`; serve mode puts the REST adapter in front of the same object.
 */
import {
  ApiError,
  type DeleteOptions,
  type KubeClient,
  type ListOptions,
  type NamespacedOptions,
  type PatchType,
  type Watch,
  type WatchOptions,
  type WriteOptions,
} from '../kube/client.ts';
import type { Clock } from '../kube/clock.ts';
import { deepClone, deepEqual, objectKey } from '../kube/objects.ts';
import {
  applyJsonPatch,
  applyMergePatch,
  applyStrategicMergePatch,
  PatchError,
  strategiesFor,
} from '../kube/patch.ts';
import {
  matchesFields,
  matchesLabels,
  parseFieldSelector,
  parseLabelSelector,
  SelectorError,
} from '../kube/selectors.ts';
import { formatTime, parseTime } from '../kube/time.ts';
import { uuidV4 } from '../kube/uuid.ts';
import {
  writableMeta,
  type Binding,
  type KubeObject,
  type ObjectList,
  type ObjectOf,
  type ResourceName,
  type ServiceAccount,
  type Status,
  type WatchEvent,
} from '../kube/types.ts';
import type { Admission } from './admission.ts';
import { createKubernetesAdmission } from './admission/port.ts';
import {
  alreadyExists,
  apiError,
  badRequest,
  conflict,
  forbidden,
  namespaceNotFound,
  notFound,
  staleConflict,
  status,
} from './errors.ts';
import { Faults, type Verb } from './faults.ts';
import { apiVersionOf, resourceDef, type ResourceDef } from './resources.ts';
import { Store, type Watcher } from './store.ts';

export interface ApiServerOptions {
  clock: Clock;
  /** Source of randomness for uids and generateName suffixes; tests pass a seeded one. */
  random?: () => number;
  /** Changes kept per resource for watches that resume from a resourceVersion. */
  historyCapacity?: number;
  /** How long events live after their last update (the API server's --event-ttl, 1h). */
  eventTTLSeconds?: number;
  /** How often watchers that asked for bookmarks get one. */
  bookmarkIntervalMs?: number;
  /** Decoding, defaulting and validation; the real chain unless a test replaces it. */
  admission?: Admission;
  /** Called when a watch handler throws (the server itself carries on). */
  onWatchHandlerError?: (error: unknown) => void;
  /** Start from a snapshot (a reload) instead of an empty cluster. */
  restore?: ApiServerSnapshot;
}

/**
 * What etcd would hold: every object with its resourceVersion, and the revision. Plain JSON, so
 * the app can keep it in IndexedDB; watch history is not kept (watches resume with a relist).
 */
export interface ApiServerSnapshot {
  resourceVersion: string;
  resources: Partial<Record<ResourceName, KubeObject[]>>;
}

/**
 * The verbs in synchronous form, each naming its client (user agent): what the REST adapter
 * calls. They throw ApiError instead of rejecting.
 */
export interface SyncVerbs {
  getAs<R extends ResourceName>(
    resource: R,
    name: string,
    opts: NamespacedOptions,
    client: string,
  ): ObjectOf<R>;
  listAs<R extends ResourceName>(
    resource: R,
    opts: ListOptions,
    client: string,
  ): ObjectList<ObjectOf<R>>;
  createAs<R extends ResourceName>(
    resource: R,
    obj: ObjectOf<R>,
    opts: WriteOptions,
    client: string,
  ): ObjectOf<R>;
  updateAs<R extends ResourceName>(
    resource: R,
    obj: ObjectOf<R>,
    opts: WriteOptions,
    client: string,
  ): ObjectOf<R>;
  patchAs<R extends ResourceName>(
    resource: R,
    name: string,
    type: PatchType,
    patch: unknown,
    opts: WriteOptions,
    client: string,
  ): ObjectOf<R>;
  deleteAs<R extends ResourceName>(
    resource: R,
    name: string,
    opts: DeleteOptions,
    client: string,
  ): ObjectOf<R>;
  bindAs(binding: Binding, opts: NamespacedOptions, client: string): Status;
  watchAs<R extends ResourceName>(
    resource: R,
    opts: WatchOptions,
    onEvent: (e: WatchEvent<ObjectOf<R>>) => void,
    client: string,
  ): Watch;
}

export interface ApiServer extends KubeClient, SyncVerbs {
  readonly clock: Clock;
  readonly faults: Faults;
  /**
   * A client that identifies itself (user agent), for fault rules and logs. With `shared`, what
   * its get, create, update and patch return is the stored object itself, frozen, not a copy:
   * cheaper, for components that never change what they get (the kubelet, the scheduler, the
   * event recorder), as they already do not change what their watches deliver.
   */
  client(userAgent: string, opts?: { shared?: boolean }): KubeClient;
  /** The current resourceVersion of the whole store. */
  resourceVersion(): string;
  /** Drops watch history up to `rv` (default: everything so far), like etcd compaction. */
  compact(rv?: number): void;
  /** Number of open watches, for tests and the UI. */
  watchCount(resource?: ResourceName): number;
  /** Every object as stored now (shared frozen objects: serialise them, do not change them). */
  snapshot(): ApiServerSnapshot;
}

/** Namespaces every cluster starts with; the first four may not be deleted. */
const SYSTEM_NAMESPACES = ['default', 'kube-node-lease', 'kube-public', 'kube-system'];
const GENERATE_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';
const ROOT_CA_PLACEHOLDER =
  '# The playground has no TLS: this is a placeholder for the cluster root CA.\n' +
  '-----BEGIN CERTIFICATE-----\nS3ViZWxldCBQbGF5Z3JvdW5kOiBubyByZWFsIGNlcnRpZmljYXRl\n-----END CERTIFICATE-----\n';

/**
 * The KubeClient verbs as one client makes them: each runs the server's synchronous verb under
 * this client's user agent and settles a promise, as a network call would.
 */
abstract class ClientVerbs implements KubeClient {
  protected abstract readonly server: InMemoryApiServer;
  abstract readonly userAgent: string;

  get<R extends ResourceName>(resource: R, name: string, opts?: NamespacedOptions) {
    return this.server.call(() => this.server.getAs(resource, name, opts ?? {}, this.userAgent));
  }
  list<R extends ResourceName>(resource: R, opts?: ListOptions) {
    return this.server.call(() => this.server.listAs(resource, opts ?? {}, this.userAgent));
  }
  create<R extends ResourceName>(resource: R, obj: ObjectOf<R>, opts?: WriteOptions) {
    return this.server.call(() => this.server.createAs(resource, obj, opts ?? {}, this.userAgent));
  }
  update<R extends ResourceName>(resource: R, obj: ObjectOf<R>, opts?: WriteOptions) {
    return this.server.call(() => this.server.updateAs(resource, obj, opts ?? {}, this.userAgent));
  }
  patch<R extends ResourceName>(
    resource: R,
    name: string,
    type: PatchType,
    patch: unknown,
    opts?: WriteOptions,
  ) {
    return this.server.call(() =>
      this.server.patchAs(resource, name, type, patch, opts ?? {}, this.userAgent),
    );
  }
  delete<R extends ResourceName>(resource: R, name: string, opts?: DeleteOptions) {
    return this.server.call(() => this.server.deleteAs(resource, name, opts ?? {}, this.userAgent));
  }
  bind(binding: Binding, opts?: NamespacedOptions) {
    return this.server.call(() => this.server.bindAs(binding, opts ?? {}, this.userAgent));
  }
  watch<R extends ResourceName>(
    resource: R,
    opts: WatchOptions,
    onEvent: (e: WatchEvent<ObjectOf<R>>) => void,
  ) {
    return this.server.watchAs(resource, opts, onEvent, this.userAgent);
  }
}

/** A KubeClient bound to one user agent. */
class IdentifiedClient extends ClientVerbs {
  constructor(
    protected readonly server: InMemoryApiServer,
    readonly userAgent: string,
  ) {
    super();
  }
}

export function createApiServer(options: ApiServerOptions): ApiServer {
  return new InMemoryApiServer(options);
}

/** The server is also a client: the anonymous one, with an empty user agent. */
class InMemoryApiServer extends ClientVerbs implements ApiServer {
  protected readonly server = this;
  readonly userAgent = '';
  readonly clock: Clock;
  readonly faults = new Faults();
  readonly #random: () => number;
  readonly #store: Store;
  readonly #admission: Admission;
  readonly #eventTTLMs: number;
  readonly #bookmarkIntervalMs: number;
  /** Events in the order their TTL runs out: [namespace/name, expiresAt]. */
  #eventExpiry: [string, number][] = [];
  #eventExpiryHead = 0;
  readonly #eventExpiresAt = new Map<string, number>();
  readonly #clients = new Map<string, KubeClient>();
  /** User agents whose clients take shared (frozen) results; see `client`. */
  readonly #sharing = new Set<string>();

  constructor(opts: ApiServerOptions) {
    super();
    this.clock = opts.clock;
    this.#random = opts.random ?? Math.random;
    this.#admission =
      opts.admission ??
      createKubernetesAdmission({
        getServiceAccount: (namespace, name) =>
          this.#store?.get('serviceaccounts', namespace, name) as ServiceAccount | undefined,
      });
    this.#eventTTLMs = (opts.eventTTLSeconds ?? 3600) * 1000;
    this.#bookmarkIntervalMs = opts.bookmarkIntervalMs ?? 60_000;
    this.#store = new Store(opts.historyCapacity ?? 5000, opts.onWatchHandlerError ?? (() => {}));
    if (opts.restore) {
      this.#restore(opts.restore);
      return;
    }
    for (const ns of SYSTEM_NAMESPACES) {
      this.#createSync(
        'namespaces',
        { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } },
        {},
        '',
      );
    }
  }

  client(userAgent: string, opts: { shared?: boolean } = {}): KubeClient {
    if (opts.shared) this.#sharing.add(userAgent);
    let c = this.#clients.get(userAgent);
    if (!c) {
      c = new IdentifiedClient(this, userAgent);
      this.#clients.set(userAgent, c);
    }
    return c;
  }

  /** What a verb hands `client`: a copy, or for a sharing client the frozen stored object. */
  #out<T>(client: string, obj: T): T {
    return this.#sharing.has(client) ? obj : deepClone(obj);
  }

  resourceVersion(): string {
    return String(this.#store.rv);
  }

  compact(rv?: number): void {
    this.#store.compact(rv ?? this.#store.rv);
  }

  watchCount(resource?: ResourceName): number {
    return this.#store.watcherCount(resource);
  }

  snapshot(): ApiServerSnapshot {
    this.#expireEvents();
    return {
      resourceVersion: String(this.#store.rv),
      resources: Object.fromEntries(this.#store.entries()),
    };
  }

  /** Loads a snapshot, checking it names only resources we serve and a sane revision. */
  #restore(snap: ApiServerSnapshot): void {
    const rv = Number(snap.resourceVersion);
    if (!Number.isSafeInteger(rv) || rv < 0)
      throw new TypeError(`snapshot resourceVersion is not a revision: ${snap.resourceVersion}`);
    const entries: [ResourceName, KubeObject][] = [];
    for (const [resource, objects] of Object.entries(snap.resources)) {
      if (!resourceDef(resource))
        throw new TypeError(`snapshot holds unknown resource ${resource}`);
      for (const obj of objects ?? []) {
        if (Number(obj.metadata?.resourceVersion) > rv)
          throw new TypeError(
            `snapshot ${resource} ${objectKey(obj)} is newer (${obj.metadata?.resourceVersion}) than the snapshot (${rv})`,
          );
        entries.push([resource as ResourceName, deepClone(obj)]);
      }
    }
    this.#store.load(rv, entries);
    for (const event of this.#store.list('events')) {
      const e = event as { lastTimestamp?: string; eventTime?: string };
      const last = parseTime(e.lastTimestamp ?? e.eventTime);
      const at = (last ?? this.clock.now()) + this.#eventTTLMs;
      this.#eventExpiresAt.set(objectKey(event), at);
      this.#eventExpiry.push([objectKey(event), at]);
    }
    this.#eventExpiry.sort((a, b) => a[1] - b[1]);
  }

  /** Runs a synchronous verb and settles a promise with its outcome, as a network call would. */
  call<T>(fn: () => T): Promise<T> {
    try {
      return Promise.resolve(fn());
    } catch (e) {
      return Promise.reject(e instanceof ApiError ? e : internalError(e));
    }
  }

  // ---- the verbs ----

  getAs<R extends ResourceName>(
    resource: R,
    name: string,
    opts: NamespacedOptions,
    client: string,
  ): ObjectOf<R> {
    const def = this.#def(resource);
    this.faults.check('get', resource, undefined, client);
    if (resource === 'events') this.#expireEvents();
    const ns = this.#requestNamespace(def, opts.namespace);
    const obj = this.#store.get(resource, ns, name);
    if (!obj) throw notFound(def, name);
    return this.#out(client, obj) as unknown as ObjectOf<R>;
  }

  listAs<R extends ResourceName>(
    resource: R,
    opts: ListOptions,
    client: string,
  ): ObjectList<ObjectOf<R>> {
    const def = this.#def(resource);
    this.faults.check('list', resource, undefined, client);
    if (resource === 'events') this.#expireEvents();
    const matches = this.#matcher(def, opts);
    const ns = def.namespaced && opts.namespace ? opts.namespace : undefined;
    let all = this.#store.list(resource, ns).filter(matches);
    let start = 0;
    if (opts.continue) {
      const after = decodeContinue(opts.continue);
      start = all.findIndex((o) => objectKey(o) > after);
      if (start < 0) start = all.length;
    }
    all = all.slice(start);
    const limit = opts.limit && opts.limit > 0 ? opts.limit : undefined;
    const page = limit !== undefined ? all.slice(0, limit) : all;
    const metadata: ObjectList<ObjectOf<R>>['metadata'] = {
      resourceVersion: String(this.#store.rv),
    };
    if (limit !== undefined && all.length > limit) {
      metadata.continue = encodeContinue(objectKey(page[page.length - 1]!));
      metadata.remainingItemCount = all.length - limit;
    }
    return {
      apiVersion: apiVersionOf(def),
      kind: def.listKind,
      metadata,
      items: page.map((o) => {
        const item = deepClone(o);
        delete item.apiVersion;
        delete item.kind;
        return item as unknown as ObjectOf<R>;
      }),
    };
  }

  createAs<R extends ResourceName>(
    resource: R,
    input: ObjectOf<R>,
    opts: WriteOptions,
    client: string,
  ): ObjectOf<R> {
    const def = this.#def(resource);
    this.faults.check('create', resource, opts.subresource, client);
    if (opts.subresource) throw this.#noSubresource(def, opts.subresource);
    // No copy of the request here: decoding makes the object the server writes (see #createSync).
    return this.#createSync(
      resource,
      input as unknown as KubeObject,
      opts,
      client,
    ) as unknown as ObjectOf<R>;
  }

  #createSync(
    resource: ResourceName,
    obj: KubeObject,
    opts: WriteOptions,
    client: string,
  ): KubeObject {
    const def = this.#def(resource);
    if (!isObject(obj))
      throw badRequest(
        `${def.kind} in version "${def.version}" cannot be handled as a ${def.kind}`,
      );
    this.#checkTypeMeta(def, obj);
    const ns = def.namespaced
      ? this.#objectNamespace(def, obj.metadata?.namespace, opts.namespace)
      : undefined;
    // Nothing above writes to the request. Decoding returns a new object, sharing nothing with
    // the request; an admission that does not decode gets a copy, written from here on.
    const decoded = this.#admission.strictDecode(resource, obj, opts.fieldValidation ?? 'Warn');
    if (decoded.status) throw new ApiError(decoded.status);
    obj = decoded.object ?? deepClone(obj);
    const meta = writableMeta(obj);

    if (!meta.name && meta.generateName)
      meta.name = this.#generateName(resource, ns ?? '', meta.generateName);
    if (ns !== undefined) {
      meta.namespace = ns;
      this.#checkNamespaceWritable(def, ns, meta.name ?? '');
    } else delete meta.namespace;
    meta.uid = uuidV4(this.#random);
    meta.creationTimestamp = formatTime(this.clock.now());
    delete meta.resourceVersion;
    delete meta.deletionTimestamp;
    delete meta.deletionGracePeriodSeconds;
    delete meta.selfLink;
    obj.apiVersion = apiVersionOf(def);
    obj.kind = def.kind;
    // Pods start with a status the server writes; other kinds keep what they were given.
    if (resource === 'pods') delete obj.status;

    this.#admission.applyDefaults(resource, obj, {
      operation: 'CREATE',
      random: this.#random,
      now: this.clock.now(),
    });
    const invalid = this.#admission.validateCreate(resource, obj);
    if (invalid) throw new ApiError(invalid);
    obj = this.#admission.encode?.(resource, obj) ?? obj;
    if (opts.dryRun) return deepClone(obj);

    const name = meta.name ?? '';
    if (this.#store.get(resource, ns ?? '', name)) throw alreadyExists(def, name);
    const stored = this.#store.commit(resource, 'ADDED', obj);
    if (resource === 'events') this.#trackEvent(stored);
    if (resource === 'namespaces') this.#populateNamespace(name);
    return this.#out(client, stored);
  }

  updateAs<R extends ResourceName>(
    resource: R,
    input: ObjectOf<R>,
    opts: WriteOptions,
    client: string,
  ): ObjectOf<R> {
    const def = this.#def(resource);
    this.faults.check('update', resource, opts.subresource, client);
    this.#checkSubresource(def, opts.subresource, ['status']);
    const obj = deepClone(input) as unknown as KubeObject;
    if (!isObject(obj))
      throw badRequest(
        `${def.kind} in version "${def.version}" cannot be handled as a ${def.kind}`,
      );
    this.#checkTypeMeta(def, obj);
    const meta = writableMeta(obj);
    const name = meta.name ?? '';
    if (!name) throw badRequest('name is required');
    const ns = def.namespaced ? this.#objectNamespace(def, meta.namespace, opts.namespace) : '';
    const old = this.#store.get(resource, ns, name);
    if (!old) throw notFound(def, name);
    if (meta.resourceVersion && meta.resourceVersion !== old.metadata?.resourceVersion) {
      throw staleConflict(def, name);
    }
    if (meta.uid && meta.uid !== old.metadata?.uid) {
      throw conflict(
        def,
        name,
        `Precondition failed: UID in precondition: ${old.metadata?.uid}, UID in object meta: ${meta.uid}`,
      );
    }
    const decoded = this.#decode(resource, obj, opts);
    return this.#writeUpdate(def, old, decoded, opts, client) as unknown as ObjectOf<R>;
  }

  patchAs<R extends ResourceName>(
    resource: R,
    name: string,
    type: PatchType,
    patch: unknown,
    opts: WriteOptions,
    client: string,
  ): ObjectOf<R> {
    const def = this.#def(resource);
    this.faults.check('patch', resource, opts.subresource, client);
    this.#checkSubresource(def, opts.subresource, ['status']);
    const ns = this.#requestNamespace(def, opts.namespace);
    const old = this.#store.get(resource, ns, name);
    if (!old) throw notFound(def, name);
    let patched: unknown;
    try {
      // A merge patch shares what it does not touch with the stored (frozen) object: fine for the
      // status subresource, which copies only .status; other writes get a new object from
      // #decode before they are defaulted.
      if (type === 'merge') patched = applyMergePatch(old, patch);
      else if (type === 'json') patched = applyJsonPatch(old, patch);
      else patched = applyStrategicMergePatch(old, patch, strategiesFor(resource));
      // (Outside the status subresource, #decode makes the object written, sharing nothing.)
      if (opts.subresource === 'status' && isObject(patched)) {
        patched = { ...patched, metadata: { ...(patched.metadata ?? {}) } };
      }
    } catch (e) {
      if (e instanceof PatchError) throw apiError(422, 'Invalid', e.message);
      throw e;
    }
    if (!isObject(patched))
      throw badRequest(
        `${def.kind} in version "${def.version}" cannot be handled as a ${def.kind}`,
      );
    const meta = writableMeta(patched);
    if (meta.name !== name || (def.namespaced && meta.namespace !== ns)) {
      throw badRequest('the name of the object does not match the name on the URL');
    }
    if (meta.resourceVersion !== old.metadata?.resourceVersion && meta.resourceVersion) {
      throw staleConflict(def, name);
    }
    const decoded = this.#decode(resource, patched, opts);
    return this.#writeUpdate(def, old, decoded, opts, client) as unknown as ObjectOf<R>;
  }

  /**
   * Strict decoding of an update's body: the object to write, new, sharing nothing with the body
   * or the stored object. Through the status subresource only `.status` is written, so only it
   * (with the type and metadata) is decoded, into `obj`: the stored spec is decoded already.
   */
  #decode(resource: ResourceName, obj: KubeObject, opts: WriteOptions): KubeObject {
    const mode = opts.fieldValidation ?? 'Warn';
    if (opts.subresource === 'status') {
      const part: KubeObject = {
        apiVersion: obj.apiVersion,
        kind: obj.kind,
        metadata: obj.metadata,
      };
      if (obj.status !== undefined) part.status = obj.status;
      const decoded = this.#admission.strictDecode(resource, part, mode);
      if (decoded.status) throw new ApiError(decoded.status);
      const status = (decoded.object ?? part).status;
      if (status === undefined) delete obj.status;
      else obj.status = status;
      return obj;
    }
    const decoded = this.#admission.strictDecode(resource, obj, mode);
    if (decoded.status) throw new ApiError(decoded.status);
    return decoded.object ?? deepClone(obj);
  }

  /** The common tail of update and patch: strategy, validation, no-op detection, finalizers. */
  #writeUpdate(
    def: ResourceDef,
    old: KubeObject,
    obj: KubeObject,
    opts: WriteOptions,
    client: string,
  ): KubeObject {
    const resource = def.name;
    let next: KubeObject;
    if (opts.subresource === 'status') {
      // The status subresource writes status only; metadata and spec stay as stored (shared,
      // frozen), and only the metadata is copied, for the new resourceVersion.
      next = { ...old, metadata: { ...(old.metadata ?? {}) } };
      if (obj.status === undefined) delete next.status;
      else next.status = obj.status;
    } else {
      next = obj;
      next.apiVersion = apiVersionOf(def);
      next.kind = def.kind;
      const meta = writableMeta(next);
      const oldMeta = old.metadata ?? {};
      meta.uid = oldMeta.uid;
      meta.creationTimestamp = oldMeta.creationTimestamp;
      meta.namespace = oldMeta.namespace;
      if (oldMeta.deletionTimestamp) meta.deletionTimestamp = oldMeta.deletionTimestamp;
      else delete meta.deletionTimestamp;
      if (oldMeta.deletionGracePeriodSeconds !== undefined)
        meta.deletionGracePeriodSeconds = oldMeta.deletionGracePeriodSeconds;
      else delete meta.deletionGracePeriodSeconds;
      if (!meta.namespace) delete meta.namespace;
      // The main resource cannot write status where a status subresource exists.
      if (def.subresources.includes('status')) {
        if (old.status === undefined) delete next.status;
        else next.status = deepClone(old.status);
      }
      this.#admission.applyDefaults(resource, next, {
        operation: 'UPDATE',
        random: this.#random,
        now: this.clock.now(),
      });
    }
    const invalid = this.#admission.validateUpdate(resource, next, old, opts.subresource);
    if (invalid) throw new ApiError(invalid);
    next = this.#admission.encode?.(resource, next, opts.subresource) ?? next;
    if (opts.dryRun) return deepClone(next);

    writableMeta(next).resourceVersion = old.metadata?.resourceVersion;
    if (deepEqual(next, old)) return this.#out(client, old); // etcd is not written: no RV, no event.

    const meta = next.metadata ?? {};
    if (
      meta.deletionTimestamp &&
      (meta.finalizers ?? []).length === 0 &&
      (meta.deletionGracePeriodSeconds ?? 0) === 0
    ) {
      return deepClone(this.#remove(def, next));
    }
    const stored = this.#store.commit(resource, 'MODIFIED', next, old);
    if (resource === 'events') this.#trackEvent(stored);
    return this.#out(client, stored);
  }

  deleteAs<R extends ResourceName>(
    resource: R,
    name: string,
    opts: DeleteOptions,
    client: string,
  ): ObjectOf<R> {
    const def = this.#def(resource);
    this.faults.check('delete', resource, undefined, client);
    const ns = this.#requestNamespace(def, opts.namespace);
    const old = this.#store.get(resource, ns, name);
    if (!old) throw notFound(def, name);
    const pre = opts.preconditions;
    if (pre?.uid !== undefined && pre.uid !== old.metadata?.uid) {
      throw conflict(
        def,
        name,
        `Precondition failed: UID in precondition: ${pre.uid}, UID in object meta: ${old.metadata?.uid ?? ''}`,
      );
    }
    if (
      pre?.resourceVersion !== undefined &&
      pre.resourceVersion !== old.metadata?.resourceVersion
    ) {
      throw conflict(
        def,
        name,
        `Precondition failed: ResourceVersion in precondition: ${pre.resourceVersion}, ResourceVersion in object meta: ${old.metadata?.resourceVersion ?? ''}`,
      );
    }
    if (resource === 'namespaces') return this.#deleteNamespace(def, old) as unknown as ObjectOf<R>;

    const grace = def.graceful ? podGracePeriod(old, opts.gracePeriodSeconds) : 0;
    const oldMeta = old.metadata ?? {};
    const finalizers = oldMeta.finalizers ?? [];
    if (oldMeta.deletionTimestamp) {
      // Already being deleted: a request may only shorten the grace period.
      const current = oldMeta.deletionGracePeriodSeconds ?? 0;
      if (opts.gracePeriodSeconds === undefined || grace >= current)
        return deepClone(old) as unknown as ObjectOf<R>;
      if (grace === 0 && finalizers.length === 0)
        return deepClone(this.#remove(def, old)) as unknown as ObjectOf<R>;
      const next = deepClone(old);
      const meta = writableMeta(next);
      const deadline =
        (parseTime(oldMeta.deletionTimestamp) ?? this.clock.now()) - current * 1000 + grace * 1000;
      meta.deletionTimestamp = formatTime(deadline);
      meta.deletionGracePeriodSeconds = grace;
      return deepClone(
        this.#store.commit(resource, 'MODIFIED', next, old),
      ) as unknown as ObjectOf<R>;
    }
    if (grace === 0 && finalizers.length === 0)
      return deepClone(this.#remove(def, old)) as unknown as ObjectOf<R>;
    const next = deepClone(old);
    const meta = writableMeta(next);
    meta.deletionTimestamp = formatTime(this.clock.now() + grace * 1000);
    meta.deletionGracePeriodSeconds = grace;
    return deepClone(this.#store.commit(resource, 'MODIFIED', next, old)) as unknown as ObjectOf<R>;
  }

  #remove(def: ResourceDef, obj: KubeObject): KubeObject {
    const last = deepClone(obj);
    const gone = this.#store.commit(def.name, 'DELETED', last, obj);
    if (def.name === 'events') this.#eventExpiresAt.delete(objectKey(obj));
    const ns = obj.metadata?.namespace;
    if (ns) this.#finalizeNamespaceIfEmpty(ns);
    return gone;
  }

  bindAs(binding: Binding, opts: NamespacedOptions, client: string): Status {
    const def = this.#def('pods');
    this.faults.check('create', 'pods', 'binding', client);
    const name = binding.metadata?.name ?? '';
    const ns = this.#requestNamespace(def, opts.namespace ?? binding.metadata?.namespace);
    const pod = this.#store.get('pods', ns, name);
    if (!pod) throw notFound(def, name);
    const target = binding.target?.name;
    if (!target) {
      throw apiError(422, 'Invalid', `Binding "${name}" is invalid: target.name: Required value`, {
        name,
        kind: 'Binding',
        causes: [{ reason: 'FieldValueRequired', message: 'Required value', field: 'target.name' }],
      });
    }
    const bindingDef = { ...def, name: 'pods/binding' as ResourceName, group: '' };
    if (pod.metadata?.deletionTimestamp) {
      throw conflict(
        bindingDef,
        name,
        `pod ${name} is being deleted, cannot be assigned to a host`,
      );
    }
    const spec = (pod.spec ?? {}) as { nodeName?: string };
    if (spec.nodeName) {
      throw conflict(
        bindingDef,
        name,
        `pod ${name} is already assigned to node "${spec.nodeName}"`,
      );
    }
    const next = deepClone(pod) as KubeObject & {
      spec: { nodeName?: string };
      status?: { conditions?: unknown[] };
    };
    next.spec.nodeName = target;
    const status = (next.status ??= {});
    const conditions = (status.conditions ?? []).filter(
      (c) => (c as { type?: string }).type !== 'PodScheduled',
    );
    conditions.push({
      type: 'PodScheduled',
      status: 'True',
      lastProbeTime: null,
      lastTransitionTime: formatTime(this.clock.now()),
    });
    status.conditions = conditions;
    this.#store.commit('pods', 'MODIFIED', next, pod);
    return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code: 201 };
  }

  watchAs<R extends ResourceName>(
    resource: R,
    opts: WatchOptions,
    onEvent: (e: WatchEvent<ObjectOf<R>>) => void,
    client: string,
  ): Watch {
    const def = this.#def(resource);
    this.faults.check('watch', resource, undefined, client);
    const matches = this.#matcher(def, opts);
    let resolveDone!: () => void;
    const done = new Promise<void>((r) => (resolveDone = r));
    const spec = { resource, matches, onEvent: onEvent as unknown as (e: WatchEvent) => void };
    const rvText = opts.resourceVersion ?? '';
    const initial: WatchEvent[] = [];
    let closeAfterInitial = false;
    if (rvText === '' || rvText === '0' || opts.sendInitialEvents) {
      const ns = def.namespaced && opts.namespace ? opts.namespace : undefined;
      for (const obj of this.#store.list(resource, ns))
        if (matches(obj)) initial.push({ type: 'ADDED', object: obj });
      if (opts.sendInitialEvents && opts.allowWatchBookmarks) {
        initial.push(this.#bookmark(def, { 'k8s.io/initial-events-end': 'true' }));
      }
    } else {
      const rv = Number(rvText);
      if (!/^\d+$/.test(rvText)) throw badRequest(`invalid resource version: ${rvText}`);
      const oldest = this.#store.tooOld(resource, rv);
      if (oldest !== undefined) {
        initial.push({
          type: 'ERROR',
          object: status(
            410,
            'Expired',
            `too old resource version: ${rv} (${oldest})`,
          ) as KubeObject,
        });
        closeAfterInitial = true;
      } else initial.push(...this.#store.replay(spec, this.#store.changesSince(resource, rv)));
    }
    const live: { watcher?: Watcher; cancelBookmarks?: () => void } = {};
    const stop = () => {
      if (!live.watcher || live.watcher.stopped) return;
      this.#store.removeWatcher(live.watcher);
      live.cancelBookmarks?.();
      resolveDone();
    };
    if (closeAfterInitial) {
      const deliver = spec.onEvent;
      spec.onEvent = (e) => {
        deliver(e);
        stop();
      };
    }
    const watcher = this.#store.addWatcher(spec, initial);
    live.watcher = watcher;
    if (opts.allowWatchBookmarks && !closeAfterInitial) {
      const tick = () => {
        if (watcher.stopped) return;
        this.#store.send(watcher, this.#bookmark(def));
        live.cancelBookmarks = this.clock.setTimeout(tick, this.#bookmarkIntervalMs);
      };
      live.cancelBookmarks = this.clock.setTimeout(tick, this.#bookmarkIntervalMs);
    }
    return { stop, done };
  }

  #bookmark(def: ResourceDef, annotations?: Record<string, string>): WatchEvent {
    const metadata: Record<string, unknown> = { resourceVersion: String(this.#store.rv) };
    if (annotations) metadata.annotations = annotations;
    return {
      type: 'BOOKMARK',
      object: { kind: def.kind, apiVersion: apiVersionOf(def), metadata } as KubeObject,
    };
  }

  // ---- helpers ----

  #def(resource: string): ResourceDef {
    const def = resourceDef(resource);
    if (!def) throw apiError(404, 'NotFound', 'the server could not find the requested resource');
    return def;
  }

  #checkSubresource(def: ResourceDef, sub: string | undefined, allowed: string[]): void {
    if (sub !== undefined && !allowed.includes(sub)) throw this.#noSubresource(def, sub);
  }

  #noSubresource(def: ResourceDef, sub: string): ApiError {
    return def.subresources.includes(sub)
      ? apiError(
          405,
          'MethodNotAllowed',
          'the server does not allow this method on the requested resource',
        )
      : apiError(404, 'NotFound', 'the server could not find the requested resource');
  }

  #checkTypeMeta(def: ResourceDef, obj: KubeObject): void {
    const want = apiVersionOf(def);
    if (
      (obj.apiVersion !== undefined && obj.apiVersion !== want) ||
      (obj.kind !== undefined && obj.kind !== def.kind)
    ) {
      throw badRequest(
        `the API version in the data (${obj.apiVersion ?? ''}) does not match the expected API version (${want})`,
      );
    }
  }

  /** Namespace of a request that names an object by URL. */
  #requestNamespace(def: ResourceDef, namespace: string | undefined): string {
    return def.namespaced ? namespace || 'default' : '';
  }

  /** Namespace of a written object: the request's, the object's, or `default`; they must agree. */
  #objectNamespace(
    _def: ResourceDef,
    inObject: string | undefined,
    inRequest: string | undefined,
  ): string {
    if (inObject && inRequest && inObject !== inRequest) {
      throw badRequest(
        'the namespace of the provided object does not match the namespace sent on the request',
      );
    }
    return inObject || inRequest || 'default';
  }

  #checkNamespaceWritable(def: ResourceDef, ns: string, name: string): void {
    const namespace = this.#store.get('namespaces', '', ns);
    if (!namespace) throw namespaceNotFound(ns);
    if (namespace.metadata?.deletionTimestamp) {
      throw forbidden(
        def,
        name,
        `unable to create new content in namespace ${ns} because it is being terminated`,
      );
    }
  }

  #matcher(def: ResourceDef, opts: ListOptions): (obj: KubeObject) => boolean {
    let labels;
    let fields;
    try {
      labels = parseLabelSelector(opts.labelSelector);
      fields = parseFieldSelector(opts.fieldSelector);
    } catch (e) {
      if (e instanceof SelectorError) throw badRequest(e.message);
      throw e;
    }
    for (const f of fields) {
      if (!Object.prototype.hasOwnProperty.call(def.fields, f.field)) {
        throw badRequest(`field label not supported: ${f.field}`);
      }
    }
    const ns = def.namespaced ? opts.namespace : undefined;
    return (obj) =>
      (!ns || obj.metadata?.namespace === ns) &&
      (labels.length === 0 || matchesLabels(labels, obj.metadata?.labels)) &&
      (fields.length === 0 || matchesFields(fields, (field) => def.fields[field]!(obj)));
  }

  #generateName(resource: ResourceName, ns: string, prefix: string): string {
    for (;;) {
      let suffix = '';
      for (let i = 0; i < 5; i++)
        suffix += GENERATE_ALPHABET[Math.floor(this.#random() * GENERATE_ALPHABET.length)];
      const name = prefix.slice(0, 58) + suffix;
      if (!this.#store.get(resource, ns, name)) return name;
    }
  }

  /** What the service-account and root-CA controllers add to every new namespace. */
  #populateNamespace(ns: string): void {
    this.#createSync(
      'serviceaccounts',
      { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'default', namespace: ns } },
      {},
      '',
    );
    this.#createSync(
      'configmaps',
      {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: {
          name: 'kube-root-ca.crt',
          namespace: ns,
          annotations: {
            'kubernetes.io/description':
              'Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. No other usage is guaranteed across distributions of Kubernetes clusters.',
          },
        },
        data: { 'ca.crt': ROOT_CA_PLACEHOLDER },
      },
      {},
      '',
    );
  }

  /** Namespace deletion: mark it Terminating, delete what it holds, remove it once empty. */
  #deleteNamespace(def: ResourceDef, old: KubeObject): KubeObject {
    const name = old.metadata?.name ?? '';
    if (SYSTEM_NAMESPACES.includes(name))
      throw forbidden(def, name, 'this namespace may not be deleted');
    if (old.metadata?.deletionTimestamp) return deepClone(old);
    const next = deepClone(old);
    writableMeta(next).deletionTimestamp = formatTime(this.clock.now());
    writableMeta(next).deletionGracePeriodSeconds = 0;
    next.status = { ...(next.status as object), phase: 'Terminating' };
    const marked = this.#store.commit('namespaces', 'MODIFIED', next, old);
    for (const r of Object.keys(RESOURCES_IN_NAMESPACE) as ResourceName[]) {
      for (const obj of this.#store.list(r, name)) {
        const n = obj.metadata?.name ?? '';
        try {
          this.deleteAs(r, n, { namespace: name }, 'namespace-controller');
        } catch (e) {
          if (!(e instanceof ApiError && e.code === 404)) throw e;
        }
      }
    }
    return deepClone(this.#store.get('namespaces', '', name) ?? marked);
  }

  #finalizeNamespaceIfEmpty(ns: string): void {
    const namespace = this.#store.get('namespaces', '', ns);
    if (!namespace?.metadata?.deletionTimestamp) return;
    for (const r of Object.keys(RESOURCES_IN_NAMESPACE) as ResourceName[])
      if (this.#store.count(r, ns) > 0) return;
    this.#store.commit('namespaces', 'DELETED', deepClone(namespace), namespace);
  }

  #trackEvent(event: KubeObject): void {
    const key = objectKey(event);
    const at = this.clock.now() + this.#eventTTLMs;
    this.#eventExpiresAt.set(key, at);
    this.#eventExpiry.push([key, at]);
    this.#expireEvents();
  }

  /** Events live for --event-ttl after their last write, then go (etcd lease expiry). */
  #expireEvents(): void {
    const now = this.clock.now();
    while (this.#eventExpiryHead < this.#eventExpiry.length) {
      const [key, at] = this.#eventExpiry[this.#eventExpiryHead]!;
      if (at > now) break;
      this.#eventExpiryHead++;
      if (this.#eventExpiresAt.get(key) !== at) continue; // written again since: a later entry rules
      const [ns, name] = key.split('/') as [string, string];
      const obj = this.#store.get('events', ns, name);
      if (obj) this.#remove(resourceDef('events')!, obj);
    }
    if (this.#eventExpiryHead > 4096 && this.#eventExpiryHead * 2 > this.#eventExpiry.length) {
      this.#eventExpiry = this.#eventExpiry.slice(this.#eventExpiryHead);
      this.#eventExpiryHead = 0;
    }
  }
}

/** The namespaced resources a namespace's deletion removes. */
const RESOURCES_IN_NAMESPACE: Partial<Record<ResourceName, true>> = {
  pods: true,
  configmaps: true,
  secrets: true,
  events: true,
  serviceaccounts: true,
  leases: true,
};

/** CheckGracefulDelete for pods: the request's period, else the pod's, 0 when unbound or finished. */
function podGracePeriod(pod: KubeObject, requested: number | undefined): number {
  const spec = (pod.spec ?? {}) as { terminationGracePeriodSeconds?: number; nodeName?: string };
  const phase = ((pod.status ?? {}) as { phase?: string }).phase;
  let grace = requested ?? spec.terminationGracePeriodSeconds ?? 30;
  if (!spec.nodeName) grace = 0;
  if (phase === 'Succeeded' || phase === 'Failed') grace = 0;
  if (grace < 0) grace = 1;
  return grace;
}

const isObject = (v: unknown): v is KubeObject =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function encodeContinue(key: string): string {
  let out = '';
  for (const ch of key) out += ch.charCodeAt(0).toString(16).padStart(4, '0');
  return out;
}

function decodeContinue(token: string): string {
  if (!/^([0-9a-f]{4})*$/.test(token)) throw badRequest(`continue key is not valid: ${token}`);
  let out = '';
  for (let i = 0; i < token.length; i += 4)
    out += String.fromCharCode(parseInt(token.slice(i, i + 4), 16));
  return out;
}

function internalError(e: unknown): ApiError {
  const message = e instanceof Error ? e.message : String(e);
  return apiError(500, 'InternalError', `Internal error occurred: ${message}`, {
    causes: [{ message }],
  });
}

export type { Verb };
