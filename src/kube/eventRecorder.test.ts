import { describe, expect, it, vi } from 'vitest';
import { makeServer } from '../fake-apiserver/testing/fixtures.ts';
import type { KubeClient } from './client.ts';
import { createEventRecorder, type EventRecorderOptions } from './eventRecorder.ts';
import { formatTime } from './time.ts';

const pod = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'web', namespace: 'default', uid: 'uid-web', resourceVersion: '7' },
};

function setup(extra: Partial<EventRecorderOptions> = {}) {
  const { api, clock } = makeServer();
  const onError = vi.fn();
  const recorder = createEventRecorder({
    client: api,
    clock,
    component: 'kubelet',
    host: 'node1',
    random: () => 0.5,
    onError,
    ...extra,
  });
  const events = async () => (await api.list('events', { namespace: 'default' })).items;
  return { api, clock, recorder, onError, events };
}

describe('createEventRecorder', () => {
  it('writes a core/v1 Event the way client-go makes one', async () => {
    const { clock, recorder, events } = setup();
    const t0 = clock.now();
    recorder.event(pod, 'Normal', 'Pulling', 'Pulling image "hello:v1"', 'spec.containers{app}');
    expect(await events()).toEqual([]); // written asynchronously
    await recorder.flush();
    const [e] = await events();
    expect(e).toMatchObject({
      metadata: { namespace: 'default' },
      involvedObject: {
        kind: 'Pod',
        namespace: 'default',
        name: 'web',
        uid: 'uid-web',
        apiVersion: 'v1',
        resourceVersion: '7',
        fieldPath: 'spec.containers{app}',
      },
      reason: 'Pulling',
      message: 'Pulling image "hello:v1"',
      source: { component: 'kubelet', host: 'node1' },
      firstTimestamp: formatTime(t0),
      lastTimestamp: formatTime(t0),
      count: 1,
      type: 'Normal',
      eventTime: null,
      reportingComponent: 'kubelet',
      reportingInstance: 'node1',
    });
    const [, hex] = /^web\.([0-9a-f]+)$/.exec(e!.metadata!.name!)!;
    const nanos = BigInt(`0x${hex}`);
    expect(nanos >= BigInt(t0) * 1_000_000n && nanos < BigInt(t0 + 1) * 1_000_000n).toBe(true);
  });

  it('gives every event a name of its own, even within one millisecond and across recorders', async () => {
    const { api, clock, recorder, events } = setup();
    const other = createEventRecorder({ client: api, clock, component: 'default-scheduler' });
    recorder.event(pod, 'Normal', 'A', 'a');
    other.event(pod, 'Normal', 'B', 'b');
    recorder.event(pod, 'Normal', 'C', 'c');
    await recorder.flush();
    await other.flush();
    const names = (await events()).map((e) => e.metadata!.name);
    expect(new Set(names).size).toBe(3);
  });

  it('puts events about cluster-scoped objects in default, and leaves out an empty host', async () => {
    const { api, clock, events } = setup();
    const recorder = createEventRecorder({ client: api, clock, component: 'default-scheduler' });
    recorder.event(
      { kind: 'Node', name: 'node1', uid: 'node1' },
      'Normal',
      'Starting',
      'Starting kubelet.',
    );
    await recorder.flush();
    const [e] = await events();
    expect(e!.metadata!.namespace).toBe('default');
    expect(e!.involvedObject).toEqual({ kind: 'Node', name: 'node1', uid: 'node1' });
    expect(e!.source).toEqual({ component: 'default-scheduler' });
    expect(e!.reportingInstance).toBe('');
  });

  it('counts an identical event up on the Event already written, with a PATCH', async () => {
    const { api, clock, recorder, events } = setup();
    const t0 = clock.now();
    const patch = vi.spyOn(api, 'patch');
    recorder.event(pod, 'Warning', 'BackOff', 'Back-off restarting failed container');
    await recorder.flush();
    clock.advance(20_000);
    recorder.event(pod, 'Warning', 'BackOff', 'Back-off restarting failed container');
    await recorder.flush();
    clock.advance(40_000);
    recorder.event(pod, 'Warning', 'BackOff', 'Back-off restarting failed container');
    await recorder.flush();
    const all = await events();
    expect(all).toHaveLength(1);
    expect(all[0]).toMatchObject({
      count: 3,
      firstTimestamp: formatTime(t0),
      lastTimestamp: formatTime(t0 + 60_000),
    });
    expect(patch).toHaveBeenLastCalledWith(
      'events',
      all[0]!.metadata!.name,
      'strategic',
      {
        count: 3,
        lastTimestamp: formatTime(t0 + 60_000),
        message: 'Back-off restarting failed container',
      },
      { namespace: 'default' },
    );
  });

  it('keeps events with different messages apart', async () => {
    const { recorder, events } = setup();
    recorder.event(pod, 'Normal', 'Pulled', 'one');
    recorder.event(pod, 'Normal', 'Pulled', 'two');
    await recorder.flush();
    expect((await events()).map((e) => [e.message, e.count])).toEqual([
      ['one', 1],
      ['two', 1],
    ]);
  });

  it('re-creates the Event when the one it would count up is gone', async () => {
    const { api, recorder, events } = setup();
    recorder.event(pod, 'Normal', 'Killing', 'Stopping container app');
    await recorder.flush();
    const [first] = await events();
    await api.delete('events', first!.metadata!.name!, { namespace: 'default' });
    recorder.event(pod, 'Normal', 'Killing', 'Stopping container app');
    await recorder.flush();
    const [again] = await events();
    expect(again).toMatchObject({ metadata: { name: first!.metadata!.name }, count: 2 });
  });

  it('combines the 10th different message with one reason in 10 minutes, then counts it up', async () => {
    const { clock, recorder, events } = setup();
    for (let i = 1; i <= 11; i++) {
      recorder.event(pod, 'Warning', 'FailedMount', `volume ${i} not found`);
      clock.advance(1000);
    }
    await recorder.flush();
    const all = await events();
    expect(all.filter((e) => !e.message!.startsWith('('))).toHaveLength(9);
    const combined = all.filter((e) => e.message!.startsWith('('));
    expect(combined).toHaveLength(1);
    expect(combined[0]).toMatchObject({
      message: '(combined from similar events): volume 11 not found',
      count: 2,
      reason: 'FailedMount',
      source: { component: 'kubelet', host: 'node1' },
      reportingComponent: '',
      reportingInstance: '',
    });
  });

  it('does not combine similar events spread over more than 10 minutes', async () => {
    const { clock, recorder, events } = setup();
    for (let i = 1; i <= 12; i++) {
      recorder.event(pod, 'Warning', 'FailedMount', `volume ${i} not found`);
      await recorder.flush(); // correlation happens when the event is written, as in client-go
      clock.advance(601_000);
    }
    await recorder.flush();
    expect((await events()).some((e) => e.message!.startsWith('('))).toBe(false);
  });

  it('lets a source burst 25 events about an object, then one more every 5 minutes', async () => {
    const { clock, recorder, events } = setup();
    for (let i = 1; i <= 27; i++) recorder.event(pod, 'Normal', `Reason${i}`, 'same message');
    await recorder.flush();
    expect(await events()).toHaveLength(25);
    clock.advance(299_000);
    recorder.event(pod, 'Normal', 'Late1', 'same message');
    await recorder.flush();
    expect(await events()).toHaveLength(25);
    clock.advance(1_000);
    recorder.event(pod, 'Normal', 'Late2', 'same message');
    recorder.event(pod, 'Normal', 'Late3', 'same message');
    await recorder.flush();
    expect((await events()).map((e) => e.reason)).toContain('Late2');
    expect(await events()).toHaveLength(26);
    // Warnings have a bucket of their own.
    recorder.event(pod, 'Warning', 'Other', 'same message');
    await recorder.flush();
    expect(await events()).toHaveLength(27);
  });

  it('gives up at once when the server rejects the event (client-go will not retry)', async () => {
    const { api, recorder, events, onError } = setup();
    api.faults.inject({
      verb: 'create',
      resource: 'events',
      times: 1,
      status: {
        kind: 'Status',
        apiVersion: 'v1',
        status: 'Failure',
        reason: 'InternalError',
        code: 500,
      },
    });
    recorder.event(pod, 'Normal', 'Pulled', 'lost');
    recorder.event(pod, 'Normal', 'Pulled', 'kept');
    await recorder.flush();
    expect((await events()).map((e) => e.message)).toEqual(['kept']);
    expect(onError).toHaveBeenCalledWith(
      expect.stringContaining('will not retry'),
      expect.anything(),
    );
  });

  it('retries a write that fails in transport, 12 tries at most, sleeping on the clock', async () => {
    const { api, clock, events } = setup();
    let failures = 2;
    const flaky: KubeClient = {
      ...api,
      create: (resource, obj, opts) => {
        if (failures-- > 0) return Promise.reject(new TypeError('fetch failed'));
        return api.create(resource, obj, opts);
      },
    };
    const recorder = createEventRecorder({
      client: flaky,
      clock,
      component: 'kubelet',
      random: () => 0.5,
    });
    recorder.event(pod, 'Normal', 'Pulled', 'eventually');
    await Promise.resolve();
    await vi.waitFor(() => expect(clock.nextAt()).toBe(clock.now() + 5_000), { interval: 1 }); // first sleep: random × 10 s
    clock.advance(5_000);
    await vi.waitFor(() => expect(clock.nextAt()).toBe(clock.now() + 10_000), { interval: 1 });
    clock.advance(10_000);
    await recorder.flush();
    expect((await events()).map((e) => e.message)).toEqual(['eventually']);

    const down: KubeClient = {
      ...api,
      create: () => Promise.reject(new TypeError('fetch failed')),
    };
    const onError = vi.fn();
    const doomed = createEventRecorder({ client: down, clock, component: 'kubelet', onError });
    doomed.event(pod, 'Normal', 'Pulled', 'never');
    for (let sleep = 1; sleep <= 11; sleep++) {
      await vi.waitFor(() => expect(clock.nextAt() ?? -1).toBeGreaterThanOrEqual(clock.now()), {
        interval: 1,
      });
      clock.advance(10_000);
    }
    await doomed.flush();
    expect(onError).toHaveBeenLastCalledWith(expect.stringContaining('retry limit exceeded'));
    expect(onError.mock.calls.filter(([m]) => String(m).includes('may retry'))).toHaveLength(12);
  });

  it('never throws into the caller, and reports what it drops', async () => {
    const broken: KubeClient = {
      create: () => {
        throw new Error('boom');
      },
    } as unknown as KubeClient;
    const { clock } = makeServer();
    const onError = vi.fn();
    const recorder = createEventRecorder({ client: broken, clock, component: 'kubelet', onError });
    expect(() => recorder.event(pod, 'Normal', 'Pulled', 'x')).not.toThrow();
    expect(() => recorder.event(pod, 'Info' as unknown as 'Normal', 'Pulled', 'x')).not.toThrow();
    expect(onError).toHaveBeenCalledWith("Unsupported event type: 'Info'");
    recorder.event({ metadata: { name: 'thing' } }, 'Normal', 'X', 'y');
    expect(onError).toHaveBeenLastCalledWith(expect.stringContaining('the object has no kind'));
    recorder.shutdown();
  });

  it('recognises a pod handed out by a list, which carries no kind', async () => {
    const { recorder, events } = setup();
    recorder.event(
      { metadata: pod.metadata, spec: { containers: [] } } as never,
      'Normal',
      'Scheduled',
      'x',
    );
    await recorder.flush();
    expect((await events())[0]!.involvedObject).toMatchObject({ kind: 'Pod', apiVersion: 'v1' });
  });

  it('drops events past 1,000 waiting to be written', async () => {
    const { recorder, events, onError } = setup();
    for (let i = 0; i < 1001; i++) {
      recorder.event({ ...pod, metadata: { ...pod.metadata, name: `p${i}` } }, 'Normal', 'X', 'y');
    }
    expect(onError).toHaveBeenCalledWith(expect.stringContaining('too many queued events'));
    await recorder.flush();
    expect(await events()).toHaveLength(1000);
  });

  it('names the event with a uuid when <name>.<nanos> is not a valid name', async () => {
    const { recorder, events } = setup();
    const long = 'a'.repeat(250);
    recorder.event({ kind: 'Pod', namespace: 'default', name: long }, 'Normal', 'X', 'y');
    await recorder.flush();
    const [e] = await events();
    expect(e!.metadata!.name).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
  });

  it('stops writing after shutdown', async () => {
    const { recorder, events } = setup();
    recorder.event(pod, 'Normal', 'X', 'y');
    recorder.shutdown();
    recorder.event(pod, 'Normal', 'Z', 'y');
    await recorder.flush();
    await Promise.resolve();
    expect(await events()).toEqual([]);
  });
});
