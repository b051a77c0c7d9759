import { describe, expect, it } from 'vitest';
import { encodeBase64Text } from '../kube/base64.ts';
import { MemDir, MemFile } from '../kube/memfs.ts';
import type { ConfigMap, Container, Pod, Secret } from '../kube/types.ts';
import type { Volume, VolumeMount } from 'kubernetes-types/core/v1';
import { makeConfigMap, makePod } from '../fake-apiserver/testing/fixtures.ts';
import type { ConfigSource } from './env.ts';
import {
  containerMounts,
  refreshVolumes,
  setUpVolumes,
  type NodeVolumes,
  type PodVolumes,
} from './volumes.ts';

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

/** A ConfigSource over a mutable list, so tests can create, change and delete objects. */
function store(...objects: (ConfigMap | Secret)[]) {
  const list = [...objects];
  const find = (kind: string, ns: string, name: string) =>
    list.find((o) => o.kind === kind && o.metadata?.namespace === ns && o.metadata?.name === name);
  const source: ConfigSource = {
    configMap: (ns, name) => find('ConfigMap', ns, name) as ConfigMap | undefined,
    secret: (ns, name) => find('Secret', ns, name) as Secret | undefined,
  };
  return {
    source,
    put(o: ConfigMap | Secret) {
      const i = list.findIndex((x) => x.kind === o.kind && x.metadata?.name === o.metadata?.name);
      if (i >= 0) list.splice(i, 1);
      list.push(o);
    },
    remove(kind: string, name: string) {
      list.splice(
        list.findIndex((x) => x.kind === kind && x.metadata?.name === name),
        1,
      );
    },
  };
}

function podWithVolumes(
  volumes: Volume[],
  mounts: VolumeMount[] = [],
  extra: Partial<Pod> = {},
): Pod {
  const pod = makePod('web', extra);
  pod.metadata = { uid: 'uid-1', labels: { app: 'web' }, ...pod.metadata };
  pod.spec = {
    nodeName: 'node-1',
    ...pod.spec,
    volumes,
    containers: [{ name: 'app', image: 'hello:v1', volumeMounts: mounts }],
  };
  return pod;
}

const newNode = (): NodeVolumes => ({
  hostPaths: new MemDir(),
  allocatable: { cpu: '4', memory: '8Gi' },
});

function setUp(pod: Pod, source: ConfigSource = store().source, node = newNode()): PodVolumes {
  const r = setUpVolumes(pod, source, node);
  if (!r.ok) throw new Error(r.failures.map((f) => f.message).join('; '));
  return r.volumes;
}

const fileAt = (dir: MemDir, path: string) => {
  const node = dir.lookup(path);
  if (node?.kind !== 'file') throw new Error(`no file at ${path}`);
  return node;
};
const listing = (dir: MemDir): Record<string, string> => {
  const out: Record<string, string> = {};
  const walk = (d: MemDir, prefix: string) => {
    for (const [name, node] of d.entries) {
      if (node.kind === 'dir') walk(node, `${prefix}${name}/`);
      else
        out[`${prefix}${name}`] = `${node.mode.toString(8)} ${new TextDecoder().decode(node.data)}`;
    }
  };
  walk(dir, '');
  return out;
};
const failuresOf = (r: ReturnType<typeof setUpVolumes>) => (r.ok ? [] : r.failures);

describe('configMap volumes', () => {
  const cfg: ConfigMap = {
    ...makeConfigMap('app-config', { 'app.yaml': 'port: 80', 'log.level': 'debug' }),
    binaryData: { 'logo.bin': encodeBase64Text('\x89PNG') },
  };

  it('writes every data and binaryData key with mode 0644', () => {
    const v = setUp(
      podWithVolumes([{ name: 'config', configMap: { name: 'app-config' } }]),
      store(cfg).source,
    );
    expect(listing(v.byName.get('config')!)).toEqual({
      'app.yaml': '644 port: 80',
      'log.level': '644 debug',
      'logo.bin': '644 \x89PNG',
    });
  });

  it('writes only the listed items, at their paths, with their modes or defaultMode', () => {
    const pod = podWithVolumes([
      {
        name: 'config',
        configMap: {
          name: 'app-config',
          defaultMode: 0o400,
          items: [
            { key: 'app.yaml', path: 'conf/app.yaml' },
            { key: 'log.level', path: 'level', mode: 0o600 },
          ],
        },
      },
    ]);
    expect(listing(setUp(pod, store(cfg).source).byName.get('config')!)).toEqual({
      'conf/app.yaml': '400 port: 80',
      level: '600 debug',
    });
  });

  it('fails to mount a missing ConfigMap with the FailedMount message', () => {
    const pod = podWithVolumes([{ name: 'config', configMap: { name: 'app-config' } }]);
    expect(setUpVolumes(pod, store().source, newNode())).toEqual({
      ok: false,
      failures: [
        {
          volume: 'config',
          message:
            'MountVolume.SetUp failed for volume "config" : configmap "app-config" not found',
        },
      ],
    });
  });

  it('fails on an item whose key is missing, unless optional', () => {
    const items = [
      { key: 'nope', path: 'nope' },
      { key: 'app.yaml', path: 'a' },
    ];
    const required = podWithVolumes([{ name: 'config', configMap: { name: 'app-config', items } }]);
    expect(failuresOf(setUpVolumes(required, store(cfg).source, newNode()))).toEqual([
      {
        volume: 'config',
        message:
          'MountVolume.SetUp failed for volume "config" : configmap references non-existent config key: nope',
      },
    ]);
    const optional = podWithVolumes([
      { name: 'config', configMap: { name: 'app-config', items, optional: true } },
    ]);
    expect(listing(setUp(optional, store(cfg).source).byName.get('config')!)).toEqual({
      a: '644 port: 80',
    });
  });

  it('mounts an empty volume for a missing optional ConfigMap and fills it once it exists', () => {
    const objects = store();
    const pod = podWithVolumes([
      { name: 'config', configMap: { name: 'app-config', optional: true } },
    ]);
    const v = setUp(pod, objects.source);
    expect(v.byName.get('config')!.entries.size).toBe(0);
    objects.put(cfg);
    expect(refreshVolumes(pod, objects.source, v)).toBe(true);
    expect(v.byName.get('config')!.readText('app.yaml')).toBe('port: 80');
  });

  it('rejects item paths the atomic writer refuses', () => {
    const pathsFail = (path: string) =>
      failuresOf(
        setUpVolumes(
          podWithVolumes([
            { name: 'c', configMap: { name: 'app-config', items: [{ key: 'app.yaml', path }] } },
          ]),
          store(cfg).source,
          newNode(),
        ),
      )[0]?.message;
    const prefix = 'MountVolume.SetUp failed for volume "c" : ';
    expect(pathsFail('../escape')).toBe(`${prefix}invalid path: must not contain '..': ../escape`);
    expect(pathsFail('/abs')).toBe(`${prefix}invalid path: must be relative path: /abs`);
    expect(pathsFail('..hidden')).toBe(`${prefix}invalid path: must not start with '..': ..hidden`);
    expect(pathsFail('')).toBe(`${prefix}invalid path: must not be empty: ""`);
  });
});

describe('setting up again', () => {
  it('keeps the directory of every volume when set up again with `existing`', () => {
    const objects = store(makeConfigMap('cfg', { a: '1' }));
    const pod = podWithVolumes([{ name: 'config', configMap: { name: 'cfg' } }]);
    const first = setUp(pod, objects.source);
    objects.put(makeConfigMap('cfg', { b: '2' }));
    const again = setUpVolumes(pod, objects.source, newNode(), first);
    if (!again.ok) throw new Error('set-up failed');
    expect(again.volumes.byName.get('config')).toBe(first.byName.get('config'));
    expect(listing(again.volumes.byName.get('config')!)).toEqual({ b: '644 2' });
  });
});

describe('secret volumes', () => {
  const s = makeSecret('db', { password: 'pä55 ✓', user: 'admin' });

  it('writes the decoded keys', () => {
    const v = setUp(
      podWithVolumes([{ name: 'creds', secret: { secretName: 'db', defaultMode: 0o440 } }]),
      store(s).source,
    );
    expect(listing(v.byName.get('creds')!)).toEqual({ password: '440 pä55 ✓', user: '440 admin' });
  });

  it.each([
    [{ secretName: 'nope' }, 'secret "nope" not found'],
    [
      { secretName: 'db', items: [{ key: 'token', path: 't' }] },
      'references non-existent secret key: token',
    ],
  ])('fails: %j', (secret, error) => {
    expect(
      failuresOf(
        setUpVolumes(podWithVolumes([{ name: 'creds', secret }]), store(s).source, newNode()),
      ),
    ).toEqual([
      { volume: 'creds', message: `MountVolume.SetUp failed for volume "creds" : ${error}` },
    ]);
  });

  it('reports every failing volume, in spec order', () => {
    const pod = podWithVolumes([
      { name: 'b', secret: { secretName: 'nope' } },
      { name: 'ok', emptyDir: {} },
      { name: 'a', configMap: { name: 'nope' } },
    ]);
    expect(failuresOf(setUpVolumes(pod, store().source, newNode())).map((f) => f.volume)).toEqual([
      'b',
      'a',
    ]);
  });
});

describe('emptyDir volumes', () => {
  it('is a fresh 0777 directory per pod, kept across set-ups through `existing`', () => {
    const pod = podWithVolumes([{ name: 'scratch', emptyDir: {} }, { name: 'defaulted' }]);
    const first = setUp(pod);
    const scratch = first.byName.get('scratch')!;
    expect(scratch.mode).toBe(0o777);
    expect(first.byName.get('defaulted')).toBeInstanceOf(MemDir);
    scratch.writeFile('state', 'kept');
    expect(setUp(pod).byName.get('scratch')).not.toBe(scratch);
    const again = setUpVolumes(pod, store().source, newNode(), first);
    expect(again.ok && again.volumes.byName.get('scratch')!.readText('state')).toBe('kept');
  });
});

describe('hostPath volumes', () => {
  const host = (path: string, type?: string): Volume => ({
    name: 'h',
    hostPath: { path, ...(type !== undefined ? { type } : {}) },
  });
  const fails = (volume: Volume, node = newNode()) =>
    failuresOf(setUpVolumes(podWithVolumes([volume]), store().source, node))[0]?.message;

  it('is the node directory itself, shared by every pod, created for DirectoryOrCreate and no type', () => {
    const node = newNode();
    const a = setUp(podWithVolumes([host('/var/data', 'DirectoryOrCreate')]), undefined, node);
    const b = setUp(podWithVolumes([host('/var/data')]), undefined, node);
    expect(a.byName.get('h')).toBe(node.hostPaths.lookup('var/data'));
    expect(b.byName.get('h')).toBe(a.byName.get('h'));
    const c = setUp(podWithVolumes([host('/srv/new')]), undefined, node);
    expect(c.byName.get('h')).toBe(node.hostPaths.lookup('srv/new'));
  });

  it('checks the type as the kubelet does', () => {
    const node = newNode();
    node.hostPaths.writeFile('etc/hosts', '127.0.0.1 localhost');
    const p = 'MountVolume.SetUp failed for volume "h" : ';
    expect(fails(host('/data', 'Directory'), node)).toBe(
      `${p}hostPath type check failed: /data is not a directory`,
    );
    expect(fails(host('/etc/hosts', 'Directory'), node)).toBe(
      `${p}hostPath type check failed: /etc/hosts is not a directory`,
    );
    expect(fails(host('/etc/hosts', 'DirectoryOrCreate'), node)).toBe(
      `${p}hostPath type check failed: /etc/hosts is not a directory`,
    );
    expect(fails(host('/etc/hosts/sub', 'DirectoryOrCreate'), node)).toBe(
      `${p}mkdir /etc/hosts: not a directory`,
    );
    expect(fails(host('/etc', 'File'), node)).toBe(
      `${p}hostPath type check failed: /etc is not a file`,
    );
    expect(fails(host('/missing/file', 'FileOrCreate'), node)).toBe(
      `${p}open /missing/file: no such file or directory`,
    );
    expect(fails(host('/run/x.sock', 'Socket'), node)).toBe(
      `${p}hostPath type check failed: /run/x.sock is not a socket file`,
    );
    expect(fails(host('/dev/tty', 'CharDevice'), node)).toBe(
      `${p}hostPath type check failed: /dev/tty is not a character device`,
    );
    expect(fails(host('/dev/sda', 'BlockDevice'), node)).toBe(
      `${p}hostPath type check failed: /dev/sda is not a block device`,
    );
    expect(fails(host('/a/../etc'), node)).toBe(
      `${p}invalid HostPath \`/a/../etc\`: must not contain '..'`,
    );
    expect(fails(host('/x', 'Weird'), node)).toBe(`${p}Weird is an invalid volume type`);
  });

  it('mounts an existing file when the hostPath has no type', () => {
    const node = newNode();
    node.hostPaths.writeFile('etc/hosts', 'x');
    const v = setUp(podWithVolumes([host('/etc/hosts')]), undefined, node);
    expect(v.byName.get('h')).toBe(node.hostPaths.lookup('etc'));
    expect(v.files?.get('h')).toBe('hosts');
  });

  it('mounts a file hostPath as that single file', () => {
    const node = newNode();
    const hosts = node.hostPaths.writeFile('etc/hosts', '127.0.0.1 localhost');
    const pod = podWithVolumes(
      [
        host('/etc/hosts', 'File'),
        { name: 'new', hostPath: { path: '/etc/created', type: 'FileOrCreate' } },
      ],
      [
        { name: 'h', mountPath: '/etc/hosts' },
        { name: 'new', mountPath: '/etc/created' },
      ],
    );
    const v = setUp(pod, undefined, node);
    const m = containerMounts(pod, pod.spec!.containers[0]!, v);
    expect(m.ok && m.mounts).toHaveLength(1);
    const mount = m.ok ? m.mounts[0]! : undefined;
    expect(mount?.path).toBe('/etc');
    expect(mount?.readOnly).toBe(false);
    expect(mount?.dir.entries.get('hosts')).toBe(hosts);
    expect(mount?.dir.entries.get('created')).toBe(node.hostPaths.lookup('etc/created'));
    expect(fileAt(node.hostPaths, 'etc/created').mode).toBe(0o644);
  });
});

describe('downwardAPI volumes', () => {
  const pod = () => {
    const p = podWithVolumes([
      {
        name: 'info',
        downwardAPI: {
          items: [
            { path: 'labels', fieldRef: { fieldPath: 'metadata.labels' } },
            { path: 'annotations', fieldRef: { fieldPath: 'metadata.annotations' } },
            { path: 'app', fieldRef: { fieldPath: "metadata.labels['app']" } },
            { path: 'meta/name', fieldRef: { fieldPath: 'metadata.name' }, mode: 0o400 },
            { path: 'meta/./ns', fieldRef: { fieldPath: 'metadata.namespace' } },
            { path: 'uid', fieldRef: { fieldPath: 'metadata.uid' } },
            {
              path: 'mem',
              resourceFieldRef: { containerName: 'app', resource: 'limits.memory', divisor: '1Mi' },
            },
          ],
        },
      },
    ]);
    p.metadata!.labels = { tier: 'front', app: 'web' };
    p.metadata!.annotations = { 'example.com/note': 'say "hi"' };
    return p;
  };

  it('writes the pod fields, the label map as sorted key="value" lines', () => {
    expect(listing(setUp(pod()).byName.get('info')!)).toEqual({
      labels: '644 app="web"\ntier="front"',
      annotations: '644 example.com/note="say \\"hi\\""',
      app: '644 web',
      'meta/name': '400 web',
      'meta/ns': '644 default',
      uid: '644 uid-1',
      mem: '644 8192',
    });
  });

  it('follows label changes on refresh, and reports no change when there is none', () => {
    const p = pod();
    const v = setUp(p);
    expect(refreshVolumes(p, store().source, v)).toBe(false);
    p.metadata!.labels = { app: 'api' };
    expect(refreshVolumes(p, store().source, v)).toBe(true);
    expect(v.byName.get('info')!.readText('labels')).toBe('app="api"');
  });

  it('aggregates the errors of every item', () => {
    const p = podWithVolumes([
      {
        name: 'info',
        downwardAPI: {
          items: [
            { path: 'a', fieldRef: { fieldPath: 'spec.nodeName' } },
            { path: 'b', resourceFieldRef: { containerName: 'ghost', resource: 'limits.cpu' } },
            { path: 'c', fieldRef: { fieldPath: 'spec.nodeName' } },
          ],
        },
      },
    ]);
    expect(failuresOf(setUpVolumes(p, store().source, newNode()))).toEqual([
      {
        volume: 'info',
        message:
          'MountVolume.SetUp failed for volume "info" : [unsupported fieldPath: spec.nodeName, container ghost not found]',
      },
    ]);
  });
});

describe('projected volumes', () => {
  const rootCA = makeConfigMap('kube-root-ca.crt', { 'ca.crt': '-----BEGIN CERTIFICATE-----' });
  const kubeApiAccess: Volume = {
    name: 'kube-api-access-x7k2p',
    projected: {
      defaultMode: 420,
      sources: [
        { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
        { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
        {
          downwardAPI: {
            items: [
              {
                path: 'namespace',
                fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' },
              },
            ],
          },
        },
      ],
    },
  };
  const saMount = {
    name: 'kube-api-access-x7k2p',
    mountPath: '/var/run/secrets/kubernetes.io/serviceaccount',
    readOnly: true,
  };

  it('materialises the kube-api-access volume every pod gets, read-only', () => {
    const pod = podWithVolumes([kubeApiAccess], [saMount], {
      metadata: { name: 'web', creationTimestamp: '2026-01-01T00:00:00Z' },
      spec: { containers: [], serviceAccountName: 'default' },
    });
    const v = setUp(pod, store(rootCA).source);
    const dir = v.byName.get('kube-api-access-x7k2p')!;
    expect([...dir.entries.keys()].sort()).toEqual(['ca.crt', 'namespace', 'token']);
    expect(dir.readText('ca.crt')).toBe('-----BEGIN CERTIFICATE-----');
    expect(dir.readText('namespace')).toBe('default');
    expect(fileAt(dir, 'token').mode).toBe(0o644);

    const [header, payload, signature] = dir.readText('token')!.split('.');
    const json = (part: string) => JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    expect(json(header!)).toEqual({ alg: 'none', typ: 'JWT' });
    expect(signature).toBe('');
    const iat = 1767225600;
    expect(json(payload!)).toMatchObject({
      aud: ['https://kubernetes.default.svc.cluster.local'],
      iat,
      nbf: iat,
      exp: iat + 3607,
      sub: 'system:serviceaccount:default:default',
      'kubernetes.io': {
        namespace: 'default',
        pod: { name: 'web', uid: 'uid-1' },
        node: { name: 'node-1' },
      },
    });
    expect(json(payload!).playground).toMatch(/placeholder/i);

    expect(refreshVolumes(pod, store(rootCA).source, v)).toBe(false);
    const m = containerMounts(pod, pod.spec!.containers[0]!, v);
    expect(m).toEqual({
      ok: true,
      mounts: [{ path: '/var/run/secrets/kubernetes.io/serviceaccount', dir, readOnly: true }],
    });
  });

  it('lets later sources win and aggregates the errors of all sources', () => {
    const objects = store(makeConfigMap('a', { x: 'from a' }), makeSecret('s', { x: 'from s' }));
    const both = podWithVolumes([
      {
        name: 'p',
        projected: { sources: [{ configMap: { name: 'a' } }, { secret: { name: 's' } }] },
      },
    ]);
    expect(setUp(both, objects.source).byName.get('p')!.readText('x')).toBe('from s');
    const broken = podWithVolumes([
      {
        name: 'p',
        projected: {
          sources: [
            { configMap: { name: 'nope' } },
            { secret: { name: 'gone' } },
            { clusterTrustBundle: { path: 'b' } },
          ],
        },
      },
    ]);
    expect(failuresOf(setUpVolumes(broken, objects.source, newNode()))[0]?.message).toBe(
      'MountVolume.SetUp failed for volume "p" : [configmap "nope" not found, secret "gone" not found, projected source clusterTrustBundle is not supported by the Kubelet Playground]',
    );
  });
});

describe('unsupported volume types', () => {
  it('fails with a message naming the volume and the type', () => {
    const pod = podWithVolumes([
      { name: 'data', persistentVolumeClaim: { claimName: 'pvc' } },
      { name: 'n', nfs: { server: 's', path: '/' } },
    ]);
    expect(failuresOf(setUpVolumes(pod, store().source, newNode()))).toEqual([
      {
        volume: 'data',
        message:
          'MountVolume.SetUp failed for volume "data" : persistentVolumeClaim volumes are not supported by the Kubelet Playground (it supports configMap, secret, emptyDir, hostPath, downwardAPI and projected)',
      },
      {
        volume: 'n',
        message:
          'MountVolume.SetUp failed for volume "n" : nfs volumes are not supported by the Kubelet Playground (it supports configMap, secret, emptyDir, hostPath, downwardAPI and projected)',
      },
    ]);
  });
});

describe('refreshVolumes', () => {
  const volumes: Volume[] = [
    { name: 'config', configMap: { name: 'cfg' } },
    { name: 'scratch', emptyDir: {} },
  ];

  it('rewrites changed keys, removes deleted ones, leaves the rest and emptyDirs alone', () => {
    const objects = store(makeConfigMap('cfg', { a: '1', b: '2', c: '3' }));
    const pod = podWithVolumes(volumes);
    const v = setUp(pod, objects.source);
    const dir = v.byName.get('config')!;
    const unchanged = dir.entries.get('a');
    v.byName.get('scratch')!.writeFile('mine', 'x');
    objects.put(makeConfigMap('cfg', { a: '1', b: 'two' }));
    expect(refreshVolumes(pod, objects.source, v)).toBe(true);
    expect(listing(dir)).toEqual({ a: '644 1', b: '644 two' });
    expect(dir.entries.get('a')).toBe(unchanged);
    expect(v.byName.get('scratch')!.readText('mine')).toBe('x');
    expect(refreshVolumes(pod, objects.source, v)).toBe(false);
  });

  it('keeps the old contents when the source disappears', () => {
    const objects = store(makeConfigMap('cfg', { a: '1' }));
    const pod = podWithVolumes(volumes);
    const v = setUp(pod, objects.source);
    objects.remove('ConfigMap', 'cfg');
    expect(refreshVolumes(pod, objects.source, v)).toBe(false);
    expect(v.byName.get('config')!.readText('a')).toBe('1');
  });

  it('does not update a file mounted through subPath, as on a cluster', () => {
    const objects = store(makeConfigMap('cfg', { 'app.conf': 'v1' }));
    const pod = podWithVolumes(volumes, [
      { name: 'config', mountPath: '/etc/app.conf', subPath: 'app.conf' },
    ]);
    const v = setUp(pod, objects.source);
    const m = containerMounts(pod, pod.spec!.containers[0]!, v);
    objects.put(makeConfigMap('cfg', { 'app.conf': 'v2' }));
    expect(refreshVolumes(pod, objects.source, v)).toBe(true);
    expect(v.byName.get('config')!.readText('app.conf')).toBe('v2');
    expect(m.ok && m.mounts[0]!.dir.readText('app.conf')).toBe('v1');
  });

  it('keeps a directory a subPath mount created', () => {
    const objects = store(makeConfigMap('cfg', { a: '1' }));
    const pod = podWithVolumes(volumes, [{ name: 'config', mountPath: '/x', subPath: 'made' }]);
    const v = setUp(pod, objects.source);
    containerMounts(pod, pod.spec!.containers[0]!, v);
    objects.put(makeConfigMap('cfg', { a: '2' }));
    refreshVolumes(pod, objects.source, v);
    expect(v.byName.get('config')!.lookup('made')?.kind).toBe('dir');
  });
});

describe('containerMounts', () => {
  const base: Volume[] = [
    { name: 'config', configMap: { name: 'cfg' } },
    { name: 'scratch', emptyDir: {} },
  ];
  const objects = store(makeConfigMap('cfg', { 'app.conf': 'conf', 'b.conf': 'b' }));
  const mountsFor = (mounts: VolumeMount[], env: [string, string][] = [], volumes = base) => {
    const pod = podWithVolumes(volumes, mounts);
    const v = setUp(pod, objects.source);
    return { v, r: containerMounts(pod, pod.spec!.containers[0] as Container, v, env) };
  };

  it('mounts each volume at its absolute path; configMap always read-only, emptyDir as asked', () => {
    const { v, r } = mountsFor([
      { name: 'config', mountPath: '/etc/config/' },
      { name: 'scratch', mountPath: 'data' },
      { name: 'scratch', mountPath: '/ro-data', readOnly: true },
    ]);
    expect(r).toEqual({
      ok: true,
      mounts: [
        { path: '/etc/config', dir: v.byName.get('config'), readOnly: true },
        { path: '/data', dir: v.byName.get('scratch'), readOnly: false },
        { path: '/ro-data', dir: v.byName.get('scratch'), readOnly: true },
      ],
    });
  });

  it('fails for a volume the pod does not have', () => {
    expect(mountsFor([{ name: 'ghost', mountPath: '/g' }]).r).toEqual({
      ok: false,
      message: 'cannot find volume "ghost" to mount into container "app"',
    });
  });

  it('selects an existing sub-directory, or creates a missing one with the volume mode', () => {
    const pod = podWithVolumes(base, [
      { name: 'scratch', mountPath: '/logs', subPath: 'logs/app' },
      { name: 'scratch', mountPath: '/all' },
    ]);
    const v = setUp(pod, objects.source);
    const r = containerMounts(pod, pod.spec!.containers[0]!, v);
    const created = v.byName.get('scratch')!.lookup('logs/app');
    expect(created?.kind === 'dir' && created.mode).toBe(0o777);
    expect(r.ok && r.mounts[0]).toEqual({ path: '/logs', dir: created, readOnly: false });
  });

  it('presents a single file through its own directory, holding the same file node', () => {
    const { v, r } = mountsFor([
      { name: 'config', mountPath: '/etc/nginx/nginx.conf', subPath: 'app.conf' },
      { name: 'scratch', mountPath: '/data' },
      { name: 'config', mountPath: '/etc/nginx/b.conf', subPath: 'b.conf' },
    ]);
    if (!r.ok) throw new Error(r.message);
    expect(r.mounts.map((m) => [m.path, m.readOnly, [...m.dir.entries.keys()]])).toEqual([
      ['/etc/nginx', true, ['nginx.conf', 'b.conf']],
      ['/data', false, []],
    ]);
    expect(r.mounts[0]!.dir.entries.get('nginx.conf')).toBe(
      v.byName.get('config')!.entries.get('app.conf'),
    );
  });

  it('lets a module write through a single-file mount into the volume', () => {
    const scratch = new MemDir(0o777);
    const file = scratch.writeFile('state.json', '{}');
    const pod = podWithVolumes(base, [
      { name: 'scratch', mountPath: '/var/state.json', subPath: 'state.json' },
    ]);
    const v: PodVolumes = { byName: new Map([['scratch', scratch]]) };
    const r = containerMounts(pod, pod.spec!.containers[0]!, v);
    if (!r.ok) throw new Error(r.message);
    r.mounts[0]!.dir.writeFile('state.json', '{"n":1}');
    expect(file).toBeInstanceOf(MemFile);
    expect(scratch.readText('state.json')).toBe('{"n":1}');
  });

  it('expands subPathExpr from the container env', () => {
    const { v, r } = mountsFor(
      [{ name: 'scratch', mountPath: '/logs', subPathExpr: '$(POD_NAME)/logs' }],
      [['POD_NAME', 'web-0']],
    );
    expect(r.ok && r.mounts[0]!.dir).toBe(v.byName.get('scratch')!.lookup('web-0/logs'));
  });

  it.each<[VolumeMount, string]>([
    [
      { name: 'scratch', mountPath: '/x', subPathExpr: '$(B)/$(A)/$(EMPTY)' },
      'missing value for A, B, EMPTY',
    ],
    [
      { name: 'scratch', mountPath: '/x', subPath: '/etc' },
      'error SubPath `/etc` must not be an absolute path',
    ],
    [
      { name: 'scratch', mountPath: '/x', subPath: 'a/../../b' },
      "unable to provision SubPath `a/../../b`: must not contain '..'",
    ],
    [
      { name: 'config', mountPath: '/x', subPath: 'app.conf/inner' },
      'failed to create subPath directory for volumeMount "config" of container "app"',
    ],
    [
      { name: 'config', mountPath: '/data/app.conf', subPath: 'app.conf' },
      'volumeMount "config" mounts the single file /data/app.conf inside the directory mounted at /data: the Kubelet Playground presents a single file through a directory of its own (/data), which would hide that mount; mount the file elsewhere or mount its directory',
    ],
  ])('fails: %j', (mount, message) => {
    const mounts =
      mount.mountPath === '/data/app.conf'
        ? [{ name: 'scratch', mountPath: '/data' }, mount]
        : [mount];
    expect(mountsFor(mounts, [['EMPTY', '']]).r).toEqual({ ok: false, message });
  });

  it('refuses a read-only and a writable single file in one directory', () => {
    const scratch = new MemDir(0o777);
    scratch.writeFile('state', '');
    const pod = podWithVolumes(base, [
      { name: 'config', mountPath: '/etc/app/app.conf', subPath: 'app.conf' },
      { name: 'scratch', mountPath: '/etc/app/state', subPath: 'state' },
    ]);
    const v = setUp(pod, objects.source);
    v.byName.set('scratch', scratch);
    expect(containerMounts(pod, pod.spec!.containers[0]!, v)).toEqual({
      ok: false,
      message:
        'volumeMounts "config" and "scratch" mount a read-only and a writable single file into /etc/app: the Kubelet Playground presents the files of one directory through one mount, which is either read-only or not',
    });
  });
});
