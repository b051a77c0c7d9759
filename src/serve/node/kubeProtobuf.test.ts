/**
 * Kubernetes' protobuf bodies into the JSON the same objects marshal to: the bytes kubectl.1.33
 * sent to serve mode (copied from its -v=8 hex dumps) against what `kubectl create ...
 * --dry-run=client -o json` prints for them, and objects built field by field from the
 * generated.proto field numbers (maps, nested messages, times, unknown fields, bad wire types).
 */
import { describe, expect, it } from 'vitest';
import { decodeObject, readEnvelope } from './kubeProtobuf.ts';
import { ProtobufError } from './protobufWire.ts';

const hex = (dump: string) => Uint8Array.from(dump.trim().split(/\s+/), (h) => parseInt(h, 16));

// A hand encoder for the tests: keys, varints, length-delimited fields.
const varint = (n: number | bigint): number[] => {
  let v = BigInt.asUintN(64, BigInt(n));
  const out: number[] = [];
  do {
    const low = Number(v & 0x7fn);
    v >>= 7n;
    out.push(v ? low | 0x80 : low);
  } while (v);
  return out;
};
const key = (field: number, wireType: number) => varint((field << 3) | wireType);
const num = (field: number, n: number | bigint) => [...key(field, 0), ...varint(n)];
const len = (field: number, b: number[]) => [...key(field, 2), ...varint(b.length), ...b];
const str = (field: number, s: string) => len(field, [...Buffer.from(s, 'utf8')]);
const entry = (field: number, k: string, v: string | number[]) =>
  len(field, [...str(1, k), ...(typeof v === 'string' ? str(2, v) : len(2, v))]);
const body = (apiVersion: string, kind: string, raw: number[]) =>
  Uint8Array.from([
    ...Buffer.from('k8s\0', 'latin1'),
    ...len(1, [...str(1, apiVersion), ...str(2, kind)]),
    ...len(2, raw),
  ]);

/** readEnvelope then decodeObject, as serve mode does. */
const decode = (b: Uint8Array) => {
  const env = readEnvelope(b);
  return decodeObject(env.apiVersion, env.kind, env.raw);
};

describe('the bytes kubectl.1.33 sends', () => {
  it('create configmap settings --from-literal=greeting=hi', () => {
    const sent = hex(`6b 38 73 00 0a 0f 0a 02 76 31 12 09 43 6f 6e 66 69 67 4d 61 70 12 2a 0a
      18 0a 08 73 65 74 74 69 6e 67 73 12 00 1a 00 22 00 2a 00 32 00 38 00 42 00 12 0e 0a 08 67 72
      65 65 74 69 6e 67 12 02 68 69 1a 00 22 00`);
    expect(readEnvelope(sent)).toMatchObject({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      contentEncoding: '',
      contentType: '',
    });
    // The JSON path: kubectl create configmap settings --from-literal=greeting=hi
    // --dry-run=client -o json.
    expect(JSON.stringify(decode(sent))).toBe(
      '{"kind":"ConfigMap","apiVersion":"v1","metadata":{"name":"settings","creationTimestamp":null},"data":{"greeting":"hi"}}',
    );
  });

  it('create secret generic s9 --from-literal=a=b', () => {
    const sent = hex(`6b 38 73 00 0a 0c 0a 02 76 31 12 06 53 65 63 72 65 74 12 1e 0a 12 0a 02 73
      39 12 00 1a 00 22 00 2a 00 32 00 38 00 42 00 12 06 0a 01 61 12 01 62 1a 00 1a 00 22 00`);
    expect(decode(sent)).toEqual({
      kind: 'Secret',
      apiVersion: 'v1',
      metadata: { name: 's9', creationTimestamp: null },
      data: { a: 'Yg==' },
    });
  });

  it('create namespace team-z: spec and status are structs, written even empty', () => {
    const sent = hex(`6b 38 73 00 0a 0f 0a 02 76 31 12 09 4e 61 6d 65 73 70 61 63 65 12 1e 0a 16
      0a 06 74 65 61 6d 2d 7a 12 00 1a 00 22 00 2a 00 32 00 38 00 42 00 12 00 1a 02 0a 00 1a 00 22
      00`);
    expect(JSON.stringify(decode(sent))).toBe(
      '{"kind":"Namespace","apiVersion":"v1","metadata":{"name":"team-z","creationTimestamp":null},"spec":{},"status":{}}',
    );
  });

  it('create serviceaccount sa1', () => {
    const sent = hex(`6b 38 73 00 0a 14 0a 02 76 31 12 0e 53 65 72 76 69 63 65 41 63 63 6f 75 6e
      74 12 15 0a 13 0a 03 73 61 31 12 00 1a 00 22 00 2a 00 32 00 38 00 42 00 1a 00 22 00`);
    expect(decode(sent)).toEqual({
      kind: 'ServiceAccount',
      apiVersion: 'v1',
      metadata: { name: 'sa1', creationTimestamp: null },
    });
  });

  it('create token default: a TokenRequest, audiences null as Go writes a nil list', () => {
    const sent = hex(`6b 38 73 00 0a 28 0a 18 61 75 74 68 65 6e 74 69 63 61 74 69 6f 6e 2e 6b 38
      73 2e 69 6f 2f 76 31 12 0c 54 6f 6b 65 6e 52 65 71 75 65 73 74 12 1a 0a 10 0a 00 12 00 1a 00
      22 00 2a 00 32 00 38 00 42 00 12 00 1a 04 0a 00 12 00 1a 00 22 00`);
    expect(JSON.stringify(decode(sent))).toBe(
      '{"kind":"TokenRequest","apiVersion":"authentication.k8s.io/v1","metadata":{"creationTimestamp":null},"spec":{"audiences":null},"status":{"token":"","expirationTimestamp":null}}',
    );
  });

  it("drain's DeleteOptions, with nothing set", () => {
    const sent = hex(`6b 38 73 00 0a 13 0a 02 76 31 12 0d 44 65 6c 65 74 65 4f 70 74 69 6f 6e 73
      12 00 1a 00 22 00`);
    expect(JSON.stringify(decode(sent))).toBe('{"kind":"DeleteOptions","apiVersion":"v1"}');
  });
});

describe('objects built from the generated.proto field numbers', () => {
  const meta = [
    ...str(1, 'settings'),
    ...str(3, 'team-a'),
    ...num(7, 300), // generation: a varint over 127
    // creationTimestamp {seconds, nanos}: 2025-01-02T03:04:05.5Z, the fraction dropped.
    ...len(8, [...num(1, 1735787045), ...num(2, 500_000_000)]),
    ...len(9, []), // deletionTimestamp set, to the zero time: null
    ...num(10, 30),
    ...entry(11, 'app', 'web'),
    ...entry(11, 'tier', 'front'),
    ...entry(12, 'note', 'ünïcode ✓'),
    ...len(13, [
      ...str(1, 'Deployment'),
      ...str(3, 'web'),
      ...str(4, 'uid-1'),
      ...str(5, 'apps/v1'),
      ...num(6, 1),
    ]),
    ...len(13, [...str(1, 'ReplicaSet'), ...str(5, 'apps/v1'), ...num(7, 0)]),
    ...str(14, 'example.com/a'),
    ...str(14, 'example.com/b'),
    ...len(17, [
      ...str(1, 'kubectl'),
      ...str(2, 'Update'),
      ...len(4, [...num(1, 1735787045)]),
      ...str(6, 'FieldsV1'),
      ...len(7, str(1, '{"f:data":{}}')),
    ]),
  ];

  it('a ConfigMap: ObjectMeta in full, data, binaryData as base64, immutable', () => {
    const raw = [
      ...len(1, meta),
      ...entry(2, 'greeting', 'hi'),
      ...entry(3, 'blob', [0x00, 0xff, 0x10]),
      ...num(4, 0), // immutable: a pointer, so false is still written
    ];
    expect(JSON.stringify(decode(body('v1', 'ConfigMap', raw)))).toBe(
      JSON.stringify({
        kind: 'ConfigMap',
        apiVersion: 'v1',
        metadata: {
          name: 'settings',
          namespace: 'team-a',
          generation: 300,
          creationTimestamp: '2025-01-02T03:04:05Z',
          deletionTimestamp: null,
          deletionGracePeriodSeconds: 30,
          labels: { app: 'web', tier: 'front' },
          annotations: { note: 'ünïcode ✓' },
          ownerReferences: [
            {
              apiVersion: 'apps/v1',
              kind: 'Deployment',
              name: 'web',
              uid: 'uid-1',
              controller: true,
            },
            {
              apiVersion: 'apps/v1',
              kind: 'ReplicaSet',
              name: '',
              uid: '',
              blockOwnerDeletion: false,
            },
          ],
          finalizers: ['example.com/a', 'example.com/b'],
          managedFields: [
            {
              manager: 'kubectl',
              operation: 'Update',
              time: '2025-01-02T03:04:05Z',
              fieldsType: 'FieldsV1',
              fieldsV1: { 'f:data': {} },
            },
          ],
        },
        immutable: false,
        data: { greeting: 'hi' },
        binaryData: { blob: 'AP8Q' },
      }),
    );
  });

  it('a Secret: data as base64, stringData, type, immutable; generateName', () => {
    const raw = [
      ...len(1, [...str(2, 'token-')]),
      ...str(3, 'kubernetes.io/tls'),
      ...entry(2, 'tls.crt', [...Buffer.from('CERT')]),
      ...entry(2, 'empty', []),
      ...entry(4, 'plain', 'text'),
      ...num(5, 1),
    ];
    expect(JSON.stringify(decode(body('v1', 'Secret', raw)))).toBe(
      JSON.stringify({
        kind: 'Secret',
        apiVersion: 'v1',
        metadata: { generateName: 'token-', creationTimestamp: null },
        immutable: true,
        data: { 'tls.crt': 'Q0VSVA==', empty: '' },
        stringData: { plain: 'text' },
        type: 'kubernetes.io/tls',
      }),
    );
  });

  it('a Namespace with spec.finalizers and a status condition', () => {
    const raw = [
      ...len(1, str(1, 'team-b')),
      ...len(2, [...str(1, 'kubernetes'), ...str(1, 'example.com/x')]),
      ...len(3, [
        ...str(1, 'Terminating'),
        ...len(2, [...str(1, 'NamespaceDeletionContentFailure'), ...str(2, 'False')]),
      ]),
    ];
    expect(decode(body('v1', 'Namespace', raw))).toEqual({
      kind: 'Namespace',
      apiVersion: 'v1',
      metadata: { name: 'team-b', creationTimestamp: null },
      spec: { finalizers: ['kubernetes', 'example.com/x'] },
      status: {
        phase: 'Terminating',
        conditions: [
          { type: 'NamespaceDeletionContentFailure', status: 'False', lastTransitionTime: null },
        ],
      },
    });
  });

  it('DeleteOptions with a grace period, preconditions and dryRun', () => {
    const raw = [
      ...num(1, 0),
      ...len(2, str(1, 'uid-9')),
      ...str(4, 'Foreground'),
      ...str(5, 'All'),
    ];
    expect(JSON.stringify(decode(body('v1', 'DeleteOptions', raw)))).toBe(
      '{"kind":"DeleteOptions","apiVersion":"v1","gracePeriodSeconds":0,"preconditions":{"uid":"uid-9"},"propagationPolicy":"Foreground","dryRun":["All"]}',
    );
    // Registered in every group version.
    expect(decode(body('coordination.k8s.io/v1', 'DeleteOptions', num(1, 5)))).toEqual({
      kind: 'DeleteOptions',
      apiVersion: 'coordination.k8s.io/v1',
      gracePeriodSeconds: 5,
    });
  });

  it('negative int64s (ten-byte varints) come out negative', () => {
    expect(decode(body('v1', 'DeleteOptions', num(1, -1)))).toMatchObject({
      gracePeriodSeconds: -1,
    });
  });

  it('skips unknown fields of every wire type, at every level', () => {
    const unknown = [
      ...num(99, 123456), // varint
      ...key(98, 1),
      ...[1, 2, 3, 4, 5, 6, 7, 8], // fixed64
      ...key(97, 5),
      ...[1, 2, 3, 4], // fixed32
      ...str(96, 'ignored'), // length-delimited
      ...key(95, 3),
      ...num(1, 1),
      ...key(95, 4), // group
    ];
    const raw = [
      ...unknown,
      ...len(1, [
        ...str(1, 'x'),
        ...unknown,
        ...len(11, [...str(1, 'k'), ...unknown, ...str(2, 'v')]),
      ]),
      ...unknown,
      ...entry(2, 'a', 'b'),
    ];
    expect(decode(body('v1', 'ConfigMap', raw))).toEqual({
      kind: 'ConfigMap',
      apiVersion: 'v1',
      metadata: { name: 'x', creationTimestamp: null, labels: { k: 'v' } },
      data: { a: 'b' },
    });
    // Unknown fields of the envelope too.
    const env = [
      ...Buffer.from('k8s\0', 'latin1'),
      ...unknown,
      ...len(1, [...str(1, 'v1'), ...str(2, 'Secret')]),
    ];
    expect(readEnvelope(Uint8Array.from(env))).toMatchObject({ apiVersion: 'v1', kind: 'Secret' });
  });

  it('merges a message that comes twice, and lets the last of a repeated scalar or map key win', () => {
    const raw = [
      ...len(1, [...str(1, 'first'), ...entry(11, 'a', '1')]),
      ...len(1, [...str(1, 'second'), ...entry(11, 'b', '2'), ...entry(11, 'a', '3')]),
      ...num(4, 1),
      ...num(4, 0),
    ];
    expect(decode(body('v1', 'ConfigMap', raw))).toEqual({
      kind: 'ConfigMap',
      apiVersion: 'v1',
      metadata: { name: 'second', creationTimestamp: null, labels: { a: '3', b: '2' } },
      immutable: false,
    });
  });

  it('keeps a map key named __proto__ as a key', () => {
    const obj = decode(body('v1', 'ConfigMap', entry(2, '__proto__', 'x')));
    expect(JSON.parse(JSON.stringify(obj)).data).toEqual(JSON.parse('{"__proto__":"x"}'));
  });

  it('answers undefined for a kind it does not decode', () => {
    expect(decode(body('v1', 'Pod', len(1, str(1, 'p'))))).toBeUndefined();
    expect(decode(body('apps/v1', 'ConfigMap', []))).toBeUndefined();
  });
});

describe('malformed bodies', () => {
  const fails = (b: Uint8Array, message: RegExp) => {
    expect(() => decode(b)).toThrow(ProtobufError);
    expect(() => decode(b)).toThrow(message);
  };

  it('rejects a body without the k8s\\0 magic, or with nothing after it', () => {
    fails(new Uint8Array(0), /^empty data$/);
    fails(Uint8Array.from(Buffer.from('{"kind":"ConfigMap"}')), /expected prefix \[107 56 115 0\]/);
    fails(Uint8Array.from(Buffer.from('k8s')), /does not appear to be a protobuf message/);
    fails(Uint8Array.from(Buffer.from('k8s\0', 'latin1')), /^empty body$/);
  });

  it('rejects a truncated envelope and a truncated object, naming the message', () => {
    const whole = body('v1', 'ConfigMap', [...len(1, str(1, 'settings')), ...entry(2, 'a', 'b')]);
    fails(whole.subarray(0, 10), /^Unknown: truncated length-delimited field at byte 0/);
    // The envelope's raw field cut short.
    fails(whole.subarray(0, whole.length - 1), /^Unknown: truncated length-delimited field/);
    // The object's own bytes are whole but say more than they have.
    const raw = [...key(1, 2), 20, ...str(1, 'short')];
    fails(
      body('v1', 'ConfigMap', raw),
      /^ConfigMap: truncated length-delimited field at byte 0: needs 20 bytes, 7 left/,
    );
    fails(
      body('v1', 'ConfigMap', len(1, [...key(11, 2), 5, 0x0a])),
      /^ConfigMap\.metadata: truncated/,
    );
  });

  it('rejects a known field on the wrong wire type', () => {
    fails(
      body('v1', 'ConfigMap', num(1, 5)),
      /ConfigMap\.metadata: varint on the wire, want length-delimited/,
    );
    fails(
      body('v1', 'ConfigMap', str(4, 'yes')),
      /ConfigMap\.immutable: length-delimited on the wire, want varint/,
    );
    fails(
      body('v1', 'Secret', len(1, [...key(7, 5), 1, 0, 0, 0])),
      /Secret\.metadata\.generation: fixed32/,
    );
    fails(body('v1', 'ConfigMap', len(2, num(1, 1))), /ConfigMap\.data key: varint on the wire/);
    fails(
      Uint8Array.from([...Buffer.from('k8s\0', 'latin1'), ...num(1, 1)]),
      /Unknown\.typeMeta: varint/,
    );
  });

  it('rejects fieldsV1 that is not JSON, and times outside what Go can write', () => {
    const mf = (raw: number[]) => body('v1', 'ConfigMap', len(1, len(17, raw)));
    fails(
      mf(len(7, str(1, '{not json'))),
      /ConfigMap\.metadata\.managedFields\[0\]\.fieldsV1: Raw is not JSON/,
    );
    fails(
      body('v1', 'ConfigMap', len(1, len(8, num(1, 10n ** 12n)))),
      /creationTimestamp: seconds 1000000000000 is outside/,
    );
  });
});
