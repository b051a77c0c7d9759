import { describe, expect, it } from 'vitest';
import { ApiError } from '../kube/client.ts';
import type { Event, ObjectMeta, Pod, WatchEvent } from '../kube/types.ts';
import { passthroughAdmission } from './admission.ts';
import { flush, makeConfigMap, makeNode, makePod, makeServer } from './testing/fixtures.ts';

async function failure(p: Promise<unknown>): Promise<ApiError['status']> {
  try {
    await p;
  } catch (e) {
    if (e instanceof ApiError) return e.status;
    throw e;
  }
  throw new Error('expected the call to fail');
}

const server = () => makeServer({ admission: passthroughAdmission });

describe('a new cluster', () => {
  it('has the system namespaces, each with a default service account and the root CA config map', async () => {
    const { api } = server();
    const names = (await api.list('namespaces')).items.map((n) => n.metadata?.name);
    expect(names).toEqual(['default', 'kube-node-lease', 'kube-public', 'kube-system']);
    for (const ns of names) {
      await expect(api.get('serviceaccounts', 'default', { namespace: ns })).resolves.toBeDefined();
      await expect(
        api.get('configmaps', 'kube-root-ca.crt', { namespace: ns }),
      ).resolves.toBeDefined();
    }
  });
});

describe('create and get', () => {
  it('sets uid, creationTimestamp and a resourceVersion from the one global counter', async () => {
    const { api, clock } = server();
    const before = Number(api.resourceVersion());
    const pod = await api.create('pods', makePod('web'));
    expect(pod.metadata?.uid).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    expect(pod.metadata?.creationTimestamp).toBe('2026-01-01T12:00:00Z');
    expect(pod.metadata?.resourceVersion).toBe(String(before + 1));
    clock.advance(1500);
    const cm = await api.create('configmaps', makeConfigMap('cfg'));
    expect(cm.metadata?.resourceVersion).toBe(String(before + 2));
    expect(cm.metadata?.creationTimestamp).toBe('2026-01-01T12:00:01Z');
  });

  it('generates a name from generateName with a 5-character suffix', async () => {
    const { api } = server();
    const pod = await api.create('pods', {
      ...makePod(''),
      metadata: { generateName: 'job-', namespace: 'default' },
    });
    expect(pod.metadata?.name).toMatch(/^job-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
  });

  it('refuses a second object of the same name with 409 AlreadyExists', async () => {
    const { api } = server();
    await api.create('pods', makePod('web'));
    expect(await failure(api.create('pods', makePod('web')))).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'pods "web" already exists',
      reason: 'AlreadyExists',
      details: { name: 'web', kind: 'pods' },
      code: 409,
    });
  });

  it('answers 404 NotFound for a missing object, naming the group for non-core resources', async () => {
    const { api } = server();
    expect(await failure(api.get('pods', 'nope'))).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'pods "nope" not found',
      reason: 'NotFound',
      details: { name: 'nope', kind: 'pods' },
      code: 404,
    });
    expect((await failure(api.get('leases', 'n1', { namespace: 'kube-node-lease' }))).message).toBe(
      'leases.coordination.k8s.io "n1" not found',
    );
  });

  it('refuses objects in a namespace that does not exist', async () => {
    const { api } = server();
    const s = await failure(
      api.create('pods', makePod('web', { metadata: { name: 'web', namespace: 'nope' } })),
    );
    expect(s).toMatchObject({
      code: 404,
      reason: 'NotFound',
      message: 'namespaces "nope" not found',
    });
  });

  it('refuses a namespace in the object that differs from the request', async () => {
    const { api } = server();
    const s = await failure(api.create('pods', makePod('web'), { namespace: 'kube-system' }));
    expect(s).toMatchObject({
      code: 400,
      reason: 'BadRequest',
      message:
        'the namespace of the provided object does not match the namespace sent on the request',
    });
  });

  it('hands out copies: changing a returned object changes nothing stored', async () => {
    const { api } = server();
    const created = await api.create('configmaps', makeConfigMap('cfg', { a: '1' }));
    created.data!.a = 'changed';
    const got = await api.get('configmaps', 'cfg');
    got.data!.a = 'changed again';
    expect((await api.get('configmaps', 'cfg')).data).toEqual({ a: '1' });
  });
});

describe.each([
  ['Kubernetes admission', () => makeServer()],
  ['passthrough admission', server],
])('writes take nothing of the request (%s)', (_, make) => {
  const request = () =>
    makePod('web', {
      metadata: {
        name: 'web',
        labels: { app: 'web' },
        managedFields: [{ manager: 'me', operation: 'Apply', fieldsV1: { 'f:metadata': {} } }],
      },
    });

  it('create: the request is left as given, and changing it later changes nothing stored', async () => {
    const { api } = make();
    const body = request();
    await api.create('pods', body);
    expect(body).toEqual(request());
    body.metadata!.labels!.app = 'changed';
    body.spec!.containers[0]!.image = 'changed:v1';
    (body.metadata!.managedFields![0]!.fieldsV1 as Record<string, unknown>)['f:spec'] = {};
    const got = await api.get('pods', 'web');
    expect(got.metadata?.labels).toEqual({ app: 'web' });
    expect(got.spec?.containers[0]?.image).toBe('hello:v1');
    expect(got.metadata?.managedFields?.[0]?.fieldsV1).toEqual({ 'f:metadata': {} });
  });

  it('merge patch: neither the patch nor the stored object is written to', async () => {
    const { api } = make();
    await api.create('pods', request());
    const before = await api.get('pods', 'web');
    const patch = { metadata: { labels: { tier: 'fe' } } };
    await api.patch('pods', 'web', 'merge', patch);
    expect(patch).toEqual({ metadata: { labels: { tier: 'fe' } } });
    patch.metadata.labels.tier = 'changed';
    const after = await api.get('pods', 'web');
    expect(after.metadata?.labels).toEqual({ app: 'web', tier: 'fe' });
    expect(after.spec).toEqual(before.spec);
  });
});

describe('list', () => {
  it('filters by label selector and carries the collection resourceVersion', async () => {
    const { api } = server();
    await api.create(
      'pods',
      makePod('a', { metadata: { name: 'a', labels: { app: 'web', tier: 'fe' } } }),
    );
    await api.create(
      'pods',
      makePod('b', { metadata: { name: 'b', labels: { app: 'web', tier: 'be' } } }),
    );
    await api.create('pods', makePod('c', { metadata: { name: 'c', labels: { app: 'db' } } }));
    const names = async (labelSelector: string) =>
      (await api.list('pods', { namespace: 'default', labelSelector })).items.map(
        (p) => p.metadata?.name,
      );
    expect(await names('app=web')).toEqual(['a', 'b']);
    expect(await names('app=web,tier!=fe')).toEqual(['b']);
    expect(await names('app in (db, x)')).toEqual(['c']);
    expect(await names('tier')).toEqual(['a', 'b']);
    expect(await names('!tier')).toEqual(['c']);
    const list = await api.list('pods', { namespace: 'default' });
    expect(list.metadata.resourceVersion).toBe(api.resourceVersion());
    expect(list.kind).toBe('PodList');
    expect(list.items[0]).not.toHaveProperty('kind');
  });

  it('filters by field selector and rejects fields the resource does not support', async () => {
    const { api } = server();
    await api.create(
      'pods',
      makePod('a', { spec: { nodeName: 'n1', containers: [{ name: 'c', image: 'x' }] } }),
    );
    await api.create('pods', makePod('b'));
    const onN1 = await api.list('pods', { fieldSelector: 'spec.nodeName=n1' });
    expect(onN1.items.map((p) => p.metadata?.name)).toEqual(['a']);
    const unbound = await api.list('pods', { fieldSelector: 'spec.nodeName=' });
    expect(unbound.items.map((p) => p.metadata?.name)).toEqual(['b']);
    const s = await failure(api.list('pods', { fieldSelector: 'spec.image=x' }));
    expect(s).toMatchObject({
      code: 400,
      reason: 'BadRequest',
      message: 'field label not supported: spec.image',
    });
  });

  it('selects events by involvedObject fields', async () => {
    const { api } = server();
    const event = (name: string, pod: string): Event => ({
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name, namespace: 'default' },
      involvedObject: { kind: 'Pod', name: pod, namespace: 'default', uid: `uid-${pod}` },
      reason: 'Scheduled',
      message: 'm',
      type: 'Normal',
    });
    await api.create('events', event('e1', 'web'));
    await api.create('events', event('e2', 'db'));
    const list = await api.list('events', {
      namespace: 'default',
      fieldSelector:
        'involvedObject.name=web,involvedObject.namespace=default,involvedObject.uid=uid-web',
    });
    expect(list.items.map((e) => e.metadata?.name)).toEqual(['e1']);
  });

  it('pages with limit and continue', async () => {
    const { api } = server();
    for (const n of ['a', 'b', 'c', 'd', 'e']) await api.create('configmaps', makeConfigMap(n));
    const page1 = await api.list('configmaps', { namespace: 'default', limit: 2 });
    expect(page1.items.map((c) => c.metadata?.name)).toEqual(['a', 'b']);
    expect(page1.metadata.remainingItemCount).toBe(4);
    const page2 = await api.list('configmaps', {
      namespace: 'default',
      limit: 2,
      continue: page1.metadata.continue!,
    });
    expect(page2.items.map((c) => c.metadata?.name)).toEqual(['c', 'd']);
  });
});

describe('update', () => {
  it('refuses a stale resourceVersion with the exact 409 Conflict', async () => {
    const { api } = server();
    const cm = await api.create('configmaps', makeConfigMap('cfg', { a: '1' }));
    await api.update('configmaps', { ...cm, data: { a: '2' } });
    expect(await failure(api.update('configmaps', { ...cm, data: { a: '3' } }))).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message:
        'Operation cannot be fulfilled on configmaps "cfg": the object has been modified; please apply your changes to the latest version and try again',
      reason: 'Conflict',
      details: { name: 'cfg', kind: 'configmaps' },
      code: 409,
    });
  });

  it('writes nothing for an update that changes nothing: same resourceVersion, no watch event', async () => {
    const { api } = server();
    const cm = await api.create('configmaps', makeConfigMap('cfg', { a: '1' }));
    const events: string[] = [];
    api.watch('configmaps', { namespace: 'default', resourceVersion: api.resourceVersion() }, (e) =>
      events.push(e.type),
    );
    const same = await api.update('configmaps', cm);
    await flush();
    expect(same.metadata?.resourceVersion).toBe(cm.metadata?.resourceVersion);
    expect(events).toEqual([]);
  });

  it('writes only status through the status subresource, and never status through the main resource', async () => {
    const { api } = server();
    const pod = await api.create('pods', makePod('web'));
    const withStatus = await api.update(
      'pods',
      {
        ...pod,
        metadata: { ...pod.metadata, labels: { ignored: 'yes' } },
        status: { phase: 'Running' },
      },
      { subresource: 'status' },
    );
    expect(withStatus.status?.phase).toBe('Running');
    expect(withStatus.metadata?.labels).toBeUndefined();
    const relabelled = await api.update('pods', {
      ...withStatus,
      metadata: { ...withStatus.metadata, labels: { app: 'web' } },
      status: { phase: 'Failed' },
    });
    expect(relabelled.metadata?.labels).toEqual({ app: 'web' });
    expect(relabelled.status?.phase).toBe('Running');
  });

  it('keeps server-set metadata whatever the client sends', async () => {
    const { api } = server();
    const cm = await api.create('configmaps', makeConfigMap('cfg'));
    const updated = await api.update('configmaps', {
      ...cm,
      metadata: { ...cm.metadata, creationTimestamp: '1999-01-01T00:00:00Z' },
      data: { b: '2' },
    });
    expect(updated.metadata?.creationTimestamp).toBe(cm.metadata?.creationTimestamp);
  });
});

describe('patch', () => {
  it('applies a JSON merge patch, where null deletes', async () => {
    const { api } = server();
    await api.create('configmaps', makeConfigMap('cfg', { a: '1', b: '2' }));
    const out = await api.patch('configmaps', 'cfg', 'merge', { data: { a: null, c: '3' } });
    expect(out.data).toEqual({ b: '2', c: '3' });
  });

  it('applies a JSON patch and fails whole when an operation fails', async () => {
    const { api } = server();
    await api.create('configmaps', makeConfigMap('cfg', { a: '1' }));
    const out = await api.patch('configmaps', 'cfg', 'json', [
      { op: 'add', path: '/data/b', value: '2' },
      { op: 'replace', path: '/data/a', value: 'x' },
    ]);
    expect(out.data).toEqual({ a: 'x', b: '2' });
    const s = await failure(
      api.patch('configmaps', 'cfg', 'json', [
        { op: 'add', path: '/data/c', value: '3' },
        { op: 'test', path: '/data/a', value: 'nope' },
      ]),
    );
    expect(s.code).toBe(422);
    expect((await api.get('configmaps', 'cfg')).data).toEqual({ a: 'x', b: '2' });
  });

  it('merges containers by name and conditions by type in a strategic merge patch', async () => {
    const { api } = server();
    await api.create(
      'pods',
      makePod('web', {
        spec: {
          containers: [
            { name: 'a', image: 'a:1', env: [{ name: 'X', value: '1' }] },
            { name: 'b', image: 'b:1' },
          ],
        },
      }),
    );
    const out = await api.patch('pods', 'web', 'strategic', {
      spec: {
        containers: [
          { name: 'b', image: 'b:2' },
          { name: 'a', env: [{ name: 'Y', value: '2' }] },
        ],
      },
    });
    expect(out.spec?.containers).toEqual([
      {
        name: 'a',
        image: 'a:1',
        env: [
          { name: 'X', value: '1' },
          { name: 'Y', value: '2' },
        ],
      },
      { name: 'b', image: 'b:2' },
    ]);
    await api.patch(
      'pods',
      'web',
      'strategic',
      { status: { conditions: [{ type: 'Ready', status: 'False' }] } },
      { subresource: 'status' },
    );
    const after = await api.patch(
      'pods',
      'web',
      'strategic',
      {
        status: {
          conditions: [
            { type: 'Initialized', status: 'True' },
            { type: 'Ready', status: 'True' },
          ],
        },
      },
      { subresource: 'status' },
    );
    expect(after.status?.conditions).toEqual([
      { type: 'Ready', status: 'True' },
      { type: 'Initialized', status: 'True' },
    ]);
  });

  it('checks a resourceVersion the patch carries', async () => {
    const { api } = server();
    const cm = await api.create('configmaps', makeConfigMap('cfg'));
    await api.patch('configmaps', 'cfg', 'merge', { data: { a: '1' } });
    const s = await failure(
      api.patch('configmaps', 'cfg', 'merge', {
        metadata: { resourceVersion: cm.metadata?.resourceVersion },
        data: { a: '2' },
      }),
    );
    expect(s).toMatchObject({ code: 409, reason: 'Conflict' });
  });
});

describe('graceful deletion of pods', () => {
  const bound = (name: string, extra: Partial<Pod['spec']> = {}) =>
    makePod(name, {
      spec: { nodeName: 'n1', containers: [{ name: 'app', image: 'x' }], ...extra },
    });

  it('marks a bound pod with deletionTimestamp and keeps it until the kubelet finishes', async () => {
    const { api } = server();
    await api.create('pods', bound('web', { terminationGracePeriodSeconds: 45 }));
    const marked = await api.delete('pods', 'web');
    expect(marked.metadata?.deletionTimestamp).toBe('2026-01-01T12:00:45Z');
    expect(marked.metadata?.deletionGracePeriodSeconds).toBe(45);
    await expect(api.get('pods', 'web')).resolves.toBeDefined();
    // The kubelet, done, deletes with grace 0: the pod goes.
    await api.delete('pods', 'web', { gracePeriodSeconds: 0 });
    await expect(api.get('pods', 'web')).rejects.toMatchObject({ code: 404 });
  });

  it('takes the request grace period over the pod`s, and only ever shortens it', async () => {
    const { api } = server();
    await api.create('pods', bound('web'));
    expect(
      (await api.delete('pods', 'web', { gracePeriodSeconds: 10 })).metadata
        ?.deletionGracePeriodSeconds,
    ).toBe(10);
    expect(
      (await api.delete('pods', 'web', { gracePeriodSeconds: 20 })).metadata
        ?.deletionGracePeriodSeconds,
    ).toBe(10);
    const shorter = await api.delete('pods', 'web', { gracePeriodSeconds: 5 });
    expect(shorter.metadata?.deletionGracePeriodSeconds).toBe(5);
    expect(shorter.metadata?.deletionTimestamp).toBe('2026-01-01T12:00:05Z');
  });

  it('deletes unbound and finished pods at once', async () => {
    const { api } = server();
    await api.create('pods', makePod('pending'));
    await api.delete('pods', 'pending');
    await expect(api.get('pods', 'pending')).rejects.toMatchObject({ code: 404 });
    const done = await api.create('pods', bound('done'));
    await api.update(
      'pods',
      { ...done, status: { phase: 'Succeeded' } },
      { subresource: 'status' },
    );
    await api.delete('pods', 'done');
    await expect(api.get('pods', 'done')).rejects.toMatchObject({ code: 404 });
  });

  it('holds a deleted object while finalizers remain, and removes it when the last one goes', async () => {
    const { api } = server();
    await api.create('configmaps', {
      ...makeConfigMap('cfg'),
      metadata: { name: 'cfg', namespace: 'default', finalizers: ['example.com/hold'] },
    });
    const held = await api.delete('configmaps', 'cfg');
    expect(held.metadata?.deletionTimestamp).toBe('2026-01-01T12:00:00Z');
    const current = await api.get('configmaps', 'cfg');
    await api.update('configmaps', {
      ...current,
      metadata: { ...current.metadata, finalizers: [] },
    });
    await expect(api.get('configmaps', 'cfg')).rejects.toMatchObject({ code: 404 });
  });

  it('checks delete preconditions', async () => {
    const { api } = server();
    await api.create('configmaps', makeConfigMap('cfg'));
    const s = await failure(api.delete('configmaps', 'cfg', { preconditions: { uid: 'other' } }));
    expect(s.message).toMatch(
      /^Operation cannot be fulfilled on configmaps "cfg": Precondition failed: UID in precondition: other, UID in object meta: /,
    );
  });
});

describe('namespaces', () => {
  it('refuses to delete the system namespaces', async () => {
    const { api } = server();
    expect(await failure(api.delete('namespaces', 'default'))).toMatchObject({
      code: 403,
      reason: 'Forbidden',
      message: 'namespaces "default" is forbidden: this namespace may not be deleted',
    });
  });

  it('terminates a namespace: refuses new content, deletes what it holds, then goes', async () => {
    const { api } = server();
    await api.create('namespaces', {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: 'demo' },
    });
    await api.create('configmaps', {
      ...makeConfigMap('cfg'),
      metadata: { name: 'cfg', namespace: 'demo' },
    });
    await api.delete('namespaces', 'demo');
    await expect(api.get('namespaces', 'demo')).rejects.toMatchObject({ code: 404 });
    await expect(api.get('configmaps', 'cfg', { namespace: 'demo' })).rejects.toMatchObject({
      code: 404,
    });
  });

  it('keeps a terminating namespace while a pod in it is still stopping', async () => {
    const { api } = server();
    await api.create('namespaces', {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: 'demo' },
    });
    await api.create(
      'pods',
      makePod('web', {
        metadata: { name: 'web', namespace: 'demo' },
        spec: { nodeName: 'n1', containers: [{ name: 'a', image: 'x' }] },
      }),
    );
    await api.delete('namespaces', 'demo');
    expect((await api.get('namespaces', 'demo')).status?.phase).toBe('Terminating');
    expect(
      await failure(
        api.create('configmaps', {
          ...makeConfigMap('x'),
          metadata: { name: 'x', namespace: 'demo' },
        }),
      ),
    ).toMatchObject({
      code: 403,
      message:
        'configmaps "x" is forbidden: unable to create new content in namespace demo because it is being terminated',
    });
    await api.delete('pods', 'web', { namespace: 'demo', gracePeriodSeconds: 0 });
    await expect(api.get('namespaces', 'demo')).rejects.toMatchObject({ code: 404 });
  });
});

describe('binding', () => {
  it('sets spec.nodeName and the PodScheduled condition, once', async () => {
    const { api } = server();
    await api.create('pods', makePod('web'));
    await expect(
      api.bind({ metadata: { name: 'web' }, target: { kind: 'Node', name: 'n1' } }),
    ).resolves.toMatchObject({
      status: 'Success',
    });
    const pod = await api.get('pods', 'web');
    expect(pod.spec?.nodeName).toBe('n1');
    expect(pod.status?.conditions).toEqual([
      {
        type: 'PodScheduled',
        status: 'True',
        lastProbeTime: null,
        lastTransitionTime: '2026-01-01T12:00:00Z',
      },
    ]);
    expect(
      await failure(api.bind({ metadata: { name: 'web' }, target: { kind: 'Node', name: 'n2' } })),
    ).toMatchObject({
      code: 409,
      reason: 'Conflict',
      message:
        'Operation cannot be fulfilled on pods/binding "web": pod web is already assigned to node "n1"',
    });
  });
});

describe('watch', () => {
  const record = () => {
    const seen: string[] = [];
    const events: WatchEvent<{ metadata?: ObjectMeta }>[] = [];
    const onEvent = (e: WatchEvent<{ metadata?: ObjectMeta }>) => {
      events.push(e);
      seen.push(
        `${e.type} ${e.object.metadata?.name ?? ''} ${e.object.metadata?.resourceVersion ?? ''}`.trim(),
      );
    };
    return { seen, events, onEvent };
  };

  it('delivers ADDED, MODIFIED, DELETED in commit order, the deleted object carrying the deletion RV', async () => {
    const { api } = server();
    const rv = api.resourceVersion();
    const r = record();
    api.watch('configmaps', { namespace: 'default', resourceVersion: rv }, r.onEvent);
    const cm = await api.create('configmaps', makeConfigMap('cfg'));
    await api.patch('configmaps', 'cfg', 'merge', { data: { a: '1' } });
    await api.delete('configmaps', 'cfg');
    await flush();
    const base = Number(cm.metadata?.resourceVersion);
    expect(r.seen).toEqual([
      `ADDED cfg ${base}`,
      `MODIFIED cfg ${base + 1}`,
      `DELETED cfg ${base + 2}`,
    ]);
  });

  it('replays current objects as ADDED when started without a resourceVersion, or from "0"', async () => {
    const { api } = server();
    await api.create('configmaps', makeConfigMap('a'));
    await api.create('configmaps', makeConfigMap('b'));
    for (const resourceVersion of [undefined, '0']) {
      const r = record();
      api.watch(
        'configmaps',
        { namespace: 'default', ...(resourceVersion ? { resourceVersion } : {}) },
        r.onEvent,
      );
      await flush();
      expect(r.seen.map((s) => s.split(' ').slice(0, 2).join(' '))).toEqual([
        'ADDED a',
        'ADDED b',
        'ADDED kube-root-ca.crt',
      ]);
    }
  });

  it('resumes from a resourceVersion with exactly the later changes', async () => {
    const { api } = server();
    await api.create('configmaps', makeConfigMap('a'));
    const rv = api.resourceVersion();
    await api.create('configmaps', makeConfigMap('b'));
    await api.delete('configmaps', 'a');
    const r = record();
    api.watch('configmaps', { namespace: 'default', resourceVersion: rv }, r.onEvent);
    await flush();
    expect(r.seen.map((s) => s.split(' ').slice(0, 2).join(' '))).toEqual(['ADDED b', 'DELETED a']);
  });

  it('ends with a 410 Expired ERROR event when the resourceVersion was compacted', async () => {
    const { api } = server();
    await api.create('configmaps', makeConfigMap('a'));
    const old = Number(api.resourceVersion()) - 1;
    await api.create('configmaps', makeConfigMap('b'));
    api.compact();
    const r = record();
    const w = api.watch(
      'configmaps',
      { namespace: 'default', resourceVersion: String(old) },
      r.onEvent,
    );
    await w.done;
    expect(r.events).toEqual([
      {
        type: 'ERROR',
        object: {
          kind: 'Status',
          apiVersion: 'v1',
          metadata: {},
          status: 'Failure',
          message: `too old resource version: ${old} (${api.resourceVersion()})`,
          reason: 'Expired',
          code: 410,
        },
      },
    ]);
  });

  it('turns selector transitions into ADDED and DELETED, as the kubelet`s nodeName watch needs', async () => {
    const { api } = server();
    const r = record();
    api.watch(
      'pods',
      { fieldSelector: 'spec.nodeName=n1', resourceVersion: api.resourceVersion() },
      r.onEvent,
    );
    await api.create('pods', makePod('web'));
    await api.bind({ metadata: { name: 'web' }, target: { kind: 'Node', name: 'n1' } });
    await api.delete('pods', 'web', { gracePeriodSeconds: 0 });
    await flush();
    expect(r.seen.map((s) => s.split(' ').slice(0, 2).join(' '))).toEqual([
      'ADDED web',
      'DELETED web',
    ]);
  });

  it('sends the initial-events-end bookmark after the replay for sendInitialEvents, and bookmarks on the clock', async () => {
    const { api, clock } = server();
    await api.create('configmaps', makeConfigMap('a'));
    const r = record();
    api.watch(
      'configmaps',
      { namespace: 'default', sendInitialEvents: true, allowWatchBookmarks: true },
      r.onEvent,
    );
    await flush();
    expect(r.events.map((e) => e.type)).toEqual(['ADDED', 'ADDED', 'BOOKMARK']);
    expect(r.events[2]!.object).toEqual({
      kind: 'ConfigMap',
      apiVersion: 'v1',
      metadata: {
        resourceVersion: api.resourceVersion(),
        annotations: { 'k8s.io/initial-events-end': 'true' },
      },
    });
    clock.advance(60_000);
    await flush();
    expect(r.events.map((e) => e.type)).toEqual(['ADDED', 'ADDED', 'BOOKMARK', 'BOOKMARK']);
  });

  it('shares frozen objects among watchers', async () => {
    const { api } = server();
    const r = record();
    api.watch(
      'configmaps',
      { namespace: 'default', resourceVersion: api.resourceVersion() },
      r.onEvent,
    );
    await api.create('configmaps', makeConfigMap('a', { k: 'v' }));
    await flush();
    expect(Object.isFrozen(r.events[0]!.object)).toBe(true);
    expect(() => {
      (r.events[0]!.object as { data: Record<string, string> }).data.k = 'x';
    }).toThrow(TypeError);
  });

  it('stops delivering after stop(), and resolves done', async () => {
    const { api } = server();
    const r = record();
    const w = api.watch(
      'configmaps',
      { namespace: 'default', resourceVersion: api.resourceVersion() },
      r.onEvent,
    );
    w.stop();
    await w.done;
    await api.create('configmaps', makeConfigMap('a'));
    await flush();
    expect(r.events).toEqual([]);
    expect(api.watchCount('configmaps')).toBe(0);
  });
});

describe('events', () => {
  it('expire an hour after their last write', async () => {
    const { api, clock } = server();
    const event: Event = {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name: 'e1', namespace: 'default' },
      involvedObject: { kind: 'Pod', name: 'web', namespace: 'default' },
      reason: 'Pulled',
      message: 'm',
    };
    await api.create('events', event);
    clock.advance(59 * 60_000);
    await api.patch('events', 'e1', 'merge', { count: 2 });
    clock.advance(59 * 60_000);
    await expect(api.get('events', 'e1')).resolves.toBeDefined();
    clock.advance(2 * 60_000);
    await expect(api.get('events', 'e1')).rejects.toMatchObject({ code: 404 });
  });
});

describe('fault injection', () => {
  it('fails the next N matching calls with the given Status, then recovers', async () => {
    const { api } = server();
    await api.create('pods', makePod('web'));
    const kubelet = api.client('kubelet');
    api.faults.inject({
      verb: 'patch',
      resource: 'pods',
      subresource: 'status',
      client: 'kubelet',
      times: 2,
      status: {
        kind: 'Status',
        apiVersion: 'v1',
        metadata: {},
        status: 'Failure',
        reason: 'InternalError',
        message: 'boom',
        code: 500,
      },
    });
    const patch = () =>
      kubelet.patch(
        'pods',
        'web',
        'merge',
        { status: { phase: 'Running' } },
        { subresource: 'status' },
      );
    await expect(patch()).rejects.toMatchObject({ code: 500, message: 'boom' });
    // Other clients and other verbs are untouched.
    await expect(
      api.patch('pods', 'web', 'merge', { metadata: { labels: { a: 'b' } } }),
    ).resolves.toBeDefined();
    await expect(patch()).rejects.toMatchObject({ code: 500 });
    await expect(patch()).resolves.toMatchObject({ status: { phase: 'Running' } });
  });
});

describe('nodes', () => {
  it('are cluster-scoped and keep the status they are created with', async () => {
    const { api } = server();
    const node = await api.create('nodes', makeNode('n1'));
    expect(node.metadata?.namespace).toBeUndefined();
    expect(node.status?.conditions?.[0]?.type).toBe('Ready');
  });
});
