import { describe, expect, it } from 'vitest';
import { encodeBase64Text } from '../kube/base64.ts';
import type { ConfigMap, Container, Pod, Secret } from '../kube/types.ts';
import { makeConfigMap, makePod } from '../fake-apiserver/testing/fixtures.ts';
import {
  containerArgv,
  expandVars,
  resolveEnv,
  type ConfigSource,
  type EnvResult,
  type NodeFacts,
} from './env.ts';

const node: NodeFacts = {
  nodeName: 'node-1',
  hostIP: '10.0.0.7',
  allocatable: { cpu: '4', memory: '4032800Ki', 'ephemeral-storage': '10Gi' },
};

function makeSecret(name: string, data: Record<string, string>): Secret {
  const encoded = Object.fromEntries(
    Object.entries(data).map(([k, v]) => [k, encodeBase64Text(v)]),
  );
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name, namespace: 'default' },
    data: encoded,
  };
}

function sourceOf(...objects: (ConfigMap | Secret)[]): ConfigSource {
  const find = (kind: string, ns: string, name: string) =>
    objects.find(
      (o) => o.kind === kind && o.metadata?.namespace === ns && o.metadata?.name === name,
    );
  return {
    configMap: (ns, name) => find('ConfigMap', ns, name) as ConfigMap | undefined,
    secret: (ns, name) => find('Secret', ns, name) as Secret | undefined,
  };
}

function podWith(container: Partial<Container>, overrides: Partial<Pod> = {}): Pod {
  const pod = makePod('web', overrides);
  pod.metadata = {
    ...pod.metadata,
    uid: '0d9c8a4e-1111-4222-8333-444455556666',
    labels: { app: 'web', tier: 'front' },
    annotations: { 'example.com/owner': 'team-a' },
    ...overrides.metadata,
  };
  pod.spec = {
    nodeName: 'node-1',
    serviceAccountName: 'builder',
    ...pod.spec,
    containers: [{ name: 'app', image: 'hello:v1', ...container }],
  };
  return pod;
}

const resolve = (pod: Pod, source: ConfigSource = sourceOf()) =>
  resolveEnv(pod, pod.spec!.containers[0]!, source, node);
const envOf = (r: EnvResult) => {
  if (!r.ok) throw new Error(`expected ok, got ${r.message}`);
  return r.env;
};

describe('expandVars', () => {
  const vars = new Map([
    ['A', 'alpha'],
    ['EMPTY', ''],
  ]);
  it.each([
    ['$(A)', 'alpha'],
    ['x-$(A)-$(A)', 'x-alpha-alpha'],
    ['$(UNDEFINED)', '$(UNDEFINED)'],
    ['$(EMPTY)!', '!'],
    ['$$(A)', '$(A)'],
    ['$$$(A)', '$alpha'],
    ['cost: $$5', 'cost: $5'],
    ['$A and $', '$A and $'],
    ['$(A', '$(A'],
    ['$()', '$()'],
    ['$(A)$(B', 'alpha$(B'],
  ])('expands %j to %j', (input, expected) => {
    expect(expandVars(input, vars)).toBe(expected);
  });
});

describe('resolveEnv: value', () => {
  it('expands only the variables defined before it, in declaration order', () => {
    const pod = podWith({
      env: [
        { name: 'FIRST', value: 'one' },
        { name: 'BOTH', value: '$(FIRST)+$(LATER)' },
        { name: 'LATER', value: 'two' },
        { name: 'BLANK', value: '' },
      ],
    });
    expect(envOf(resolve(pod))).toEqual([
      ['FIRST', 'one'],
      ['BOTH', 'one+$(LATER)'],
      ['LATER', 'two'],
      ['BLANK', ''],
    ]);
  });

  it('has no service-link or HOSTNAME variables of its own', () => {
    expect(envOf(resolve(podWith({})))).toEqual([]);
  });
});

describe('resolveEnv: envFrom', () => {
  const cfg = makeConfigMap('cfg', { b_key: '2', a_key: '1', '1badkey': 'x', 'dotted.name': 'y' });

  it('adds every key, sorted, with the prefix, and lets env override and move them', () => {
    const pod = podWith({
      envFrom: [{ configMapRef: { name: 'cfg' }, prefix: 'CFG_' }],
      env: [
        { name: 'CFG_a_key', value: 'overridden' },
        { name: 'REF', value: '$(CFG_b_key)' },
      ],
    });
    expect(envOf(resolve(pod, sourceOf(cfg)))).toEqual([
      ['CFG_1badkey', 'x'],
      ['CFG_b_key', '2'],
      ['CFG_dotted.name', 'y'],
      ['CFG_a_key', 'overridden'],
      ['REF', '2'],
    ]);
  });

  it('passes keys that are not C identifiers through, as the v1.33 kubelet does', () => {
    const pod = podWith({ envFrom: [{ configMapRef: { name: 'cfg' } }] });
    expect(envOf(resolve(pod, sourceOf(cfg))).map(([k]) => k)).toEqual([
      '1badkey',
      'a_key',
      'b_key',
      'dotted.name',
    ]);
  });

  it('decodes secrets and lets a later source win', () => {
    const pod = podWith({
      envFrom: [{ configMapRef: { name: 'cfg' } }, { secretRef: { name: 'creds' } }],
    });
    const creds = makeSecret('creds', { a_key: 'from secret', PASSWORD: 'pä55 ✓' });
    expect(envOf(resolve(pod, sourceOf(cfg, creds)))).toEqual([
      ['1badkey', 'x'],
      ['b_key', '2'],
      ['dotted.name', 'y'],
      ['PASSWORD', 'pä55 ✓'],
      ['a_key', 'from secret'],
    ]);
  });

  it('skips an optional source that does not exist', () => {
    const pod = podWith({
      envFrom: [
        { configMapRef: { name: 'nope', optional: true } },
        { secretRef: { name: 'nope', optional: true } },
      ],
      env: [{ name: 'X', value: '1' }],
    });
    expect(envOf(resolve(pod))).toEqual([['X', '1']]);
  });

  it.each([
    [{ configMapRef: { name: 'cfg' } }, 'configmap "cfg" not found'],
    [{ secretRef: { name: 's' } }, 'secret "s" not found'],
  ])('fails on a missing required source: %j', (envFrom, message) => {
    expect(resolve(podWith({ envFrom: [envFrom] }))).toEqual({ ok: false, message });
  });
});

describe('resolveEnv: configMapKeyRef and secretKeyRef', () => {
  const cfg: ConfigMap = {
    ...makeConfigMap('cfg', { color: 'blue' }),
    binaryData: { blob: encodeBase64Text('bin') },
  };
  const secret = makeSecret('s', { token: 'héllo ✓' });
  const ref = (name: string, key: string, optional?: boolean) => ({
    name: 'V',
    valueFrom: { configMapKeyRef: { name, key, ...(optional ? { optional } : {}) } },
  });
  const sref = (name: string, key: string, optional?: boolean) => ({
    name: 'V',
    valueFrom: { secretKeyRef: { name, key, ...(optional ? { optional } : {}) } },
  });

  it('reads a ConfigMap key and a UTF-8 Secret key', () => {
    const pod = podWith({
      env: [ref('cfg', 'color'), { ...sref('s', 'token'), name: 'TOKEN' }],
    });
    expect(envOf(resolve(pod, sourceOf(cfg, secret)))).toEqual([
      ['V', 'blue'],
      ['TOKEN', 'héllo ✓'],
    ]);
  });

  it.each([
    [ref('missing', 'color'), 'configmap "missing" not found'],
    [ref('cfg', 'k'), "couldn't find key k in ConfigMap default/cfg"],
    [ref('cfg', 'blob'), "couldn't find key blob in ConfigMap default/cfg"],
    [sref('missing', 'token'), 'secret "missing" not found'],
    [sref('s', 'k'), "couldn't find key k in Secret default/s"],
  ])('fails with the kubelet message: %j', (env, message) => {
    expect(resolve(podWith({ env: [env] }), sourceOf(cfg, secret))).toEqual({ ok: false, message });
  });

  it('leaves an optional variable unset, keeping a value envFrom gave it', () => {
    const pod = podWith({
      envFrom: [{ configMapRef: { name: 'base' } }],
      env: [ref('missing', 'color', true), ref('cfg', 'k', true), sref('s', 'k', true)],
    });
    const base = makeConfigMap('base', { V: 'from envFrom' });
    expect(envOf(resolve(pod, sourceOf(cfg, secret, base)))).toEqual([['V', 'from envFrom']]);
  });

  it('reads the namespace of the pod', () => {
    const other = {
      ...makeConfigMap('cfg', { color: 'red' }),
      metadata: { name: 'cfg', namespace: 'other' },
    };
    const pod = podWith(
      { env: [ref('cfg', 'color')] },
      { metadata: { name: 'web', namespace: 'other' } },
    );
    expect(envOf(resolve(pod, sourceOf(cfg, other)))).toEqual([['V', 'red']]);
  });
});

describe('resolveEnv: fieldRef', () => {
  const field = (fieldPath: string, apiVersion?: string) => ({
    name: 'F',
    valueFrom: { fieldRef: { fieldPath, ...(apiVersion ? { apiVersion } : {}) } },
  });
  const one = (fieldPath: string, apiVersion?: string) =>
    resolve(podWith({ env: [field(fieldPath, apiVersion)] }));

  it.each([
    ['metadata.name', 'web'],
    ['metadata.namespace', 'default'],
    ['metadata.uid', '0d9c8a4e-1111-4222-8333-444455556666'],
    ["metadata.labels['app']", 'web'],
    ["metadata.labels['absent']", ''],
    ["metadata.annotations['example.com/owner']", 'team-a'],
    ['spec.nodeName', 'node-1'],
    ['spec.host', 'node-1'],
    ['spec.serviceAccountName', 'builder'],
    ['status.hostIP', '10.0.0.7'],
    ['status.hostIPs', '10.0.0.7'],
    ['status.podIP', ''],
    ['status.podIPs', ''],
  ])('%s is %j', (fieldPath, value) => {
    expect(one(fieldPath, 'v1')).toEqual({ ok: true, env: [['F', value]] });
  });

  it('treats a missing apiVersion as v1, the API default', () => {
    expect(one('metadata.name')).toEqual({ ok: true, env: [['F', 'web']] });
  });

  it.each([
    ['metadata.name', 'v2', 'unsupported pod version: v2'],
    ['spec.containers', 'v1', 'field label not supported: spec.containers'],
    ["spec.nodeName['x']", 'v1', "field label does not support subscript: spec.nodeName['x']"],
    ['spec.restartPolicy', 'v1', 'unsupported fieldPath: spec.restartPolicy'],
  ])('%s (%s) fails: %s', (fieldPath, apiVersion, message) => {
    expect(one(fieldPath, apiVersion)).toEqual({ ok: false, message });
  });
});

describe('resolveEnv: resourceFieldRef', () => {
  const res = (resource: string, divisor?: string, containerName?: string) => ({
    name: 'R',
    valueFrom: {
      resourceFieldRef: {
        resource,
        ...(divisor ? { divisor } : {}),
        ...(containerName ? { containerName } : {}),
      },
    },
  });
  const withResources = (env: Container['env'], extra: Partial<Pod['spec']> = {}) =>
    podWith(
      {
        env,
        resources: {
          limits: { cpu: '500m', memory: '64Mi' },
          requests: { cpu: '250m', memory: '32Mi' },
        },
      },
      { spec: { containers: [], ...extra } },
    );

  it.each([
    ['limits.cpu', undefined, '1'],
    ['limits.cpu', '1m', '500'],
    ['requests.cpu', '1m', '250'],
    ['requests.cpu', '0', '1'],
    ['limits.memory', undefined, '67108864'],
    ['limits.memory', '1Mi', '64'],
    ['requests.memory', '1Gi', '1'],
    ['requests.memory', '1k', '33555'],
    ['limits.ephemeral-storage', '1Gi', '10'],
    ['requests.ephemeral-storage', undefined, '0'],
    ['limits.hugepages-2Mi', undefined, '0'],
  ])('%s / %s is %s', (resource, divisor, value) => {
    expect(resolve(withResources([res(resource, divisor)]))).toEqual({
      ok: true,
      env: [['R', value]],
    });
  });

  it('reports node allocatable for limits the container does not set', () => {
    const pod = podWith({ env: [res('limits.cpu', '1m'), { ...res('limits.memory'), name: 'M' }] });
    expect(envOf(resolve(pod))).toEqual([
      ['R', '4000'],
      ['M', '4129587200'],
    ]);
  });

  it('reads another container, whose limits default too, but not an init container', () => {
    const pod = withResources(
      [res('limits.cpu', '1m', 'side'), { ...res('limits.cpu', '1m', 'setup'), name: 'I' }],
      {
        initContainers: [{ name: 'setup', image: 'x' }],
      },
    );
    pod.spec!.containers.push({ name: 'side', image: 'x' });
    expect(envOf(resolve(pod))).toEqual([
      ['R', '4000'],
      ['I', '0'],
    ]);
  });

  it.each([
    [res('limits.nvidia.com/gpu'), 'Unsupported container resource : limits.nvidia.com/gpu'],
    [res('cpu'), 'Unsupported container resource : cpu'],
    [res('limits.cpu', undefined, 'ghost'), 'container ghost not found'],
  ])('fails: %j', (env, message) => {
    expect(resolve(withResources([env]))).toEqual({ ok: false, message });
  });
});

describe('containerArgv', () => {
  const env: [string, string][] = [
    ['NAME', 'world'],
    ['N', '3'],
  ];
  it('is command then args, each expanded', () => {
    expect(
      containerArgv(
        {
          name: 'a',
          command: ['greet', '--name=$(NAME)'],
          args: ['-n', '$(N)', '$$(N)', '$(NOPE)'],
        },
        env,
      ),
    ).toEqual(['greet', '--name=world', '-n', '3', '$(N)', '$(NOPE)']);
  });

  it('is args alone when there is no command, without a program name', () => {
    expect(containerArgv({ name: 'a', args: ['arg1', '$(NAME)'] }, env)).toEqual(['arg1', 'world']);
  });

  it('is empty when there is neither', () => {
    expect(containerArgv({ name: 'a' }, env)).toEqual([]);
  });
});
