import { describe, expect, it } from 'vitest';
import { makeServer } from '../../fake-apiserver/testing/fixtures.ts';
import { applyManifest, formatOutcome, LAST_APPLIED } from './apply.ts';
import { ManifestError, parseManifest } from './manifest.ts';

const cm = (labels: string, data = 'a: "1"') => `apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
  labels:
${labels}
data:
  ${data}
`;

const pod = (image: string) => `apiVersion: v1
kind: Pod
metadata:
  name: hello
spec:
  containers:
  - name: hello
    image: ${image}
`;

const printed = (outcomes: Awaited<ReturnType<typeof applyManifest>>) =>
  outcomes.map((o) => {
    const f = formatOutcome(o);
    return (f.out ?? f.err ?? '').trimEnd();
  });

describe('applyManifest', () => {
  it('creates, then reports unchanged, then configured, as kubectl apply prints', async () => {
    const { api } = makeServer();
    expect(printed(await applyManifest(api, cm('    app: x')))).toEqual([
      'configmap/settings created',
    ]);
    const created = await api.get('configmaps', 'settings');
    expect(created.metadata?.annotations?.[LAST_APPLIED]).toBe(
      '{"apiVersion":"v1","data":{"a":"1"},"kind":"ConfigMap","metadata":{"annotations":{},"labels":{"app":"x"},"name":"settings","namespace":"default"}}\n',
    );
    expect(printed(await applyManifest(api, cm('    app: x')))).toEqual([
      'configmap/settings unchanged',
    ]);
    expect(printed(await applyManifest(api, cm('    app: y')))).toEqual([
      'configmap/settings configured',
    ]);
    expect((await api.get('configmaps', 'settings')).metadata?.labels).toEqual({ app: 'y' });
  });

  it('applies the documents it is given, parsed ahead, instead of parsing the text again', async () => {
    const { api } = makeServer();
    const docs = parseManifest(cm('    app: ahead'));
    expect(printed(await applyManifest(api, cm('    app: x'), { docs }))).toEqual([
      'configmap/settings created',
    ]);
    expect((await api.get('configmaps', 'settings')).metadata?.labels).toEqual({ app: 'ahead' });
  });

  it('leaves the documents it is given as they were, to be applied again', async () => {
    const { api } = makeServer();
    const docs = parseManifest(`${cm('    app: x')}---\n${pod('hello:v1')}`);
    const before = structuredClone(docs.map((d) => d.object));
    expect(printed(await applyManifest(api, '', { docs }))).toEqual([
      'configmap/settings created',
      'pod/hello created',
    ]);
    expect(docs.map((d) => d.object)).toEqual(before);
    expect(printed(await applyManifest(api, '', { docs }))).toEqual([
      'configmap/settings unchanged',
      'pod/hello unchanged',
    ]);
  });

  it('removes what the file no longer sets and keeps what others set (three-way)', async () => {
    const { api } = makeServer();
    await applyManifest(api, cm('    app: x\n    tier: web'));
    await api.patch('configmaps', 'settings', 'merge', { metadata: { labels: { owner: 'ops' } } });
    await applyManifest(api, cm('    app: x'));
    expect((await api.get('configmaps', 'settings')).metadata?.labels).toEqual({
      app: 'x',
      owner: 'ops',
    });
  });

  it('a pod re-applied unchanged is unchanged despite the server defaults', async () => {
    const { api } = makeServer();
    expect(printed(await applyManifest(api, pod('hello:v1')))).toEqual(['pod/hello created']);
    expect(printed(await applyManifest(api, pod('hello:v1')))).toEqual(['pod/hello unchanged']);
    expect(printed(await applyManifest(api, pod('hello:v2')))).toEqual(['pod/hello configured']);
    expect((await api.get('pods', 'hello')).spec?.containers[0]?.image).toBe('hello:v2');
  });

  it('an immutable pod change gives the API server 422 as kubectl prints it', async () => {
    const { api } = makeServer();
    await applyManifest(api, pod('hello:v1'));
    const changed = pod('hello:v1').replace('  - name: hello', '  - name: hello\n    args: ["x"]');
    const [o] = await applyManifest(api, changed);
    expect(o?.ok).toBe(false);
    expect(printed([o!])[0]).toMatch(
      /^The Pod "hello" is invalid: spec: Forbidden: pod updates may not change fields other than/,
    );
  });

  it('applies every document, reporting each, with the line it starts on', async () => {
    const { api } = makeServer();
    const text = `${cm('    app: x')}---\n# a comment only\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n---\n${pod('')}`;
    const outcomes = await applyManifest(api, text);
    expect(outcomes.map((o) => o.startLine)).toEqual([1, 12, 17]);
    expect(printed(outcomes)).toEqual([
      'configmap/settings created',
      'error: resource mapping not found for name: "web" namespace: "" from "manifest.yaml": no matches for kind "Deployment" in version "apps/v1"\nensure CRDs are installed first',
      'The Pod "hello" is invalid: spec.containers[0].image: Required value',
    ]);
  });

  it('refuses a document whose namespace differs from -n', async () => {
    const { api } = makeServer();
    const [o] = await applyManifest(
      api,
      cm('    app: x').replace('  name: settings', '  name: settings\n  namespace: a'),
      {
        namespace: 'b',
      },
    );
    expect(printed([o!])).toEqual([
      `error: the namespace from the provided object "a" does not match the namespace "b". You must pass '--namespace=a' to perform this operation.`,
    ]);
  });

  it('refuses unknown fields, as kubectl --validate=strict asks the server to', async () => {
    const { api } = makeServer();
    const [created] = await applyManifest(
      api,
      pod('hello:v1').replace('spec:', 'spec:\n  colour: blue'),
    );
    expect(printed([created!])).toEqual([
      'Error from server (BadRequest): error when creating "manifest.yaml": Pod in version "v1" cannot be handled as a Pod: strict decoding error: unknown field "spec.colour"',
    ]);
    await applyManifest(api, pod('hello:v1'));
    const [patched] = await applyManifest(api, `${pod('hello:v1')}Step 2: uncomment\n`);
    expect(patched!.ok).toBe(false);
    // kubectl wraps a failed patch with the patch it sent and the object it was for.
    const lines = printed([patched!])[0]!.split('\n');
    expect(lines[0]).toBe('Error from server (BadRequest): error when applying patch:');
    expect(JSON.parse(lines[1]!)).toMatchObject({ 'Step 2': 'uncomment' });
    expect(lines.slice(2, 5)).toEqual([
      'to:',
      'Resource: "/v1, Resource=pods", GroupVersionKind: "/v1, Kind=Pod"',
      'Name: "hello", Namespace: "default"',
    ]);
    expect(lines[5]).toMatch(
      /^for: "manifest.yaml": error when patching "manifest.yaml": .*unknown field "Step 2"/,
    );
  });

  it('create -f refuses an object that exists', async () => {
    const { api } = makeServer();
    await applyManifest(api, cm('    app: x'), { create: true });
    const [o] = await applyManifest(api, cm('    app: x'), { create: true });
    expect(printed([o!])).toEqual([
      'Error from server (AlreadyExists): error when creating "manifest.yaml": configmaps "settings" already exists',
    ]);
  });
});

describe('parseManifest', () => {
  it('points a YAML syntax error at its line in the whole buffer', () => {
    const docs = parseManifest(`${cm('    app: x')}---\nkind: Pod\nmetadata:\n  name: [oops\n`);
    const bad = docs[1]!;
    expect(bad.error).toBeInstanceOf(ManifestError);
    expect(bad.error!.line).toBeGreaterThanOrEqual(12);
    expect(bad.error!.message).toMatch(/^error converting YAML to JSON: yaml: line \d+: /);
  });

  it('says which of apiVersion and kind is missing', () => {
    const [d] = parseManifest('metadata:\n  name: x\n');
    expect(d!.error!.message).toBe(
      'error validating data: [apiVersion not set, kind not set]; if you choose to ignore these errors, turn validation off with --validate=false',
    );
  });
});
