import { describe, expect, it } from 'vitest';
import { ApiError } from '../../kube/client.ts';
import type { Pod } from '../../kube/types.ts';
import { makePod, makeServer } from '../testing/fixtures.ts';
import { createKubernetesAdmission } from './port.ts';
import type { Json } from './testing/json.ts';

async function failure(p: Promise<unknown>) {
  try {
    await p;
  } catch (e) {
    if (e instanceof ApiError) return e.status;
    throw e;
  }
  throw new Error('expected the call to fail');
}

const server = (options: Parameters<typeof createKubernetesAdmission>[0] = {}) =>
  makeServer({ admission: createKubernetesAdmission(options) });

describe('the admission chain behind the API server port', () => {
  it('a created pod comes back defaulted, admitted and in Go field order', async () => {
    const { api } = server();
    const pod = (await api.create('pods', makePod('web'))) as Json;
    expect(Object.keys(pod)).toEqual(['kind', 'apiVersion', 'metadata', 'spec', 'status']);
    expect(pod.metadata).toMatchObject({ name: 'web', namespace: 'default', generation: 1 });
    expect(pod.spec).toMatchObject({
      restartPolicy: 'Always',
      dnsPolicy: 'ClusterFirst',
      serviceAccountName: 'default',
      serviceAccount: 'default',
      priority: 0,
      enableServiceLinks: true,
    });
    expect(pod.spec.volumes[0].name).toMatch(/^kube-api-access-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(pod.spec.containers[0]).toMatchObject({
      resources: {},
      imagePullPolicy: 'IfNotPresent',
      terminationMessagePath: '/dev/termination-log',
    });
    expect(pod.status).toEqual({ phase: 'Pending', qosClass: 'BestEffort' });
  });

  it('strict decoding: 400 for unknown fields, warnings under Warn', async () => {
    const { api } = server();
    const typo = makePod('web', { spec: { containers: [{ name: 'app', imagee: 'x' } as never] } });
    expect((await failure(api.create('pods', typo, { fieldValidation: 'Strict' }))).message).toBe(
      'Pod in version "v1" cannot be handled as a Pod: strict decoding error: unknown field "spec.containers[0].imagee"',
    );
  });

  it('422 with the Kubernetes body', async () => {
    const { api } = server();
    const status = await failure(
      api.create('pods', makePod('web', { spec: { containers: [{ name: 'app' }] } })),
    );
    expect(status).toMatchObject({
      code: 422,
      reason: 'Invalid',
      message: 'Pod "web" is invalid: spec.containers[0].image: Required value',
    });
  });

  it('403 from the ServiceAccount plugin', async () => {
    const { api } = server({ getServiceAccount: () => undefined });
    const status = await failure(api.create('pods', makePod('web')));
    expect(status.message).toBe(
      'pods "web" is forbidden: error looking up service account default/default: serviceaccount "default" not found',
    );
  });

  it('updates: images change (generation 2), other spec fields are Forbidden with a diff', async () => {
    const { api } = server();
    const created = (await api.create('pods', makePod('web'))) as Pod;
    const image = structuredClone(created);
    image.spec!.containers[0]!.image = 'hello:v2';
    const updated = (await api.update('pods', image)) as Json;
    expect(updated.metadata.generation).toBe(2);
    expect(updated.spec.containers[0].image).toBe('hello:v2');

    const policy = structuredClone(updated) as Pod;
    policy.spec!.restartPolicy = 'Never';
    const status = await failure(api.update('pods', policy));
    expect(status.message).toMatch(
      /^Pod "web" is invalid: spec: Forbidden: pod updates may not change fields other than `spec.containers\[\*\].image`,/,
    );
    expect(status.message).toContain('- \tRestartPolicy:                 "Always",\n');
    expect(status.message).toContain('+ \tRestartPolicy:                 "Never",\n');
  });

  it('namespaces get their finalizer and name label', async () => {
    const { api } = server();
    const ns = (await api.create('namespaces', { metadata: { name: 'team' } })) as Json;
    expect(ns.metadata.labels).toEqual({ 'kubernetes.io/metadata.name': 'team' });
    expect(ns.spec).toEqual({ finalizers: ['kubernetes'] });
    expect(ns.status).toEqual({ phase: 'Active' });
  });
});
