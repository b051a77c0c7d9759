/**
 * Objects for the printer tests and the kubectl golden captures: pods in every state `kubectl get`
 * names (statuses as a v1.33 kubelet writes them), a fully-featured pod to describe, nodes, their
 * lease, events, and the small resources. Times are relative to `base` (a whole second), so the
 * same fixtures can be served to the real kubectl and printed by ours with the same clock.
 */
import type {
  ConfigMap,
  Event,
  Lease,
  Namespace,
  Node,
  Pod,
  Secret,
  ServiceAccount,
} from '../../../kube/types.ts';
import {
  makeLegacyVolumesPod,
  makeNodes,
  makeWebPod,
  scalarsConfigMap,
} from './describeFixtures.ts';
import { D, FixtureContext, M, S } from './fixtureContext.ts';
import { makeStatusPods } from './podFixtures.ts';

export interface PrinterFixtures {
  pods: Pod[];
  nodes: Node[];
  events: Event[];
  leases: Lease[];
  configmaps: ConfigMap[];
  secrets: Secret[];
  namespaces: Namespace[];
  serviceaccounts: ServiceAccount[];
}

export function makePrinterFixtures(base: number): PrinterFixtures {
  const c = new FixtureContext(base);
  const pods = makeStatusPods(c);

  const web = makeWebPod(c.base, c.uid());
  const nodes = makeNodes(c.base);
  const leases: Lease[] = [
    {
      apiVersion: 'coordination.k8s.io/v1',
      kind: 'Lease',
      metadata: {
        name: 'node-1',
        namespace: 'kube-node-lease',
        uid: c.uid(),
        resourceVersion: '57',
        creationTimestamp: c.ago(3 * D),
        ownerReferences: [
          { apiVersion: 'v1', kind: 'Node', name: 'node-1', uid: nodes[0]!.metadata!.uid! },
        ],
      },
      spec: {
        holderIdentity: 'node-1',
        leaseDurationSeconds: 40,
        renewTime: c.agoMicro(7 * S),
      },
    },
  ];

  const event = (
    name: string,
    involved: { kind: string; name: string; uid?: string; fieldPath?: string; namespace?: string },
    type: string,
    reason: string,
    message: string,
    firstAgo: number,
    lastAgo: number,
    count: number,
    component = 'kubelet',
    host: string | undefined = 'node-1',
  ): Event => ({
    apiVersion: 'v1',
    kind: 'Event',
    metadata: {
      name,
      namespace: involved.namespace ?? 'default',
      uid: c.uid(),
      resourceVersion: String(300 + c.count),
      creationTimestamp: c.ago(firstAgo),
    },
    involvedObject: { apiVersion: 'v1', namespace: 'default', resourceVersion: '120', ...involved },
    reason,
    message,
    source: { component, ...(host ? { host } : {}) },
    firstTimestamp: c.ago(firstAgo),
    lastTimestamp: c.ago(lastAgo),
    count,
    type,
    eventTime: null as unknown as string,
    reportingComponent: component,
    reportingInstance: host ?? '',
  });
  const webRef = { kind: 'Pod', name: 'web', uid: web.metadata!.uid! };
  const events: Event[] = [
    event(
      'web.17f1a0c2d3e4f501',
      webRef,
      'Normal',
      'Scheduled',
      'Successfully assigned default/web to node-1',
      17 * M,
      17 * M,
      1,
      'default-scheduler',
      undefined,
    ),
    event(
      'web.17f1a0c2d3e4f502',
      { ...webRef, fieldPath: 'spec.initContainers{init-config}' },
      'Normal',
      'Pulled',
      'Container image "wasi/init:1.2" already present on machine',
      17 * M,
      17 * M,
      1,
    ),
    event(
      'web.17f1a0c2d3e4f503',
      { ...webRef, fieldPath: 'spec.initContainers{init-config}' },
      'Normal',
      'Created',
      'Created container: init-config',
      17 * M,
      17 * M,
      1,
    ),
    event(
      'web.17f1a0c2d3e4f504',
      { ...webRef, fieldPath: 'spec.initContainers{init-config}' },
      'Normal',
      'Started',
      'Started container init-config',
      17 * M,
      17 * M,
      1,
    ),
    event(
      'web.17f1a0c2d3e4f505',
      { ...webRef, fieldPath: 'spec.containers{app}' },
      'Normal',
      'Pulling',
      'Pulling image "wasi/web:2.1"',
      16 * M,
      3 * M + 20 * S,
      5,
    ),
    event(
      'web.17f1a0c2d3e4f506',
      { ...webRef, fieldPath: 'spec.containers{app}' },
      'Normal',
      'Pulled',
      'Successfully pulled image "wasi/web:2.1" in 812ms (812ms including waiting). Image size: 48213 bytes.',
      16 * M,
      16 * M,
      1,
    ),
    event(
      'web.17f1a0c2d3e4f507',
      { ...webRef, fieldPath: 'spec.containers{app}' },
      'Normal',
      'Created',
      'Created container: app',
      16 * M,
      3 * M + 15 * S,
      5,
    ),
    event(
      'web.17f1a0c2d3e4f508',
      { ...webRef, fieldPath: 'spec.containers{app}' },
      'Normal',
      'Started',
      'Started container app',
      16 * M,
      3 * M + 15 * S,
      5,
    ),
    event(
      'web.17f1a0c2d3e4f509',
      { ...webRef, fieldPath: 'spec.containers{app}' },
      'Warning',
      'BackOff',
      `Back-off restarting failed container app in pod web_default(${webRef.uid})`,
      12 * M,
      4 * M,
      4,
    ),
    event(
      'crashloop.17f1a0c2d3e4f510',
      { kind: 'Pod', name: 'crashloop', fieldPath: 'spec.containers{app}' },
      'Warning',
      'BackOff',
      'Back-off restarting failed container app in pod crashloop_default(6f1c)',
      8 * M,
      30 * S,
      9,
    ),
    event(
      'node-1.17f1a0c2d3e4f511',
      { kind: 'Node', name: 'node-1', uid: 'node-1', namespace: undefined },
      'Normal',
      'NodeReady',
      'Node node-1 status is now: NodeReady',
      3 * D,
      3 * D,
      1,
      'kubelet',
      'node-1',
    ),
    {
      // An events.k8s.io/v1 event seen through core/v1: eventTime and series, no timestamps.
      apiVersion: 'v1',
      kind: 'Event',
      metadata: {
        name: 'running.17f1a0c2d3e4f512',
        namespace: 'default',
        uid: c.uid(),
        resourceVersion: '401',
        creationTimestamp: c.ago(6 * M),
      },
      involvedObject: {
        apiVersion: 'v1',
        kind: 'Pod',
        name: 'running',
        namespace: 'default',
        uid: pods[10]!.metadata!.uid!,
        fieldPath: 'spec.containers{app}',
      },
      reason: 'Unhealthy',
      message: 'Readiness probe failed: connection refused\n',
      source: {},
      firstTimestamp: null as unknown as string,
      lastTimestamp: null as unknown as string,
      eventTime: c.agoMicro(6 * M),
      series: { count: 3, lastObservedTime: c.agoMicro(90 * S) },
      reportingComponent: 'kubelet',
      reportingInstance: 'node-1',
      action: 'Probe',
      type: 'Warning',
    },
  ];
  const nodeEvents = events.filter((e) => e.involvedObject.kind === 'Node');
  nodeEvents.forEach((e) => (e.metadata.namespace = 'default'));

  const configmaps: ConfigMap[] = [
    {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: {
        name: 'kube-root-ca.crt',
        namespace: 'default',
        uid: c.uid(),
        resourceVersion: '12',
        creationTimestamp: c.ago(3 * D),
      },
      data: { 'ca.crt': '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n' },
    },
    {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: {
        name: 'web-config',
        namespace: 'default',
        uid: c.uid(),
        resourceVersion: '80',
        creationTimestamp: c.ago(18 * M),
        labels: { app: 'web' },
      },
      data: { 'app.conf': 'listen 8080\n', mode: 'production' },
      binaryData: { 'logo.png': 'iVBORw0KGgo=' },
    },
  ];
  configmaps.push(scalarsConfigMap(c.ago(7 * M), c.uid()));
  const secrets: Secret[] = [
    {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: {
        name: 'web-secret',
        namespace: 'default',
        uid: c.uid(),
        resourceVersion: '81',
        creationTimestamp: c.ago(18 * M),
      },
      type: 'Opaque',
      data: { password: 'czNjcjN0', token: 'dG9rZW4=' },
    },
    {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: {
        name: 'registry',
        namespace: 'default',
        uid: c.uid(),
        resourceVersion: '82',
        creationTimestamp: c.ago(2 * D),
      },
      type: 'kubernetes.io/dockerconfigjson',
      data: { '.dockerconfigjson': 'e30=' },
    },
  ];
  const namespaces: Namespace[] = ['default', 'kube-node-lease', 'kube-public', 'kube-system'].map(
    (name) => ({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: {
        name,
        uid: c.uid(),
        resourceVersion: '4',
        creationTimestamp: c.ago(3 * D),
        labels: { 'kubernetes.io/metadata.name': name },
      },
      spec: { finalizers: ['kubernetes'] },
      status: { phase: 'Active' },
    }),
  );
  namespaces.push({
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: {
      name: 'old',
      uid: c.uid(),
      resourceVersion: '9',
      creationTimestamp: c.ago(400 * D),
      deletionTimestamp: c.ago(5 * S),
      labels: { 'kubernetes.io/metadata.name': 'old' },
    },
    spec: { finalizers: ['kubernetes'] },
    status: { phase: 'Terminating' },
  });
  const serviceaccounts: ServiceAccount[] = [
    {
      apiVersion: 'v1',
      kind: 'ServiceAccount',
      metadata: {
        name: 'default',
        namespace: 'default',
        uid: c.uid(),
        resourceVersion: '11',
        creationTimestamp: c.ago(3 * D),
      },
    },
    {
      apiVersion: 'v1',
      kind: 'ServiceAccount',
      metadata: {
        name: 'builder',
        namespace: 'default',
        uid: c.uid(),
        resourceVersion: '83',
        creationTimestamp: c.ago(20 * D),
      },
      secrets: [{ name: 'builder-token' }],
    },
  ];
  const legacy = makeLegacyVolumesPod(c.base, c.uid());
  return {
    pods: [...pods, web, legacy],
    nodes,
    events,
    leases,
    configmaps,
    secrets,
    namespaces,
    serviceaccounts,
  };
}
