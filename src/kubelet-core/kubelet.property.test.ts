/**
 * Property test: random pods and random events (exits, deletes, config changes, clock jumps)
 * never make the kubelet take an illegal transition or write a contradictory status.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createApiServer } from '../fake-apiserver/index.ts';
import { seededRandom } from '../fake-apiserver/testing/fixtures.ts';
import type { Pod } from '../kube/types.ts';
import { VirtualClock } from '../kube/virtualClock.ts';
import { createKubelet } from './kubelet.ts';
import { FakeRuntime, type FakeImage } from './testing/FakeRuntime.ts';
import { runUntil } from './testing/scenario.ts';

const images: Record<string, FakeImage> = {
  'ok:v1': { program: async (io) => (await io.sleep(300), 0) },
  'fail:v1': { program: async (io) => (await io.sleep(700), 2) },
  'forever:v1': {
    program: async (io) => {
      for (;;) await io.sleep(5000);
    },
  },
  'trap:v1': {
    program: () => {
      throw new Error('unreachable');
    },
  },
  'oom:v1': { program: () => 0, memoryBytes: 1 << 30 },
  'broken:v1': {
    program: () => 0,
    startError: 'failed to compile module: magic header not detected',
  },
};
const imageNames = [...Object.keys(images), 'missing:v1'];

const containerArb = (prefix: string) =>
  fc.record({
    name: fc.constantFrom(`${prefix}a`, `${prefix}b`, `${prefix}c`),
    image: fc.constantFrom(...imageNames),
    usesConfig: fc.boolean(),
    limited: fc.boolean(),
  });

const podArb = fc.record({
  restartPolicy: fc.constantFrom('Always', 'OnFailure', 'Never'),
  containers: fc.uniqueArray(containerArb('c'), {
    minLength: 1,
    maxLength: 3,
    selector: (c) => c.name,
  }),
  init: fc.uniqueArray(containerArb('i'), { maxLength: 2, selector: (c) => c.name }),
  sidecar: fc.boolean(),
  activeDeadlineSeconds: fc.option(fc.integer({ min: 1, max: 60 }), { nil: undefined }),
  grace: fc.integer({ min: 0, max: 40 }),
});

const actionArb = fc.oneof(
  fc.record({ kind: fc.constant('advance' as const), ms: fc.integer({ min: 1, max: 120_000 }) }),
  fc.record({
    kind: fc.constant('delete' as const),
    pod: fc.nat(3),
    grace: fc.option(fc.integer({ min: 0, max: 30 }), { nil: undefined }),
  }),
  fc.record({ kind: fc.constant('configmap' as const), create: fc.boolean() }),
);

type PodSpec = typeof podArb extends fc.Arbitrary<infer T> ? T : never;

function toPod(name: string, p: PodSpec): Pod {
  const c = (x: { name: string; image: string; usesConfig: boolean; limited: boolean }) => ({
    name: x.name,
    image: x.image,
    ...(x.usesConfig
      ? { env: [{ name: 'V', valueFrom: { configMapKeyRef: { name: 'cfg', key: 'v' } } }] }
      : {}),
    ...(x.limited ? { resources: { limits: { memory: '64Mi' } } } : {}),
  });
  return {
    metadata: { name, namespace: 'default' },
    spec: {
      nodeName: 'node-1',
      restartPolicy: p.restartPolicy,
      terminationGracePeriodSeconds: p.grace,
      ...(p.activeDeadlineSeconds ? { activeDeadlineSeconds: p.activeDeadlineSeconds } : {}),
      initContainers: [
        ...p.init.map(c),
        ...(p.sidecar ? [{ name: 'side', image: 'forever:v1', restartPolicy: 'Always' }] : []),
      ],
      containers: p.containers.map(c),
    },
  };
}

describe('kubelet properties', () => {
  it('never moves illegally, never un-finishes a pod, never lowers a restart count', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(podArb, { minLength: 1, maxLength: 4 }),
        fc.array(actionArb, { maxLength: 12 }),
        async (pods, actions) => {
          const clock = new VirtualClock();
          const api = createApiServer({ clock, random: seededRandom(1) });
          const errors: string[] = [];
          const kubelet = createKubelet({
            nodeName: 'node-1',
            client: api.client('kubelet', { shared: true }),
            runtime: new FakeRuntime(clock, images),
            clock,
            events: { event: () => {} },
            logger: {
              info: () => {},
              warn: () => {},
              error: (m, f) => errors.push(`${m} ${JSON.stringify(f)}`),
            },
            random: seededRandom(2),
          });
          await kubelet.start();
          const finished = new Map<string, string>();
          const restarts = new Map<string, number>();
          const violations: string[] = [];
          api.watch('pods', { resourceVersion: api.resourceVersion() }, (e) => {
            const pod = e.object as Pod;
            const name = pod.metadata?.name ?? '';
            const phase = pod.status?.phase;
            if (e.type === 'DELETED') return;
            const was = finished.get(name);
            if (was && phase !== was) violations.push(`${name}: ${was} -> ${phase}`);
            if (phase === 'Succeeded' || phase === 'Failed') finished.set(name, phase);
            const sidecars = new Set(
              (pod.spec?.initContainers ?? [])
                .filter((c) => c.restartPolicy === 'Always')
                .map((c) => c.name),
            );
            for (const s of [
              ...(pod.status?.initContainerStatuses ?? []),
              ...(pod.status?.containerStatuses ?? []),
            ]) {
              const key = `${name}/${s.name}`;
              if ((restarts.get(key) ?? 0) > s.restartCount)
                violations.push(`${key}: restartCount went down`);
              restarts.set(key, s.restartCount);
              if (phase === 'Succeeded' && s.state?.running && !sidecars.has(s.name)) {
                violations.push(`${key}: running in a Succeeded pod`);
              }
            }
          });
          for (const [i, p] of pods.entries()) await api.create('pods', toPod(`p${i}`, p));
          for (const a of actions) {
            if (a.kind === 'advance') await runUntil(clock, clock.now() + a.ms);
            else if (a.kind === 'delete') {
              await api
                .delete(
                  'pods',
                  `p${a.pod}`,
                  a.grace === undefined ? {} : { gracePeriodSeconds: a.grace },
                )
                .catch(() => undefined);
            } else if (a.create) {
              await api
                .create('configmaps', {
                  metadata: { name: 'cfg', namespace: 'default' },
                  data: { v: 'x' },
                })
                .catch(() => undefined);
            } else await api.delete('configmaps', 'cfg').catch(() => undefined);
          }
          await runUntil(clock, clock.now() + 120_000);
          kubelet.stop();
          expect(errors).toEqual([]);
          expect(violations).toEqual([]);
        },
      ),
      { numRuns: 150 },
    );
  });
});
