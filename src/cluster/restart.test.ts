/**
 * A reload of the tab is a node reboot: the API server's objects survive (etcd), the containers do
 * not. The new kubelet adopts the pods an earlier one ran and carries on as a real kubelet on
 * containerd does after a reboot: containers that were running are found exited (255, Unknown),
 * the pod sandbox is re-created (SandboxChanged), init containers run again, app containers are
 * restarted by the restart policy and each restart is counted. Timelines and logs come back.
 */
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../fake-apiserver/testing/fixtures.ts';
import type { Pod } from '../kube/types.ts';
import { VirtualClock } from '../kube/virtualClock.ts';
import { FakeRuntime, type FakeImage } from '../kubelet-core/testing/FakeRuntime.ts';
import { applyYaml, runUntil } from '../kubelet-core/testing/scenario.ts';
import { createCluster, type Cluster, type ClusterSnapshot } from './cluster.ts';

const images: Record<string, FakeImage> = {
  'crasher:v1': {
    program: async (io) => {
      await io.sleep(500);
      io.stdout('about to crash\n');
      return 1;
    },
  },
  'hello:v1': { program: (io) => (io.stdout('Hello, world!\n'), 0) },
  'init-ok:v1': { program: (io) => (io.stdout('init done\n'), 0) },
  'ticker:v1': {
    program: async (io) => {
      for (let i = 1; ; i++) {
        io.stdout(`tick ${i}\n`);
        await io.sleep(5000);
      }
    },
  },
};

const tolerations = `  tolerations:
  - {key: kubernetes.io/arch, operator: Equal, value: wasm32-wasi, effect: NoSchedule}
  - {key: kubernetes.io/arch, operator: Equal, value: wasm32-wasi, effect: NoExecute}`;

const manifest = (name: string, policy: string, containers: string, init = '') => `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
spec:
  restartPolicy: ${policy}
${tolerations}
${init ? `  initContainers:\n${init}\n` : ''}  containers:
${containers}`;

interface Booted {
  cluster: Cluster;
  events: string[];
}

async function boot(clock: VirtualClock, restore?: ClusterSnapshot): Promise<Booted> {
  const events: string[] = [];
  const cluster = createCluster({
    clock,
    runtime: new FakeRuntime(clock, images),
    random: seededRandom(restore ? 2 : 1),
    onEvent: (involved, type, reason, message) =>
      events.push(`${involved.metadata?.name} ${type} ${reason}: ${message}`),
    ...(restore ? { restore } : {}),
  });
  await cluster.start();
  return { cluster, events };
}

/** Closes the tab: keeps what the app would keep (through structured clone, as IndexedDB does). */
function reload(b: Booted): ClusterSnapshot {
  const snap = structuredClone(b.cluster.snapshot());
  b.cluster.stop();
  return snap;
}

const get = (c: Cluster, name: string) => c.server.get('pods', name) as Promise<Pod>;

describe('a reload (node reboot) in the middle of a pod`s life', () => {
  it('goes on with a crash loop: restartCount carries on, the previous log is readable, the events say why', async () => {
    const clock = new VirtualClock();
    const first = await boot(clock);
    await applyYaml(
      first.cluster.server,
      manifest('crash', 'Always', '  - {name: app, image: crasher:v1}'),
    );
    await runUntil(clock, clock.now() + 35_000);
    const before = (await get(first.cluster, 'crash')).status!.containerStatuses![0]!;
    expect(before.restartCount).toBeGreaterThanOrEqual(2);
    const restartsBefore = before.restartCount;

    const second = await boot(clock, reload(first));
    await runUntil(clock, clock.now() + 3_000);
    const after = (await get(second.cluster, 'crash')).status!.containerStatuses![0]!;
    // The kubelet's back-off lives in memory: the new one restarts at once, and counts it.
    expect(after.restartCount).toBe(restartsBefore + 1);
    expect(second.events).toContain(
      'crash Normal SandboxChanged: Pod sandbox changed, it will be killed and re-created.',
    );
    expect(second.events).toContainEqual(
      expect.stringMatching(
        /^playground Warning Rebooted: Node playground has been rebooted, boot id: /,
      ),
    );
    // The log of the run before the reload is the previous container's log now.
    expect(
      second.cluster.kubelet.logs({ namespace: 'default', pod: 'crash', previous: true }),
    ).toBe('about to crash\n');
    // The timeline from before the reload is kept, and says what happened.
    const w = second.cluster.kubelet.worker('default', 'crash')!;
    const causes = w.transitions.map((t) => t.cause);
    expect(causes).toContain('admitted by the kubelet');
    expect(causes).toContainEqual(expect.stringMatching(/^the kubelet restarted/));
  });

  it('finds a running container exited with 255 Unknown and restarts it under Always', async () => {
    const clock = new VirtualClock();
    const first = await boot(clock);
    await applyYaml(
      first.cluster.server,
      manifest('tick', 'Always', '  - {name: app, image: ticker:v1}'),
    );
    await runUntil(clock, clock.now() + 12_000);
    const startedBefore = (await get(first.cluster, 'tick')).status!.containerStatuses![0]!.state!
      .running!.startedAt;

    const second = await boot(clock, reload(first));
    await runUntil(clock, clock.now() + 3_000);
    const cs = (await get(second.cluster, 'tick')).status!.containerStatuses![0]!;
    expect(cs.restartCount).toBe(1);
    expect(cs.state?.running).toBeDefined();
    expect(cs.lastState?.terminated).toMatchObject({
      exitCode: 255,
      reason: 'Unknown',
      startedAt: startedBefore,
    });
    expect((await get(second.cluster, 'tick')).status!.phase).toBe('Running');
    expect(second.cluster.kubelet.logs({ namespace: 'default', pod: 'tick', previous: true })).toBe(
      'tick 1\ntick 2\ntick 3\n',
    );
    expect(second.cluster.kubelet.logs({ namespace: 'default', pod: 'tick' })).toBe('tick 1\n');
  });

  it('fails a running pod whose restartPolicy is Never: its container ended with 255 and will not be restarted', async () => {
    const clock = new VirtualClock();
    const first = await boot(clock);
    await applyYaml(
      first.cluster.server,
      manifest('once', 'Never', '  - {name: app, image: ticker:v1}'),
    );
    await runUntil(clock, clock.now() + 6_000);

    const second = await boot(clock, reload(first));
    await runUntil(clock, clock.now() + 3_000);
    const p = await get(second.cluster, 'once');
    expect(p.status?.phase).toBe('Failed');
    expect(p.status?.containerStatuses?.[0]).toMatchObject({
      restartCount: 0,
      state: { terminated: { exitCode: 255, reason: 'Unknown' } },
    });
    expect(second.events.filter((e) => e.startsWith('once '))).not.toContainEqual(
      expect.stringContaining('SandboxChanged'),
    );
    expect(second.cluster.kubelet.logs({ namespace: 'default', pod: 'once' })).toBe(
      'tick 1\ntick 2\n',
    );
  });

  it('leaves a finished pod exactly as it was: no write, its logs still there', async () => {
    const clock = new VirtualClock();
    const first = await boot(clock);
    await applyYaml(
      first.cluster.server,
      manifest('done', 'Never', '  - {name: app, image: hello:v1}'),
    );
    await runUntil(clock, clock.now() + 5_000);
    const before = await get(first.cluster, 'done');
    expect(before.status?.phase).toBe('Succeeded');
    // Its sandbox went when its last container stopped.
    expect(
      before.status?.conditions?.find((c) => c.type === 'PodReadyToStartContainers'),
    ).toMatchObject({
      status: 'False',
    });

    const second = await boot(clock, reload(first));
    await runUntil(clock, clock.now() + 5_000);
    const after = await get(second.cluster, 'done');
    expect(after).toEqual(before);
    expect(second.cluster.kubelet.logs({ namespace: 'default', pod: 'done' })).toBe(
      'Hello, world!\n',
    );
    expect(second.cluster.kubelet.worker('default', 'done')?.state).toBe('Succeeded');
  });

  it('re-runs the init containers in the new sandbox before restarting the app container', async () => {
    const clock = new VirtualClock();
    const first = await boot(clock);
    await applyYaml(
      first.cluster.server,
      manifest(
        'init',
        'Always',
        '  - {name: app, image: ticker:v1}',
        '  - {name: setup, image: init-ok:v1}',
      ),
    );
    await runUntil(clock, clock.now() + 6_000);
    expect((await get(first.cluster, 'init')).status?.phase).toBe('Running');

    const second = await boot(clock, reload(first));
    await runUntil(clock, clock.now() + 3_000);
    const s = (await get(second.cluster, 'init')).status!;
    expect(s.initContainerStatuses?.[0]).toMatchObject({
      restartCount: 1,
      state: { terminated: { exitCode: 0, reason: 'Completed' } },
    });
    expect(s.containerStatuses?.[0]).toMatchObject({
      restartCount: 1,
      lastState: { terminated: { exitCode: 255, reason: 'Unknown' } },
    });
    expect(s.containerStatuses?.[0]?.state?.running).toBeDefined();
    const started = second.events.filter((e) => e.includes(' Started: '));
    expect(started).toEqual([
      'init Normal Started: Started container setup',
      'init Normal Started: Started container app',
    ]);
  });
});
