import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../kube/virtualClock.ts';
import type { Pod } from '../kube/types.ts';
import { FakeRuntime } from '../kubelet-core/testing/FakeRuntime.ts';
import { flush } from '../fake-apiserver/testing/fixtures.ts';
import { createCluster } from './cluster.ts';

const pod = (name: string, tolerate: boolean): Pod => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name },
  spec: {
    restartPolicy: 'Never',
    containers: [{ name: 'main', image: 'hello' }],
    ...(tolerate
      ? {
          tolerations: [
            {
              key: 'kubernetes.io/arch',
              operator: 'Equal',
              value: 'wasm32-wasi',
              effect: 'NoSchedule',
            },
            {
              key: 'kubernetes.io/arch',
              operator: 'Equal',
              value: 'wasm32-wasi',
              effect: 'NoExecute',
            },
          ],
        }
      : {}),
  },
});

describe('createCluster', () => {
  it('schedules a pod onto its node and runs it to Succeeded, recording events', async () => {
    const clock = new VirtualClock();
    const runtime = new FakeRuntime(clock, {
      hello: { program: async (io) => (await io.sleep(100), io.stdout('hi\n'), 0) },
    });
    const seen: string[] = [];
    const cluster = createCluster({
      clock,
      runtime,
      random: () => 0.5,
      onEvent: (_i, _t, reason) => seen.push(reason),
    });
    await cluster.start();
    expect((await cluster.server.get('nodes', 'playground')).metadata?.name).toBe('playground');
    await cluster.server.create('pods', pod('hello', true));
    for (let i = 0; i < 50; i++) {
      await flush();
      clock.advance(100);
    }
    const got = await cluster.server.get('pods', 'hello');
    expect(got.spec?.nodeName).toBe('playground');
    expect(got.status?.phase).toBe('Succeeded');
    expect(seen).toContain('Scheduled');
    expect(seen).toContain('Started');
    cluster.stop();
  });

  it('leaves a pod without the wasm toleration Pending with FailedScheduling', async () => {
    const clock = new VirtualClock();
    const cluster = createCluster({
      clock,
      runtime: new FakeRuntime(clock, {}),
      random: () => 0.5,
    });
    await cluster.start();
    await cluster.server.create('pods', pod('plain', false));
    for (let i = 0; i < 10; i++) {
      await flush();
      clock.advance(100);
    }
    const got = await cluster.server.get('pods', 'plain');
    expect(got.status?.phase).toBe('Pending');
    expect(got.status?.conditions?.[0]?.reason).toBe('Unschedulable');
    cluster.stop();
  });
});
