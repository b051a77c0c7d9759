import { describe, expect, it } from 'vitest';
import { formatMicroTime, formatTime } from '../../kube/time.ts';
import type { Event, Node, Pod } from '../../kube/types.ts';
import { describeProbe } from './describeContainers.ts';
import { describeNode, podRequestsAndLimits } from './describeNode.ts';
import { describePod, formatLabelSelector } from './describePod.ts';
import { describeVolumes } from './describeVolumes.ts';
import {
  describeEvents,
  printAnnotationsMultiline,
  printLabelsMultiline,
  printTaintsMultiline,
  printTolerationsMultiline,
  tabbedString,
} from './describeWriter.ts';
import { formatRFC1123Z } from './format.ts';

const base = Date.UTC(2026, 10, 23, 12, 0, 0);
const now = base + 500;
const t = (ms: number) => formatTime(base - ms);

describe('describe sections', () => {
  it('prints labels sorted, one per line, or <none>', () => {
    expect(tabbedString((w) => printLabelsMultiline(w, 'Labels', { b: '2', a: '1' }))).toBe(
      'Labels:  a=1\n         b=2\n',
    );
    expect(tabbedString((w) => printLabelsMultiline(w, 'Labels', {}))).toBe('Labels:  <none>\n');
  });

  it('moves long and multi-line annotations to their own lines, cut at 140 bytes', () => {
    const long = 'é'.repeat(80); // 160 bytes
    const text = tabbedString((w) =>
      printAnnotationsMultiline(w, 'Annotations', {
        short: 'x',
        multi: 'one\ntwo\n',
        long,
        'kubectl.kubernetes.io/last-applied-configuration': '{}',
      }),
    );
    expect(text).toBe(
      `Annotations:  long:\n                ${'é'.repeat(69)}...\n              multi:\n                one\n                two\n              short: x\n`,
    );
  });

  it('sorts taints by effect then key and prints each form', () => {
    const text = tabbedString((w) =>
      printTaintsMultiline(w, 'Taints', [
        { key: 'b', effect: 'NoSchedule' },
        { key: 'a', value: 'v', effect: 'NoSchedule' },
        { key: 'c', value: 'v', effect: '' },
        { key: 'd', effect: 'NoExecute' },
      ]),
    );
    expect(text).toBe(
      'Taints:  c=v:\n         d:NoExecute\n         a=v:NoSchedule\n         b:NoSchedule\n',
    );
  });

  it('prints tolerations, including the tolerate-everything form', () => {
    const text = tabbedString((w) =>
      printTolerationsMultiline(w, 'Tolerations', [
        { operator: 'Exists' },
        { key: 'k', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 30 },
        { key: 'j', operator: 'Equal', value: 'v' },
      ]),
    );
    expect(text).toBe(
      'Tolerations:  op=Exists\n              j=v\n              k:NoExecute op=Exists for 30s\n',
    );
  });

  it('prints Events:<none>, and aggregates repeated events as "(xN over …)"', () => {
    expect(tabbedString((w) => describeEvents([], w, now))).toBe('Events:  <none>\n');
    const ev = (name: string, e: Partial<Event>): Event => ({
      metadata: { name },
      involvedObject: { kind: 'Pod', name: 'p' },
      type: 'Normal',
      ...e,
    });
    const text = tabbedString((w) =>
      describeEvents(
        [
          ev('late', {
            reason: 'BackOff',
            firstTimestamp: t(600_000),
            lastTimestamp: t(30_000),
            count: 4,
            source: { component: 'kubelet' },
          }),
          ev('early', {
            reason: 'Scheduled',
            firstTimestamp: t(700_000),
            lastTimestamp: t(700_000),
            count: 1,
            reportingComponent: 'default-scheduler',
            message: ' hi \n',
          }),
          ev('series', {
            reason: 'Unhealthy',
            eventTime: formatMicroTime(base - 120_000),
            series: { count: 3, lastObservedTime: formatMicroTime(base - 5000) },
          }),
        ],
        w,
        now,
      ),
    );
    // Sorted by lastTimestamp: the series event (none) first.
    expect(text).toBe(
      [
        'Events:',
        '  Type    Reason     Age                From               Message',
        '  ----    ------     ----               ----               -------',
        '  Normal  Unhealthy  5s (x3 over 2m)                       ',
        '  Normal  Scheduled  11m                default-scheduler  hi',
        '  Normal  BackOff    30s (x4 over 10m)  kubelet            ',
        '',
      ].join('\n'),
    );
  });

  it('formats times like Go RFC1123Z in UTC, the zero time for unset ones', () => {
    expect(formatRFC1123Z('2026-11-23T09:05:03Z')).toBe('Mon, 23 Nov 2026 09:05:03 +0000');
    expect(formatRFC1123Z(undefined)).toBe('Mon, 01 Jan 0001 00:00:00 +0000');
  });

  it.each([
    [
      { httpGet: { port: 8080, path: 'healthz', host: 'h', scheme: 'HTTPS' } },
      'http-get https://h:8080/healthz',
    ],
    [{ httpGet: { port: 'web', path: '/a b?' } }, 'http-get //:web/a%20b%3F'],
    [{ httpGet: { port: 80, host: '::1' } }, 'http-get //[::1]:80'],
    [{ tcpSocket: { port: 22 } }, 'tcp-socket :22'],
    [{ grpc: { port: 9000, service: 'health' } }, 'grpc <pod>:9000 health'],
    [{ exec: { command: ['sh', '-c', 'true'] } }, 'exec [sh -c true]'],
    [{}, 'unknown'],
  ])('describes probe %j', (probe, prefix) => {
    expect(
      describeProbe({
        timeoutSeconds: 1,
        periodSeconds: 10,
        successThreshold: 1,
        failureThreshold: 3,
        ...probe,
      }),
    ).toBe(`${prefix} delay=0s timeout=1s period=10s #success=1 #failure=3`);
  });

  it('formats label selectors as metav1.FormatLabelSelector does', () => {
    expect(
      formatLabelSelector({
        matchLabels: { b: '1' },
        matchExpressions: [
          { key: 'a', operator: 'In', values: ['y', 'x'] },
          { key: 'c', operator: 'DoesNotExist' },
        ],
      }),
    ).toBe('a in (x,y),b=1,!c');
    expect(formatLabelSelector({})).toBe('<none>');
    expect(formatLabelSelector({ matchExpressions: [{ key: 'a', operator: 'In' }] })).toBe(
      '<error>',
    );
  });
});

describe('describeVolumes', () => {
  const volumes = (list: Parameters<typeof describeVolumes>[0]) =>
    tabbedString((w) => describeVolumes(list, w));

  it('prints <none> without volumes and <unknown> for a source it does not know', () => {
    expect(volumes([])).toBe('Volumes:  <none>\n');
    expect(volumes([{ name: 'x' }])).toBe('Volumes:\n  x:\n  <unknown>\n');
  });

  it('prints a claim, NFS and a CSI volume with attributes', () => {
    expect(
      volumes([
        { name: 'claim', persistentVolumeClaim: { claimName: 'data' } },
        { name: 'share', nfs: { server: 'nfs.local', path: '/exports' } },
        { name: 'csi', csi: { driver: 'x.csi.io', volumeAttributes: { b: '2', a: '1' } } },
      ]),
    ).toBe(
      [
        'Volumes:',
        '  claim:',
        '    Type:       PersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)',
        '    ClaimName:  data',
        '    ReadOnly:   false',
        '  share:',
        '    Type:      NFS (an NFS mount that lasts the lifetime of a pod)',
        '    Server:    nfs.local',
        '    Path:      /exports',
        '    ReadOnly:  false',
        '  csi:',
        '    Type:              CSI (a Container Storage Interface (CSI) volume source)',
        '    Driver:            x.csi.io',
        '    FSType:            ',
        '    ReadOnly:          false',
        '    VolumeAttributes:      a=1',
        '                           b=2',
        '',
      ].join('\n'),
    );
  });

  it('indents even the "<none>" of an ephemeral claim template, as kubectl\'s nested writer does', () => {
    const text = volumes([
      {
        name: 'scratch',
        ephemeral: {
          volumeClaimTemplate: {
            spec: { accessModes: ['ReadWriteOnce'], storageClassName: 'fast' },
          },
        },
      },
    ]);
    expect(text).toContain(
      '    StorageClass:  fast\n    Volume:        \n    Labels:            <none>\n',
    );
  });

  it('names the field of a quantity it cannot parse', () => {
    expect(() => volumes([{ name: 'd', emptyDir: { sizeLimit: 'lots' } }])).toThrow(
      'volume d: emptyDir.sizeLimit: invalid quantity "lots"',
    );
  });
});

describe('describePod', () => {
  const pod: Pod = {
    metadata: {
      name: 'p',
      namespace: 'default',
      deletionTimestamp: formatTime(base + 30_000),
      deletionGracePeriodSeconds: 30,
    },
    spec: { containers: [] },
    status: { phase: 'Pending', reason: 'Unschedulable', message: 'no nodes' },
  };

  it('shows an unscheduled, deleting pod the way kubectl does (the deadline is ahead: <invalid>)', () => {
    expect(describePod(pod, undefined, { now })).toBe(
      [
        'Name:                      p',
        'Namespace:                 default',
        'Node:                      <none>',
        'Labels:                    <none>',
        'Annotations:               <none>',
        'Status:                    Terminating (lasts <invalid>)',
        'Termination Grace Period:  30s',
        'Reason:                    Unschedulable',
        'Message:                   no nodes',
        'IP:                        ',
        'IPs:                       <none>',
        'Containers: <none>',
        // A line without a tab ends a tabwriter block: what follows aligns on its own.
        'Volumes:         <none>',
        'QoS Class:       BestEffort',
        'Node-Selectors:  <none>',
        'Tolerations:     <none>',
        '',
      ].join('\n'),
    );
  });

  it('prints the Events section only when events were fetched', () => {
    expect(describePod(pod, [], { now })).toMatch(/Events:\s+<none>\n$/);
  });

  it('names the container field of a quantity it cannot parse', () => {
    const bad: Pod = {
      ...pod,
      spec: { containers: [{ name: 'a', resources: { limits: { cpu: 'x' } } }] },
    };
    expect(() => describePod(bad, undefined, { now })).toThrow(
      'spec.containers[0].resources.limits.cpu: invalid quantity "x"',
    );
  });
});

describe('describeNode', () => {
  const node: Node = {
    metadata: { name: 'n1', creationTimestamp: t(86_400_000) },
    status: { capacity: { cpu: '0', memory: '1Gi' } },
  };
  const pod = (name: string, phase: string, nodeName = 'n1'): Pod => ({
    metadata: { name, namespace: 'default', creationTimestamp: t(60_000) },
    spec: {
      nodeName,
      containers: [{ name: 'a', resources: { requests: { cpu: '100m', memory: '256Mi' } } }],
    },
    status: { phase },
  });

  it("reports a missing lease, skips finished and foreign pods, and keeps Go's int64 of NaN", () => {
    const text = describeNode(node, {
      pods: [pod('a', 'Running'), pod('b', 'Succeeded'), pod('c', 'Running', 'n2')],
      now,
    });
    expect(text).toContain(
      'Lease:              Failed to get lease: leases.coordination.k8s.io "n1" not found\n',
    );
    expect(text).toContain('Non-terminated Pods:          (1 in total)\n');
    // Allocatable cpu is 0: the per-pod percentage divides by zero, as kubectl's does.
    expect(text).toContain(
      '  default                     a       100m (-9223372036854775808%)  0 (-9223372036854775808%)  256Mi (25%)      0 (0%)         60s\n',
    );
    expect(text).toContain('  cpu                100m (0%)    0 (0%)\n');
    expect(text).not.toContain('Events:');
  });

  it('sums sidecars with containers and takes the largest init container (PodRequestsAndLimits)', () => {
    const p: Pod = {
      spec: {
        initContainers: [
          { name: 'side', restartPolicy: 'Always', resources: { requests: { cpu: '100m' } } },
          { name: 'init', resources: { requests: { cpu: '500m' }, limits: { memory: '1Gi' } } },
        ],
        containers: [
          { name: 'app', resources: { requests: { cpu: '200m' }, limits: { memory: '128Mi' } } },
        ],
        overhead: { cpu: '10m' },
      },
    };
    const { requests, limits } = podRequestsAndLimits(p);
    // max(app 200m + side 100m, init 500m + side 100m) + overhead 10m
    expect(requests.get('cpu')!.mantissa * 10n ** BigInt(requests.get('cpu')!.exp + 3)).toBe(610n);
    expect(limits.get('memory')).toBeDefined();
  });

  it('counts in-place resize: the larger of spec, status resources and allocated resources', () => {
    const p: Pod = {
      spec: { containers: [{ name: 'app', resources: { requests: { cpu: '100m' } } }] },
      status: {
        containerStatuses: [
          {
            name: 'app',
            ready: true,
            restartCount: 0,
            image: 'x',
            imageID: '',
            resources: { requests: { cpu: '300m' } },
          } as never,
        ],
      },
    };
    const cpu = podRequestsAndLimits(p).requests.get('cpu')!;
    expect(cpu.mantissa * 10n ** BigInt(cpu.exp + 3)).toBe(300n);
  });
});
