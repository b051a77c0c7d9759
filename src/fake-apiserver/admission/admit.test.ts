import { describe, expect, it } from 'vitest';
import type { ServiceAccount } from '../../kube/types.ts';
import {
  admitCreate,
  admitUpdate,
  prepareForCreate,
  prepareForUpdate,
  randomNameSuffix,
  type AdmissionContext,
} from './admit.ts';
import type { Json } from './testing/json.ts';

type Obj = Json;
const ctx: AdmissionContext = { random: () => 0 };
const pod = (spec: Obj = {}, metadata: Obj = {}): Obj => ({
  metadata: { name: 'web', namespace: 'default', ...metadata },
  spec: { containers: [{ name: 'app', image: 'nginx' }], ...spec },
});
const tokenPath = '/var/run/secrets/kubernetes.io/serviceaccount';
const forbidden = (message: string, name = 'web') => ({
  kind: 'Status',
  apiVersion: 'v1',
  metadata: {},
  status: 'Failure',
  message,
  reason: 'Forbidden',
  details: { name, kind: 'pods' },
  code: 403,
});

describe('randomNameSuffix', () => {
  it('draws from utilrand alphabet (no vowels, no 0/1/3)', () => {
    expect(randomNameSuffix(() => 0)).toBe('bbbbb');
    expect(randomNameSuffix(() => 0.9999)).toBe('99999');
    const values = [0, 0.1, 0.2, 0.3, 0.99];
    let i = 0;
    expect(randomNameSuffix(() => values[i++]!)).toBe('bdhl9');
    expect(randomNameSuffix(() => 0.5, 3)).toBe('rrr');
  });
});

describe('ServiceAccount admission', () => {
  it('defaults the account and mounts the token in init and regular containers', () => {
    const p = pod({ initContainers: [{ name: 'init', image: 'busybox' }] });
    expect(admitCreate('pods', p, ctx)).toBeUndefined();
    expect(p.spec.serviceAccountName).toBe('default');
    const mount = { name: 'kube-api-access-bbbbb', readOnly: true, mountPath: tokenPath };
    expect(p.spec.initContainers[0].volumeMounts).toEqual([mount]);
    expect(p.spec.containers[0].volumeMounts).toEqual([mount]);
    expect(p.spec.volumes.map((v: Obj) => v.name)).toEqual(['kube-api-access-bbbbb']);
  });

  it('appends to existing volumes and mounts', () => {
    const p = pod({
      volumes: [{ name: 'data', emptyDir: {} }],
      containers: [
        { name: 'app', image: 'x', volumeMounts: [{ name: 'data', mountPath: '/data' }] },
      ],
    });
    admitCreate('pods', p, ctx);
    expect(p.spec.volumes.map((v: Obj) => v.name)).toEqual(['data', 'kube-api-access-bbbbb']);
    expect(p.spec.containers[0].volumeMounts.map((m: Obj) => m.name)).toEqual([
      'data',
      'kube-api-access-bbbbb',
    ]);
  });

  it('respects automountServiceAccountToken on the pod, then on the account', () => {
    const off = pod({ automountServiceAccountToken: false });
    admitCreate('pods', off, ctx);
    expect(off.spec.volumes).toBeUndefined();

    const account: ServiceAccount = {
      metadata: { name: 'default' },
      automountServiceAccountToken: false,
    };
    const withAccount: AdmissionContext = { ...ctx, getServiceAccount: () => account };
    const p = pod();
    admitCreate('pods', p, withAccount);
    expect(p.spec.volumes).toBeUndefined();
    const forced = pod({ automountServiceAccountToken: true });
    admitCreate('pods', forced, withAccount);
    expect(forced.spec.volumes).toHaveLength(1);
  });

  it('leaves containers that already mount something at the token path', () => {
    const p = pod({
      volumes: [{ name: 'mine', emptyDir: {} }],
      containers: [
        { name: 'app', image: 'x', volumeMounts: [{ name: 'mine', mountPath: tokenPath }] },
      ],
    });
    admitCreate('pods', p, ctx);
    expect(p.spec.volumes.map((v: Obj) => v.name)).toEqual(['mine']);
  });

  it('copies the account imagePullSecrets when the pod has none', () => {
    const account: ServiceAccount = {
      metadata: { name: 'builder' },
      imagePullSecrets: [{ name: 'regcred' }],
    };
    const p = pod({ serviceAccountName: 'builder' });
    admitCreate('pods', p, {
      ...ctx,
      getServiceAccount: (ns, name) =>
        ns === 'default' && name === 'builder' ? account : undefined,
    });
    expect(p.spec.imagePullSecrets).toEqual([{ name: 'regcred' }]);
  });

  it('403 when the account does not exist', () => {
    const p = pod({ serviceAccountName: 'ghost' });
    expect(admitCreate('pods', p, { ...ctx, getServiceAccount: () => undefined })).toEqual(
      forbidden(
        'pods "web" is forbidden: error looking up service account default/ghost: serviceaccount "ghost" not found',
      ),
    );
    const unnamed = pod({}, { name: undefined, generateName: 'web-' });
    expect(admitCreate('pods', unnamed, { ...ctx, getServiceAccount: () => undefined })).toEqual(
      forbidden(
        'pods "web-" is forbidden: error looking up service account default/default: serviceaccount "default" not found',
        'web-',
      ),
    );
    const anonymous = pod({ priorityClassName: 'x' }, { name: undefined });
    expect(admitCreate('pods', anonymous, ctx)?.message).toBe(
      'pods "Unknown" is forbidden: no PriorityClass with name x was found',
    );
  });

  it('skips mirror pods', () => {
    const p = pod({}, { annotations: { 'kubernetes.io/config.mirror': 'x' } });
    admitCreate('pods', p, { ...ctx, getServiceAccount: () => undefined });
    expect(p.spec.serviceAccountName).toBeUndefined();
    expect(p.spec.volumes).toBeUndefined();
  });

  it('ignores other resources', () => {
    const cm = { metadata: { name: 'c' } };
    expect(admitCreate('configmaps', cm, ctx)).toBeUndefined();
    expect(cm).toEqual({ metadata: { name: 'c' } });
  });
});

describe('Priority admission', () => {
  it('sets priority 0 and PreemptLowerPriority without a class', () => {
    const p = pod();
    admitCreate('pods', p, ctx);
    expect(p.spec.priority).toBe(0);
    expect(p.spec.preemptionPolicy).toBe('PreemptLowerPriority');
  });

  it('resolves the built-in system classes', () => {
    const p = pod({ priorityClassName: 'system-node-critical' });
    admitCreate('pods', p, ctx);
    expect(p.spec.priority).toBe(2000001000);
    const q = pod({ priorityClassName: 'system-cluster-critical' });
    admitCreate('pods', q, ctx);
    expect(q.spec.priority).toBe(2000000000);
  });

  it('403 for unknown classes and for a priority that disagrees', () => {
    expect(admitCreate('pods', pod({ priorityClassName: 'high' }), ctx)).toEqual(
      forbidden('pods "web" is forbidden: no PriorityClass with name high was found'),
    );
    expect(admitCreate('pods', pod({ priority: 10 }), ctx)?.message).toBe(
      'pods "web" is forbidden: the integer value of priority (10) must not be provided in pod spec; priority admission controller computed 0 from the given PriorityClass name',
    );
    expect(admitCreate('pods', pod({ priority: 0 }), ctx)).toBeUndefined();
    expect(admitCreate('pods', pod({ preemptionPolicy: 'Never' }), ctx)?.message).toBe(
      'pods "web" is forbidden: the string value of PreemptionPolicy (Never) must not be provided in pod spec; priority admission controller computed PreemptLowerPriority from the given PriorityClass name',
    );
  });

  it('an update keeps the stored priority', () => {
    const old = pod({ priority: 0, preemptionPolicy: 'PreemptLowerPriority' });
    const next = pod();
    admitUpdate('pods', next, old);
    expect(next.spec.priority).toBe(0);
    expect(next.spec.preemptionPolicy).toBe('PreemptLowerPriority');
  });
});

describe('DefaultTolerationSeconds', () => {
  const defaults = [
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
  ];

  it('appends both after the pod tolerations', () => {
    const own = { key: 'gpu', operator: 'Exists', effect: 'NoSchedule' };
    const p = pod({ tolerations: [own] });
    admitCreate('pods', p, ctx);
    expect(p.spec.tolerations).toEqual([own, ...defaults]);
  });

  it('adds none that an existing toleration already covers', () => {
    const p = pod({
      tolerations: [
        {
          key: 'node.kubernetes.io/not-ready',
          operator: 'Exists',
          effect: 'NoExecute',
          tolerationSeconds: 10,
        },
      ],
    });
    admitCreate('pods', p, ctx);
    expect(p.spec.tolerations.map((t: Obj) => [t.key, t.tolerationSeconds])).toEqual([
      ['node.kubernetes.io/not-ready', 10],
      ['node.kubernetes.io/unreachable', 300],
    ]);
    const all = pod({ tolerations: [{ operator: 'Exists' }] });
    admitCreate('pods', all, ctx);
    expect(all.spec.tolerations).toEqual([{ operator: 'Exists' }]);
  });

  it('runs on updates too, but not on subresources', () => {
    const next = pod();
    admitUpdate('pods', next, pod());
    expect(next.spec.tolerations).toEqual(defaults);
    const status = pod();
    admitUpdate('pods', status, pod(), 'status');
    expect(status.spec.tolerations).toBeUndefined();
  });
});

describe('prepareForCreate', () => {
  it('pods: generation 1, Pending status with qosClass, client status discarded', () => {
    const p = pod({}, { generation: 7, deletionTimestamp: '2025-01-01T00:00:00Z' });
    p.status = { phase: 'Running', podIP: '10.0.0.1' };
    prepareForCreate('pods', p, ctx);
    expect(p.metadata.generation).toBe(1);
    expect(p.metadata.deletionTimestamp).toBeUndefined();
    expect(p.status).toEqual({ phase: 'Pending', qosClass: 'BestEffort' });
  });

  it('pods with scheduling gates get the SchedulingGated condition', () => {
    const p = pod({ schedulingGates: [{ name: 'example.com/wait' }] });
    prepareForCreate('pods', p, { ...ctx, now: () => '2025-01-01T00:00:00Z' });
    expect(p.status.conditions).toEqual([
      {
        type: 'PodScheduled',
        status: 'False',
        lastTransitionTime: '2025-01-01T00:00:00Z',
        reason: 'SchedulingGated',
        message: 'Scheduling is blocked due to non-empty scheduling gates',
      },
    ]);
  });

  it('drops fields whose feature gates a default v1.33 cluster leaves off', () => {
    const p = pod({
      resources: { limits: { cpu: '1' } }, // PodLevelResources (alpha)
      resourceClaims: [{ name: 'gpu', resourceClaimName: 'c' }], // DynamicResourceAllocation (beta, off)
      volumes: [
        { name: 'img', image: { reference: 'x' } }, // ImageVolume (beta, off)
        { name: 'data', emptyDir: {} },
      ],
      containers: [
        {
          name: 'app',
          image: 'x',
          lifecycle: { stopSignal: 'SIGUSR1', preStop: { sleep: { seconds: 1 } } }, // ContainerStopSignals
          resources: { claims: [{ name: 'gpu' }] },
          volumeMounts: [
            { name: 'img', mountPath: '/img' },
            { name: 'data', mountPath: '/data' },
          ],
        },
      ],
    });
    prepareForCreate('pods', p, ctx);
    expect(p.spec.resources).toBeUndefined();
    expect(p.spec.resourceClaims).toBeUndefined();
    expect(p.spec.volumes).toEqual([{ name: 'data', emptyDir: {} }]);
    expect(p.spec.containers[0]).toEqual({
      name: 'app',
      image: 'x',
      lifecycle: { preStop: { sleep: { seconds: 1 } } },
      resources: {},
      volumeMounts: [{ name: 'data', mountPath: '/data' }],
    });
  });

  it('turns matchLabelKeys into selector requirements', () => {
    const p = pod(
      {
        affinity: {
          podAntiAffinity: {
            requiredDuringSchedulingIgnoredDuringExecution: [
              {
                topologyKey: 'kubernetes.io/hostname',
                labelSelector: { matchLabels: { app: 'web' } },
                matchLabelKeys: ['rev'],
              },
            ],
          },
        },
      },
      { labels: { app: 'web', rev: 'abc' } },
    );
    prepareForCreate('pods', p, ctx);
    expect(
      p.spec.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0]
        .labelSelector,
    ).toEqual({
      matchLabels: { app: 'web' },
      matchExpressions: [{ key: 'rev', operator: 'In', values: ['abc'] }],
    });
  });

  it('namespaces: phase Active and the kubernetes finalizer', () => {
    const ns: Obj = { metadata: { name: 'team' } };
    prepareForCreate('namespaces', ns, ctx);
    expect(ns).toEqual({
      metadata: { name: 'team' },
      spec: { finalizers: ['kubernetes'] },
      status: { phase: 'Active' },
    });
  });

  it('leases: coordinated leader election fields dropped', () => {
    const lease: Obj = {
      metadata: { name: 'l' },
      spec: { holderIdentity: 'a', strategy: 'OldestEmulationVersion', preferredHolder: 'b' },
    };
    prepareForCreate('leases', lease, ctx);
    expect(lease.spec).toEqual({ holderIdentity: 'a' });
  });
});

describe('prepareForUpdate', () => {
  const stored = (): Obj => ({
    ...pod(
      { terminationGracePeriodSeconds: 30 },
      { uid: 'u1', generation: 1, creationTimestamp: '2025-01-01T00:00:00Z', resourceVersion: '5' },
    ),
    status: { phase: 'Running', qosClass: 'BestEffort' },
  });

  it('bumps generation only when the spec changes and keeps server-owned metadata', () => {
    const same = stored();
    same.metadata.uid = undefined;
    same.metadata.creationTimestamp = '1999-01-01T00:00:00Z';
    same.status = { phase: 'Failed' };
    prepareForUpdate('pods', same, stored());
    expect(same.metadata).toMatchObject({
      uid: 'u1',
      generation: 1,
      creationTimestamp: '2025-01-01T00:00:00Z',
    });
    expect(same.status).toEqual({ phase: 'Running', qosClass: 'BestEffort' });

    const changed = stored();
    changed.spec.activeDeadlineSeconds = 60;
    prepareForUpdate('pods', changed, stored());
    expect(changed.metadata.generation).toBe(2);
  });

  it('the status subresource keeps the stored spec and qosClass', () => {
    const next = stored();
    next.spec.activeDeadlineSeconds = 60;
    next.status = { phase: 'Succeeded' };
    prepareForUpdate('pods', next, stored(), 'status');
    expect(next.spec).toEqual(stored().spec);
    expect(next.status).toEqual({ phase: 'Succeeded', qosClass: 'BestEffort' });
  });

  it('keeps a gated field that the stored object already uses', () => {
    const old = stored();
    old.spec.volumes = [{ name: 'img', image: { reference: 'x' } }];
    const next = stored();
    next.spec.volumes = [{ name: 'img', image: { reference: 'x' } }];
    prepareForUpdate('pods', next, old);
    expect(next.spec.volumes).toHaveLength(1);
  });

  it('namespaces keep stored finalizers and status', () => {
    const old: Obj = {
      metadata: { name: 'n' },
      spec: { finalizers: ['kubernetes'] },
      status: { phase: 'Active' },
    };
    const next: Obj = { metadata: { name: 'n' }, spec: {}, status: { phase: 'Terminating' } };
    prepareForUpdate('namespaces', next, old);
    expect(next).toEqual({
      metadata: { name: 'n' },
      spec: { finalizers: ['kubernetes'] },
      status: { phase: 'Active' },
    });
  });
});
