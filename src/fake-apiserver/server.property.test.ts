/**
 * Property tests: random create/update/patch/delete sequences from several clients, with watchers
 * started at random resourceVersions, must keep the API server's promises.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../kube/client.ts';
import type { ConfigMap, WatchEvent } from '../kube/types.ts';
import { passthroughAdmission } from './admission.ts';
import { flush, makeServer } from './testing/fixtures.ts';

const NAMES = ['a', 'b', 'c'];
const NAMESPACES = ['default', 'kube-public'];

type Op =
  | { kind: 'create'; client: number; ns: string; name: string; value: string }
  | { kind: 'update'; client: number; ns: string; name: string; value: string; stale: boolean }
  | {
      kind: 'patch';
      client: number;
      ns: string;
      name: string;
      value: string;
      type: 'merge' | 'json' | 'strategic';
    }
  | { kind: 'delete'; client: number; ns: string; name: string }
  | { kind: 'watch'; fromIndex: number }
  | { kind: 'mutateCopy'; ns: string; name: string };

const target = { ns: fc.constantFrom(...NAMESPACES), name: fc.constantFrom(...NAMES) };
const client = fc.integer({ min: 0, max: 2 });
const value = fc.constantFrom('x', 'y', 'z');
const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('create' as const), client, ...target, value }),
  fc.record({
    kind: fc.constant('update' as const),
    client,
    ...target,
    value,
    stale: fc.boolean(),
  }),
  fc.record({
    kind: fc.constant('patch' as const),
    client,
    ...target,
    value,
    type: fc.constantFrom('merge' as const, 'json' as const, 'strategic' as const),
  }),
  fc.record({ kind: fc.constant('delete' as const), client, ...target }),
  fc.record({ kind: fc.constant('watch' as const), fromIndex: fc.nat() }),
  fc.record({ kind: fc.constant('mutateCopy' as const), ...target }),
);

interface Change {
  type: 'ADDED' | 'MODIFIED' | 'DELETED';
  key: string;
  rv: number;
}

const keyOf = (o: { metadata?: { namespace?: string; name?: string } }) =>
  `${o.metadata?.namespace}/${o.metadata?.name}`;

describe('API server properties', () => {
  it('keeps resourceVersions increasing, watches exact and ordered, replays faithful, copies independent', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { minLength: 1, maxLength: 60 }), async (ops) => {
        const { api } = makeServer({ admission: passthroughAdmission });
        const clients = [api.client('c0'), api.client('c1'), api.client('c2')];
        const startRv = Number(api.resourceVersion());
        const truth: Change[] = [];
        const rvsSoFar = [startRv];
        const watchers: { from: number; seen: Change[] }[] = [];
        const stale = new Map<string, ConfigMap>();
        let lastRv = startRv;
        const written = (type: Change['type'], obj: ConfigMap) => {
          const rv = Number(obj.metadata?.resourceVersion);
          expect(rv).toBeGreaterThan(lastRv); // strictly increasing, across every client
          lastRv = rv;
          truth.push({ type, key: keyOf(obj), rv });
          rvsSoFar.push(rv);
        };

        for (const op of ops) {
          try {
            switch (op.kind) {
              case 'create': {
                const obj = await clients[op.client]!.create('configmaps', {
                  metadata: { name: op.name, namespace: op.ns },
                  data: { v: op.value },
                });
                stale.set(keyOf(obj), obj);
                written('ADDED', obj);
                break;
              }
              case 'update': {
                const base = op.stale
                  ? stale.get(`${op.ns}/${op.name}`)
                  : await api.get('configmaps', op.name, { namespace: op.ns });
                if (!base) break;
                const before = await api.get('configmaps', op.name, { namespace: op.ns });
                const obj = await clients[op.client]!.update('configmaps', {
                  ...base,
                  data: { v: op.value },
                });
                if (obj.metadata?.resourceVersion !== before.metadata?.resourceVersion)
                  written('MODIFIED', obj);
                break;
              }
              case 'patch': {
                const before = await api.get('configmaps', op.name, { namespace: op.ns });
                const body =
                  op.type === 'json'
                    ? [{ op: 'add', path: '/data/v', value: op.value }]
                    : { data: { v: op.value } };
                const obj = await clients[op.client]!.patch('configmaps', op.name, op.type, body, {
                  namespace: op.ns,
                });
                if (obj.metadata?.resourceVersion !== before.metadata?.resourceVersion)
                  written('MODIFIED', obj);
                break;
              }
              case 'delete': {
                const obj = await clients[op.client]!.delete('configmaps', op.name, {
                  namespace: op.ns,
                });
                written('DELETED', obj);
                break;
              }
              case 'watch': {
                const from = rvsSoFar[op.fromIndex % rvsSoFar.length]!;
                const w = { from, seen: [] as Change[] };
                watchers.push(w);
                api.watch(
                  'configmaps',
                  { resourceVersion: String(from) },
                  (e: WatchEvent<ConfigMap>) => {
                    if (
                      NAMESPACES.includes(e.object.metadata?.namespace ?? '') &&
                      NAMES.includes(e.object.metadata?.name ?? '')
                    ) {
                      w.seen.push({
                        type: e.type as Change['type'],
                        key: keyOf(e.object),
                        rv: Number(e.object.metadata?.resourceVersion),
                      });
                    }
                  },
                );
                break;
              }
              case 'mutateCopy': {
                const got = await api.get('configmaps', op.name, { namespace: op.ns });
                const before = JSON.stringify(got);
                got.data = { v: 'mutated' };
                got.metadata!.labels = { mutated: 'yes' };
                expect(
                  JSON.stringify(await api.get('configmaps', op.name, { namespace: op.ns })),
                ).toBe(before);
                break;
              }
            }
          } catch (e) {
            if (!(e instanceof ApiError) || ![404, 409].includes(e.code)) throw e;
          }
        }
        await flush();

        for (const w of watchers) {
          expect(w.seen).toEqual(truth.filter((c) => c.rv > w.from));
        }

        const replay: Change[] = [];
        const w0 = api.watch('configmaps', { resourceVersion: '0' }, (e) => {
          replay.push({
            type: e.type as Change['type'],
            key: keyOf(e.object),
            rv: Number(e.object.metadata?.resourceVersion),
          });
        });
        await flush();
        w0.stop();
        const list = await api.list('configmaps');
        expect(replay.every((c) => c.type === 'ADDED')).toBe(true);
        expect(replay.map((c) => `${c.key}@${c.rv}`)).toEqual(
          list.items.map((o) => `${keyOf(o)}@${o.metadata?.resourceVersion}`),
        );
      }),
      { numRuns: 150 },
    );
  });
});
