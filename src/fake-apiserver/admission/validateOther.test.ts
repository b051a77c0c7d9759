import { describe, expect, it } from 'vitest';
import { encodeBase64Text } from '../../kube/base64.ts';
import type { ResourceName } from '../../kube/types.ts';
import {
  createPipeline,
  strictDecodeBinding,
  updatePipeline,
  validateBinding,
  type PipelineResult,
} from './index.ts';
import { objectOf, type Json } from './testing/json.ts';

type Obj = Json;
const stamp = (o: Obj) => {
  o.metadata ??= {};
  o.metadata.uid ??= 'uid-1';
  o.metadata.creationTimestamp ??= '2025-01-01T00:00:00Z';
  o.metadata.resourceVersion ??= '1';
};
const create = (resource: ResourceName, body: Obj): PipelineResult =>
  createPipeline(
    resource,
    body,
    { random: () => 0 },
    { fieldValidation: 'Strict', beforeValidate: stamp },
  );
const createMessage = (resource: ResourceName, body: Obj) => create(resource, body).status?.message;
/** Creates `before`, then updates it to `after` (a function of the stored object). */
function update(
  resource: ResourceName,
  before: Obj,
  after: (stored: Obj) => Obj,
  subresource?: string,
) {
  const stored = objectOf(create(resource, before));
  const body = after(structuredClone(stored));
  return updatePipeline(resource, body, stored, {
    fieldValidation: 'Strict',
    subresource,
    beforeValidate: (o: Json) => {
      o.metadata.resourceVersion ??= '1';
    },
  });
}
const b64 = encodeBase64Text;
const ns = 'default';

describe('ConfigMap', () => {
  it('keys must be config keys, not repeated in binaryData', () => {
    expect(
      createMessage('configmaps', {
        metadata: { name: 'c', namespace: ns },
        data: { 'a b': 'x', '..x': 'y', k: 'v' },
        binaryData: { k: b64('z') },
      }),
    ).toBe(
      `ConfigMap "c" is invalid: [data[a b]: Invalid value: "a b": a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name', or 'KEY_NAME', or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+'), data[..x]: Invalid value: "..x": must not start with '..', data[k]: Invalid value: "k": duplicate of key present in binaryData]`,
    );
  });

  it('1 MiB total: the error has no field', () => {
    const status = create('configmaps', {
      metadata: { name: 'c', namespace: ns },
      data: { a: 'x'.repeat(1024 * 1024 + 1) },
    }).status!;
    expect(status.message).toBe(
      'ConfigMap "c" is invalid: : Too long: may not be more than 1048576 bytes',
    );
    expect(status.details?.causes).toEqual([
      { reason: 'FieldValueTooLong', message: 'Too long: may not be more than 1048576 bytes' },
    ]);
    expect(
      create('configmaps', {
        metadata: { name: 'c', namespace: ns },
        data: { a: 'x'.repeat(1024 * 1024) },
      }).status,
    ).toBeUndefined();
  });

  it('immutable: data, binaryData and the flag itself are frozen', () => {
    const before = { metadata: { name: 'c', namespace: ns }, data: { a: '1' }, immutable: true };
    expect(
      update('configmaps', before, (o) => ({ ...o, data: { a: '2' }, immutable: false })).status
        ?.message,
    ).toBe(
      'ConfigMap "c" is invalid: [immutable: Forbidden: field is immutable when `immutable` is set, data: Forbidden: field is immutable when `immutable` is set]',
    );
    expect(
      update('configmaps', before, (o) => ({ ...o, binaryData: { b: b64('x') } })).status?.message,
    ).toBe(
      'ConfigMap "c" is invalid: binaryData: Forbidden: field is immutable when `immutable` is set',
    );
    expect(
      update('configmaps', before, (o) => ({
        ...o,
        metadata: { ...o.metadata, labels: { a: 'b' } },
      })).status,
    ).toBeUndefined();
  });

  it('a mutable ConfigMap updates freely', () => {
    const result = update(
      'configmaps',
      { metadata: { name: 'c', namespace: ns }, data: { a: '1' } },
      (o) => ({ ...o, data: { a: '2' } }),
    );
    expect(result.object?.data).toEqual({ a: '2' });
  });
});

describe('Secret', () => {
  const secret = (extra: Obj) => ({ metadata: { name: 's', namespace: ns }, ...extra });

  it('dockerconfigjson needs valid JSON object in .dockerconfigjson', () => {
    const type = 'kubernetes.io/dockerconfigjson';
    expect(createMessage('secrets', secret({ type, data: {} }))).toBe(
      'Secret "s" is invalid: data[.dockerconfigjson]: Required value',
    );
    expect(
      createMessage('secrets', secret({ type, data: { '.dockerconfigjson': b64('{"auths":') } })),
    ).toBe(
      'Secret "s" is invalid: data[.dockerconfigjson]: Invalid value: "<secret contents redacted>": unexpected end of JSON input',
    );
    expect(
      createMessage('secrets', secret({ type, stringData: { '.dockerconfigjson': '[1]' } })),
    ).toBe(
      'Secret "s" is invalid: data[.dockerconfigjson]: Invalid value: "<secret contents redacted>": json: cannot unmarshal array into Go value of type map[string]interface {}',
    );
    expect(
      create('secrets', secret({ type, stringData: { '.dockerconfigjson': '{"auths":{}}' } }))
        .object,
    ).toMatchObject({
      data: { '.dockerconfigjson': 'eyJhdXRocyI6e319' },
      type,
    });
  });

  it('the other built-in types', () => {
    expect(createMessage('secrets', secret({ type: 'kubernetes.io/dockercfg' }))).toBe(
      'Secret "s" is invalid: data[.dockercfg]: Required value',
    );
    expect(createMessage('secrets', secret({ type: 'kubernetes.io/tls', data: {} }))).toBe(
      'Secret "s" is invalid: [data[tls.crt]: Required value, data[tls.key]: Required value]',
    );
    expect(createMessage('secrets', secret({ type: 'kubernetes.io/basic-auth' }))).toBe(
      'Secret "s" is invalid: [data[username]: Required value, data[password]: Required value]',
    );
    expect(
      create('secrets', secret({ type: 'kubernetes.io/basic-auth', stringData: { password: '' } }))
        .status,
    ).toBeUndefined();
    expect(createMessage('secrets', secret({ type: 'kubernetes.io/ssh-auth' }))).toBe(
      'Secret "s" is invalid: data[ssh-privatekey]: Required value',
    );
    expect(createMessage('secrets', secret({ type: 'kubernetes.io/service-account-token' }))).toBe(
      'Secret "s" is invalid: metadata.annotations[kubernetes.io/service-account.name]: Required value',
    );
    expect(create('secrets', secret({ type: 'example.com/custom' })).status).toBeUndefined();
  });

  it('keys and the 1 MiB limit (decoded bytes)', () => {
    expect(createMessage('secrets', secret({ data: { 'x/y': b64('1') } }))).toBe(
      `Secret "s" is invalid: data[x/y]: Invalid value: "x/y": a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name', or 'KEY_NAME', or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')`,
    );
    expect(
      createMessage('secrets', secret({ stringData: { a: 'x'.repeat(1024 * 1024 + 1) } })),
    ).toBe('Secret "s" is invalid: data: Too long: may not be more than 1048576 bytes');
  });

  it('type is immutable; immutable secrets freeze data', () => {
    expect(
      update('secrets', secret({ stringData: { a: '1' } }), (o) => ({
        ...o,
        type: 'kubernetes.io/tls',
      })).status?.message,
    ).toBe(
      'Secret "s" is invalid: [type: Invalid value: "kubernetes.io/tls": field is immutable, data[tls.crt]: Required value, data[tls.key]: Required value]',
    );
    expect(
      update('secrets', secret({ stringData: { a: '1' }, immutable: true }), (o) => ({
        ...o,
        stringData: { a: '2' },
      })).status?.message,
    ).toBe('Secret "s" is invalid: data: Forbidden: field is immutable when `immutable` is set');
  });
});

describe('Namespace', () => {
  it('names are DNS labels; no namespace on a cluster-scoped object', () => {
    expect(createMessage('namespaces', { metadata: { name: 'a.b' } })).toBe(
      'Namespace "a.b" is invalid: metadata.name: Invalid value: "a.b": must not contain dots',
    );
    expect(createMessage('namespaces', { metadata: { name: 'ns', namespace: 'x' } })).toBe(
      'Namespace "ns" is invalid: metadata.namespace: Forbidden: not allowed on this type',
    );
  });

  it('spec finalizers must be standard or qualified', () => {
    expect(
      createMessage('namespaces', { metadata: { name: 'ns' }, spec: { finalizers: ['foo'] } }),
    ).toBe(
      'Namespace "ns" is invalid: spec.finalizers: Invalid value: "foo": name is neither a standard finalizer name nor is it fully qualified',
    );
  });

  it('status phase follows deletionTimestamp', () => {
    const result = update(
      'namespaces',
      { metadata: { name: 'ns' } },
      (o) => ({ ...o, status: { phase: 'Terminating' } }),
      'status',
    );
    expect(result.status?.message).toBe(
      `Namespace "ns" is invalid: status.Phase: Invalid value: "Terminating": may only be 'Active' if \`deletionTimestamp\` is empty`,
    );
  });
});

describe('ServiceAccount, Node, Event, Lease', () => {
  it('ServiceAccount names are subdomains', () => {
    expect(createMessage('serviceaccounts', { metadata: { name: 'Bad', namespace: ns } })).toMatch(
      /^ServiceAccount "Bad" is invalid: metadata.name: Invalid value: "Bad": a lowercase RFC 1123 subdomain/,
    );
  });

  it('Node taints are reported under metadata.taints, unique by key and effect', () => {
    expect(
      createMessage('nodes', {
        metadata: { name: 'n1' },
        spec: {
          taints: [
            { key: 'a', effect: 'NoSchedule' },
            { key: 'a', effect: 'NoSchedule' },
            { key: 'b' },
          ],
        },
      }),
    ).toBe(
      'Node "n1" is invalid: [metadata.taints[1]: Duplicate value: core.Taint{Key:"a", Value:"", Effect:"NoSchedule", TimeAdded:(*v1.Time)(nil)}: taints must be unique by key and effect pair, metadata.taints[2].effect: Required value]',
    );
  });

  it('Node resources are non-negative, integer ones whole (printed as Go structs)', () => {
    expect(
      createMessage('nodes', {
        metadata: { name: 'n1' },
        status: { allocatable: { cpu: '-1' }, capacity: { pods: '1.5' } },
      }),
    ).toBe(
      'Node "n1" is invalid: [status.capacity.pods: Invalid value: resource.Quantity{i:resource.int64Amount{value:1500, scale:-3}, d:resource.infDecAmount{Dec:(*inf.Dec)(nil)}, s:"1500m", Format:"DecimalSI"}: must be an integer, status.allocatable.cpu: Invalid value: "-1": must be greater than or equal to 0]',
    );
  });

  it('Node updates may not change podCIDRs or providerID once set', () => {
    const before = {
      metadata: { name: 'n1' },
      spec: { podCIDRs: ['10.0.0.0/24'], providerID: 'p1' },
    };
    expect(
      update('nodes', before, (o) => ({
        ...o,
        spec: { podCIDRs: ['10.0.1.0/24'], providerID: 'p2' },
      })).status?.message,
    ).toBe(
      'Node "n1" is invalid: [spec.podCIDRs: Forbidden: node updates may not change podCIDR except from "" to valid, spec.providerID: Forbidden: node updates may not change providerID except from "" to valid]',
    );
  });

  it('core/v1 Events get the legacy checks, then the generic name check', () => {
    expect(
      createMessage('events', { metadata: { namespace: ns }, involvedObject: { namespace: ns } }),
    ).toBe('Event "" is invalid: metadata.name: Required value: name or generateName is required');
    expect(
      createMessage('events', {
        metadata: { name: 'e', namespace: ns },
        involvedObject: { namespace: 'other' },
      }),
    ).toBe(
      'Event "e" is invalid: involvedObject.namespace: Invalid value: "other": does not match event.namespace',
    );
    expect(
      createMessage('events', {
        metadata: { name: 'e', namespace: ns },
        involvedObject: { namespace: ns },
        eventTime: '2025-01-01T00:00:00.000000Z',
        reportingComponent: 'kubelet',
        reportingInstance: 'node-1',
        action: 'Pulling',
      }),
    ).toBe('Event "e" is invalid: reason: Required value');
    expect(
      create('events', {
        metadata: { name: 'web.1', namespace: ns },
        involvedObject: { kind: 'Pod', name: 'web', namespace: ns },
        reason: 'Scheduled',
        type: 'Normal',
      }).status,
    ).toBeUndefined();
  });

  it('Lease spec rules; apimachinery metadata rules (any finalizer name)', () => {
    expect(
      createMessage('leases', {
        metadata: { name: 'l', namespace: ns, finalizers: ['custom'] },
        spec: { leaseDurationSeconds: 0, leaseTransitions: -1 },
      }),
    ).toBe(
      'Lease.coordination.k8s.io "l" is invalid: [spec.leaseDurationSeconds: Invalid value: 0: must be greater than 0, spec.leaseTransitions: Invalid value: -1: must be greater than or equal to 0]',
    );
  });
});

describe('updates: metadata', () => {
  const cm = { metadata: { name: 'c', namespace: ns }, data: { a: '1' } };

  it('resourceVersion is required', () => {
    const stored = objectOf(create('configmaps', cm));
    const result = updatePipeline(
      'configmaps',
      { ...stored, metadata: { ...stored.metadata, resourceVersion: undefined } },
      stored,
      {
        fieldValidation: 'Strict',
      },
    );
    expect(result.status?.message).toBe(
      'ConfigMap "c" is invalid: metadata.resourceVersion: Invalid value: "": must be specified for an update',
    );
  });

  it('name and namespace are immutable; causes repeat as Kubernetes repeats them', () => {
    const status = update('configmaps', cm, (o) => ({
      ...o,
      metadata: { ...o.metadata, name: 'd' },
    })).status!;
    expect(status.message).toBe(
      'ConfigMap "d" is invalid: metadata.name: Invalid value: "d": field is immutable',
    );
    expect(status.details?.causes).toHaveLength(2);
  });

  it('labels are validated on update', () => {
    expect(
      update('configmaps', cm, (o) => ({
        ...o,
        metadata: { ...o.metadata, labels: { 'a b': 'c' } },
      })).status?.message,
    ).toMatch(
      /^ConfigMap "c" is invalid: metadata.labels: Invalid value: "a b": name part must consist of/,
    );
  });
});

describe('pods/binding', () => {
  it('decodes a Binding strictly', () => {
    expect(
      strictDecodeBinding({ metadata: { name: 'web' }, target: { nam: 'n1' } }, 'Strict').status
        ?.message,
    ).toBe(
      'Binding in version "v1" cannot be handled as a Binding: strict decoding error: unknown field "target.nam"',
    );
  });

  it('target name required, kind Node: reported as a 500 without reason, as BindingREST does', () => {
    expect(validateBinding({ metadata: { name: 'web' }, target: {} }, 'web')).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'target.name: Required value',
      code: 500,
    });
    expect(validateBinding({ metadata: { name: 'web' }, target: { kind: 'Pod' } })?.message).toBe(
      '[target.kind: Unsupported value: "Pod": supported values: "Node", "<empty>", target.name: Required value]',
    );
    expect(
      validateBinding({ metadata: { name: 'web' }, target: { kind: 'Node', name: 'n1' } }, 'web'),
    ).toBeUndefined();
  });

  it('the Binding must name the pod of the URL', () => {
    expect(validateBinding({ metadata: { name: 'x' }, target: { name: 'n1' } }, 'web')).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'name in URL does not match name in Binding object',
      reason: 'BadRequest',
      code: 400,
    });
  });
});
