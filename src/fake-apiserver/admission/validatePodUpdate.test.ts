import { describe, expect, it } from 'vitest';
import { createPipeline, updatePipeline, type PipelineResult } from './index.ts';
import { updatablePodSpecFields } from './validatePodUpdate.ts';
import { objectOf, type Json } from './testing/json.ts';

type Obj = Json;
const stored: Obj = objectOf(
  createPipeline(
    'pods',
    {
      metadata: { name: 'web', namespace: 'default' },
      spec: { containers: [{ name: 'app', image: 'nginx', env: [{ name: 'A', value: '1' }] }] },
    },
    { random: () => 0 },
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
  ),
);

function update(edit: (pod: Obj) => void, subresource?: string): PipelineResult {
  const pod = structuredClone(stored);
  edit(pod);
  return updatePipeline('pods', pod, stored, { fieldValidation: 'Strict', subresource });
}
const message = (edit: (pod: Obj) => void, subresource?: string) =>
  update(edit, subresource).status?.message;
const forbiddenPrefix =
  'Pod "web" is invalid: spec: Forbidden: pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)\n';

describe('mutable pod fields', () => {
  it('lists the five fields of v1.33 (resources moved to the resize subresource)', () => {
    expect(updatablePodSpecFields).toHaveLength(5);
  });

  it('container and init container images change; generation goes up', () => {
    const result = update((p) => (p.spec.containers[0].image = 'nginx:1.27'));
    expect(result.status).toBeUndefined();
    expect(objectOf(result).metadata.generation).toBe(2);
    expect(objectOf(result).spec.containers[0].image).toBe('nginx:1.27');
  });

  it('metadata changes do not touch generation', () => {
    const result = update((p) => (p.metadata.labels = { tier: 'web' }));
    expect(result.status).toBeUndefined();
    expect(objectOf(result).metadata.generation).toBe(1);
  });

  it('images may not be removed (the duplicate error shows once in the message)', () => {
    const status = update((p) => (p.spec.containers[0].image = '')).status!;
    expect(status.message).toBe('Pod "web" is invalid: spec.containers[0].image: Required value');
    expect(status.details?.causes).toHaveLength(2);
  });

  it('activeDeadlineSeconds may be set and lowered, not raised or removed', () => {
    const withDeadline = structuredClone(stored);
    withDeadline.spec.activeDeadlineSeconds = 60;
    const base = objectOf(
      updatePipeline('pods', withDeadline, stored, { fieldValidation: 'Strict' }),
    );
    const change = (value: number | undefined) => {
      const next = structuredClone(base);
      next.spec.activeDeadlineSeconds = value;
      return updatePipeline('pods', next, base, { fieldValidation: 'Strict' }).status?.message;
    };
    expect(change(30)).toBeUndefined();
    expect(change(120)).toBe(
      'Pod "web" is invalid: spec.activeDeadlineSeconds: Invalid value: 120: must be less than or equal to previous value',
    );
    expect(change(undefined)).toBe(
      'Pod "web" is invalid: spec.activeDeadlineSeconds: Invalid value: "null": must not update from a positive integer to nil value',
    );
  });

  it('tolerations may only be added', () => {
    expect(
      update((p) =>
        p.spec.tolerations.push({ key: 'gpu', operator: 'Exists', effect: 'NoSchedule' }),
      ).status,
    ).toBeUndefined();
    expect(message((p) => (p.spec.tolerations[0].operator = 'Equal'))).toBe(
      'Pod "web" is invalid: spec.tolerations: Forbidden: existing toleration can not be modified except its tolerationSeconds',
    );
    expect(update((p) => (p.spec.tolerations[0].tolerationSeconds = 60)).status).toBeUndefined();
  });

  it('containers may not be added or removed', () => {
    expect(message((p) => p.spec.containers.push({ name: 'b', image: 'x' }))).toBe(
      'Pod "web" is invalid: spec.containers: Forbidden: pod updates may not add or remove containers',
    );
  });
});

describe('the Forbidden message carries a go-cmp diff of the specs', () => {
  it('a changed env value', () => {
    expect(message((p) => (p.spec.containers[0].env[0].value = '2'))).toBe(
      forbiddenPrefix +
        [
          '  core.PodSpec{',
          '  \tVolumes:        {{Name: "kube-api-access-bbbbb", VolumeSource: {Projected: &{Sources: {{ServiceAccountToken: &{ExpirationSeconds: 3607, Path: "token"}}, {ConfigMap: &{LocalObjectReference: {Name: "kube-root-ca.crt"}, Items: {{Key: "ca.crt", Path: "ca.crt"}}}}, {DownwardAPI: &{Items: {{Path: "namespace", FieldRef: &{APIVersion: "v1", FieldPath: "metadata.namespace"}}}}}}, DefaultMode: &420}}}},',
          '  \tInitContainers: nil,',
          '  \tContainers: []core.Container{',
          '  \t\t{',
          '  \t\t\t... // 5 identical fields',
          '  \t\t\tPorts:   nil,',
          '  \t\t\tEnvFrom: nil,',
          '  \t\t\tEnv: []core.EnvVar{',
          '  \t\t\t\t{',
          '  \t\t\t\t\tName:      "A",',
          '- \t\t\t\t\tValue:     "1",',
          '+ \t\t\t\t\tValue:     "2",',
          '  \t\t\t\t\tValueFrom: nil,',
          '  \t\t\t\t},',
          '  \t\t\t},',
          '  \t\t\tResources:    {},',
          '  \t\t\tResizePolicy: nil,',
          '  \t\t\t... // 14 identical fields',
          '  \t\t},',
          '  \t},',
          '  \tEphemeralContainers: nil,',
          '  \tRestartPolicy:       "Always",',
          '  \t... // 29 identical fields',
          '  }',
          '',
        ].join('\n'),
    );
  });

  it('a changed restartPolicy; the cause carries the same text', () => {
    const status = update((p) => (p.spec.restartPolicy = 'Never')).status!;
    const diff = [
      '  core.PodSpec{',
      '  \t... // 2 identical fields',
      '  \tContainers:                    {{Name: "app", Image: "nginx", Env: {{Name: "A", Value: "1"}}, VolumeMounts: {{Name: "kube-api-access-bbbbb", ReadOnly: true, MountPath: "/var/run/secrets/kubernetes.io/serviceaccount"}}, ...}},',
      '  \tEphemeralContainers:           nil,',
      '- \tRestartPolicy:                 "Always",',
      '+ \tRestartPolicy:                 "Never",',
      '  \tTerminationGracePeriodSeconds: &30,',
      '  \tActiveDeadlineSeconds:         nil,',
      '  \t... // 27 identical fields',
      '  }',
      '',
    ].join('\n');
    expect(status.message).toBe(forbiddenPrefix + diff);
    expect(status.details?.causes?.[0]?.field).toBe('spec');
    expect(status.details?.causes?.[0]?.message).toBe(
      forbiddenPrefix.replace('Pod "web" is invalid: spec: ', '') + diff,
    );
  });

  it('nodeName cannot be set by update (binding is the way)', () => {
    expect(message((p) => (p.spec.nodeName = 'n1'))).toBe(
      forbiddenPrefix +
        [
          '  core.PodSpec{',
          '  \t... // 9 identical fields',
          '  \tServiceAccountName:           "default",',
          '  \tAutomountServiceAccountToken: nil,',
          '- \tNodeName:                     "",',
          '+ \tNodeName:                     "n1",',
          '  \tSecurityContext:              &{},',
          '  \tImagePullSecrets:             nil,',
          '  \t... // 20 identical fields',
          '  }',
          '',
        ].join('\n'),
    );
  });

  it('a spec that equals the stored one after defaulting is not a change', () => {
    const minimal = structuredClone(stored);
    delete minimal.spec.containers[0].terminationMessagePath; // defaulted back
    delete minimal.spec.dnsPolicy;
    expect(
      updatePipeline('pods', minimal, stored, { fieldValidation: 'Strict' }).status,
    ).toBeUndefined();
  });
});

describe('metadata on update', () => {
  it('uid and creationTimestamp come from the stored object, name is immutable', () => {
    const result = update((p) => {
      delete p.metadata.uid;
      p.metadata.creationTimestamp = '2030-01-01T00:00:00Z';
    });
    expect(objectOf(result).metadata).toMatchObject({
      uid: 'uid-1',
      creationTimestamp: '2025-01-01T00:00:00Z',
    });
    expect(message((p) => (p.metadata.name = 'other'))).toBe(
      'Pod "other" is invalid: metadata.name: Invalid value: "other": field is immutable',
    );
  });

  it('mirror pod annotations may not be added', () => {
    expect(message((p) => (p.metadata.annotations = { 'kubernetes.io/config.mirror': 'x' }))).toBe(
      'Pod "web" is invalid: [metadata.annotations[kubernetes.io/config.mirror]: Invalid value: "x": must set spec.nodeName if mirror pod annotation is set, metadata.annotations[kubernetes.io/config.mirror]: Forbidden: may not add mirror pod annotation]',
    );
  });
});

describe('status updates', () => {
  it('the kubelet reports Running with IPs', () => {
    const result = update((p) => {
      p.status = {
        ...p.status,
        phase: 'Running',
        hostIP: '192.168.1.10',
        hostIPs: [{ ip: '192.168.1.10' }],
        podIP: '10.0.0.1',
        podIPs: [{ ip: '10.0.0.1' }],
      };
    }, 'status');
    expect(result.status).toBeUndefined();
    expect(objectOf(result).status.phase).toBe('Running');
  });

  it('the status subresource ignores spec changes', () => {
    const result = update((p) => (p.spec.restartPolicy = 'Never'), 'status');
    expect(result.status).toBeUndefined();
    expect(objectOf(result).spec.restartPolicy).toBe('Always');
  });

  it('qosClass is immutable; IPs are checked', () => {
    expect(
      message((p) => {
        p.status.qosClass = 'Burstable';
        p.status.podIPs = [{ ip: '10.0.0.1' }, { ip: '10.0.0.2' }];
        p.status.hostIP = '1.2.3.4';
        p.status.hostIPs = [{ ip: 'nope' }];
      }, 'status'),
    ).toBe(
      'Pod "web" is invalid: [status.qosClass: Invalid value: "Burstable": field is immutable, status.podIPs: Invalid value: []core.PodIP{core.PodIP{IP:"10.0.0.1"}, core.PodIP{IP:"10.0.0.2"}}: may specify no more than one IP for each IP family, status.hostIPs[0].ip: Invalid value: "nope": must be equal to `hostIP`, status.hostIPs[0]: Invalid value: "nope": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)]',
    );
  });

  it('terminated containers of a Never pod stay terminated', () => {
    const never = structuredClone(stored);
    never.spec.restartPolicy = 'Never';
    never.status.containerStatuses = [
      {
        name: 'app',
        state: { terminated: { exitCode: 0 } },
        ready: false,
        restartCount: 0,
        image: 'nginx',
        imageID: '',
      },
    ];
    const next = structuredClone(never);
    next.status.containerStatuses[0].state = { running: { startedAt: '2025-01-01T00:00:01Z' } };
    expect(
      updatePipeline('pods', next, never, { fieldValidation: 'Strict', subresource: 'status' })
        .status?.message,
    ).toBe(
      'Pod "web" is invalid: status.containerStatuses[0].state: Forbidden: may not be transitioned to non-terminated state',
    );
  });
});
