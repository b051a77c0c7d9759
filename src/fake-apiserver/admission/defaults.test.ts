import { describe, expect, it } from 'vitest';
import { applyDefaults, createPipeline } from './index.ts';
import type { Json } from './testing/json.ts';

type Obj = Json;
const defaulted = (resource: Parameters<typeof applyDefaults>[0], o: Obj): Obj => {
  applyDefaults(resource, o);
  return o;
};
const podWith = (containers: Obj[], spec: Obj = {}): Obj => ({
  metadata: { name: 'web', namespace: 'default' },
  spec: { containers, ...spec },
});

describe('a minimal Pod through the create pipeline', () => {
  it('comes back exactly as a v1.33 server stores it', () => {
    const sequence = [0, 0.1, 0.2, 0.3, 0.99];
    let i = 0;
    const result = createPipeline(
      'pods',
      {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: 'web', namespace: 'default' },
        spec: {
          containers: [{ name: 'app', image: 'nginx:1.27', ports: [{ containerPort: 80 }] }],
          initContainers: [{ name: 'init', image: 'busybox' }],
        },
      },
      { random: () => sequence[i++ % sequence.length]! },
      {
        fieldValidation: 'Strict',
        beforeValidate(o) {
          Object.assign(o.metadata as Obj, {
            uid: 'uid-1',
            resourceVersion: '1',
            creationTimestamp: '2025-01-01T00:00:00Z',
          });
        },
      },
    );
    const mount = {
      name: 'kube-api-access-bdhl9',
      readOnly: true,
      mountPath: '/var/run/secrets/kubernetes.io/serviceaccount',
    };
    // Key order matters: it is the order kubectl prints.
    expect(JSON.stringify(result)).toBe(
      JSON.stringify({
        object: {
          kind: 'Pod',
          apiVersion: 'v1',
          metadata: {
            name: 'web',
            namespace: 'default',
            uid: 'uid-1',
            resourceVersion: '1',
            generation: 1,
            creationTimestamp: '2025-01-01T00:00:00Z',
          },
          spec: {
            volumes: [
              {
                name: 'kube-api-access-bdhl9',
                projected: {
                  sources: [
                    { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
                    {
                      configMap: {
                        name: 'kube-root-ca.crt',
                        items: [{ key: 'ca.crt', path: 'ca.crt' }],
                      },
                    },
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
                  defaultMode: 420,
                },
              },
            ],
            initContainers: [
              {
                name: 'init',
                image: 'busybox',
                resources: {},
                volumeMounts: [mount],
                terminationMessagePath: '/dev/termination-log',
                terminationMessagePolicy: 'File',
                imagePullPolicy: 'Always',
              },
            ],
            containers: [
              {
                name: 'app',
                image: 'nginx:1.27',
                ports: [{ containerPort: 80, protocol: 'TCP' }],
                resources: {},
                volumeMounts: [mount],
                terminationMessagePath: '/dev/termination-log',
                terminationMessagePolicy: 'File',
                imagePullPolicy: 'IfNotPresent',
              },
            ],
            restartPolicy: 'Always',
            terminationGracePeriodSeconds: 30,
            dnsPolicy: 'ClusterFirst',
            serviceAccountName: 'default',
            serviceAccount: 'default',
            securityContext: {},
            schedulerName: 'default-scheduler',
            tolerations: [
              {
                key: 'node.kubernetes.io/not-ready',
                operator: 'Exists',
                effect: 'NoExecute',
                tolerationSeconds: 300,
              },
              {
                key: 'node.kubernetes.io/unreachable',
                operator: 'Exists',
                effect: 'NoExecute',
                tolerationSeconds: 300,
              },
            ],
            priority: 0,
            enableServiceLinks: true,
            preemptionPolicy: 'PreemptLowerPriority',
          },
          status: { phase: 'Pending', qosClass: 'BestEffort' },
        },
        warnings: [],
      }),
    );
  });
});

describe('Pod defaults', () => {
  const digest = `sha256:${'a'.repeat(64)}`;
  it.each([
    ['nginx', 'Always'],
    ['nginx:latest', 'Always'],
    ['nginx:1.27', 'IfNotPresent'],
    [`nginx@${digest}`, 'IfNotPresent'],
    [`nginx:latest@${digest}`, 'Always'],
    ['localhost:5000/app', 'Always'],
    ['registry.example.com:5000/team/app:v1', 'IfNotPresent'],
    ['a/b:LATEST', 'IfNotPresent'],
    ['Nginx', 'IfNotPresent'], // unparsable: no tag
    ['', 'IfNotPresent'],
  ])('image %j → imagePullPolicy %s', (image, policy) => {
    const pod = defaulted('pods', podWith([{ name: 'a', image }]));
    expect(pod.spec.containers[0].imagePullPolicy).toBe(policy);
  });

  it('keeps values that are set', () => {
    const pod = defaulted(
      'pods',
      podWith(
        [
          {
            name: 'a',
            image: 'nginx',
            imagePullPolicy: 'Never',
            terminationMessagePolicy: 'FallbackToLogsOnError',
          },
        ],
        {
          restartPolicy: 'Never',
          dnsPolicy: 'Default',
          terminationGracePeriodSeconds: 0,
          enableServiceLinks: false,
          schedulerName: 'other',
        },
      ),
    );
    expect(pod.spec).toMatchObject({
      restartPolicy: 'Never',
      dnsPolicy: 'Default',
      terminationGracePeriodSeconds: 0,
      enableServiceLinks: false,
      schedulerName: 'other',
    });
    expect(pod.spec.containers[0]).toMatchObject({
      imagePullPolicy: 'Never',
      terminationMessagePolicy: 'FallbackToLogsOnError',
    });
  });

  it('requests default to limits, per resource, quantities rounded up to the milli', () => {
    const pod = defaulted(
      'pods',
      podWith([
        {
          name: 'a',
          image: 'x',
          resources: { limits: { cpu: '1n', memory: '1Gi' }, requests: { memory: '100Mi' } },
        },
      ]),
    );
    expect(pod.spec.containers[0].resources).toEqual({
      limits: { cpu: '1m', memory: '1Gi' },
      requests: { cpu: '1m', memory: '100Mi' },
    });
  });

  it('probe timings and handler defaults', () => {
    const pod = defaulted(
      'pods',
      podWith([
        {
          name: 'a',
          image: 'x',
          livenessProbe: { httpGet: { port: 80 } },
          readinessProbe: { grpc: { port: 9000 }, periodSeconds: 5 },
          lifecycle: { preStop: { httpGet: { port: 'http' } } },
        },
      ]),
    );
    expect(pod.spec.containers[0].livenessProbe).toEqual({
      httpGet: { port: 80, path: '/', scheme: 'HTTP' },
      timeoutSeconds: 1,
      periodSeconds: 10,
      successThreshold: 1,
      failureThreshold: 3,
    });
    expect(pod.spec.containers[0].readinessProbe).toEqual({
      grpc: { port: 9000, service: '' },
      timeoutSeconds: 1,
      periodSeconds: 5,
      successThreshold: 1,
      failureThreshold: 3,
    });
    expect(pod.spec.containers[0].lifecycle.preStop.httpGet).toEqual({
      port: 'http',
      path: '/',
      scheme: 'HTTP',
    });
  });

  it('ports get protocol TCP; with hostNetwork hostPort mirrors containerPort', () => {
    const pod = defaulted(
      'pods',
      podWith(
        [
          {
            name: 'a',
            image: 'x',
            ports: [{ containerPort: 80 }, { containerPort: 53, protocol: 'UDP' }],
          },
        ],
        {
          hostNetwork: true,
        },
      ),
    );
    expect(pod.spec.containers[0].ports).toEqual([
      { containerPort: 80, protocol: 'TCP', hostPort: 80 },
      { containerPort: 53, protocol: 'UDP', hostPort: 53 },
    ]);
  });

  it('env fieldRef gets apiVersion v1', () => {
    const pod = defaulted(
      'pods',
      podWith([
        {
          name: 'a',
          image: 'x',
          env: [{ name: 'N', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } }],
        },
      ]),
    );
    expect(pod.spec.containers[0].env[0].valueFrom.fieldRef).toEqual({
      apiVersion: 'v1',
      fieldPath: 'metadata.name',
    });
  });

  it('volume defaults', () => {
    const pod = defaulted(
      'pods',
      podWith([{ name: 'a', image: 'x' }], {
        volumes: [
          { name: 'plain' },
          { name: 'e', emptyDir: {} },
          { name: 'cm', configMap: { name: 'c' } },
          { name: 's', secret: { secretName: 's', defaultMode: 256 } },
          { name: 'h', hostPath: { path: '/data' } },
          {
            name: 'd',
            downwardAPI: { items: [{ path: 'n', fieldRef: { fieldPath: 'metadata.name' } }] },
          },
          { name: 'p', projected: { sources: [{ serviceAccountToken: { path: 't' } }] } },
        ],
      }),
    );
    expect(pod.spec.volumes).toEqual([
      { name: 'plain', emptyDir: {} },
      { name: 'e', emptyDir: {} },
      { name: 'cm', configMap: { name: 'c', defaultMode: 420 } },
      { name: 's', secret: { secretName: 's', defaultMode: 256 } },
      { name: 'h', hostPath: { path: '/data', type: '' } },
      {
        name: 'd',
        downwardAPI: {
          defaultMode: 420,
          items: [{ path: 'n', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.name' } }],
        },
      },
      {
        name: 'p',
        projected: {
          defaultMode: 420,
          sources: [{ serviceAccountToken: { path: 't', expirationSeconds: 3600 } }],
        },
      },
    ]);
  });

  it('the deprecated serviceAccount field stands in for serviceAccountName', () => {
    const pod = defaulted(
      'pods',
      podWith([{ name: 'a', image: 'x' }], { serviceAccount: 'builder' }),
    );
    expect(pod.spec.serviceAccountName).toBe('builder');
  });
});

describe('other kinds', () => {
  it('Secret: type Opaque, stringData folded into base64 data (UTF-8) and removed', () => {
    expect(
      defaulted('secrets', {
        data: { a: 'Zm9v', b: 'b2xk' },
        stringData: { b: 'new', c: 'héllo ✓' },
      }),
    ).toEqual({
      data: { a: 'Zm9v', b: 'bmV3', c: 'aMOpbGxvIOKckw==' },
      type: 'Opaque',
    });
    expect(defaulted('secrets', { type: 'kubernetes.io/tls' }).type).toBe('kubernetes.io/tls');
  });

  it('Namespace: name label, phase Active; the create path adds the kubernetes finalizer', () => {
    expect(defaulted('namespaces', { metadata: { name: 'team' } })).toEqual({
      metadata: { name: 'team', labels: { 'kubernetes.io/metadata.name': 'team' } },
      status: { phase: 'Active' },
    });
    const result = createPipeline(
      'namespaces',
      {
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: { name: 'team', labels: { 'kubernetes.io/metadata.name': 'other' } },
      },
      { random: () => 0 },
      {
        fieldValidation: 'Strict',
        beforeValidate: (o) => Object.assign(o.metadata as Obj, { uid: 'u' }),
      },
    );
    expect(result.object).toEqual({
      kind: 'Namespace',
      apiVersion: 'v1',
      metadata: {
        name: 'team',
        uid: 'u',
        creationTimestamp: null,
        labels: { 'kubernetes.io/metadata.name': 'team' },
      },
      spec: { finalizers: ['kubernetes'] },
      status: { phase: 'Active' },
    });
  });

  it('Node: allocatable defaults to capacity; quantities rounded', () => {
    expect(
      defaulted('nodes', { status: { capacity: { cpu: '4', memory: '0.5n' } } }).status,
    ).toEqual({
      capacity: { cpu: '4', memory: '1m' },
      allocatable: { cpu: '4', memory: '1m' },
    });
  });

  it('ConfigMap, ServiceAccount, Event and Lease have no defaults', () => {
    for (const resource of ['configmaps', 'serviceaccounts', 'events', 'leases'] as const) {
      expect(defaulted(resource, { metadata: { name: 'x' } })).toEqual({ metadata: { name: 'x' } });
    }
  });
});
