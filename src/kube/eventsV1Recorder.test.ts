import { describe, expect, it, vi } from 'vitest';
import { makeServer } from '../fake-apiserver/testing/fixtures.ts';
import { createEventsV1Recorder } from './eventsV1Recorder.ts';
import { formatMicroTime } from './time.ts';

const pod = (resourceVersion = '7') => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'web', namespace: 'default', uid: 'uid-web', resourceVersion },
});

function setup() {
  const { api, clock } = makeServer();
  const onError = vi.fn();
  const recorder = createEventsV1Recorder({
    client: api,
    clock,
    reportingController: 'default-scheduler',
    hostname: 'cp',
    onError,
  });
  const events = async () => {
    await recorder.flush();
    return (await api.list('events', { namespace: 'default' })).items;
  };
  const failed = () =>
    recorder.eventf(pod(), undefined, 'Warning', 'FailedScheduling', 'Scheduling', 'no fit');
  return { api, clock, recorder, onError, events, failed };
}

describe('createEventsV1Recorder', () => {
  it('writes an events.k8s.io Event as core/v1 shows it: no source, count or timestamps', async () => {
    const { clock, recorder, events, onError } = setup();
    const t0 = clock.now();
    recorder.eventf(pod(), undefined, 'Normal', 'Scheduled', 'Binding', 'Successfully assigned');
    const [e] = await events();
    expect(e).toMatchObject({
      involvedObject: { kind: 'Pod', name: 'web', uid: 'uid-web', resourceVersion: '7' },
      reason: 'Scheduled',
      message: 'Successfully assigned',
      source: {},
      firstTimestamp: null,
      lastTimestamp: null,
      type: 'Normal',
      eventTime: formatMicroTime(t0),
      action: 'Binding',
      reportingComponent: 'default-scheduler',
      reportingInstance: 'default-scheduler-cp',
    });
    expect(e?.count).toBeUndefined();
    expect(e?.metadata?.name).toMatch(/^web\.[0-9a-f]+$/);
    expect(onError).not.toHaveBeenCalled();
  });

  it('makes the same event again a series: written at the second, counted after', async () => {
    const { clock, events, failed } = setup();
    const t0 = clock.now();
    failed();
    clock.advance(60_000);
    failed();
    let [e] = await events();
    expect(e?.series).toEqual({ count: 2, lastObservedTime: formatMicroTime(t0 + 60_000) });
    expect(e?.eventTime).toBe(formatMicroTime(t0));
    clock.advance(60_000);
    failed();
    [e] = await events();
    expect(e?.series?.count).toBe(2); // in memory only, until a refresh or the series' end
    // The series is checked every 6 minutes; at 12:00 nothing new has come for 6 minutes, so it
    // has ended, and its last count is written.
    clock.advance(6 * 60_000);
    expect((await events())[0]?.series?.count).toBe(2);
    clock.advance(4 * 60_000);
    const all = await events();
    expect(all).toHaveLength(1);
    expect(all[0]?.series).toEqual({ count: 3, lastObservedTime: formatMicroTime(t0 + 120_000) });
    // After it ended, the same event starts a new Event.
    failed();
    expect(await events()).toHaveLength(2);
  });

  it('writes a long series every 30 minutes', async () => {
    const { clock, events, failed } = setup();
    const t0 = clock.now();
    failed();
    // An occurrence every 5 minutes keeps the series going past each 6-minute check.
    for (let t = 5; t <= 25; t += 5) {
      clock.advance(5 * 60_000);
      failed();
    }
    expect((await events())[0]?.series?.count).toBe(2);
    clock.advance(5 * 60_000); // 30:00, the refresh
    const [e] = await events();
    expect(e?.series).toEqual({ count: 6, lastObservedTime: formatMicroTime(t0 + 25 * 60_000) });
  });

  it('keys an event by its whole reference: a new resourceVersion is a new Event', async () => {
    const { recorder, events } = setup();
    recorder.eventf(pod('7'), undefined, 'Warning', 'FailedScheduling', 'Scheduling', 'no fit');
    recorder.eventf(pod('8'), undefined, 'Warning', 'FailedScheduling', 'Scheduling', 'no fit');
    const all = await events();
    expect(all.map((e) => e.involvedObject?.resourceVersion)).toEqual(['7', '8']);
    expect(all.every((e) => e.series === undefined)).toBe(true);
  });

  it('stops writing after shutdown', async () => {
    const { recorder, events, failed } = setup();
    recorder.shutdown();
    failed();
    expect(await events()).toEqual([]);
  });
});
