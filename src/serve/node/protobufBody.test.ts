/**
 * Serve mode's request bodies in protobuf: which requests are decoded, the 415 for a kind that is
 * not, the 400 for bytes that are not a message, and (through node:http) a ConfigMap created from
 * a protobuf body read back as JSON.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readRequestBody } from './protobufBody.ts';
import { serve, type Serving } from './serve.ts';

const PB = 'application/vnd.kubernetes.protobuf';

const varint = (n: number): number[] => {
  const out: number[] = [];
  do {
    const low = n & 0x7f;
    n = Math.floor(n / 128);
    out.push(n ? low | 0x80 : low);
  } while (n);
  return out;
};
const len = (field: number, b: number[]) => [(field << 3) | 2, ...varint(b.length), ...b];
const str = (field: number, s: string) => len(field, [...Buffer.from(s, 'utf8')]);
const envelope = (typeMeta: number[], raw: number[]) =>
  Buffer.from([...Buffer.from('k8s\0', 'latin1'), ...len(1, typeMeta), ...len(2, raw)]);
const body = (apiVersion: string, kind: string, raw: number[]) =>
  envelope([...str(1, apiVersion), ...str(2, kind)], raw);
const configMap = (name: string, k: string, v: string) =>
  body('v1', 'ConfigMap', [...len(1, str(1, name)), ...len(2, [...str(1, k), ...str(2, v)])]);

const statusOf = (r: ReturnType<typeof readRequestBody>) =>
  r.response && { status: r.response.status, body: JSON.parse(r.response.body!) as unknown };

describe('readRequestBody', () => {
  const cmPath = '/api/v1/namespaces/default/configmaps';

  it('decodes a protobuf ConfigMap posted to configmaps into JSON', () => {
    const r = readRequestBody('POST', cmPath, PB, configMap('settings', 'greeting', 'hi'));
    expect(r.response).toBeUndefined();
    expect(r.contentType).toBe('application/json');
    expect(JSON.parse(r.body)).toEqual({
      kind: 'ConfigMap',
      apiVersion: 'v1',
      metadata: { name: 'settings', creationTimestamp: null },
      data: { greeting: 'hi' },
    });
    // PUT too, and the media type with parameters.
    expect(
      readRequestBody('PUT', `${cmPath}/settings`, `${PB}; charset=x`, configMap('s', 'a', 'b'))
        .contentType,
    ).toBe('application/json');
  });

  it('takes the kind and version of the URL where the envelope has none', () => {
    const r = readRequestBody('POST', '/api/v1/namespaces', PB, envelope([], len(1, str(1, 'ns'))));
    expect(JSON.parse(r.body)).toEqual({
      kind: 'Namespace',
      apiVersion: 'v1',
      metadata: { name: 'ns', creationTimestamp: null },
      spec: {},
      status: {},
    });
  });

  it("decodes a DELETE's DeleteOptions", () => {
    const r = readRequestBody('DELETE', `${cmPath}/x`, PB, body('v1', 'DeleteOptions', []));
    expect(JSON.parse(r.body)).toEqual({ kind: 'DeleteOptions', apiVersion: 'v1' });
    expect(readRequestBody('DELETE', `${cmPath}/x`, PB, Buffer.alloc(0))).toEqual({ body: '' });
  });

  it('answers 415 UnsupportedMediaType for a protobuf kind it does not decode', () => {
    const pod = body('v1', 'Pod', len(1, str(1, 'p')));
    expect(statusOf(readRequestBody('POST', '/api/v1/namespaces/default/pods', PB, pod))).toEqual({
      status: 415,
      body: {
        kind: 'Status',
        apiVersion: 'v1',
        metadata: {},
        status: 'Failure',
        message:
          'the body of the request was in an unknown format - accepted media types include: application/json',
        reason: 'UnsupportedMediaType',
        code: 415,
      },
    });
  });

  it('answers 400 BadRequest for malformed protobuf, worded as the API server words it', () => {
    const cut = configMap('settings', 'greeting', 'hi').subarray(0, 12);
    expect(statusOf(readRequestBody('POST', cmPath, PB, cut))).toEqual({
      status: 400,
      body: {
        kind: 'Status',
        apiVersion: 'v1',
        metadata: {},
        status: 'Failure',
        message:
          'the object provided is unrecognized (must be of type ConfigMap): Unknown: truncated length-delimited field at byte 0: needs 15 bytes, 6 left (6b3873000a0f0a0276311209)',
        reason: 'BadRequest',
        code: 400,
      },
    });
    // A whole envelope around a broken ConfigMap: the kind is known, the object is not readable.
    const broken = body('v1', 'ConfigMap', [0x0a, 0x09, ...str(1, 'x')]);
    expect(statusOf(readRequestBody('POST', cmPath, PB, broken))?.body).toMatchObject({
      code: 400,
      reason: 'BadRequest',
      message:
        'ConfigMap in version "v1" cannot be handled as a ConfigMap: ConfigMap: truncated length-delimited field at byte 0: needs 9 bytes, 3 left',
    });
    // JSON sent as protobuf.
    const json = Buffer.from('{"kind":"ConfigMap","apiVersion":"v1","metadata":{"name":"x"}}');
    expect(statusOf(readRequestBody('POST', cmPath, PB, json))?.body).toMatchObject({
      message:
        'the object provided is unrecognized (must be of type ConfigMap): provided data does not appear to be a protobuf message, expected prefix [107 56 115 0] ({"kind":"ConfigMap","apiVersio ...)',
    });
  });

  it('leaves alone JSON, PATCH, and paths not served (their 404 comes first)', () => {
    const json = Buffer.from('{"kind":"ConfigMap"}');
    expect(readRequestBody('POST', cmPath, 'application/json', json)).toEqual({
      body: '{"kind":"ConfigMap"}',
    });
    expect(readRequestBody('POST', cmPath, undefined, json)).toEqual({
      body: '{"kind":"ConfigMap"}',
    });
    const pb = configMap('x', 'a', 'b');
    expect(readRequestBody('PATCH', `${cmPath}/x`, PB, pb)).toEqual({ body: pb.toString('utf8') });
    for (const path of [
      '/apis/apps/v1/namespaces/default/deployments',
      '/api/v1/namespaces/default/services',
      '/api/v2/configmaps',
      '/api/v1/nodes/n1/proxy/extra/parts',
    ]) {
      expect(readRequestBody('POST', path, PB, pb).response, path).toBeUndefined();
      expect(readRequestBody('POST', path, PB, pb).contentType, path).toBeUndefined();
    }
  });
});

describe('serve mode reads protobuf bodies', () => {
  let serving: Serving;
  beforeAll(async () => {
    serving = await serve({ port: 0 });
  });
  afterAll(async () => {
    await serving?.close();
  });

  it('creates a ConfigMap from a protobuf body and answers in JSON', async () => {
    const res = await fetch(`${serving.url}/api/v1/namespaces/default/configmaps`, {
      method: 'POST',
      headers: { 'Content-Type': PB, Accept: `${PB},application/json` },
      body: new Uint8Array(configMap('from-pb', 'greeting', 'hi')),
    });
    expect(res.status).toBe(201);
    expect(res.headers.get('content-type')).toBe('application/json');
    const created = (await res.json()) as { metadata: { name: string }; data: unknown };
    expect(created.metadata.name).toBe('from-pb');
    expect(created.data).toEqual({ greeting: 'hi' });
    const got = await fetch(`${serving.url}/api/v1/namespaces/default/configmaps/from-pb`);
    expect(((await got.json()) as { data: unknown }).data).toEqual({ greeting: 'hi' });
  });

  it('answers 415 for a protobuf Pod and 400 for a truncated body', async () => {
    const post = (path: string, b: Buffer) =>
      fetch(`${serving.url}${path}`, {
        method: 'POST',
        headers: { 'Content-Type': PB },
        body: new Uint8Array(b),
      });
    const pod = await post('/api/v1/namespaces/default/pods', body('v1', 'Pod', []));
    expect(pod.status).toBe(415);
    expect(((await pod.json()) as { reason: string }).reason).toBe('UnsupportedMediaType');
    const cut = await post(
      '/api/v1/namespaces/default/configmaps',
      configMap('x', 'a', 'b').subarray(0, 20),
    );
    expect(cut.status).toBe(400);
    expect(((await cut.json()) as { reason: string }).reason).toBe('BadRequest');
    const unserved = await post(
      '/apis/apps/v1/namespaces/default/deployments',
      body('apps/v1', 'Deployment', []),
    );
    expect(unserved.status).toBe(404);
  });
});
