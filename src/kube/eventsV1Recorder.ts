/**
 * Writes Events the way client-go's tools/events package (v0.33) does: the events.k8s.io/v1 API
 * that the scheduler uses, seen through core/v1 (our API server serves Events there). Unlike
 * tools/record (eventRecorder.ts) there is no correlator and no `count`:
 * - an Event has `eventTime`, `action`, `reportingComponent` and `reportingInstance`
 *   (`<controller>-<hostname>`), an empty `source`, and no first or last timestamp;
 * - the same event again (same type, action, reason, reporter, regarding and related object)
 *   turns the first into a series: the second occurrence PATCHes `series: {count: 2,
 *   lastObservedTime}`, later ones only count in memory, written every 30 minutes and when the
 *   series ends (nothing new for 6 minutes).
 * Writes are asynchronous, in the order recorded. `eventf()` never throws.
 */
import { isApiError, type KubeClient } from './client.ts';
import type { Clock, Unsubscribe } from './clock.ts';
import {
  referenceOf,
  uniqueNanos,
  type EventType,
  type Involved,
  type ObjectReference,
} from './eventRecorder.ts';
import { deepClone } from './objects.ts';
import { formatMicroTime, parseTime } from './time.ts';
import type { Event } from './types.ts';

/** A series is written again this often while it goes on (refreshTime). */
const REFRESH_MS = 30 * 60_000;
/** A series with nothing new for this long has ended; so has a singleton (finishTime). */
const FINISH_MS = 6 * 60_000;

export interface EventsV1Recorder {
  /**
   * Records that `action` on `regarding` (and `related`, if any) happened, e.g. the scheduler's
   * `eventf(pod, undefined, 'Normal', 'Scheduled', 'Binding', 'Successfully assigned ...')`.
   */
  eventf(
    regarding: Involved,
    related: Involved | undefined,
    type: EventType,
    reason: string,
    action: string,
    note: string,
  ): void;
  /** Resolves once everything recorded so far is written or given up on. */
  flush(): Promise<void>;
  /** Stops writing and the series timers. */
  shutdown(): void;
}

export interface EventsV1RecorderOptions {
  client: KubeClient;
  clock: Clock;
  /** reportingController, e.g. `default-scheduler`. */
  reportingController: string;
  /** The host it runs on: reportingInstance is `<reportingController>-<hostname>`. */
  hostname: string;
  /** Told about events the server refused (client-go logs them). */
  onError?: (message: string, error?: unknown) => void;
}

type EventObject = Event & {
  metadata: { name: string; namespace: string };
  series?: { count: number; lastObservedTime: string };
};

export function createEventsV1Recorder(opts: EventsV1RecorderOptions): EventsV1Recorder {
  const { client, clock } = opts;
  const reportingInstance = `${opts.reportingController}-${opts.hostname}`;
  const onError = opts.onError ?? (() => {});
  /** eventCache: the last event of each kind, by its isomorphism key. */
  const cache = new Map<string, EventObject>();
  let writes = Promise.resolve();
  let stopped = false;
  const timers: Unsubscribe[] = [];

  const every = (ms: number, fn: () => void) => {
    const tick = () => {
      if (stopped) return;
      fn();
      timers[slot] = clock.setTimeout(tick, ms);
    };
    const slot = timers.length;
    timers.push(clock.setTimeout(tick, ms));
  };
  // refreshExistingEventSeries and finishSeries, on the recorder's clock.
  every(REFRESH_MS, () => {
    for (const event of cache.values()) if (event.series) write(event);
  });
  every(FINISH_MS, () => {
    const before = clock.now() - FINISH_MS;
    for (const [key, event] of cache) {
      const last = event.series ? event.series.lastObservedTime : event.eventTime;
      if ((parseTime(last ?? undefined) ?? 0) >= before) continue;
      if (event.series) write(event);
      cache.delete(key);
    }
  });

  /** recordEvent: a series is PATCHed (created if gone), anything else POSTed. */
  function write(event: EventObject): void {
    const copy = deepClone(event);
    writes = writes.then(async () => {
      if (stopped) return;
      const ns = copy.metadata.namespace;
      const create = () => client.create('events', copy, { namespace: ns });
      try {
        if (!copy.series) await create();
        else
          await client
            .patch(
              'events',
              copy.metadata.name,
              'strategic',
              { series: copy.series },
              {
                namespace: ns,
              },
            )
            .catch((e: unknown) => {
              if (isApiError(e) && e.code === 404) return create();
              throw e;
            });
      } catch (e) {
        onError(`Server rejected event ${copy.metadata.name} (will not retry!)`, e);
      }
    });
  }

  return {
    eventf(regarding, related, type, reason, action, note) {
      try {
        if (stopped) return;
        const ref = referenceOf(regarding);
        const rel = related ? referenceOf(related) : undefined;
        if (typeof ref === 'string' || typeof rel === 'string') {
          onError(`could not construct reference; will not report event ${type} ${reason}`);
          return;
        }
        const now = clock.now();
        const key = keyOf(
          type,
          action,
          reason,
          opts.reportingController,
          reportingInstance,
          ref,
          rel,
        );
        const same = cache.get(key);
        if (same) {
          const lastObservedTime = formatMicroTime(now);
          if (same.series) {
            same.series = { count: same.series.count + 1, lastObservedTime };
            return;
          }
          same.series = { count: 2, lastObservedTime };
          write(same);
          return;
        }
        const event: EventObject = {
          apiVersion: 'v1',
          kind: 'Event',
          metadata: {
            name: `${ref.name ?? ''}.${uniqueNanos(now).toString(16)}`,
            namespace: ref.namespace || 'default',
          },
          involvedObject: ref,
          reason,
          message: note,
          source: {},
          firstTimestamp: null as unknown as string,
          lastTimestamp: null as unknown as string,
          type,
          eventTime: formatMicroTime(now),
          action,
          ...(rel ? { related: rel } : {}),
          reportingComponent: opts.reportingController,
          reportingInstance,
        };
        cache.set(key, event);
        write(event);
      } catch (e) {
        onError('Unable to record event', e);
      }
    },
    flush() {
      return writes;
    },
    shutdown() {
      stopped = true;
      for (const cancel of timers) cancel();
    },
  };
}

/** getKey: what makes two events the same one happening again. */
function keyOf(
  type: string,
  action: string,
  reason: string,
  controller: string,
  instance: string,
  regarding: ObjectReference,
  related: ObjectReference | undefined,
): string {
  return JSON.stringify([type, action, reason, controller, instance, regarding, related ?? {}]);
}
