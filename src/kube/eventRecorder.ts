/**
 * Writes core/v1 Events the way client-go's tools/record package (v0.33) does, including its
 * EventCorrelator:
 * - an event identical to one already written (same source, involved object, type, reason and
 *   message) bumps that Event's `count` and `lastTimestamp` with a strategic merge PATCH;
 * - the 10th distinct message with the same reason about the same object within 10 minutes starts
 *   an Event "(combined from similar events): <message>", which later ones then bump;
 * - a token bucket per source and object (burst 25, one more every 5 minutes) drops the excess.
 * Writes are asynchronous, one at a time, in the order recorded. A Status error from the server
 * is final (client-go: "will not retry"), except NotFound on a PATCH, which re-creates the Event;
 * any other error (a broken transport) is retried up to 12 tries, 10 s apart on the Clock.
 * `event()` never throws.
 */
import { isApiError, type KubeClient } from './client.ts';
import type { Clock, Unsubscribe } from './clock.ts';
import { formatTime } from './time.ts';
import type { Event } from './types.ts';
import { uuidV4 } from './uuid.ts';

export type EventType = 'Normal' | 'Warning';

/** core/v1 ObjectReference: what an Event's involvedObject holds. */
export interface ObjectReference {
  kind?: string;
  namespace?: string;
  name?: string;
  uid?: string;
  apiVersion?: string;
  resourceVersion?: string;
  fieldPath?: string;
}

/** An object (with metadata) or a reference to one. */
export interface Involved extends ObjectReference {
  metadata?: { name?: string; namespace?: string; uid?: string; resourceVersion?: string };
}

export interface EventRecorder {
  /** Records an event about `involved`; `fieldPath` points into it, e.g. `spec.containers{app}`. */
  event(
    involved: Involved,
    type: EventType,
    reason: string,
    message: string,
    fieldPath?: string,
  ): void;
  /** Resolves once everything recorded so far is written or given up on. */
  flush(): Promise<void>;
  /** Stops writing: queued events are dropped and a pending retry is cancelled. */
  shutdown(): void;
}

export interface EventRecorderOptions {
  client: KubeClient;
  clock: Clock;
  /** source.component and reportingComponent, e.g. `kubelet`, `default-scheduler`. */
  component: string;
  /** source.host and reportingInstance (the kubelet's node name). */
  host?: string;
  /** For the randomised first retry delay and the uuid fallback name; Math.random by default. */
  random?: () => number;
  /** Told about events dropped or given up on (client-go logs them). */
  onError?: (message: string, error?: unknown) => void;
}

const MAX_LRU_ENTRIES = 4096;
const AGGREGATE_MAX_EVENTS = 10;
const AGGREGATE_INTERVAL_MS = 600_000;
const SPAM_BURST = 25;
const SPAM_QPS = 1 / 300;
const MAX_TRIES = 12;
const RETRY_SLEEP_MS = 10_000;
const MAX_QUEUED = 1000;

/** A Map that forgets its least recently used entry past `max` (k8s.io/utils/lru). */
class Lru<V> {
  readonly #map = new Map<string, V>();
  constructor(readonly max: number) {}
  get(key: string): V | undefined {
    const v = this.#map.get(key);
    if (v !== undefined) {
      this.#map.delete(key);
      this.#map.set(key, v);
    }
    return v;
  }
  set(key: string, v: V): void {
    this.#map.delete(key);
    this.#map.set(key, v);
    if (this.#map.size > this.max) this.#map.delete(this.#map.keys().next().value!);
  }
}

// Event names end in the creation time in hex nanoseconds. Our clock counts milliseconds, so
// names take the next free nanosecond: unique across every recorder in this JavaScript realm.
let lastNanos = 0n;
export function uniqueNanos(ms: number): bigint {
  const n = BigInt(Math.floor(ms)) * 1_000_000n;
  lastNanos = n > lastNanos ? n : lastNanos + 1n;
  return lastNanos;
}

const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** util.GenerateEventName: `<name>.<hex nanos>`, or a uuid when that is not a valid name. */
function eventName(refName: string, nanos: bigint, random: () => number): string {
  const name = `${refName}.${nanos.toString(16)}`;
  return name.length <= 253 && DNS_SUBDOMAIN.test(name) ? name : uuidV4(random);
}

/** ref.GetReference: from an object's type and metadata, or a reference as given. */
export function referenceOf(o: Involved): ObjectReference | string {
  const meta = o.metadata;
  if (!meta) return { ...o };
  let kind = o.kind;
  let apiVersion = o.apiVersion;
  // Lists hand out items without kind; a pod is recognisable by its containers.
  if (!kind && Array.isArray((o as { spec?: { containers?: unknown } }).spec?.containers)) {
    kind = 'Pod';
    apiVersion ??= 'v1';
  }
  if (!kind) return 'could not construct reference: the object has no kind';
  const ref: ObjectReference = { kind };
  if (meta.namespace) ref.namespace = meta.namespace;
  if (meta.name) ref.name = meta.name;
  if (meta.uid) ref.uid = meta.uid;
  if (apiVersion) ref.apiVersion = apiVersion;
  if (meta.resourceVersion) ref.resourceVersion = meta.resourceVersion;
  return ref;
}

type EventObject = Event & {
  metadata: { name: string; namespace: string; resourceVersion?: string };
};

const part = (s: string | undefined) => s ?? '';

/**
 * The parts client-go joins, with no separator, into its cache keys: source, object, type.
 * Concatenated directly: each recorded event computes four keys.
 */
function sourceObjectKey(e: Event, withFieldPath: boolean): string {
  const o = e.involvedObject;
  return (
    part(e.source?.component) +
    part(e.source?.host) +
    part(o.kind) +
    part(o.namespace) +
    part(o.name) +
    (withFieldPath ? part(o.fieldPath) : '') +
    part(o.uid) +
    part(o.apiVersion) +
    part(e.type)
  );
}
/** getEventKey. */
const eventKey = (e: Event) => sourceObjectKey(e, true) + part(e.reason) + part(e.message);
/** getSpamKey. */
const spamKey = (e: Event) => sourceObjectKey(e, false);
/** EventAggregatorByReasonFunc: the aggregate key; the message is the local key. */
const aggregateKey = (e: Event) =>
  sourceObjectKey(e, false) +
  part(e.reason) +
  part(e.reportingComponent) +
  part(e.reportingInstance);

type EventFields = Pick<
  Event,
  | 'involvedObject'
  | 'reason'
  | 'message'
  | 'source'
  | 'type'
  | 'reportingComponent'
  | 'reportingInstance'
> & { namespace: string };

/** A new Event, counted once, named after its object and the time; fields in Go's order. */
function newEvent(nowMs: number, random: () => number, f: EventFields): EventObject {
  const stamp = formatTime(nowMs);
  return {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: {
      name: eventName(f.involvedObject.name ?? '', uniqueNanos(nowMs), random),
      namespace: f.namespace,
    },
    involvedObject: f.involvedObject,
    reason: f.reason,
    message: f.message,
    source: f.source,
    firstTimestamp: stamp,
    lastTimestamp: stamp,
    count: 1,
    type: f.type,
    // metav1.MicroTime without omitempty: core/v1 events show `eventTime: null`.
    eventTime: null as unknown as string,
    reportingComponent: f.reportingComponent,
    reportingInstance: f.reportingInstance,
  };
}

interface EventLog {
  count: number;
  firstTimestamp: string;
  name: string;
  resourceVersion: string;
}

/** EventCorrelator: aggregate, then observe (dedupe into counts), then the spam filter. */
class Correlator {
  readonly #aggregates = new Lru<{ localKeys: Set<string>; lastMs: number }>(MAX_LRU_ENTRIES);
  readonly #logs = new Lru<EventLog>(MAX_LRU_ENTRIES);
  readonly #buckets = new Lru<{ tokens: number; lastMs: number }>(MAX_LRU_ENTRIES);
  constructor(
    private readonly clock: Clock,
    private readonly random: () => number,
  ) {}

  correlate(event: EventObject): { event: EventObject; patch?: object } | undefined {
    const [aggregated, key] = this.#aggregate(event);
    const observed = this.#observe(aggregated, key);
    return this.#allow(observed.event) ? observed : undefined;
  }

  /** UpdateState: remember the server's name and resourceVersion for the next bump. */
  update(e: Event): void {
    this.#logs.set(eventKey(e), {
      count: e.count ?? 0,
      firstTimestamp: e.firstTimestamp ?? '',
      name: e.metadata?.name ?? '',
      resourceVersion: e.metadata?.resourceVersion ?? '',
    });
  }

  #aggregate(event: EventObject): [EventObject, string] {
    const now = this.clock.now();
    const key = aggregateKey(event);
    let record = this.#aggregates.get(key);
    if (!record || now - record.lastMs > AGGREGATE_INTERVAL_MS)
      record = { localKeys: new Set(), lastMs: 0 };
    record.localKeys.add(event.message ?? '');
    record.lastMs = now;
    this.#aggregates.set(key, record);
    if (record.localKeys.size < AGGREGATE_MAX_EVENTS) return [event, eventKey(event)];
    // sets.String.PopAny drops an arbitrary key; we drop the oldest, so runs repeat.
    record.localKeys.delete(record.localKeys.values().next().value!);
    const combined = newEvent(now, this.random, {
      namespace: event.metadata.namespace,
      involvedObject: event.involvedObject,
      reason: event.reason,
      message: `(combined from similar events): ${event.message ?? ''}`,
      source: event.source,
      type: event.type,
      reportingComponent: '',
      reportingInstance: '',
    });
    return [combined, key];
  }

  #observe(input: EventObject, key: string): { event: EventObject; patch?: object } {
    const event: EventObject = { ...input, metadata: { ...input.metadata } };
    const last = this.#logs.get(key);
    let patch: object | undefined;
    if (last && last.count > 0) {
      event.metadata.name = last.name;
      if (last.resourceVersion) event.metadata.resourceVersion = last.resourceVersion;
      event.firstTimestamp = last.firstTimestamp;
      event.count = last.count + 1;
      // CreateTwoWayMergePatch against a copy with count, lastTimestamp and message zeroed.
      patch = { count: event.count, lastTimestamp: event.lastTimestamp, message: event.message };
    }
    this.#logs.set(key, {
      count: event.count ?? 0,
      firstTimestamp: event.firstTimestamp ?? '',
      name: event.metadata.name,
      resourceVersion: event.metadata.resourceVersion ?? '',
    });
    return patch ? { event, patch } : { event };
  }

  /** EventSourceObjectSpamFilter: a token bucket per source and object, starting full. */
  #allow(event: Event): boolean {
    const now = this.clock.now();
    const key = spamKey(event);
    const b = this.#buckets.get(key) ?? { tokens: SPAM_BURST, lastMs: now };
    const tokens = Math.min(SPAM_BURST, b.tokens + (Math.max(0, now - b.lastMs) / 1000) * SPAM_QPS);
    const ok = tokens >= 1;
    this.#buckets.set(key, ok ? { tokens: tokens - 1, lastMs: now } : b);
    return ok;
  }
}

/**
 * Creates a recorder writing through `client`.
 * @example
 * const recorder = createEventRecorder({ client, clock, component: 'kubelet', host: 'node1' });
 * recorder.event(pod, 'Normal', 'Pulling', 'Pulling image "hello:v1"', 'spec.containers{app}');
 */
export function createEventRecorder(opts: EventRecorderOptions): EventRecorder {
  return new Recorder(opts);
}

class Recorder implements EventRecorder {
  readonly #client: KubeClient;
  readonly #clock: Clock;
  readonly #source: { component: string; host?: string };
  readonly #random: () => number;
  readonly #onError: (message: string, error?: unknown) => void;
  readonly #correlator: Correlator;
  readonly #queue: EventObject[] = [];
  #running = false;
  #stopped = false;
  #cancelSleep: (() => void) | undefined;
  #idle: (() => void)[] = [];

  constructor(opts: EventRecorderOptions) {
    this.#client = opts.client;
    this.#clock = opts.clock;
    this.#source = opts.host
      ? { component: opts.component, host: opts.host }
      : { component: opts.component };
    this.#random = opts.random ?? Math.random;
    this.#onError = opts.onError ?? (() => {});
    this.#correlator = new Correlator(this.#clock, this.#random);
  }

  event(
    involved: Involved,
    type: EventType,
    reason: string,
    message: string,
    fieldPath?: string,
  ): void {
    try {
      if (this.#stopped) return;
      if (type !== 'Normal' && type !== 'Warning') {
        this.#onError(`Unsupported event type: '${String(type)}'`);
        return;
      }
      const ref = referenceOf(involved);
      if (typeof ref === 'string') {
        this.#onError(`${ref}; will not report event ${type} ${reason}: ${message}`);
        return;
      }
      if (fieldPath) ref.fieldPath = fieldPath;
      if (this.#queue.length >= MAX_QUEUED) {
        this.#onError(`Unable to record event: too many queued events, dropped event ${reason}`);
        return;
      }
      this.#queue.push(this.#makeEvent(ref, type, reason, message));
      if (!this.#running) {
        this.#running = true;
        void Promise.resolve().then(() => this.#drain());
      }
    } catch (e) {
      this.#onError('Unable to record event', e);
    }
  }

  flush(): Promise<void> {
    if (!this.#running) return Promise.resolve();
    return new Promise((resolve) => this.#idle.push(resolve));
  }

  shutdown(): void {
    this.#stopped = true;
    this.#queue.length = 0;
    this.#cancelSleep?.();
  }

  /** makeEvent: the Event as first recorded, timestamped now. */
  #makeEvent(ref: ObjectReference, type: EventType, reason: string, message: string): EventObject {
    return newEvent(this.#clock.now(), this.#random, {
      namespace: ref.namespace || 'default',
      involvedObject: ref,
      reason,
      message,
      source: { ...this.#source },
      type,
      reportingComponent: this.#source.component,
      reportingInstance: this.#source.host ?? '',
    });
  }

  async #drain(): Promise<void> {
    try {
      for (let e = this.#queue.shift(); e && !this.#stopped; e = this.#queue.shift()) {
        const result = this.#correlator.correlate(e);
        if (!result) continue;
        // The first try is awaited right here, so a write costs one turn of the microtask
        // queue and the recorder keeps pace with whoever records (the scheduler binding 10,000
        // pods); only a write that needs retrying takes the slow path.
        try {
          this.#correlator.update(await this.#send(result.event, result.patch));
          continue;
        } catch (err) {
          if (this.#final(result.event, err)) continue;
        }
        await this.#retry(result.event, result.patch);
      }
    } finally {
      this.#running = false;
      const idle = this.#idle;
      this.#idle = [];
      for (const resolve of idle) resolve();
    }
  }

  /** recordToSink after a first failed try: up to 12 tries, 10 s apart (the first sleep random). */
  async #retry(event: EventObject, patch: object | undefined): Promise<void> {
    for (let tries = 1; ; tries++) {
      if (tries >= MAX_TRIES || this.#stopped) {
        this.#onError(`Unable to write event ${event.metadata.name} (retry limit exceeded!)`);
        return;
      }
      await this.#sleep(tries === 1 ? RETRY_SLEEP_MS * this.#random() : RETRY_SLEEP_MS);
      if (this.#stopped) return;
      try {
        this.#correlator.update(await this.#send(event, patch));
        return;
      } catch (err) {
        if (this.#final(event, err)) return;
      }
    }
  }

  /** recordEvent's request: PATCH an Event seen before (re-created if gone), else POST it. */
  #send(event: EventObject, patch: object | undefined): Promise<Event> {
    const ns = event.metadata.namespace;
    const create = () => {
      const body = { ...event, metadata: { ...event.metadata } };
      delete body.metadata.resourceVersion;
      return this.#client.create('events', body, { namespace: ns });
    };
    if (!patch || (event.count ?? 0) <= 1) return create();
    return this.#client
      .patch('events', event.metadata.name, 'strategic', patch, { namespace: ns })
      .catch((e: unknown) => {
        if (isApiError(e) && e.code === 404) return create();
        throw e;
      });
  }

  /** Whether a failed write is done with: a Status from the server is, a transport error is not. */
  #final(event: EventObject, e: unknown): boolean {
    if (isApiError(e)) {
      // The server said no: sending the same request again would get the same answer.
      if (e.reason !== 'AlreadyExists')
        this.#onError(`Server rejected event ${event.metadata.name} (will not retry!)`, e);
      return true;
    }
    this.#onError(`Unable to write event ${event.metadata.name} (may retry after sleeping)`, e);
    return false;
  }

  #sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        this.#cancelSleep = undefined;
        cancelTimer();
        resolve();
      };
      const cancelTimer: Unsubscribe = this.#clock.setTimeout(done, ms);
      this.#cancelSleep = done;
    });
  }
}
