import { describe, expect, it } from 'vitest';
import type { ConfigMap, WatchEvent } from '../kube/types.ts';
import { createApiServer } from './server.ts';
import { flush, makeConfigMap, makePod, makeServer } from './testing/fixtures.ts';
import { VirtualClock } from '../kube/virtualClock.ts';

/** A snapshot as the app stores it: through JSON, so nothing shared survives. */
const viaJson = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

describe('snapshot and restore', () => {
  it('brings back every object with its resourceVersion, and the revision counter', async () => {
    const { api, clock } = makeServer();
    await api.create('configmaps', makeConfigMap('cfg', { a: '1' }));
    const pod = await api.create('pods', makePod('web'));
    await api.create('namespaces', {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: 'team' },
    });
    const snap = viaJson(api.snapshot());
    expect(snap.resourceVersion).toBe(api.resourceVersion());

    const restored = createApiServer({ clock, restore: snap });
    expect(restored.resourceVersion()).toBe(api.resourceVersion());
    expect(await restored.get('pods', 'web', { namespace: 'default' })).toEqual(pod);
    expect((await restored.list('namespaces')).items.map((n) => n.metadata?.name)).toContain(
      'team',
    );
    // The default service account of the new namespace came back too (not created twice).
    expect(await restored.get('serviceaccounts', 'default', { namespace: 'team' })).toEqual(
      await api.get('serviceaccounts', 'default', { namespace: 'team' }),
    );
    // The counter goes on from where it was: no resourceVersion is handed out twice.
    const next = await restored.create('configmaps', makeConfigMap('later'));
    expect(Number(next.metadata?.resourceVersion)).toBe(Number(snap.resourceVersion) + 1);
  });

  it('keeps optimistic concurrency: a write with the pre-reload resourceVersion still works, a stale one gets 409', async () => {
    const { api, clock } = makeServer();
    const cm = await api.create('configmaps', makeConfigMap('cfg', { a: '1' }));
    const restored = createApiServer({ clock, restore: viaJson(api.snapshot()) });
    const updated = await restored.update('configmaps', { ...cm, data: { a: '2' } });
    await expect(restored.update('configmaps', { ...cm, data: { a: '3' } })).rejects.toMatchObject({
      status: { code: 409, reason: 'Conflict' },
    });
    expect(updated.data).toEqual({ a: '2' });
  });

  it('replays current objects to a new watch, and sends 410 to one resuming from before the reload', async () => {
    const { api, clock } = makeServer();
    await api.create('configmaps', makeConfigMap('a'));
    const before = api.resourceVersion();
    await api.create('configmaps', makeConfigMap('b'));
    const restored = createApiServer({ clock, restore: viaJson(api.snapshot()) });

    const fresh: WatchEvent<ConfigMap>[] = [];
    const w1 = restored.watch('configmaps', { namespace: 'default' }, (e) => fresh.push(e));
    await flush();
    w1.stop();
    expect(fresh.map((e) => `${e.type} ${e.object.metadata?.name}`)).toEqual([
      'ADDED a',
      'ADDED b',
      'ADDED kube-root-ca.crt',
    ]);

    const old: WatchEvent<ConfigMap>[] = [];
    const w2 = restored.watch(
      'configmaps',
      { namespace: 'default', resourceVersion: before },
      (e) => old.push(e),
    );
    await w2.done;
    expect(old).toMatchObject([{ type: 'ERROR', object: { code: 410, reason: 'Expired' } }]);

    // From the snapshot's own revision on, a watch sees what comes next.
    const live: WatchEvent<ConfigMap>[] = [];
    restored.watch(
      'configmaps',
      { namespace: 'default', resourceVersion: restored.resourceVersion() },
      (e) => live.push(e),
    );
    await restored.create('configmaps', makeConfigMap('c'));
    await flush();
    expect(live.map((e) => `${e.type} ${e.object.metadata?.name}`)).toEqual(['ADDED c']);
  });

  it('lets restored events run out their TTL from their last timestamp', async () => {
    const clock = new VirtualClock(Date.parse('2026-01-01T12:00:00Z'));
    const api = createApiServer({ clock, eventTTLSeconds: 60 });
    await api.create('events', {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name: 'web.1', namespace: 'default' },
      involvedObject: { kind: 'Pod', name: 'web', namespace: 'default' },
      reason: 'Started',
      message: 'Started container app',
      type: 'Normal',
      firstTimestamp: '2026-01-01T12:00:00Z',
      lastTimestamp: '2026-01-01T12:00:00Z',
      count: 1,
    });
    const restored = createApiServer({
      clock,
      restore: viaJson(api.snapshot()),
      eventTTLSeconds: 60,
    });
    clock.advance(30_000);
    expect((await restored.list('events', { namespace: 'default' })).items).toHaveLength(1);
    clock.advance(31_000);
    expect((await restored.list('events', { namespace: 'default' })).items).toHaveLength(0);
  });

  it('refuses a snapshot it cannot trust, saying what is wrong', () => {
    const clock = new VirtualClock();
    expect(() =>
      createApiServer({ clock, restore: { resourceVersion: 'x', resources: {} } }),
    ).toThrow('snapshot resourceVersion is not a revision: x');
    expect(() =>
      createApiServer({
        clock,
        restore: { resourceVersion: '3', resources: { widgets: [] } as never },
      }),
    ).toThrow('snapshot holds unknown resource widgets');
    expect(() =>
      createApiServer({
        clock,
        restore: {
          resourceVersion: '3',
          resources: {
            configmaps: [
              {
                ...makeConfigMap('a'),
                metadata: { name: 'a', namespace: 'default', resourceVersion: '9' },
              },
            ],
          },
        },
      }),
    ).toThrow('snapshot configmaps default/a is newer (9) than the snapshot (3)');
  });
});
