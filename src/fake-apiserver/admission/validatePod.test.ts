import { describe, expect, it } from 'vitest';
import { createPipeline, type PipelineResult } from './index.ts';
import type { Json } from './testing/json.ts';

type Pod = { metadata: Json; spec: Json };
const basePod = (): Pod => ({
  metadata: { name: 'web', namespace: 'default' },
  spec: { containers: [{ name: 'app', image: 'nginx' }] },
});

/** Runs the whole create path on the base pod after `edit`, as the API server would. */
function create(edit: (p: Pod) => void = () => {}): PipelineResult {
  const pod = basePod();
  edit(pod);
  return createPipeline(
    'pods',
    { apiVersion: 'v1', kind: 'Pod', ...pod },
    { random: () => 0 },
    {
      fieldValidation: 'Strict',
      beforeValidate(o) {
        const meta = o.metadata as Record<string, unknown>;
        meta.uid = 'uid-1';
        meta.creationTimestamp = '2025-01-01T00:00:00Z';
      },
    },
  );
}
const message = (edit: (p: Pod) => void) => create(edit).status?.message;
const invalid = (...errors: string[]) =>
  `Pod "web" is invalid: ${errors.length === 1 ? errors[0] : `[${errors.join(', ')}]`}`;

const label = (v: string) =>
  `Invalid value: "${v}": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name', or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')`;
const subdomain = (v: string) =>
  `Invalid value: "${v}": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')`;

it('accepts the base pod', () => {
  expect(create().status).toBeUndefined();
});

describe('the 422 body', () => {
  it('missing image: exact Status', () => {
    expect(create((p) => delete p.spec.containers[0].image).status).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'Pod "web" is invalid: spec.containers[0].image: Required value',
      reason: 'Invalid',
      details: {
        name: 'web',
        kind: 'Pod',
        causes: [
          {
            reason: 'FieldValueRequired',
            message: 'Required value',
            field: 'spec.containers[0].image',
          },
        ],
      },
      code: 422,
    });
  });

  it('several errors aggregate in Kubernetes order with a cause each', () => {
    const status = create((p) => {
      delete p.spec.containers[0].image;
      p.spec.restartPolicy = 'Sometimes';
    }).status!;
    expect(status.message).toBe(
      invalid(
        'spec.containers[0].image: Required value',
        'spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"',
      ),
    );
    expect(status.details?.causes).toEqual([
      {
        reason: 'FieldValueRequired',
        message: 'Required value',
        field: 'spec.containers[0].image',
      },
      {
        reason: 'FieldValueNotSupported',
        message: 'Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"',
        field: 'spec.restartPolicy',
      },
    ]);
  });
});

describe('metadata', () => {
  it('requires a name (store generates one from generateName before validation)', () => {
    expect(message((p) => delete p.metadata.name)).toBe(
      'Pod "" is invalid: metadata.name: Required value: name or generateName is required',
    );
  });

  it('pod names are RFC 1123 subdomains with at most 253 characters', () => {
    expect(message((p) => (p.metadata.name = 'Web_1'))).toBe(
      `Pod "Web_1" is invalid: metadata.name: ${subdomain('Web_1')}`,
    );
    const long = 'a'.repeat(254);
    expect(message((p) => (p.metadata.name = long))).toBe(
      `Pod "${long}" is invalid: metadata.name: Invalid value: "${long}": must be no more than 253 characters`,
    );
    expect(create((p) => (p.metadata.name = 'a.b-c')).status).toBeUndefined();
  });

  it('validates generateName as a prefix', () => {
    expect(message((p) => (p.metadata.generateName = 'Web-'))).toBe(
      invalid(`metadata.generateName: ${subdomain('Web-')}`),
    );
  });

  it('namespaces are DNS labels and required', () => {
    expect(message((p) => (p.metadata.namespace = 'Default'))).toBe(
      invalid(`metadata.namespace: ${label('Default')}`),
    );
    expect(message((p) => (p.metadata.namespace = ''))).toBe(
      invalid('metadata.namespace: Required value'),
    );
  });

  it('label keys and values', () => {
    expect(
      message(
        (p) =>
          (p.metadata.labels = {
            'a b': 'x',
            ok: 'bad value!',
            [`x/${'y'.repeat(64)}`]: 'v',
            '/x': 'v',
            'Example.com/x': 'v',
          }),
      ),
    ).toBe(
      invalid(
        `metadata.labels: Invalid value: "a b": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName', or 'my.name', or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')`,
        `metadata.labels: Invalid value: "bad value!": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue', or 'my_value', or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')`,
        `metadata.labels: Invalid value: "x/${'y'.repeat(64)}": name part must be no more than 63 characters`,
        `metadata.labels: Invalid value: "/x": prefix part must be non-empty`,
        `metadata.labels: Invalid value: "Example.com/x": prefix part a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')`,
      ),
    );
    expect(message((p) => (p.metadata.labels = { a: 'x'.repeat(64) }))).toBe(
      invalid(
        `metadata.labels: Invalid value: "${'x'.repeat(64)}": must be no more than 63 characters`,
      ),
    );
  });

  it('annotation keys (case-insensitive) and the 256 KiB total', () => {
    expect(
      create((p) => (p.metadata.annotations = { 'Example.com/Key': 'x' })).status,
    ).toBeUndefined();
    expect(message((p) => (p.metadata.annotations = { '-a': 'x' }))).toBe(
      invalid(
        `metadata.annotations: Invalid value: "-a": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName', or 'my.name', or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')`,
      ),
    );
    expect(message((p) => (p.metadata.annotations = { a: 'x'.repeat(262144) }))).toBe(
      invalid('metadata.annotations: Too long: may not be more than 262144 bytes'),
    );
  });

  it('finalizers must be standard or qualified', () => {
    expect(message((p) => (p.metadata.finalizers = ['custom']))).toBe(
      invalid(
        'metadata.finalizers[0]: Invalid value: "custom": name is neither a standard finalizer name nor is it fully qualified',
      ),
    );
    expect(create((p) => (p.metadata.finalizers = ['example.com/x'])).status).toBeUndefined();
  });
});

describe('containers', () => {
  it('at least one container', () => {
    expect(message((p) => (p.spec.containers = []))).toBe(
      invalid('spec.containers: Required value'),
    );
    expect(message((p) => delete p.spec.containers)).toBe(
      invalid('spec.containers: Required value'),
    );
  });

  it('container names: required, DNS label, unique across containers and init containers', () => {
    expect(message((p) => delete p.spec.containers[0].name)).toBe(
      invalid('spec.containers[0].name: Required value'),
    );
    expect(message((p) => (p.spec.containers[0].name = 'App'))).toBe(
      invalid(`spec.containers[0].name: ${label('App')}`),
    );
    expect(
      message((p) => {
        p.spec.containers.push({ name: 'app', image: 'x' });
        p.spec.initContainers = [{ name: 'app', image: 'y' }];
      }),
    ).toBe(
      invalid(
        'spec.containers[1].name: Duplicate value: "app"',
        'spec.initContainers[0].name: Duplicate value: "app"',
      ),
    );
  });

  it('image must not have surrounding whitespace', () => {
    expect(message((p) => (p.spec.containers[0].image = ' nginx'))).toBe(
      invalid(
        'spec.containers[0].image: Invalid value: " nginx": must not have leading or trailing whitespace',
      ),
    );
  });

  it('enums report the supported values in Kubernetes order', () => {
    expect(message((p) => (p.spec.containers[0].imagePullPolicy = 'Maybe'))).toBe(
      invalid(
        'spec.containers[0].imagePullPolicy: Unsupported value: "Maybe": supported values: "Always", "IfNotPresent", "Never"',
      ),
    );
    expect(message((p) => (p.spec.dnsPolicy = 'X'))).toBe(
      invalid(
        'spec.dnsPolicy: Unsupported value: "X": supported values: "ClusterFirstWithHostNet", "ClusterFirst", "Default", "None"',
      ),
    );
    expect(message((p) => (p.spec.containers[0].terminationMessagePolicy = 'X'))).toBe(
      invalid(
        'spec.containers[0].terminationMessagePolicy: Unsupported value: "X": supported values: "File", "FallbackToLogsOnError"',
      ),
    );
    expect(
      message((p) => (p.spec.containers[0].ports = [{ containerPort: 80, protocol: 'ICMP' }])),
    ).toBe(
      invalid(
        'spec.containers[0].ports[0].protocol: Unsupported value: "ICMP": supported values: "SCTP", "TCP", "UDP"',
      ),
    );
  });

  it('ports: number required, names are IANA service names, unique, host ports unique', () => {
    expect(message((p) => (p.spec.containers[0].ports = [{ containerPort: 0 }]))).toBe(
      invalid('spec.containers[0].ports[0].containerPort: Required value'),
    );
    expect(message((p) => (p.spec.containers[0].ports = [{ containerPort: 70000 }]))).toBe(
      invalid(
        'spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive',
      ),
    );
    expect(
      message((p) => (p.spec.containers[0].ports = [{ containerPort: 80, name: 'HTTP_1' }])),
    ).toBe(
      invalid(
        'spec.containers[0].ports[0].name: Invalid value: "HTTP_1": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)',
        'spec.containers[0].ports[0].name: Invalid value: "HTTP_1": must contain at least one letter (a-z)',
      ),
    );
    expect(
      message(
        (p) =>
          (p.spec.containers[0].ports = [
            { containerPort: 80, name: 'a' },
            { containerPort: 81, name: 'a' },
          ]),
      ),
    ).toBe(invalid('spec.containers[0].ports[1].name: Duplicate value: "a"'));
    expect(
      message((p) => {
        p.spec.containers[0].ports = [{ containerPort: 80, hostPort: 8080 }];
        p.spec.containers.push({
          name: 'b',
          image: 'x',
          ports: [{ containerPort: 81, hostPort: 8080 }],
        });
      }),
    ).toBe(invalid('spec.containers[1].ports[0].hostPort: Duplicate value: "TCP//8080"'));
  });

  it('env names use the relaxed v1.33 rule', () => {
    expect(
      create((p) => (p.spec.containers[0].env = [{ name: '1-a.b c', value: 'x' }])).status,
    ).toBeUndefined();
    expect(message((p) => (p.spec.containers[0].env = [{ name: 'A=B', value: 'x' }]))).toBe(
      invalid(
        `spec.containers[0].env[0].name: Invalid value: "A=B": a valid environment variable name must consist only of printable ASCII characters other than '='`,
      ),
    );
    expect(message((p) => (p.spec.containers[0].env = [{ name: '' }]))).toBe(
      invalid('spec.containers[0].env[0].name: Required value'),
    );
  });

  it('valueFrom takes exactly one source and no value', () => {
    const env = (e: unknown) => message((p) => (p.spec.containers[0].env = [e]));
    expect(env({ name: 'A', valueFrom: {} })).toBe(
      invalid(
        'spec.containers[0].env[0].valueFrom: Invalid value: "": must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`',
      ),
    );
    expect(
      env({ name: 'A', value: 'x', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } }),
    ).toBe(
      invalid(
        'spec.containers[0].env[0].valueFrom: Invalid value: "": may not be specified when `value` is not empty',
      ),
    );
    expect(
      env({
        name: 'A',
        valueFrom: {
          fieldRef: { fieldPath: 'metadata.name' },
          secretKeyRef: { name: 's', key: 'k' },
        },
      }),
    ).toBe(
      invalid(
        'spec.containers[0].env[0].valueFrom: Invalid value: "": may not have more than one field specified at a time',
      ),
    );
    expect(env({ name: 'A', valueFrom: { fieldRef: { fieldPath: 'spec.foo' } } })).toBe(
      invalid(
        'spec.containers[0].env[0].valueFrom.fieldRef.fieldPath: Invalid value: "spec.foo": error converting fieldPath: field label not supported: spec.foo',
      ),
    );
    expect(
      create(
        (p) =>
          (p.spec.containers[0].env = [
            { name: 'N', valueFrom: { fieldRef: { fieldPath: 'status.podIP' } } },
          ]),
      ).status,
    ).toBeUndefined();
  });

  it('resources: valid names, non-negative, requests <= limits', () => {
    const res = (r: unknown) => message((p) => (p.spec.containers[0].resources = r));
    expect(res({ requests: { cpu: '2' }, limits: { cpu: '1' } })).toBe(
      invalid(
        'spec.containers[0].resources.requests: Invalid value: "2": must be less than or equal to cpu limit of 1',
      ),
    );
    expect(res({ requests: { cpu: '-1' } })).toBe(
      invalid(
        'spec.containers[0].resources.requests[cpu]: Invalid value: "-1": must be greater than or equal to 0',
      ),
    );
    expect(res({ requests: { foo: '1' } })).toBe(
      invalid(
        'spec.containers[0].resources.requests[foo]: Invalid value: "foo": must be a standard resource type or fully qualified',
      ),
    );
    expect(
      create((p) => (p.spec.containers[0].resources = { limits: { cpu: '1', memory: '1Gi' } }))
        .status,
    ).toBeUndefined();
  });

  it('probes need exactly one handler', () => {
    expect(message((p) => (p.spec.containers[0].livenessProbe = { periodSeconds: 5 }))).toBe(
      invalid('spec.containers[0].livenessProbe: Required value: must specify a handler type'),
    );
    expect(
      message(
        (p) =>
          (p.spec.containers[0].readinessProbe = {
            exec: { command: ['a'] },
            tcpSocket: { port: 80 },
          }),
      ),
    ).toBe(
      invalid(
        'spec.containers[0].readinessProbe.tcpSocket: Forbidden: may not specify more than 1 handler type',
      ),
    );
  });

  it('restartPolicy Always only on init containers (sidecars)', () => {
    expect(message((p) => (p.spec.containers[0].restartPolicy = 'Always'))).toBe(
      invalid(
        'spec.containers[0].restartPolicy: Forbidden: may not be set for non-init containers',
      ),
    );
    expect(
      message((p) => (p.spec.initContainers = [{ name: 'i', image: 'x', restartPolicy: 'Never' }])),
    ).toBe(
      invalid(
        'spec.initContainers[0].restartPolicy: Unsupported value: "Never": supported values: "Always"',
      ),
    );
    expect(
      message(
        (p) =>
          (p.spec.initContainers = [
            { name: 'i', image: 'x', readinessProbe: { exec: { command: ['a'] } } },
          ]),
      ),
    ).toBe(
      invalid(
        'spec.initContainers[0].readinessProbe: Forbidden: may not be set for init containers without restartPolicy=Always',
      ),
    );
    expect(
      create(
        (p) =>
          (p.spec.initContainers = [
            {
              name: 'sidecar',
              image: 'x',
              restartPolicy: 'Always',
              readinessProbe: { exec: { command: ['a'] } },
            },
          ]),
      ).status,
    ).toBeUndefined();
  });
});

describe('volumes and mounts', () => {
  const withVolume = (volume: unknown, mounts?: unknown[]) => (p: Pod) => {
    p.spec.volumes = [volume];
    if (mounts) p.spec.containers[0].volumeMounts = mounts;
  };

  it('volume names are DNS labels and unique', () => {
    expect(message(withVolume({ name: 'V', emptyDir: {} }))).toBe(
      invalid(`spec.volumes[0].name: ${label('V')}`),
    );
    expect(
      message(
        (p) =>
          (p.spec.volumes = [
            { name: 'v', emptyDir: {} },
            { name: 'v', emptyDir: {} },
          ]),
      ),
    ).toBe(invalid('spec.volumes[1].name: Duplicate value: "v"'));
  });

  it('exactly one volume source (none defaults to emptyDir)', () => {
    expect(message(withVolume({ name: 'v', emptyDir: {}, hostPath: { path: '/x' } }))).toBe(
      invalid('spec.volumes[0].hostPath: Forbidden: may not specify more than 1 volume type'),
    );
    expect(create(withVolume({ name: 'v' })).status).toBeUndefined();
  });

  it('mounts must name a volume and have a unique mountPath', () => {
    expect(
      message((p) => (p.spec.containers[0].volumeMounts = [{ name: 'x', mountPath: '/x' }])),
    ).toBe(invalid('spec.containers[0].volumeMounts[0].name: Not found: "x"'));
    expect(message(withVolume({ name: 'v', emptyDir: {} }, [{ name: 'v' }]))).toBe(
      invalid('spec.containers[0].volumeMounts[0].mountPath: Required value'),
    );
    expect(
      message(
        withVolume({ name: 'v', emptyDir: {} }, [
          { name: 'v', mountPath: '/a' },
          { name: 'v', mountPath: '/a' },
        ]),
      ),
    ).toBe(
      invalid('spec.containers[0].volumeMounts[1].mountPath: Invalid value: "/a": must be unique'),
    );
  });

  it('subPath must be relative without backsteps (path printed without the index, as Kubernetes does)', () => {
    const v = { name: 'v', emptyDir: {} };
    expect(message(withVolume(v, [{ name: 'v', mountPath: '/a', subPath: '/abs' }]))).toBe(
      invalid(
        'spec.containers[0].volumeMounts.subPath: Invalid value: "/abs": must be a relative path',
      ),
    );
    expect(message(withVolume(v, [{ name: 'v', mountPath: '/a', subPath: '../x' }]))).toBe(
      invalid(
        `spec.containers[0].volumeMounts.subPath: Invalid value: "../x": must not contain '..'`,
      ),
    );
    expect(
      message(withVolume(v, [{ name: 'v', mountPath: '/a', subPath: 'x', subPathExpr: 'y' }])),
    ).toBe(
      invalid(
        'spec.containers[0].volumeMounts[0].subPathExpr: Invalid value: "y": subPathExpr and subPath are mutually exclusive',
      ),
    );
  });

  it('hostPath: path required, type from the supported list', () => {
    expect(message(withVolume({ name: 'v', hostPath: { path: '' } }))).toBe(
      invalid('spec.volumes[0].hostPath.path: Required value'),
    );
    expect(message(withVolume({ name: 'v', hostPath: { path: '/x', type: 'Foo' } }))).toBe(
      invalid(
        'spec.volumes[0].hostPath.type: Unsupported value: "Foo": supported values: "", "BlockDevice", "CharDevice", "Directory", "DirectoryOrCreate", "File", "FileOrCreate", "Socket"',
      ),
    );
  });

  it('configMap/secret: name, items keys and paths, defaultMode', () => {
    expect(message(withVolume({ name: 'v', configMap: {} }))).toBe(
      invalid('spec.volumes[0].configMap.name: Required value'),
    );
    expect(
      message(
        withVolume({
          name: 'v',
          configMap: {
            name: 'c',
            items: [
              { key: '', path: '/abs' },
              { key: 'a', path: '../x' },
            ],
          },
        }),
      ),
    ).toBe(
      invalid(
        'spec.volumes[0].configMap.items[0].key: Required value',
        'spec.volumes[0].configMap.items[0].path: Invalid value: "/abs": must be a relative path',
        `spec.volumes[0].configMap.items[1].path: Invalid value: "../x": must not contain '..'`,
      ),
    );
    expect(message(withVolume({ name: 'v', secret: { secretName: 's', defaultMode: 1000 } }))).toBe(
      invalid(
        'spec.volumes[0].secret.defaultMode: Invalid value: 1000: must be a number between 0 and 0777 (octal), both inclusive',
      ),
    );
  });

  it('emptyDir sizeLimit must not be negative', () => {
    expect(message(withVolume({ name: 'v', emptyDir: { sizeLimit: '-1' } }))).toBe(
      invalid(
        'spec.volumes[0].emptyDir.sizeLimit: Forbidden: SizeLimit field must be a valid resource quantity',
      ),
    );
  });
});

describe('pod spec', () => {
  it('activeDeadlineSeconds is at least 1', () => {
    expect(message((p) => (p.spec.activeDeadlineSeconds = 0))).toBe(
      invalid(
        'spec.activeDeadlineSeconds: Invalid value: 0: must be between 1 and 2147483647, inclusive',
      ),
    );
  });

  it('a negative terminationGracePeriodSeconds is a warning, not an error', () => {
    const result = create((p) => (p.spec.terminationGracePeriodSeconds = -1));
    expect(result.status).toBeUndefined();
    expect(result.warnings).toEqual([
      'spec.terminationGracePeriodSeconds: must be >= 0; negative values are invalid and will be treated as 1',
    ]);
  });

  it('nodeName is a subdomain, hostname a label, serviceAccountName a subdomain', () => {
    expect(message((p) => (p.spec.nodeName = 'Node_1'))).toBe(
      invalid(`spec.nodeName: ${subdomain('Node_1')}`),
    );
    expect(message((p) => (p.spec.hostname = 'a.b'))).toBe(
      invalid('spec.hostname: Invalid value: "a.b": must not contain dots'),
    );
  });

  it('tolerations', () => {
    expect(
      message(
        (p) =>
          (p.spec.tolerations = [
            { key: 'a', operator: 'Exists', value: 'x' },
            { operator: 'Equal', effect: 'Bad' },
            { key: 'b', operator: 'Equal', value: 'v', effect: 'NoSchedule', tolerationSeconds: 5 },
          ]),
      ),
    ).toBe(
      invalid(
        'spec.tolerations[0].operator: Invalid value: "x": value must be empty when `operator` is \'Exists\'',
        'spec.tolerations[1].operator: Invalid value: "Equal": operator must be Exists when `key` is empty, which means "match all values and all keys"',
        'spec.tolerations[1].effect: Unsupported value: "Bad": supported values: "NoSchedule", "PreferNoSchedule", "NoExecute"',
        'spec.tolerations[2].effect: Invalid value: "NoSchedule": effect must be \'NoExecute\' when `tolerationSeconds` is set',
      ),
    );
  });

  it('security context ids are in range', () => {
    expect(message((p) => (p.spec.securityContext = { runAsUser: -1 }))).toBe(
      invalid(
        'spec.securityContext.runAsUser: Invalid value: -1: must be between 0 and 2147483647, inclusive',
      ),
    );
  });

  it('ephemeral containers cannot be set on create', () => {
    expect(
      message((p) => (p.spec.ephemeralContainers = [{ name: 'debug', image: 'busybox' }])),
    ).toBe(invalid('spec.ephemeralContainers: Forbidden: cannot be set on create'));
  });
});

describe('warnings on create', () => {
  it('pod names that are not DNS labels', () => {
    expect(create((p) => (p.metadata.name = 'web.v1')).warnings).toEqual([
      "metadata.name: this is used in the Pod's hostname, which can result in surprising behavior; a DNS label is recommended: [must not contain dots]",
    ]);
  });

  it('duplicate env names and fractional bytes', () => {
    const result = create((p) => {
      p.spec.containers[0].env = [
        { name: 'A', value: '1' },
        { name: 'A', value: '2' },
      ];
      p.spec.containers[0].resources = { limits: { memory: '0.5' } }; // requests default to it
    });
    expect(result.warnings).toEqual([
      'spec.containers[0].resources.limits[memory]: fractional byte value "500m" is invalid, must be an integer',
      'spec.containers[0].resources.requests[memory]: fractional byte value "500m" is invalid, must be an integer',
      'spec.containers[0].env[1]: hides previous definition of "A", which may be dropped when using apply',
    ]);
  });
});
