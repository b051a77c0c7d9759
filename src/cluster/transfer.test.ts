import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { seededRandom } from '../fake-apiserver/testing/fixtures.ts';
import { runKubectl } from '../kubectl/index.ts';
import type { KubeObject } from '../kube/types.ts';
import { VirtualClock } from '../kube/virtualClock.ts';
import { FakeRuntime } from '../kubelet-core/testing/FakeRuntime.ts';
import { ManifestError } from '../kubectl/apply/manifest.ts';
import { applyYaml, runUntil } from '../kubelet-core/testing/scenario.ts';
import { createCluster } from './cluster.ts';
import { exportCluster, prepareImport } from './transfer.ts';

const manifest = `apiVersion: v1
kind: Namespace
metadata:
  name: team
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: greeting
  namespace: team
data:
  greeting.txt: hello
---
apiVersion: v1
kind: Secret
metadata:
  name: token
  namespace: team
data:
  token: czNjcmV0
---
apiVersion: v1
kind: Pod
metadata:
  name: hello
  namespace: team
  labels: {app: hello}
spec:
  restartPolicy: Never
  tolerations:
  - {key: kubernetes.io/arch, operator: Equal, value: wasm32-wasi, effect: NoSchedule}
  - {key: kubernetes.io/arch, operator: Equal, value: wasm32-wasi, effect: NoExecute}
  containers:
  - name: app
    image: hello:v1
`;

async function cluster() {
  const clock = new VirtualClock();
  const c = createCluster({
    clock,
    runtime: new FakeRuntime(clock, { 'hello:v1': { program: (io) => (io.stdout('hi\n'), 0) } }),
    random: seededRandom(3),
  });
  await c.start();
  return { c, clock };
}

async function kubectl(c: Awaited<ReturnType<typeof cluster>>, args: string[], stdin?: string) {
  let out = '';
  let err = '';
  const code = await runKubectl(args, {
    client: c.c.server.client('kubectl'),
    clock: c.clock,
    ...(stdin !== undefined ? { stdin } : {}),
    out: (t) => (out += t),
    err: (t) => (err += t),
  }).done;
  return { code, out, err };
}

/** A cluster that ran the manifest for 3 s of its clock, exported. */
async function exported(): Promise<string> {
  const a = await cluster();
  await applyYaml(a.c.server, manifest);
  await runUntil(a.clock, a.clock.now() + 3000);
  return exportCluster(a.c.server);
}

describe('export and import', () => {
  it('exports what the user made, with status, without what the cluster made or server identity', async () => {
    const text = await exported();
    expect(text).toMatch(/^# Kubelet Playground cluster, exported 2026-01-01T12:00:03Z/);
    const objects = parseAllDocuments(text).map((d) => d.toJSON() as KubeObject);
    expect(objects.map((o) => `${o.kind}/${o.metadata?.name}`)).toEqual([
      'Namespace/team',
      'ConfigMap/greeting',
      'Secret/token',
      'Pod/hello',
    ]);
    for (const o of objects) {
      expect(o.metadata).not.toHaveProperty('uid');
      expect(o.metadata).not.toHaveProperty('resourceVersion');
      expect(o.metadata).not.toHaveProperty('creationTimestamp');
    }
    expect((objects[3] as { status?: { phase?: string } }).status?.phase).toBe('Succeeded');
  });

  it('imports an export into a fresh cluster, where the pods run again', async () => {
    const text = await exported();

    const b = await cluster();
    const r = await kubectl(b, ['create', '-f', '-'], prepareImport(text));
    expect(r.err).toBe('');
    expect(r.out).toBe(
      'namespace/team created\nconfigmap/greeting created\nsecret/token created\npod/hello created\n',
    );
    await runUntil(b.clock, b.clock.now() + 3000);
    const pod = await b.c.server.get('pods', 'hello', { namespace: 'team' });
    expect(pod.status?.phase).toBe('Succeeded');
    expect((await b.c.server.get('secrets', 'token', { namespace: 'team' })).data).toEqual({
      token: 'czNjcmV0',
    });
  });

  it('puts namespaces first, whatever order the file has', () => {
    const text = prepareImport(
      'apiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: ns}\nspec: {containers: [{name: a, image: x}]}\n---\napiVersion: v1\nkind: Namespace\nmetadata: {name: ns}\n',
    );
    expect(parseAllDocuments(text).map((d) => (d.toJSON() as KubeObject).kind)).toEqual([
      'Namespace',
      'Pod',
    ]);
  });

  it('refuses a file that is not YAML of Kubernetes objects, naming the line', () => {
    expect(() => prepareImport('apiVersion: v1\nkind: Pod\n---\n- just\n- a list\n')).toThrow(
      ManifestError,
    );
    let error: unknown;
    try {
      prepareImport('apiVersion: v1\nkind: Pod\nmetadata: {name: a}\n---\nfoo: [unclosed\n');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ManifestError);
    // The parser notices the unclosed sequence at the end of the file.
    expect((error as ManifestError).line).toBe(6);
  });
});
