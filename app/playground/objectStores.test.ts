import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createApiServer } from '../../src/fake-apiserver/index.ts';
import type { KubeClient } from '../../src/kube/client.ts';
import type { Event, Pod } from '../../src/kube/types.ts';
import { VirtualClock } from '../../src/kube/virtualClock.ts';
import { objectStore } from './objectStores.ts';

let frames: FrameRequestCallback[] = [];
beforeEach(() => {
  frames = [];
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
  vi.stubGlobal('requestAnimationFrame', (cb: FrameRequestCallback) => frames.push(cb));
  vi.stubGlobal('cancelAnimationFrame', (id: number) => {
    frames[id - 1] = () => {};
  });
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

/**
 * Lets watch deliveries land and `ms` pass (a quiet second unless told), then runs the animation
 * frames they asked for.
 */
async function nextFrame(ms = 1000): Promise<void> {
  await vi.advanceTimersByTimeAsync(ms);
  const due = frames;
  frames = [];
  for (const cb of due) cb(performance.now());
}

const pod = (name: string, namespace = 'default'): Pod => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace },
  spec: { containers: [{ name: 'app', image: 'hello:v1' }] },
});

const event = (name: string, involved: string): Event => ({
  apiVersion: 'v1',
  kind: 'Event',
  metadata: { name, namespace: 'default' },
  involvedObject: { kind: 'Pod', name: involved, namespace: 'default' },
  reason: 'Pulled',
  message: 'm',
});

function server(): KubeClient {
  return createApiServer({ clock: new VirtualClock() });
}

/** A server and its shared pods list, watched, its first frame run. */
async function watchedPods() {
  const api = server();
  const store = objectStore(api, 'pods');
  const stop = store.subscribe(() => {});
  await nextFrame();
  return { api, store, stop };
}

const names = (xs: { metadata?: { namespace?: string; name?: string } }[]) =>
  xs.map((x) => `${x.metadata?.namespace}/${x.metadata?.name}`);

describe('objectStore', () => {
  it('gives every component asking for the same list one store, and one watch', async () => {
    const api = server();
    const watch = vi.spyOn(api, 'watch');
    const a = objectStore(api, 'pods');
    const b = objectStore(api, 'pods');
    expect(b).toBe(a);
    expect(objectStore(api, 'pods', { namespace: 'default' })).not.toBe(a);
    const seenA = vi.fn();
    const seenB = vi.fn();
    const stopA = a.subscribe(seenA);
    const stopB = b.subscribe(seenB);
    await nextFrame();
    await api.create('pods', pod('b'));
    await api.create('pods', pod('a'));
    await api.create('pods', pod('c', 'kube-system'));
    await nextFrame();
    expect(watch).toHaveBeenCalledTimes(1);
    expect(names(a.get())).toEqual(['default/a', 'default/b', 'kube-system/c']);
    // Three changes in one frame: one notification each.
    expect(seenA).toHaveBeenCalledTimes(2);
    expect(seenB).toHaveBeenCalledTimes(2);
    stopA();
    stopB();
  });

  it('lists only what a field selector picks', async () => {
    const api = server();
    await api.create('events', event('e1', 'hello'));
    await api.create('events', event('e2', 'other'));
    const store = objectStore(api, 'events', {
      namespace: 'default',
      fieldSelector: 'involvedObject.kind=Pod,involvedObject.name=hello',
    });
    const stop = store.subscribe(() => {});
    await nextFrame();
    await api.create('events', event('e3', 'hello'));
    await api.create('events', event('e4', 'other'));
    await nextFrame();
    expect(names(store.get())).toEqual(['default/e1', 'default/e3']);
    stop();
  });

  it('stops watching when the last component leaves, and a new one starts afresh', async () => {
    const api = server();
    const store = objectStore(api, 'pods');
    const listener = vi.fn();
    const stop = store.subscribe(listener);
    await nextFrame();
    stop();
    listener.mockClear();
    await api.create('pods', pod('late'));
    await nextFrame();
    expect(listener).not.toHaveBeenCalled();
    const again = objectStore(api, 'pods');
    expect(again).not.toBe(store);
    const stopAgain = again.subscribe(() => {});
    await nextFrame();
    expect(names(again.get())).toEqual(['default/late']);
    stopAgain();
  });

  it('watches again when a component subscribes to a store it kept (React remounting)', async () => {
    const api = server();
    const store = objectStore(api, 'pods');
    store.subscribe(() => {})();
    const listener = vi.fn();
    const stop = store.subscribe(listener);
    await nextFrame();
    await api.create('pods', pod('after'));
    await nextFrame();
    expect(names(store.get())).toEqual(['default/after']);
    expect(listener).toHaveBeenCalled();
    // It is the shared one again.
    expect(objectStore(api, 'pods')).toBe(store);
    stop();
  });

  it('keeps the list in order through a frame that adds and deletes, even the same object', async () => {
    const { api, store, stop } = await watchedPods();
    for (const n of ['m', 'c', 'x']) await api.create('pods', pod(n));
    await nextFrame();
    expect(names(store.get())).toEqual(['default/c', 'default/m', 'default/x']);
    // In one frame: one added and gone, one gone and back, one new, one only changed.
    await api.create('pods', pod('a'));
    await api.delete('pods', 'a', { namespace: 'default', gracePeriodSeconds: 0 });
    await api.delete('pods', 'm', { namespace: 'default', gracePeriodSeconds: 0 });
    await api.create('pods', {
      ...pod('m'),
      metadata: { ...pod('m').metadata, labels: { v: '2' } },
    });
    await api.create('pods', pod('d'));
    await api.patch(
      'pods',
      'x',
      'merge',
      { metadata: { labels: { v: '3' } } },
      { namespace: 'default' },
    );
    await nextFrame();
    expect(names(store.get())).toEqual(['default/c', 'default/d', 'default/m', 'default/x']);
    expect(store.get().map((p) => p.metadata?.labels?.v)).toEqual([undefined, undefined, '2', '3']);
    stop();
  });

  it('always lists what the server holds, sorted by namespace and name (random changes)', async () => {
    const { api, store, stop } = await watchedPods();
    let seed = 7;
    const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    for (let frame = 0; frame < 40; frame++) {
      for (let i = rand(6); i >= 0; i--) {
        const name = `p${rand(30)}`;
        const namespace = rand(3) === 0 ? 'kube-system' : 'default';
        const exists = (await api.list('pods', { namespace })).items.some(
          (p) => p.metadata?.name === name,
        );
        if (!exists) await api.create('pods', pod(name, namespace));
        else if (rand(2) === 0)
          await api.delete('pods', name, { namespace, gracePeriodSeconds: 0 });
        else
          await api.patch(
            'pods',
            name,
            'merge',
            { metadata: { labels: { f: `${frame}` } } },
            { namespace },
          );
      }
      await nextFrame();
      const held = (await api.list('pods')).items;
      const byName = (p: Pod) => `${names([p])[0]} ${p.metadata?.labels?.f ?? '-'}`;
      expect(store.get().map(byName)).toEqual(held.map(byName).sort());
    }
    stop();
  });

  it('gives a frame that only changes objects a new list, the changed ones in their places', async () => {
    const { api, store, stop } = await watchedPods();
    for (const n of ['a', 'b', 'c', 'd']) await api.create('pods', pod(n));
    await nextFrame();
    const before = store.get();
    const patch = (name: string, v: string) =>
      api.patch('pods', name, 'merge', { metadata: { labels: { v } } }, { namespace: 'default' });
    await patch('b', '1');
    await patch('d', '2');
    await nextFrame();
    const after = store.get();
    expect(after).not.toBe(before);
    expect(after.map((p) => p.metadata?.labels?.v)).toEqual([undefined, '1', undefined, '2']);
    expect(after[0]).toBe(before[0]);
    expect(after[2]).toBe(before[2]);
    expect(store.find('default/b')).toBe(after[1]);
    expect(store.find('default/zz')).toBeUndefined();
    stop();
  });

  it('shows a list that keeps changing every 100 ms, and a change after a quiet moment at once', async () => {
    const { api, store, stop } = await watchedPods();
    const seen = vi.fn();
    const stopSeen = store.subscribe(seen);
    await nextFrame();
    await api.create('pods', pod('a'));
    // After a quiet second: at the next frame.
    await nextFrame(0);
    expect(names(store.get())).toEqual(['default/a']);
    expect(seen).toHaveBeenCalledTimes(1);
    // Changes in the next frames wait for 100 ms since the list was last shown.
    await api.create('pods', pod('b'));
    await nextFrame(16);
    await api.create('pods', pod('c'));
    await nextFrame(16);
    expect(names(store.get())).toEqual(['default/a']);
    expect(seen).toHaveBeenCalledTimes(1);
    await nextFrame(68);
    expect(names(store.get())).toEqual(['default/a', 'default/b', 'default/c']);
    expect(seen).toHaveBeenCalledTimes(2);
    // Leaving cancels a show that was waiting.
    await api.create('pods', pod('d'));
    await nextFrame(16);
    stopSeen();
    stop();
    await nextFrame();
    expect(seen).toHaveBeenCalledTimes(2);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("ignores a stopped informer's list that lands after a new one started", async () => {
    const api = server();
    await api.create('pods', pod('gone'));
    await api.create('pods', pod('kept'));
    const store = objectStore(api, 'pods');
    // In one task: a component comes and goes (its informer lists both pods), a pod is deleted,
    // and another component comes (its informer lists one). The first list lands last.
    store.subscribe(() => {})();
    void api.delete('pods', 'gone', { namespace: 'default', gracePeriodSeconds: 0 });
    const stop = store.subscribe(() => {});
    await nextFrame();
    expect(names(store.get())).toEqual(['default/kept']);
    stop();
  });
});
