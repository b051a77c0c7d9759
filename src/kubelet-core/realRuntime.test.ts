/**
 * The kubelet core with the real WASI runtime under Node: real modules in worker_threads, on the
 * wall clock. The golden scenarios cover the rules with a fake runtime; this proves the wiring.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createApiServer } from '../fake-apiserver/index.ts';
import type { Clock } from '../kube/clock.ts';
import type { Pod } from '../kube/types.ts';
import { createNodeRuntime } from '../runtime-wasi/node/nodeRuntime.ts';
import { createMemoryStore } from '../runtime-wasi/testing/memoryStore.ts';
import { createKubelet } from './kubelet.ts';
import { applyYaml } from './testing/scenario.ts';

const wallClock: Clock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => {
    const t = setTimeout(fn, ms);
    return () => clearTimeout(t);
  },
};

const tool = fs.readFileSync(path.join(import.meta.dirname, '../runtime-wasi/testdata/tool.wasm'));
const disposers: (() => void)[] = [];
afterAll(() => disposers.forEach((d) => d()));

async function cluster() {
  const store = createMemoryStore();
  await store.add('tool', tool);
  const runtime = createNodeRuntime({ images: store, clock: wallClock, poolSize: 2 });
  await runtime.ready;
  const api = createApiServer({ clock: wallClock });
  const kubelet = createKubelet({
    nodeName: 'node-1',
    client: api.client('kubelet', { shared: true }),
    runtime,
    clock: wallClock,
    events: { event: () => {} },
  });
  await kubelet.start();
  disposers.push(
    () => kubelet.stop(),
    () => runtime.dispose(),
  );
  return { api, kubelet };
}

async function until(
  api: ReturnType<typeof createApiServer>,
  name: string,
  test: (p: Pod) => boolean,
  ms = 10_000,
): Promise<Pod> {
  const deadline = Date.now() + ms;
  for (;;) {
    const pod = await api.get('pods', name).catch(() => undefined);
    if (pod && test(pod)) return pod;
    if (Date.now() > deadline)
      throw new Error(`pod ${name} did not get there: ${JSON.stringify(pod?.status)}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('the kubelet with the real WASI runtime', () => {
  it('runs an init container that writes an emptyDir, then an app that reads it and exits 3', async () => {
    const { api, kubelet } = await cluster();
    await applyYaml(
      api,
      `apiVersion: v1
kind: Pod
metadata:
  name: real
spec:
  nodeName: node-1
  restartPolicy: Never
  volumes:
  - name: data
    emptyDir: {}
  initContainers:
  - name: setup
    image: tool:v1
    command: [tool]
    args: [write, /data/msg, hello from init]
    volumeMounts:
    - name: data
      mountPath: /data
  containers:
  - name: app
    image: tool:v1
    command: [tool]
    args: [cat, /data/msg, echo, done, exit, '3']
    volumeMounts:
    - name: data
      mountPath: /data
`,
    );
    const pod = await until(api, 'real', (p) => p.status?.phase === 'Failed');
    expect(pod.status?.containerStatuses?.[0]?.state?.terminated).toMatchObject({
      exitCode: 3,
      reason: 'Error',
    });
    expect(pod.status?.initContainerStatuses?.[0]?.state?.terminated).toMatchObject({
      exitCode: 0,
      reason: 'Completed',
    });
    expect(kubelet.logs({ namespace: 'default', pod: 'real', container: 'app' })).toBe(
      'hello from initdone\n',
    );
  });

  it('kills a sleeping module when the grace period of a delete runs out: exit 137', async () => {
    const { api } = await cluster();
    await applyYaml(
      api,
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: sleeper\nspec:\n  nodeName: node-1\n  terminationGracePeriodSeconds: 1\n  containers:\n  - name: app\n    image: tool:v1\n    command: [tool]\n    args: [echo, sleeping, sleep, "600000"]\n',
    );
    await until(api, 'sleeper', (p) => p.status?.phase === 'Running');
    const deleted: Pod[] = [];
    api.watch('pods', { resourceVersion: api.resourceVersion() }, (e) => {
      if (e.type !== 'DELETED') deleted.push(e.object as Pod);
    });
    const t0 = Date.now();
    await api.delete('pods', 'sleeper');
    await until(api, 'sleeper', () => false, 100).catch(() => undefined);
    for (let i = 0; i < 200 && (await api.get('pods', 'sleeper').catch(() => undefined)); i++)
      await new Promise((r) => setTimeout(r, 25));
    await expect(api.get('pods', 'sleeper')).rejects.toMatchObject({ code: 404 });
    // Grace 1 s, but the kubelet never gives less than 2 s.
    expect(Date.now() - t0).toBeGreaterThanOrEqual(1900);
    const last = deleted[deleted.length - 1]!;
    expect(last.status?.phase).toBe('Failed');
    expect(last.status?.containerStatuses?.[0]?.state?.terminated).toMatchObject({
      exitCode: 137,
      reason: 'Error',
    });
  });
});
