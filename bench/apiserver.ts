/** The API server's throughput, in Node: creates, gets, status patches, watch delivery. */
import { createApiServer } from '../src/fake-apiserver/index.ts';
import { VirtualClock } from '../src/kube/virtualClock.ts';
import type { Pod } from '../src/kube/types.ts';
import { atLeast, gc, timeIt, type Result } from './harness.ts';

const pod = (name: string): Pod => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: 'default', labels: { app: 'bench' } },
  spec: {
    containers: [
      { name: 'app', image: 'hello:v1', args: ['--count', '3'], env: [{ name: 'A', value: '1' }] },
    ],
  },
});

const flush = () => new Promise<void>((r) => setImmediate(r));

export async function run(): Promise<Result[]> {
  const results: Result[] = [];
  const suite = 'apiserver';

  // Creates, gets and status patches: three rounds, each on a fresh server, and the median of
  // each figure. The machine is shared: a round that lands in one of its slow phases runs a
  // third slower across the board, and the median keeps one such round from deciding the figure.
  const rounds: { creates: number; gets: number; patches: number }[] = [];
  for (let r = 0; r < 3; r++) rounds.push(await crudRound());
  const median = (pick: (x: (typeof rounds)[number]) => number) => {
    const v = rounds.map(pick).sort((a, b) => a - b);
    return { value: v[1]!, spread: v.map((x) => Math.round(x).toLocaleString('en-US')).join(', ') };
  };
  for (const [name, key, target] of [
    ['pod creates', 'creates', 20_000],
    ['pod gets', 'gets', 200_000],
    ['status patches, 10 watchers open', 'patches', 20_000],
  ] as const) {
    const { value, spread } = median((x) => x[key]);
    results.push({
      suite,
      name: `${name} (median of 3 rounds: ${spread})`,
      value,
      unit: '/s',
      ...atLeast(value, target),
    });
  }

  for (const watchers of [1, 100]) {
    const api = createApiServer({ clock: new VirtualClock() });
    const names = Array.from({ length: 1000 }, (_, i) => `w-${i}`);
    for (const name of names) await api.create('pods', pod(name));
    let delivered = 0;
    const ws = Array.from({ length: watchers }, () =>
      api.watch(
        'pods',
        { namespace: 'default', resourceVersion: api.resourceVersion() },
        () => delivered++,
      ),
    );
    const changes = watchers === 1 ? 100_000 : 10_000;
    gc();
    const ms = await timeIt(async () => {
      for (let i = 0; i < changes; i++) {
        await api.patch(
          'pods',
          names[i % names.length]!,
          'merge',
          { status: { message: `m${i}` } },
          { subresource: 'status' },
        );
      }
      await flush();
    });
    if (delivered !== changes * watchers)
      throw new Error(`delivered ${delivered}, expected ${changes * watchers}`);
    ws.forEach((w) => w.stop());
    const perSec = (delivered / ms) * 1000;
    results.push({
      suite,
      name: `watch events delivered, ${watchers} watcher${watchers > 1 ? 's' : ''}`,
      value: perSec,
      unit: 'events/s',
      ...(watchers === 100 ? atLeast(perSec, 500_000) : {}),
    });
  }
  return results;
}

/** One round on a fresh server: 20,000 creates, 200,000 gets, 20,000 status patches. */
async function crudRound(): Promise<{ creates: number; gets: number; patches: number }> {
  const api = createApiServer({ clock: new VirtualClock() });
  const n = 20_000;
  for (let i = 0; i < 2000; i++) await api.create('pods', pod(`warm-${i}`));
  gc();
  const ms = await timeIt(async () => {
    for (let i = 0; i < n; i++) await api.create('pods', pod(`p-${i}`));
  });

  const gets = 200_000;
  gc();
  const getMs = await timeIt(async () => {
    for (let i = 0; i < gets; i++) await api.get('pods', `p-${i % n}`);
  });

  let delivered = 0;
  const watches = Array.from({ length: 10 }, () =>
    api.watch('pods', { namespace: 'default', resourceVersion: api.resourceVersion() }, () => {
      delivered++;
    }),
  );
  const patches = 20_000;
  gc();
  const patchMs = await timeIt(async () => {
    for (let i = 0; i < patches; i++) {
      await api.patch(
        'pods',
        `p-${i % n}`,
        'merge',
        { status: { phase: 'Running', message: `m${i}` } },
        { subresource: 'status' },
      );
    }
    await flush();
  });
  if (delivered !== patches * 10)
    throw new Error(`watchers saw ${delivered} events, expected ${patches * 10}`);
  watches.forEach((w) => w.stop());
  return {
    creates: (n / ms) * 1000,
    gets: (gets / getMs) * 1000,
    patches: (patches / patchMs) * 1000,
  };
}
