import { describe, expect, it } from 'vitest';
import { passthroughAdmission } from './admission.ts';
import { apiError } from './errors.ts';
import { createRestHandler, type RestRequest } from './rest.ts';
import { flush, makePod, makeServer } from './testing/fixtures.ts';

const TABLE =
  'application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json';

function setup() {
  const { api, clock } = makeServer({ admission: passthroughAdmission });
  const handle = createRestHandler({
    server: api,
    logs: (q) => {
      if (q.previous)
        throw apiError(
          400,
          'BadRequest',
          `previous terminated container "app" in pod "${q.pod}" not found`,
        );
      return 'Hello, world!\n';
    },
  });
  const call = (method: string, path: string, extra: Partial<RestRequest> = {}) => {
    const [p, qs] = path.split('?');
    const query = Object.fromEntries(new URLSearchParams(qs ?? ''));
    return handle({ method, path: p!, query, headers: {}, ...extra });
  };
  return { api, clock, call };
}

describe('REST: discovery', () => {
  it('serves /version with minor 33, and the core and coordination resource lists', () => {
    const { call } = setup();
    expect(JSON.parse(call('GET', '/version').body!)).toMatchObject({ major: '1', minor: '33' });
    const core = JSON.parse(call('GET', '/api/v1').body!);
    expect(core.resources.find((r: { name: string }) => r.name === 'pods')).toEqual({
      name: 'pods',
      singularName: 'pod',
      namespaced: true,
      kind: 'Pod',
      verbs: ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'],
      shortNames: ['po'],
      categories: ['all'],
    });
    expect(core.resources.map((r: { name: string }) => r.name)).toContain('pods/log');
    const groups = JSON.parse(call('GET', '/apis').body!);
    expect(groups.groups.map((g: { name: string }) => g.name)).toEqual(['coordination.k8s.io']);
  });
});

describe('REST: verbs', () => {
  it('treats a path with a trailing slash as the path without it', () => {
    const { call } = setup();
    const plain = call('GET', '/api/v1/namespaces/default/pods', {
      headers: { 'user-agent': 'kubectl/v1.33.1' },
    });
    const slashed = call('GET', '/api/v1/namespaces/default/pods/', {
      headers: { 'user-agent': 'kubectl/v1.33.1' },
    });
    expect(slashed.status).toBe(200);
    expect(slashed.body).toBe(plain.body);
  });

  it('answers a missing object with the NotFound Status, on the wire', () => {
    const { call } = setup();
    const res = call('GET', '/api/v1/namespaces/default/pods/nope');
    expect(res.status).toBe(404);
    expect(JSON.parse(res.body!)).toMatchObject({
      kind: 'Status',
      reason: 'NotFound',
      message: 'pods "nope" not found',
    });
  });

  it('creates with POST, patches by content type, deletes with a grace period from the query', () => {
    const { call, api } = setup();
    const created = call('POST', '/api/v1/namespaces/default/pods', {
      body: JSON.stringify(
        makePod('web', { spec: { nodeName: 'n1', containers: [{ name: 'app', image: 'x' }] } }),
      ),
    });
    expect(created.status).toBe(201);
    const patched = call('PATCH', '/api/v1/namespaces/default/pods/web', {
      headers: { 'content-type': 'application/strategic-merge-patch+json' },
      body: JSON.stringify({ metadata: { labels: { a: 'b' } } }),
    });
    expect(JSON.parse(patched.body!).metadata.labels).toEqual({ a: 'b' });
    const ssa = call('PATCH', '/api/v1/namespaces/default/pods/web', {
      headers: { 'content-type': 'application/apply-patch+yaml' },
      body: '{}',
    });
    expect(ssa.status).toBe(415);
    const del = call('DELETE', '/api/v1/namespaces/default/pods/web?gracePeriodSeconds=7');
    expect(JSON.parse(del.body!).metadata.deletionGracePeriodSeconds).toBe(7);
    return expect(api.get('pods', 'web')).resolves.toBeDefined();
  });

  it('answers kubectl`s Table Accept header with a Table', () => {
    const { call } = setup();
    call('POST', '/api/v1/namespaces/default/pods', { body: JSON.stringify(makePod('web')) });
    const res = JSON.parse(
      call('GET', '/api/v1/namespaces/default/pods', { headers: { accept: TABLE } }).body!,
    );
    expect(res.kind).toBe('Table');
    expect(res.rows[0].object).toMatchObject({
      kind: 'PartialObjectMetadata',
      metadata: { name: 'web' },
    });
  });
});

describe('REST: watch and logs', () => {
  it('streams newline-delimited watch events and keeps the stream open', async () => {
    const { call, api } = setup();
    const res = call(
      'GET',
      `/api/v1/namespaces/default/pods?watch=true&resourceVersion=${api.resourceVersion()}`,
    );
    const chunks: string[] = [];
    let ended = false;
    const cancel = res.stream!(
      (c) => chunks.push(c),
      () => (ended = true),
    );
    await api.create('pods', makePod('web'));
    await flush();
    expect(chunks.map((c) => JSON.parse(c).type)).toEqual(['ADDED']);
    expect(chunks[0]!.endsWith('\n')).toBe(true);
    expect(ended).toBe(false);
    cancel();
  });

  it('serves pod logs as text, and the kubelet`s errors as Status bodies', () => {
    const { call } = setup();
    call('POST', '/api/v1/namespaces/default/pods', { body: JSON.stringify(makePod('web')) });
    const ok = call('GET', '/api/v1/namespaces/default/pods/web/log');
    expect(ok).toMatchObject({
      status: 200,
      body: 'Hello, world!\n',
      headers: { 'Content-Type': 'text/plain' },
    });
    const prev = call('GET', '/api/v1/namespaces/default/pods/web/log?previous=true');
    expect(prev.status).toBe(400);
    expect(JSON.parse(prev.body!).message).toBe(
      'previous terminated container "app" in pod "web" not found',
    );
  });
});
