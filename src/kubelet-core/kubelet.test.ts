import { describe, expect, it } from 'vitest';
import { createApiServer } from '../fake-apiserver/index.ts';
import { seededRandom } from '../fake-apiserver/testing/fixtures.ts';
import type { Pod } from '../kube/types.ts';
import { VirtualClock } from '../kube/virtualClock.ts';
import { createKubelet, LogError } from './kubelet.ts';
import type { EventSink } from './ports.ts';
import { FakeRuntime, type FakeImage } from './testing/FakeRuntime.ts';
import { applyYaml, runUntil, stateSummary } from './testing/scenario.ts';

const noEvents: EventSink = { event: () => {} };

async function setup(images: Record<string, FakeImage> = {}, nodeName = 'node-1') {
  const clock = new VirtualClock();
  const api = createApiServer({ clock, random: seededRandom(3) });
  const runtime = new FakeRuntime(clock, images);
  const kubelet = createKubelet({
    nodeName,
    client: api.client('kubelet', { shared: true }),
    runtime,
    clock,
    events: noEvents,
    random: seededRandom(5),
  });
  await kubelet.start();
  return { clock, api, runtime, kubelet };
}

describe('node registration', () => {
  it('registers a wasm32-wasi node as Krustlet did, tainted so only tolerating pods land', async () => {
    const { api } = await setup();
    const node = await api.get('nodes', 'node-1');
    expect(node.metadata?.labels).toMatchObject({
      'kubernetes.io/arch': 'wasm32-wasi',
      'kubernetes.io/os': 'wasm32-wasi',
      'kubernetes.io/hostname': 'node-1',
      type: 'kubelet-playground',
    });
    expect(node.spec?.taints).toEqual([
      { key: 'kubernetes.io/arch', value: 'wasm32-wasi', effect: 'NoSchedule' },
      { key: 'kubernetes.io/arch', value: 'wasm32-wasi', effect: 'NoExecute' },
    ]);
    expect(node.status?.allocatable).toMatchObject({ cpu: '4', pods: '110' });
    expect(node.status?.nodeInfo).toMatchObject({
      architecture: 'wasm-wasi',
      kubeletVersion: 'v1.33.0',
      containerRuntimeVersion: 'fake-wasi://1.0.0',
    });
    expect(node.status?.conditions?.map((c) => [c.type, c.status, c.reason])).toEqual([
      ['MemoryPressure', 'False', 'KubeletHasSufficientMemory'],
      ['DiskPressure', 'False', 'KubeletHasNoDiskPressure'],
      ['PIDPressure', 'False', 'KubeletHasSufficientPID'],
      ['Ready', 'True', 'KubeletReady'],
    ]);
  });

  it('renews its Lease every 10 seconds of the kubelet`s clock', async () => {
    const { api, clock } = await setup();
    const first = await api.get('leases', 'node-1', { namespace: 'kube-node-lease' });
    expect(first.spec).toMatchObject({
      holderIdentity: 'node-1',
      leaseDurationSeconds: 40,
      renewTime: '2026-01-01T12:00:00.000000Z',
    });
    await runUntil(clock, clock.now() + 25_000);
    const later = await api.get('leases', 'node-1', { namespace: 'kube-node-lease' });
    expect(later.spec?.renewTime).toBe('2026-01-01T12:00:20.000000Z');
  });

  it('runs several nodes against one API server, each with the pods bound to it', async () => {
    const clock = new VirtualClock();
    const api = createApiServer({ clock, random: seededRandom(3) });
    const hello: FakeImage = { program: (io) => (io.stdout('hi\n'), 0) };
    const kubelets = ['node-a', 'node-b'].map((nodeName) =>
      createKubelet({
        nodeName,
        client: api.client(`kubelet/${nodeName}`),
        runtime: new FakeRuntime(clock, { 'hello:v1': hello }),
        clock,
        events: noEvents,
      }),
    );
    await Promise.all(kubelets.map((k) => k.start()));
    for (const [name, node] of [
      ['p1', 'node-a'],
      ['p2', 'node-b'],
    ]) {
      await applyYaml(
        api,
        `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\nspec:\n  nodeName: ${node}\n  restartPolicy: Never\n  containers:\n  - name: app\n    image: hello:v1\n`,
      );
    }
    await runUntil(clock, clock.now() + 5000);
    expect(kubelets[0]!.workers().map((w) => w.name)).toEqual(['p1']);
    expect(kubelets[1]!.workers().map((w) => w.name)).toEqual(['p2']);
    expect((await api.get('pods', 'p2')).status?.phase).toBe('Succeeded');
  });
});

describe('container status as PLEG sees it', () => {
  /** Every state the status reported for the pod's one container, in order, repeats folded. */
  function statesOf(api: Awaited<ReturnType<typeof setup>>['api']): string[] {
    const seen: string[] = [];
    api.watch('pods', {}, (e) => {
      const s = (e.object as Pod).status?.containerStatuses?.[0];
      const state = s ? stateSummary(s) : 'none';
      if (seen[seen.length - 1] !== state) seen.push(state);
    });
    return seen;
  }
  const pod = (image: string) =>
    `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  nodeName: node-1\n  restartPolicy: Never\n  containers:\n  - name: app\n    image: ${image}\n`;

  it('never reports running a container that exits before PLEG relists, as the generic PLEG', async () => {
    const quick: FakeImage = { program: async (io) => (await io.sleep(300), 0) };
    const { api, clock } = await setup({ 'quick:v1': quick });
    const states = statesOf(api);
    await applyYaml(api, pod('quick:v1'));
    await runUntil(clock, clock.now() + 5000);
    expect(states).toEqual(['none', 'waiting:ContainerCreating', 'terminated:Completed(0)']);
  });

  it('reports a long-running container running once a relist has seen it, a second after its start', async () => {
    const ticker: FakeImage = { program: async (io) => (await io.sleep(60_000), 0) };
    const { api, clock } = await setup({ 'ticker:v1': ticker });
    const states = statesOf(api);
    const start = clock.now();
    await applyYaml(api, pod('ticker:v1'));
    await runUntil(clock, start + 999);
    expect(states).toEqual(['none', 'waiting:ContainerCreating']);
    // No container exists in the runtime's view yet, so no image it runs.
    const creating = (await api.get('pods', 'p')).status?.containerStatuses?.[0];
    expect(creating?.imageID).toBe('');
    await runUntil(clock, start + 1000);
    expect(states).toEqual(['none', 'waiting:ContainerCreating', 'running']);
    const status = (await api.get('pods', 'p')).status?.containerStatuses?.[0];
    // The start time is when it started, not when it was seen.
    expect(status?.state?.running?.startedAt).toBe('2026-01-01T12:00:00Z');
    expect(status?.imageID).toMatch(/^.+@sha256:[0-9a-f]{64}$/);
  });
});

describe('logs', () => {
  const crasher: FakeImage = {
    program: async (io) => {
      io.stdout('starting\n');
      io.stderr('something broke\n');
      await io.sleep(100);
      return 1;
    },
  };

  it('keeps stdout and stderr in write order, and the previous instance for --previous', async () => {
    const { api, clock, kubelet } = await setup({ 'crasher:v1': crasher });
    await applyYaml(
      api,
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  nodeName: node-1\n  restartPolicy: Always\n  containers:\n  - name: app\n    image: crasher:v1\n',
    );
    expect(() => kubelet.logs({ namespace: 'default', pod: 'web', previous: true })).toThrow(
      new LogError('previous terminated container "app" in pod "web" not found'),
    );
    await runUntil(clock, clock.now() + 3000);
    expect(kubelet.logs({ namespace: 'default', pod: 'web' })).toBe('starting\nsomething broke\n');
    expect(kubelet.logs({ namespace: 'default', pod: 'web', previous: true })).toBe(
      'starting\nsomething broke\n',
    );
    expect(kubelet.logs({ namespace: 'default', pod: 'web', timestamps: true })).toMatch(
      /^2026-01-01T12:00:0\d\.\d{9}Z starting\n2026-01-01T12:00:0\d\.\d{9}Z something broke\n$/,
    );
    expect(kubelet.logs({ namespace: 'default', pod: 'web', tailLines: 1 })).toBe(
      'something broke\n',
    );
  });

  it('answers with the kubelet`s messages for containers that have no logs yet', async () => {
    const { api, clock, kubelet } = await setup({});
    await applyYaml(
      api,
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  nodeName: node-1\n  containers:\n  - name: app\n    image: nope:v1\n  - name: other\n    image: nope:v1\n',
    );
    await runUntil(clock, clock.now() + 2000);
    expect(() => kubelet.logs({ namespace: 'default', pod: 'web' })).toThrow(
      'a container name must be specified for pod web, choose one of: [app other] or one of the init containers: []',
    );
    expect(() => kubelet.logs({ namespace: 'default', pod: 'web', container: 'app' })).toThrow(
      'container "app" in pod "web" is waiting to start: trying and failing to pull image',
    );
    expect(() => kubelet.logs({ namespace: 'default', pod: 'web', container: 'nope' })).toThrow(
      'container nope is not valid for pod web',
    );
  });

  it('follows a running container`s output until it exits', async () => {
    const ticker: FakeImage = {
      program: async (io) => {
        for (let i = 1; i <= 3; i++) {
          io.stdout(`tick ${i}\n`);
          await io.sleep(1000);
        }
        return 0;
      },
    };
    const { api, clock, kubelet } = await setup({ 'ticker:v1': ticker });
    await applyYaml(
      api,
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: t\nspec:\n  nodeName: node-1\n  restartPolicy: Never\n  containers:\n  - name: app\n    image: ticker:v1\n',
    );
    await runUntil(clock, clock.now() + 500);
    let text = '';
    let ended = false;
    kubelet.followLogs(
      { namespace: 'default', pod: 't' },
      (c) => (text += new TextDecoder().decode(c.data)),
      () => (ended = true),
    );
    expect(text).toBe('tick 1\n');
    await runUntil(clock, clock.now() + 5000);
    expect(text).toBe('tick 1\ntick 2\ntick 3\n');
    expect(ended).toBe(true);
  });
});
