import { describe, expect, it } from 'vitest';
import { createApiServer, type ApiServer } from '../fake-apiserver/index.ts';
import { seededRandom } from '../fake-apiserver/testing/fixtures.ts';
import type { Pod } from '../kube/types.ts';
import { createEventRecorder, type EventRecorder } from '../kube/eventRecorder.ts';
import { formatTime } from '../kube/time.ts';
import { VirtualClock } from '../kube/virtualClock.ts';
import { createKubelet, LogError, type KubeletOptions } from './kubelet.ts';
import type { EventSink } from './ports.ts';
import { FakeRuntime, type FakeImage } from './testing/FakeRuntime.ts';
import { applyYaml, runUntil, stateSummary } from './testing/scenario.ts';

const noEvents: EventSink = { event: () => {} };

/** Pod `p` on node-1, restartPolicy Never, one container `app` running `image`. */
const pod = (image: string) =>
  `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  nodeName: node-1\n  restartPolicy: Never\n  containers:\n  - name: app\n    image: ${image}\n`;

/**
 * A kubelet on a fake runtime; `events` makes its event sink (none by default); `options` replace
 * the kubelet's seeded random source or add a logger.
 */
async function setup(
  images: Record<string, FakeImage> = {},
  nodeName = 'node-1',
  events: (api: ApiServer, clock: VirtualClock) => EventSink = () => noEvents,
  options: Pick<KubeletOptions, 'random' | 'logger'> = {},
) {
  const clock = new VirtualClock();
  const api = createApiServer({ clock, random: seededRandom(3) });
  const runtime = new FakeRuntime(clock, images);
  const kubelet = createKubelet({
    nodeName,
    client: api.client('kubelet', { shared: true }),
    runtime,
    clock,
    events: events(api, clock),
    random: seededRandom(5),
    ...options,
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

  it('reports the sandbox ready to start containers once a relist has seen it', async () => {
    const ticker: FakeImage = { program: async (io) => (await io.sleep(60_000), 0) };
    const { api, clock } = await setup({ 'ticker:v1': ticker });
    const seen: string[] = [];
    api.watch('pods', {}, (e) => {
      const c = (e.object as Pod).status?.conditions?.find(
        (x) => x.type === 'PodReadyToStartContainers',
      );
      if (c && seen[seen.length - 1] !== c.status) seen.push(c.status);
    });
    const start = clock.now();
    await applyYaml(api, pod('ticker:v1'));
    // The first status is generated before the sandbox exists.
    await runUntil(clock, start + 999);
    expect(seen).toEqual(['False']);
    await runUntil(clock, start + 1000);
    expect(seen).toEqual(['False', 'True']);
  });
});

describe('terminal phases as the status manager writes them', () => {
  const ticker: FakeImage = { program: async (io) => (await io.sleep(600_000), 0) };
  const crasher: FakeImage = { program: () => 1 };
  const hello: FakeImage = { program: () => 0 };
  const images = { 'ticker:v1': ticker, 'crasher:v1': crasher, 'hello:v1': hello };
  const podYaml = (spec: string) =>
    `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  nodeName: node-1\n${spec}`;
  const conditionOf = (pod: Pod, type: string) =>
    pod.status?.conditions?.find((c) => c.type === type);
  /** A ticker past its 10 s activeDeadlineSeconds, stopped at the end of a 5 s grace period. */
  const pastDeadline = podYaml(
    '  activeDeadlineSeconds: 10\n  terminationGracePeriodSeconds: 5\n  containers:\n  - name: app\n    image: ticker:v1\n',
  );

  it('holds back Failed while a deadline-exceeded pod`s containers are still stopping', async () => {
    const { api, clock } = await setup(images);
    const start = clock.now();
    await applyYaml(api, pastDeadline);
    await runUntil(clock, start + 12_000);
    const stopping = await api.get('pods', 'p');
    // mergePodStatus keeps the phase (and no reason) while a container could run; the
    // conditions already follow the Failed phase the kubelet computed.
    expect(stopping.status?.phase).toBe('Running');
    expect(stopping.status?.reason).toBeUndefined();
    expect(conditionOf(stopping, 'Ready')).toMatchObject({ status: 'False', reason: 'PodFailed' });
    expect(stopping.status?.containerStatuses?.[0]?.state?.running).toBeDefined();
    await runUntil(clock, start + 16_000);
    const stopped = await api.get('pods', 'p');
    expect(stopped.status).toMatchObject({ phase: 'Failed', reason: 'DeadlineExceeded' });
    expect(stopped.status?.containerStatuses?.[0]?.state?.terminated?.exitCode).toBe(137);
  });

  it('counts DeadlineExceeded once per status the kubelet generates past the deadline', async () => {
    let recorder!: EventRecorder;
    const { api, clock } = await setup(images, 'node-1', (server, clk) => {
      recorder = createEventRecorder({
        client: server.client('kubelet', { shared: true }),
        clock: clk,
        component: 'kubelet',
        host: 'node-1',
      });
      return recorder;
    });
    const start = clock.now();
    await applyYaml(api, pastDeadline);
    await runUntil(clock, start + 20_000);
    await recorder.flush();
    const [event] = (await api.list('events', { namespace: 'default' })).items.filter(
      (e) => e.reason === 'DeadlineExceeded',
    );
    // SyncPod, SyncTerminatingPod before and after the kill, and SyncTerminatedPod.
    expect(event).toMatchObject({
      count: 4,
      firstTimestamp: formatTime(start + 10_000),
      lastTimestamp: formatTime(start + 15_000),
    });
  });

  it('keeps a pod Running while its sidecar is stopped after the regular containers', async () => {
    const { api, clock } = await setup(images);
    const start = clock.now();
    await applyYaml(
      api,
      podYaml(
        '  restartPolicy: Never\n  terminationGracePeriodSeconds: 5\n  initContainers:\n  - name: side\n    image: ticker:v1\n    restartPolicy: Always\n  containers:\n  - name: app\n    image: hello:v1\n',
      ),
    );
    await runUntil(clock, start + 3000);
    const stopping = await api.get('pods', 'p');
    expect(stopping.status?.phase).toBe('Running');
    expect(stopping.status?.initContainerStatuses?.[0]?.state?.running).toBeDefined();
    expect(stopping.status?.containerStatuses?.[0]?.state?.terminated?.reason).toBe('Completed');
    await runUntil(clock, start + 10_000);
    const done = await api.get('pods', 'p');
    expect(done.status?.phase).toBe('Succeeded');
    expect(done.status?.initContainerStatuses?.[0]?.state?.terminated?.exitCode).toBe(137);
  });

  it('finishes deleting a pod the kubelet has failed whose phase was still held back', async () => {
    const { api, clock, kubelet } = await setup(images);
    const start = clock.now();
    const errors: string[] = [];
    kubelet.subscribe((w) => {
      for (const t of w.transitions)
        if (t.to === 'Terminating' && t.from === 'Failed') errors.push(t.cause);
    });
    await applyYaml(
      api,
      podYaml(
        '  restartPolicy: Never\n  terminationGracePeriodSeconds: 30\n  initContainers:\n  - name: side\n    image: ticker:v1\n    restartPolicy: Always\n  - name: setup\n    image: crasher:v1\n  containers:\n  - name: app\n    image: hello:v1\n',
      ),
    );
    await runUntil(clock, start + 5000);
    // The init container failed under Never; the sidecar is being stopped, so the phase waits.
    expect((await api.get('pods', 'p')).status?.phase).toBe('Pending');
    await api.delete('pods', 'p', { gracePeriodSeconds: 10 });
    await runUntil(clock, start + 60_000);
    await expect(api.get('pods', 'p')).rejects.toMatchObject({ code: 404 });
    expect(errors).toEqual([]);
  });
});

describe('events', () => {
  it('says how long a pull took in whole milliseconds, as the image manager truncates it', async () => {
    const messages: string[] = [];
    const { api, clock, runtime } = await setup(
      { 'hello:v1': { program: () => 0 } },
      'node-1',
      () => ({
        event: (_o, _t, reason, message) => void messages.push(`${reason}: ${message}`),
      }),
    );
    runtime.pullMs = 933.631104;
    await applyYaml(
      api,
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  nodeName: node-1\n  containers:\n  - name: app\n    image: hello:v1\n',
    );
    await runUntil(clock, clock.now() + 3000);
    expect(messages).toContain(
      'Pulled: Successfully pulled image "hello:v1" in 933ms (933ms including waiting). Image size: 1024 bytes.',
    );
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
    // validateContainerLogStatus reads the reason the status shows: ErrImagePull first...
    expect(() => kubelet.logs({ namespace: 'default', pod: 'web', container: 'app' })).toThrow(
      `container "app" in pod "web" is waiting to start: image can't be pulled`,
    );
    expect(() => kubelet.logs({ namespace: 'default', pod: 'web', container: 'nope' })).toThrow(
      'container nope is not valid for pod web',
    );
    // ...then ImagePullBackOff, from the sync after the one that found the pull backing off.
    await runUntil(clock, clock.now() + 14_500);
    const shown = (await api.get('pods', 'web')).status?.containerStatuses?.[0]?.state?.waiting;
    expect(shown?.reason).toBe('ImagePullBackOff');
    expect(() => kubelet.logs({ namespace: 'default', pod: 'web', container: 'app' })).toThrow(
      'container "app" in pod "web" is waiting to start: trying and failing to pull image',
    );
  });

  it('words a failed pull as the runtime`s gRPC answer, and the back-off says why too', async () => {
    const { api, clock } = await setup({});
    await applyYaml(
      api,
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  nodeName: node-1\n  containers:\n  - name: app\n    image: nope:v1\n',
    );
    const cri =
      'rpc error: code = NotFound desc = failed to pull and unpack image "playground.local/nope:v1": ' +
      'failed to resolve reference "playground.local/nope:v1": playground.local/nope:v1: not found';
    const waiting = async () =>
      (await api.get('pods', 'web')).status?.containerStatuses?.[0]?.state?.waiting;
    await runUntil(clock, clock.now() + 2000);
    expect(await waiting()).toEqual({ reason: 'ErrImagePull', message: cri });
    await runUntil(clock, clock.now() + 14_500);
    expect(await waiting()).toEqual({
      reason: 'ImagePullBackOff',
      message: `Back-off pulling image "nope:v1": ErrImagePull: ${cri}`,
    });
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

describe('a bug while starting a container', () => {
  it('is logged and retried as a failed sync: at the relist that sees the new sandbox, then after the jittered back-off', async () => {
    const errors: string[] = [];
    const { api, clock, runtime } = await setup(
      { 'hello:v1': { program: () => 0 } },
      'node-1',
      () => noEvents,
      // The top of wait.Jitter's range: 15 s.
      {
        random: () => 0.999,
        logger: { info: () => {}, warn: () => {}, error: (m) => errors.push(m) },
      },
    );
    const start = runtime.start.bind(runtime);
    const failedAt: number[] = [];
    runtime.start = (req) => {
      if (failedAt.length === 2) return start(req);
      failedAt.push(clock.now());
      throw new TypeError('a bug');
    };
    await applyYaml(api, pod('hello:v1'));
    await runUntil(clock, clock.now() + 5000);
    expect(errors).toEqual(['starting a container failed', 'starting a container failed']);
    // PLEG's relist sees the sandbox the first sync made, and that event syncs the pod again.
    expect(failedAt[1]! - failedAt[0]!).toBeLessThanOrEqual(2000);
    // Then nothing new to see: the worker's back-off, jittered to 15 s here (10 s without jitter).
    await runUntil(clock, failedAt[1]! + 14_000);
    expect(runtime.started).toHaveLength(0);
    await runUntil(clock, failedAt[1]! + 16_000);
    expect(runtime.started).toHaveLength(1);
    await runUntil(clock, clock.now() + 5000);
    expect((await api.get('pods', 'p')).status?.phase).toBe('Succeeded');
  });
});
