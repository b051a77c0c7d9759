/**
 * The objects worth describing in full: a pod with init containers, env of every kind, probes,
 * volumes and restarts; two nodes; and a ConfigMap of scalars that YAML and JSON write in odd ways.
 */
import { formatTime } from '../../../kube/time.ts';
import type { ConfigMap, Node, Pod } from '../../../kube/types.ts';
import { container, D, H, M, S, defaultedSpec } from './fixtureContext.ts';

/**
 * Strings that go-yaml v2 quotes, folds or escapes in its own ways (and JSON escapes), so the YAML
 * and JSON printers meet every scalar style; the label keys exercise go-yaml's "natural" key order.
 */
export function scalarsConfigMap(created: string, uid: string): ConfigMap {
  const words = (n: number) => Array.from({ length: n }, () => 'word').join(' ');
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: {
      name: 'scalars',
      namespace: 'default',
      uid,
      resourceVersion: '90',
      creationTimestamp: created,
      labels: Object.fromEntries(
        ['_u', 'A', 'B', 'a-b', 'a.b', 'a2', 'a10', 'app', 'x1y9', 'x1y10', 'z', 'é'].map((k) => [
          k,
          'v',
        ]),
      ),
      annotations: { 'example.com/html': '<b>&amp;</b>', 'example.com/ls': 'a\u2028b' },
    },
    data: {
      empty: '',
      num: '123',
      float: '1.5',
      bool: 'true',
      yes: 'yes',
      null: 'null',
      tilde: '~',
      star: '*',
      colon: 'a: b',
      colon2: 'a:b',
      hash: 'a #b',
      hash2: 'a#b',
      lead: ' lead',
      trail: 'trail ',
      multi: 'line1\nline2\n',
      multinotrail: 'line1\nline2',
      long: words(22),
      longnospace: 'x'.repeat(120),
      json: '{"apiVersion":"v1","kind":"Pod","metadata":{"name":"web"}}\n',
      dash: '- x',
      dash2: '-x',
      q: "it's",
      dq: 'say "hi"',
      tab: 'a\tb',
      date: '2024-01-01',
      shortdate: '2024-1-5',
      baddate: '2024-02-30',
      stamp: '2024-01-01T00:00:00Z',
      spacestamp: '2024-01-01 10:20:30',
      oct: '0755',
      octbad: '0789',
      hex: '0x1F',
      bin: '0b101',
      e: '1e3',
      big: '1e999',
      unicode: 'héllo ✓',
      ctrl: 'a\u0001b',
      at: '@x',
      pct: '%x',
      bang: '!x',
      brace: '{x}',
      brack: '[x]',
      comma: 'a, b',
      qm: '? x',
      qm2: '?x',
      amp: '&x',
      pipe: '|x',
      gt: '>x',
      lt: '<x',
      backtick: '`x',
      dot: '.',
      dotnum: '.5',
      on: 'on',
      Yes: 'Yes',
      off: 'OFF',
      base60: '1:20',
      time: '12:30:00',
      inf: '.inf',
      nan: '.NaN',
      sp2: 'a  b',
      crlf: 'a\r\nb',
      trailnl: 'abc\n',
      onlynl: '\n',
      leadnl: '\nabc',
      spnl: 'abc \nx',
      tabnl: 'a\n\tb',
      longmulti: `${words(25)}\nsecond\n`,
      longq: `'${words(22)}`,
      eq: '=',
      plus: '+1',
      minus: '-1',
      under: '1_000',
      url: 'http://x.y/z',
      win: 'C:\\path',
      nl2: 'a\n\nb\n\n',
      ls: 'a\u2028b',
      nbsp: 'a\u00a0b',
      bom: '\ufeffx',
      emoji: '😀',
      trailtab: 'x\t',
      y: 'y',
      n: 'n',
      NULL: 'NULL',
      zero: '0',
      neg: '-0.5',
      ipv4: '10.0.0.1',
      semver: '1.2.3',
      merge: '<<',
      dashes: '--- x',
      dots: '...',
      longdq: `"${words(24)}`,
      longspaces: `${words(15)}    ${words(10)}`,
    },
  };
}

/** The pod worth describing: init containers, env of every kind, probes, volumes, restarts. */
export function makeWebPod(base: number, uid: string): Pod {
  const ago = (ms: number) => formatTime(base - ms);
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: 'web',
      namespace: 'default',
      uid,
      resourceVersion: '187',
      creationTimestamp: ago(17 * M),
      labels: { app: 'web', tier: 'frontend' },
      annotations: {
        'kubectl.kubernetes.io/last-applied-configuration': '{"apiVersion":"v1","kind":"Pod"}\n',
        'example.com/owner': 'team-a',
        'example.com/description':
          'A web server that serves the playground front page and a health endpoint; it also exports metrics for the dashboard.',
      },
      ownerReferences: [
        {
          apiVersion: 'apps/v1',
          kind: 'ReplicaSet',
          name: 'web-5d8f7c9b6d',
          uid: '0c0ffee0-0000-4000-8000-000000000001',
          controller: true,
          blockOwnerDeletion: true,
        },
      ],
    },
    spec: defaultedSpec('web', {
      nodeName: 'node-1',
      initContainers: [
        {
          ...container('init-config', 'wasi/init:1.2'),
          command: ['/bin/setup'],
          args: ['--out', '/config', 'line one\nline two'],
          volumeMounts: [
            { name: 'config', mountPath: '/config' },
            {
              name: 'kube-api-access-3x7qz',
              mountPath: '/var/run/secrets/kubernetes.io/serviceaccount',
              readOnly: true,
            },
          ],
        },
      ],
      containers: [
        {
          ...container('app', 'wasi/web:2.1'),
          imagePullPolicy: 'Always',
          ports: [
            { name: 'http', containerPort: 8080, protocol: 'TCP' },
            { name: 'metrics', containerPort: 9090, protocol: 'TCP', hostPort: 19090 },
          ],
          resources: {
            limits: { cpu: '500m', memory: '128Mi' },
            requests: { cpu: '250m', memory: '64Mi' },
          },
          livenessProbe: {
            httpGet: { path: '/healthz', port: 8080, scheme: 'HTTP' },
            initialDelaySeconds: 3,
            timeoutSeconds: 1,
            periodSeconds: 10,
            successThreshold: 1,
            failureThreshold: 3,
          },
          readinessProbe: {
            exec: { command: ['cat', '/tmp/ready'] },
            timeoutSeconds: 1,
            periodSeconds: 5,
            successThreshold: 1,
            failureThreshold: 3,
          },
          startupProbe: {
            tcpSocket: { port: 'http' },
            timeoutSeconds: 1,
            periodSeconds: 10,
            successThreshold: 1,
            failureThreshold: 30,
          },
          envFrom: [
            { configMapRef: { name: 'web-config' } },
            { prefix: 'DB_', secretRef: { name: 'web-secret', optional: true } },
          ],
          env: [
            { name: 'GREETING', value: 'hello' },
            { name: 'MULTILINE', value: 'first\nsecond' },
            {
              name: 'POD_NAME',
              valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.name' } },
            },
            {
              name: 'NODE_NAME',
              valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'spec.nodeName' } },
            },
            {
              name: 'TIER',
              valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: "metadata.labels['tier']" } },
            },
            {
              name: 'CPU_LIMIT',
              valueFrom: {
                resourceFieldRef: { containerName: 'app', resource: 'limits.cpu', divisor: '1m' },
              },
            },
            {
              name: 'MEM_REQUEST',
              valueFrom: {
                resourceFieldRef: {
                  containerName: 'app',
                  resource: 'requests.memory',
                  divisor: '1Mi',
                },
              },
            },
            {
              name: 'EPHEMERAL_LIMIT',
              valueFrom: {
                resourceFieldRef: {
                  containerName: 'app',
                  resource: 'limits.ephemeral-storage',
                  divisor: '1',
                },
              },
            },
            {
              name: 'PASSWORD',
              valueFrom: { secretKeyRef: { name: 'web-secret', key: 'password' } },
            },
            {
              name: 'MODE',
              valueFrom: { configMapKeyRef: { name: 'web-config', key: 'mode', optional: true } },
            },
          ],
          volumeMounts: [
            { name: 'config', mountPath: '/config', readOnly: true },
            { name: 'data', mountPath: '/data', subPath: 'web' },
            {
              name: 'kube-api-access-3x7qz',
              mountPath: '/var/run/secrets/kubernetes.io/serviceaccount',
              readOnly: true,
            },
          ],
        },
      ],
      nodeSelector: { 'kubernetes.io/os': 'wasi' },
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
        { key: 'example.com/wasm', operator: 'Equal', value: 'true', effect: 'NoSchedule' },
      ],
      volumes: [
        { name: 'config', emptyDir: {} },
        { name: 'data', emptyDir: { medium: 'Memory', sizeLimit: '64Mi' } },
        { name: 'settings', configMap: { name: 'web-config', defaultMode: 420 } },
        { name: 'creds', secret: { secretName: 'web-secret', defaultMode: 420, optional: true } },
        { name: 'host-logs', hostPath: { path: '/var/log', type: 'Directory' } },
        {
          name: 'podinfo',
          downwardAPI: {
            defaultMode: 420,
            items: [
              { path: 'labels', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.labels' } },
            ],
          },
        },
        {
          name: 'kube-api-access-3x7qz',
          projected: {
            defaultMode: 420,
            sources: [
              { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
              {
                configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] },
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
          },
        },
      ],
    }),
    status: {
      phase: 'Running',
      qosClass: 'Burstable',
      hostIP: '10.0.0.11',
      hostIPs: [{ ip: '10.0.0.11' }],
      podIP: '10.244.0.12',
      podIPs: [{ ip: '10.244.0.12' }],
      startTime: ago(17 * M),
      conditions: [
        {
          type: 'PodReadyToStartContainers',
          status: 'True',
          lastProbeTime: null as unknown as string,
          lastTransitionTime: ago(17 * M),
        },
        {
          type: 'Initialized',
          status: 'True',
          lastProbeTime: null as unknown as string,
          lastTransitionTime: ago(16 * M),
        },
        {
          type: 'Ready',
          status: 'True',
          lastProbeTime: null as unknown as string,
          lastTransitionTime: ago(3 * M),
        },
        {
          type: 'ContainersReady',
          status: 'True',
          lastProbeTime: null as unknown as string,
          lastTransitionTime: ago(3 * M),
        },
        {
          type: 'PodScheduled',
          status: 'True',
          lastProbeTime: null as unknown as string,
          lastTransitionTime: ago(17 * M),
        },
      ],
      initContainerStatuses: [
        {
          name: 'init-config',
          image: 'wasi/init:1.2',
          imageID: 'wasi/init@sha256:9a8b7c6d5e4f',
          containerID: 'wasi://init-config-1f2e3d',
          ready: true,
          started: false,
          restartCount: 0,
          state: {
            terminated: {
              exitCode: 0,
              reason: 'Completed',
              startedAt: ago(17 * M - 2 * S),
              finishedAt: ago(16 * M),
              containerID: 'wasi://init-config-1f2e3d',
            },
          },
          lastState: {},
        },
      ],
      containerStatuses: [
        {
          name: 'app',
          image: 'wasi/web:2.1',
          imageID: 'wasi/web@sha256:4c3b2a1f0e9d',
          containerID: 'wasi://app-8e7d6c',
          ready: true,
          started: true,
          restartCount: 4,
          state: { running: { startedAt: ago(3 * M + 15 * S) } },
          lastState: {
            terminated: {
              exitCode: 1,
              reason: 'Error',
              message: 'listen tcp :8080: address already in use',
              startedAt: ago(5 * M),
              finishedAt: ago(4 * M + 5 * S),
              containerID: 'wasi://app-5b4a39',
            },
          },
        },
      ],
    },
  };
}

/** A pod (never run here) using the in-tree volume plugins describe still explains. */
export function makeLegacyVolumesPod(base: number, uid: string): Pod {
  const ref = { name: 'creds' };
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: 'legacy-volumes',
      namespace: 'default',
      uid,
      resourceVersion: '190',
      creationTimestamp: formatTime(base - 2 * D),
    },
    spec: defaultedSpec('legacy-volumes', {
      containers: [
        { ...container('app'), volumeDevices: [{ name: 'raw', devicePath: '/dev/xvda' }] },
      ],
      volumes: [
        {
          name: 'ebs',
          awsElasticBlockStore: { volumeID: 'vol-0abc', fsType: 'ext4', partition: 1 },
        },
        { name: 'pd', gcePersistentDisk: { pdName: 'disk-1', readOnly: true } },
        { name: 'git', gitRepo: { repository: 'https://example.com/r.git', revision: 'main' } },
        {
          name: 'iscsi',
          iscsi: {
            targetPortal: '10.0.0.5:3260',
            iqn: 'iqn.2001-04.com.example:storage',
            lun: 0,
            iscsiInterface: 'default',
            portals: ['10.0.0.6:3260', '10.0.0.7:3260'],
            chapAuthSession: true,
            secretRef: ref,
          },
        },
        {
          name: 'gluster',
          glusterfs: { endpoints: 'glusterfs-cluster', path: 'kube_vol', readOnly: true },
        },
        {
          name: 'rbd',
          rbd: {
            monitors: ['10.16.154.78:6789', '10.16.154.82:6789'],
            image: 'foo',
            pool: 'kube',
            user: 'admin',
            keyring: '/etc/ceph/keyring',
          },
        },
        { name: 'quobyte', quobyte: { registry: 'registry:7861', volume: 'testVolume' } },
        {
          name: 'azdisk',
          azureDisk: {
            diskName: 'test.vhd',
            diskURI: 'https://example.blob.core.windows.net/vhds/test.vhd',
            kind: 'Shared',
            fsType: 'ext4',
            cachingMode: 'ReadWrite',
            readOnly: false,
          },
        },
        {
          name: 'vsphere',
          vsphereVolume: { volumePath: '[datastore1] volumes/myDisk', fsType: 'ext4' },
        },
        { name: 'cinder', cinder: { volumeID: 'bd82f7e2', fsType: 'ext4', secretRef: ref } },
        { name: 'photon', photonPersistentDisk: { pdID: 'pd-1', fsType: 'ext4' } },
        { name: 'pwx', portworxVolume: { volumeID: 'pxvol' } },
        {
          name: 'sio',
          scaleIO: {
            gateway: 'https://sio:443/api',
            system: 'sys',
            secretRef: ref,
            protectionDomain: 'pd',
            storagePool: 'sp',
            storageMode: 'ThinProvisioned',
            volumeName: 'vol-0',
          },
        },
        {
          name: 'ceph',
          cephfs: {
            monitors: ['10.16.154.78:6789'],
            path: '/',
            user: 'admin',
            secretFile: '/etc/ceph/admin.secret',
          },
        },
        {
          name: 'sos',
          storageos: { volumeName: 'redis-vol', volumeNamespace: 'default', fsType: 'ext4' },
        },
        {
          name: 'fc',
          fc: { targetWWNs: ['500a0982991b8dc5', '500a0982891b8dc5'], lun: 2, fsType: 'ext4' },
        },
        { name: 'fc-nolun', fc: { wwids: ['3600508b400105e210000900000490000'] } },
        {
          name: 'azfile',
          azureFile: { secretName: 'azure-secret', shareName: 'k8stest', readOnly: false },
        },
        {
          name: 'flex',
          flexVolume: {
            driver: 'kubernetes.io/lvm',
            fsType: 'ext4',
            options: { volumeID: 'vol1', size: '1000m' },
          },
        },
        { name: 'flocker', flocker: { datasetName: 'ds', datasetUUID: '' } },
        { name: 'pvc', persistentVolumeClaim: { claimName: 'data', readOnly: true } },
        {
          name: 'scratch',
          ephemeral: {
            volumeClaimTemplate: {
              metadata: { labels: { type: 'scratch' } },
              spec: {
                accessModes: ['ReadWriteOnce'],
                storageClassName: 'fast',
                volumeMode: 'Filesystem',
                dataSource: {
                  kind: 'VolumeSnapshot',
                  name: 'snap',
                  apiGroup: 'snapshot.storage.k8s.io',
                },
              },
            },
          },
        },
        {
          name: 'csi',
          csi: {
            driver: 'inline.csi.example.com',
            readOnly: true,
            fsType: 'ext4',
            volumeAttributes: { foo: 'bar', size: '1Gi' },
          },
        },
        { name: 'csi-bare', csi: { driver: 'inline.csi.example.com' } },
        {
          name: 'image',
          image: { reference: 'wasi/data:1.0', pullPolicy: 'IfNotPresent' },
        } as never,
        { name: 'raw', persistentVolumeClaim: { claimName: 'block' } },
      ],
    }),
    status: {
      phase: 'Pending',
      qosClass: 'BestEffort',
      conditions: [{ type: 'PodScheduled', status: 'False', reason: 'Unschedulable' }],
    },
  };
}

export function makeNodes(base: number): Node[] {
  const ago = (ms: number) => formatTime(base - ms);
  const conditions = (ready: boolean) => [
    {
      type: 'MemoryPressure',
      status: 'False',
      lastHeartbeatTime: ago(7 * S),
      lastTransitionTime: ago(3 * D),
      reason: 'KubeletHasSufficientMemory',
      message: 'kubelet has sufficient memory available',
    },
    {
      type: 'DiskPressure',
      status: 'False',
      lastHeartbeatTime: ago(7 * S),
      lastTransitionTime: ago(3 * D),
      reason: 'KubeletHasNoDiskPressure',
      message: 'kubelet has no disk pressure',
    },
    {
      type: 'PIDPressure',
      status: 'False',
      lastHeartbeatTime: ago(7 * S),
      lastTransitionTime: ago(3 * D),
      reason: 'KubeletHasSufficientPID',
      message: 'kubelet has sufficient PID available',
    },
    ready
      ? {
          type: 'Ready',
          status: 'True',
          lastHeartbeatTime: ago(7 * S),
          lastTransitionTime: ago(3 * D - 10 * S),
          reason: 'KubeletReady',
          message: 'kubelet is posting ready status',
        }
      : {
          type: 'Ready',
          status: 'Unknown',
          lastHeartbeatTime: ago(2 * H),
          lastTransitionTime: ago(H),
          reason: 'NodeStatusUnknown',
          message: 'Kubelet stopped posting node status.',
        },
  ];
  const nodeInfo = {
    machineID: 'b7f3c2a1d0e94f8a9c6b5d4e3f2a1b0c',
    systemUUID: '6a1f2e3d-4c5b-4a69-8788-99aabbccddee',
    bootID: '0f1e2d3c-4b5a-4697-8879-6a5b4c3d2e1f',
    kernelVersion: 'wasi-preview1',
    osImage: 'Kubelet Playground (WASI)',
    containerRuntimeVersion: 'wasi://0.4.2',
    kubeletVersion: 'v1.33.0',
    kubeProxyVersion: '',
    operatingSystem: 'wasi',
    architecture: 'wasm32',
  };
  return [
    {
      apiVersion: 'v1',
      kind: 'Node',
      metadata: {
        name: 'node-1',
        uid: '3d6c2a0e-0000-4000-8000-0000000000a1',
        resourceVersion: '412',
        creationTimestamp: ago(3 * D),
        labels: {
          'beta.kubernetes.io/arch': 'wasm32',
          'beta.kubernetes.io/os': 'wasi',
          'kubernetes.io/arch': 'wasm32',
          'kubernetes.io/hostname': 'node-1',
          'kubernetes.io/os': 'wasi',
          'node-role.kubernetes.io/control-plane': '',
          'node-role.kubernetes.io/wasm': '',
        },
        annotations: {
          'node.alpha.kubernetes.io/ttl': '0',
          'volumes.kubernetes.io/controller-managed-attach-detach': 'true',
        },
      },
      spec: {
        podCIDR: '10.244.0.0/24',
        podCIDRs: ['10.244.0.0/24'],
        taints: [
          { key: 'example.com/wasm', value: 'true', effect: 'NoSchedule' },
          { key: 'example.com/dedicated', effect: 'PreferNoSchedule' },
        ],
      },
      status: {
        capacity: {
          cpu: '4',
          'ephemeral-storage': '61202244Ki',
          'hugepages-2Mi': '0',
          memory: '8148204Ki',
          pods: '110',
          'example.com/gpu': '2',
        },
        allocatable: {
          cpu: '4',
          'ephemeral-storage': '56403987978',
          'hugepages-2Mi': '0',
          memory: '8045804Ki',
          pods: '110',
          'example.com/gpu': '2',
        },
        conditions: conditions(true),
        addresses: [
          { type: 'InternalIP', address: '10.0.0.11' },
          { type: 'Hostname', address: 'node-1' },
        ],
        daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
        nodeInfo,
      },
    },
    {
      apiVersion: 'v1',
      kind: 'Node',
      metadata: {
        name: 'node-2',
        uid: '3d6c2a0e-0000-4000-8000-0000000000a2',
        resourceVersion: '413',
        creationTimestamp: ago(2 * D),
        labels: { 'kubernetes.io/hostname': 'node-2', 'kubernetes.io/role': 'edge' },
      },
      spec: {
        unschedulable: true,
        taints: [
          { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule', timeAdded: ago(H) },
        ],
      },
      status: {
        capacity: { cpu: '2', memory: '4Gi', pods: '110' },
        conditions: conditions(false),
        addresses: [
          { type: 'InternalIP', address: '10.0.0.12' },
          { type: 'ExternalIP', address: '203.0.113.12' },
        ],
        nodeInfo: {
          ...nodeInfo,
          kubeletVersion: 'v1.32.4',
          osImage: '',
          kernelVersion: '',
          containerRuntimeVersion: '',
        },
      },
    },
  ];
}
