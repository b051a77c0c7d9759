import { describe, expect, it } from 'vitest';
import { encodeObject, goTypeOf, strictDecode, unknownFields } from './index.ts';

const pod = (spec: unknown, metadata: unknown = { name: 'web' }) => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata,
  spec,
});
const badRequest = (message: string) => ({
  kind: 'Status',
  apiVersion: 'v1',
  metadata: {},
  status: 'Failure',
  message,
  reason: 'BadRequest',
  code: 400,
});
const podError = (why: string) =>
  badRequest(`Pod in version "v1" cannot be handled as a Pod: ${why}`);

describe('strictDecode: unknown fields', () => {
  const body = pod(
    { containers: [{ name: 'app', image: 'nginx', imagee: 'typo' }], foo: 1 },
    { name: 'web', labelz: { a: 'b' } },
  );

  it('Strict: 400 naming every unknown field in document order, comma-joined', () => {
    expect(strictDecode('pods', body, 'Strict')).toEqual({
      status: podError(
        'strict decoding error: unknown field "metadata.labelz", unknown field "spec.containers[0].imagee", unknown field "spec.foo"',
      ),
      warnings: [],
    });
  });

  it('Strict with one unknown field matches the documented message', () => {
    const one = pod({ containers: [{ name: 'app', imagee: 'nginx' }] });
    expect(strictDecode('pods', one, 'Strict').status?.message).toBe(
      'Pod in version "v1" cannot be handled as a Pod: strict decoding error: unknown field "spec.containers[0].imagee"',
    );
  });

  it('Warn: decodes, drops the fields and returns one warning per field', () => {
    expect(strictDecode('pods', body, 'Warn')).toEqual({
      object: pod({ containers: [{ name: 'app', image: 'nginx' }] }),
      warnings: [
        'unknown field "metadata.labelz"',
        'unknown field "spec.containers[0].imagee"',
        'unknown field "spec.foo"',
      ],
    });
  });

  it('Ignore: decodes silently', () => {
    expect(strictDecode('pods', body, 'Ignore')).toEqual({
      object: pod({ containers: [{ name: 'app', image: 'nginx' }] }),
      warnings: [],
    });
  });

  it('unknownFields lists paths with indices, nested structs and status', () => {
    expect(
      unknownFields('pods', {
        metadata: { labelz: 1 },
        spec: {
          containers: [{}, { imagee: 1, ports: [{ x: 1 }] }],
          volumes: [{ name: 'v', configMap: { itemz: [] } }],
        },
        status: { foo: 1 },
      }),
    ).toEqual([
      'metadata.labelz',
      'spec.containers[1].imagee',
      'spec.containers[1].ports[0].x',
      'spec.volumes[0].configMap.itemz',
      'status.foo',
    ]);
  });

  it('does not flag map keys (labels, data) or fields of other kinds', () => {
    expect(unknownFields('configmaps', { data: { anything: 'x' }, binaryData: {} })).toEqual([]);
    expect(unknownFields('secrets', { stringData: { a: 'b' }, type: 'Opaque' })).toEqual([]);
    expect(unknownFields('configmaps', { spec: {} })).toEqual(['spec']);
  });

  it('names other kinds in the message (grammar included)', () => {
    expect(strictDecode('events', { foo: 1 }, 'Strict').status?.message).toBe(
      'Event in version "v1" cannot be handled as a Event: strict decoding error: unknown field "foo"',
    );
    expect(strictDecode('leases', { spec: { holder: 'x' } }, 'Strict').status?.message).toBe(
      'Lease in version "v1" cannot be handled as a Lease: strict decoding error: unknown field "spec.holder"',
    );
  });
});

describe('strictDecode: JSON type errors (encoding/json messages)', () => {
  it.each([
    [
      pod({ containers: 'abc' }),
      'json: cannot unmarshal string into Go struct field PodSpec.spec.containers of type []v1.Container',
    ],
    [
      pod({ containers: [], restartPolicy: 3 }),
      'json: cannot unmarshal number into Go struct field PodSpec.spec.restartPolicy of type v1.RestartPolicy',
    ],
    [
      pod({ containers: [{ name: 1 }] }),
      'json: cannot unmarshal number into Go struct field Container.spec.containers.name of type string',
    ],
    [
      pod({ containers: [{ name: 'a', stdin: 'true' }] }),
      'json: cannot unmarshal string into Go struct field Container.spec.containers.stdin of type bool',
    ],
    [
      pod({ containers: [{ name: 'a', env: ['X=1'] }] }),
      'json: cannot unmarshal string into Go struct field Container.spec.containers.env of type v1.EnvVar',
    ],
    [
      pod({ containers: [], terminationGracePeriodSeconds: '30' }),
      'json: cannot unmarshal string into Go struct field PodSpec.spec.terminationGracePeriodSeconds of type int64',
    ],
    [
      pod({ containers: [], terminationGracePeriodSeconds: 1.5 }),
      'json: cannot unmarshal number 1.5 into Go struct field PodSpec.spec.terminationGracePeriodSeconds of type int64',
    ],
    [
      pod({ containers: [{ name: 'a', ports: [{ containerPort: 99999999999 }] }] }),
      'json: cannot unmarshal number 99999999999 into Go struct field ContainerPort.spec.containers.ports.containerPort of type int32',
    ],
    [
      pod({ containers: [] }, { name: 'a', labels: { a: 1 } }),
      'json: cannot unmarshal number into Go struct field ObjectMeta.metadata.labels of type string',
    ],
    [
      pod({ containers: [] }, { name: 'a', labels: [] }),
      'json: cannot unmarshal array into Go struct field ObjectMeta.metadata.labels of type map[string]string',
    ],
    [
      pod({ containers: [] }, 'x'),
      'json: cannot unmarshal string into Go struct field Pod.metadata of type v1.ObjectMeta',
    ],
    [{ kind: 1 }, 'json: cannot unmarshal number into Go struct field Pod.kind of type string'],
    [[], 'json: cannot unmarshal array into Go value of type v1.Pod'],
    ['pod', 'json: cannot unmarshal string into Go value of type v1.Pod'],
    [
      pod({ containers: [{ name: 'a', livenessProbe: { httpGet: { port: true } } }] }),
      'json: cannot unmarshal bool into Go struct field HTTPGetAction.spec.containers.livenessProbe.httpGet.port of type int32',
    ],
  ])('%j', (body, why) => {
    expect(strictDecode('pods', body, 'Strict')).toEqual({ status: podError(why), warnings: [] });
  });

  it('reports the first type error before any unknown field, in every mode', () => {
    const body = pod({ foo: 1, containers: 'abc' });
    for (const mode of ['Strict', 'Warn', 'Ignore'] as const) {
      expect(strictDecode('pods', body, mode).status?.message).toBe(
        'Pod in version "v1" cannot be handled as a Pod: json: cannot unmarshal string into Go struct field PodSpec.spec.containers of type []v1.Container',
      );
    }
  });

  it('names []uint8 for Secret data', () => {
    expect(strictDecode('secrets', { data: { a: 1 } }, 'Strict').status?.message).toBe(
      'Secret in version "v1" cannot be handled as a Secret: json: cannot unmarshal number into Go struct field Secret.data of type []uint8',
    );
  });
});

describe('strictDecode: values with their own decoders', () => {
  it('rejects a bad quantity with the quantity regex message', () => {
    const body = pod({ containers: [{ name: 'a', resources: { limits: { cpu: 'abc' } } }] });
    expect(strictDecode('pods', body, 'Strict').status).toEqual(
      podError(
        "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'",
      ),
    );
  });

  it('canonicalizes quantities as the server echoes them (numbers accepted)', () => {
    const body = pod({
      containers: [
        {
          name: 'a',
          resources: { limits: { cpu: 0.5, memory: '1.5Gi' }, requests: { cpu: '100m' } },
        },
      ],
    });
    expect(strictDecode('pods', body, 'Strict').object).toEqual(
      pod({
        containers: [
          {
            name: 'a',
            resources: { limits: { cpu: '500m', memory: '1536Mi' }, requests: { cpu: '100m' } },
          },
        ],
      }),
    );
  });

  it('parses times as RFC 3339 and stores them in UTC', () => {
    const ok = strictDecode(
      'pods',
      { metadata: { creationTimestamp: '2024-01-01T10:00:00+02:00' } },
      'Strict',
    );
    expect(ok.object).toEqual({ metadata: { creationTimestamp: '2024-01-01T08:00:00Z' } });
    expect(
      strictDecode('pods', { metadata: { creationTimestamp: 'yesterday' } }, 'Strict').status,
    ).toEqual(
      podError(
        'parsing time "yesterday" as "2006-01-02T15:04:05Z07:00": cannot parse "yesterday" as "2006"',
      ),
    );
  });

  it('requires microseconds in MicroTime fields (Lease renewTime, Event eventTime)', () => {
    expect(
      strictDecode('leases', { spec: { renewTime: '2024-01-01T00:00:00Z' } }, 'Strict').status
        ?.message,
    ).toBe(
      'Lease in version "v1" cannot be handled as a Lease: parsing time "2024-01-01T00:00:00Z" as "2006-01-02T15:04:05.000000Z07:00": cannot parse "Z" as ".000000"',
    );
    expect(
      strictDecode('leases', { spec: { renewTime: '2024-01-01T00:00:00.123456Z' } }, 'Strict')
        .object,
    ).toEqual({ spec: { renewTime: '2024-01-01T00:00:00.123456Z' } });
  });

  it('decodes Secret data as base64 and reports Go offsets', () => {
    expect(strictDecode('secrets', { data: { a: 'Zm9v!' } }, 'Strict').status).toEqual(
      badRequest(
        'Secret in version "v1" cannot be handled as a Secret: illegal base64 data at input byte 4',
      ),
    );
    expect(strictDecode('secrets', { data: { a: 'Zm9v' } }, 'Strict').object).toEqual({
      data: { a: 'Zm9v' },
    });
  });

  it('treats null as absent, and null map values or list items as zero values', () => {
    expect(
      strictDecode(
        'pods',
        pod({ containers: [null] }, { name: 'p', labels: { a: null } }),
        'Strict',
      ).object,
    ).toEqual(pod({ containers: [{}] }, { name: 'p', labels: { a: '' } }));
    expect(
      strictDecode('pods', { metadata: null, spec: { containers: null } }, 'Strict').object,
    ).toEqual({
      spec: {},
    });
  });

  it('accepts IntOrString as either', () => {
    const body = pod({
      containers: [
        {
          name: 'a',
          livenessProbe: { httpGet: { port: 'http' } },
          readinessProbe: { tcpSocket: { port: 80 } },
        },
      ],
    });
    expect(strictDecode('pods', body, 'Strict').object).toEqual(body);
  });
});

describe('encodeObject (Go JSON encoding)', () => {
  it('orders fields as the Go structs, sorts map keys, omits empty omitempty fields', () => {
    const out = encodeObject('configmaps', {
      data: { b: '1', a: '2' },
      immutable: false,
      metadata: { labels: { z: '1', a: '2' }, name: 'c', annotations: {} },
      kind: 'ConfigMap',
      apiVersion: 'v1',
    });
    expect(JSON.stringify(out)).toBe(
      '{"kind":"ConfigMap","apiVersion":"v1","metadata":{"name":"c","creationTimestamp":null,"labels":{"a":"2","z":"1"}},"immutable":false,"data":{"a":"2","b":"1"}}',
    );
  });

  it('always writes non-pointer structs and fields without omitempty', () => {
    expect(encodeObject('nodes', { metadata: { name: 'n' } })).toEqual({
      metadata: { name: 'n', creationTimestamp: null },
      spec: {},
      status: {
        daemonEndpoints: { kubeletEndpoint: { Port: 0 } },
        nodeInfo: {
          machineID: '',
          systemUUID: '',
          bootID: '',
          kernelVersion: '',
          osImage: '',
          containerRuntimeVersion: '',
          kubeletVersion: '',
          kubeProxyVersion: '',
          operatingSystem: '',
          architecture: '',
        },
      },
    });
    expect(
      encodeObject('pods', {
        metadata: { name: 'p' },
        spec: { containers: [{ name: 'a', image: 'x' }] },
        status: {
          containerStatuses: [
            { name: 'a', image: 'x', imageID: '', ready: false, restartCount: 0 },
          ],
        },
      }),
    ).toEqual({
      metadata: { name: 'p', creationTimestamp: null },
      spec: { containers: [{ name: 'a', image: 'x', resources: {} }] },
      status: {
        containerStatuses: [
          {
            name: 'a',
            state: {},
            lastState: {},
            ready: false,
            restartCount: 0,
            image: 'x',
            imageID: '',
          },
        ],
      },
    });
  });

  it('writes the deprecated serviceAccount alias of serviceAccountName', () => {
    const out = encodeObject('pods', {
      spec: { containers: [], serviceAccountName: 'builder' },
    }) as { spec: Record<string, unknown> };
    expect(out.spec.serviceAccountName).toBe('builder');
    expect(out.spec.serviceAccount).toBe('builder');
  });

  it('is idempotent', () => {
    const once = encodeObject('events', { metadata: { name: 'e' }, reason: 'X' });
    expect(encodeObject('events', once)).toEqual(once);
    expect(JSON.stringify(once)).toBe(
      '{"metadata":{"name":"e","creationTimestamp":null},"involvedObject":{},"reason":"X","source":{},"firstTimestamp":null,"lastTimestamp":null,"eventTime":null,"reportingComponent":"","reportingInstance":""}',
    );
  });
});

it('goTypeOf names the Go root type', () => {
  expect(goTypeOf('pods')).toBe('v1.Pod');
  expect(goTypeOf('leases')).toBe('v1.Lease');
});
