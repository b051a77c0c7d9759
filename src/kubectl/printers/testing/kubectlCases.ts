/**
 * kubectl commands over the printer fixtures, each paired with what our printers produce for the
 * same objects. The capture script records kubectl's answers as goldens; the tests compare.
 */
import type { Event } from 'kubernetes-types/core/v1';
import type { KubeObject, ObjectOf, Pod, ResourceName } from '../../../kube/types.ts';
import { describeNode } from '../describeNode.ts';
import { describePod } from '../describePod.ts';
import { printList, printObject, withKind, type OutputFormat } from '../output.ts';
import { toTable } from '../table.ts';
import { createWatchPrinter, printGet, type GetPrintOptions } from '../tablePrinter.ts';
import type { PrinterFixtures } from './fixtures.ts';
import type { ScriptedWatchEvent } from './kubectlHarness.ts';

export interface Output {
  stdout: string;
  stderr: string;
}

export interface KubectlCase {
  name: string;
  args: string[];
  /** Events the server streams to a watch (for `-w` cases). */
  watchEvents?(fx: PrinterFixtures): ScriptedWatchEvent[];
  /** Our output for the same command over `fx`, at `now`. */
  ours(fx: PrinterFixtures, now: number): Output;
}

/** A watch on pods: one becomes ready, a new one with a longer name arrives, one goes away. */
function podWatchEvents(fx: PrinterFixtures): ScriptedWatchEvent[] {
  const byName = (name: string) => structuredClone(fx.pods.find((p) => p.metadata?.name === name)!);
  const creating = byName('running');
  creating.metadata!.name = 'creating';
  const arrival = byName('creating');
  arrival.metadata!.name = 'a-pod-with-a-much-longer-name';
  return [
    { type: 'MODIFIED', resource: 'pods', object: creating },
    { type: 'ADDED', resource: 'pods', object: arrival },
    { type: 'DELETED', resource: 'pods', object: byName('terminating') },
  ];
}

function watchPods(outputWatchEvents: boolean): KubectlCase['ours'] {
  return (fx, now) => {
    const printer = createWatchPrinter({ outputWatchEvents });
    let stdout = printer.printInitial(
      toTable('pods', scoped(fx, 'pods', 'default'), { now, resourceVersion: '999' }),
    );
    podWatchEvents(fx).forEach((e, i) => {
      stdout += printer.printEvent(
        e.type,
        toTable('pods', [e.object as Pod], { now, noHeaders: i > 0 }),
      );
    });
    return { stdout, stderr: '' };
  };
}

const kinds: Record<ResourceName, { kind: string; namespaced: boolean }> = {
  pods: { kind: 'Pod', namespaced: true },
  nodes: { kind: 'Node', namespaced: false },
  events: { kind: 'Event', namespaced: true },
  configmaps: { kind: 'ConfigMap', namespaced: true },
  secrets: { kind: 'Secret', namespaced: true },
  namespaces: { kind: 'Namespace', namespaced: false },
  serviceaccounts: { kind: 'ServiceAccount', namespaced: true },
  leases: { kind: 'Lease.coordination.k8s.io', namespaced: true },
};

function scoped<R extends ResourceName>(
  fx: PrinterFixtures,
  r: R,
  namespace: string | undefined,
): ObjectOf<R>[] {
  const list = fx[r] as unknown as ObjectOf<R>[];
  if (!kinds[r].namespaced || namespace === undefined) return list;
  return list.filter((o) => (o as KubeObject).metadata?.namespace === namespace);
}

/** `kubectl get <resources>` with human-readable output. */
function get(
  resources: ResourceName[],
  opts: Partial<GetPrintOptions> & { namespace?: string } = {},
): KubectlCase['ours'] {
  return (fx, now) => {
    const namespace = opts.namespace ?? 'default';
    const groups = resources.map((r) => ({
      table: toTable(r, scoped(fx, r, opts.allNamespaces ? undefined : namespace), {
        now,
        resourceVersion: '999',
      }),
      namespaced: kinds[r].namespaced,
      kind: kinds[r].kind,
    }));
    return printGet(groups, { ...opts, namespace });
  };
}

/** `kubectl get <resource> [name] -o <format>`. */
function output(
  resource: ResourceName,
  format: OutputFormat,
  name?: string,
  namespace = 'default',
): KubectlCase['ours'] {
  return (fx) => {
    const items = scoped(fx, resource, namespace).map((o) => withKind(resource, o as KubeObject));
    if (name === undefined) return { stdout: printList(items, format), stderr: '' };
    const obj = items.find((o) => o.metadata?.name === name);
    if (!obj) throw new Error(`fixture ${resource}/${name} is missing`);
    return { stdout: printObject(obj, format), stderr: '' };
  };
}

const podEvents = (fx: PrinterFixtures, name: string): Event[] => {
  const pod = fx.pods.find((p) => p.metadata?.name === name)!;
  return fx.events.filter(
    (e) =>
      e.involvedObject.name === name &&
      e.involvedObject.namespace === 'default' &&
      e.involvedObject.uid === pod.metadata?.uid,
  );
};

function describePodCase(name: string): KubectlCase {
  return {
    name: `describe-pod-${name}`,
    args: ['describe', 'pod', name],
    ours: (fx, now) => {
      const pod = fx.pods.find((p) => p.metadata?.name === name)!;
      return { stdout: describePod(pod, podEvents(fx, name), { now }), stderr: '' };
    },
  };
}

function describeNodeCase(name: string): KubectlCase {
  return {
    name: `describe-node-${name}`,
    args: ['describe', 'node', name],
    ours: (fx, now) => {
      const node = fx.nodes.find((n) => n.metadata?.name === name)!;
      // kubectl asks twice, by the node's uid and by its name (the kubelet's events use the name).
      const events = fx.events.filter(
        (e) =>
          e.involvedObject.kind === 'Node' &&
          e.involvedObject.name === name &&
          (e.involvedObject.uid === node.metadata?.uid || e.involvedObject.uid === name),
      );
      const lease = fx.leases.find(
        (l) => l.metadata?.name === name && l.metadata.namespace === 'kube-node-lease',
      );
      return { stdout: describeNode(node, { pods: fx.pods, events, lease, now }), stderr: '' };
    },
  };
}

export const kubectlCases: KubectlCase[] = [
  { name: 'get-pods', args: ['get', 'pods'], ours: get(['pods']) },
  {
    name: 'get-pods-wide',
    args: ['get', 'pods', '-o', 'wide'],
    ours: get(['pods'], { wide: true }),
  },
  {
    name: 'get-pods-no-headers',
    args: ['get', 'pods', '--no-headers'],
    ours: get(['pods'], { noHeaders: true }),
  },
  {
    name: 'get-pods-all-namespaces-labels',
    args: ['get', 'pods', '-A', '--show-labels'],
    ours: get(['pods'], { allNamespaces: true, showLabels: true }),
  },
  { name: 'get-nodes', args: ['get', 'nodes'], ours: get(['nodes']) },
  {
    name: 'get-nodes-wide',
    args: ['get', 'nodes', '-o', 'wide'],
    ours: get(['nodes'], { wide: true }),
  },
  {
    name: 'get-nodes-label-columns',
    args: ['get', 'nodes', '-L', 'kubernetes.io/hostname,node-role.kubernetes.io/wasm'],
    ours: get(['nodes'], {
      columnLabels: ['kubernetes.io/hostname', 'node-role.kubernetes.io/wasm'],
    }),
  },
  { name: 'get-events', args: ['get', 'events'], ours: get(['events']) },
  {
    name: 'get-events-wide',
    args: ['get', 'events', '-o', 'wide'],
    ours: get(['events'], { wide: true }),
  },
  {
    name: 'get-configmaps-secrets',
    args: ['get', 'configmaps,secrets'],
    ours: get(['configmaps', 'secrets']),
  },
  { name: 'get-namespaces', args: ['get', 'namespaces'], ours: get(['namespaces']) },
  { name: 'get-serviceaccounts', args: ['get', 'serviceaccounts'], ours: get(['serviceaccounts']) },
  {
    name: 'get-leases-all',
    args: ['get', 'leases', '-A'],
    ours: get(['leases'], { allNamespaces: true }),
  },
  {
    name: 'get-pods-empty',
    args: ['get', 'pods', '-n', 'empty'],
    ours: get(['pods'], { namespace: 'empty' }),
  },
  {
    name: 'get-nodes-pods',
    args: ['get', 'nodes,leases', '-A'],
    ours: get(['nodes', 'leases'], { allNamespaces: true }),
  },
  {
    name: 'get-pods-watch',
    args: ['get', 'pods', '-w'],
    watchEvents: podWatchEvents,
    ours: watchPods(false),
  },
  {
    name: 'get-pods-watch-events',
    args: ['get', 'pods', '-w', '--output-watch-events'],
    watchEvents: podWatchEvents,
    ours: watchPods(true),
  },
  describePodCase('web'),
  describePodCase('gates'),
  describePodCase('init-crashloop'),
  describePodCase('lost'),
  describePodCase('deadline'),
  describePodCase('not-ready'),
  describePodCase('legacy-volumes'),
  describePodCase('crashloop'),
  describePodCase('pending'),
  describePodCase('terminating'),
  describePodCase('sidecar'),
  describeNodeCase('node-1'),
  describeNodeCase('node-2'),
  {
    name: 'get-pod-web-yaml',
    args: ['get', 'pod', 'web', '-o', 'yaml'],
    ours: output('pods', 'yaml', 'web'),
  },
  {
    name: 'get-pod-web-json',
    args: ['get', 'pod', 'web', '-o', 'json'],
    ours: output('pods', 'json', 'web'),
  },
  { name: 'get-pods-yaml', args: ['get', 'pods', '-o', 'yaml'], ours: output('pods', 'yaml') },
  { name: 'get-pods-name', args: ['get', 'pods', '-o', 'name'], ours: output('pods', 'name') },
  { name: 'get-nodes-json', args: ['get', 'nodes', '-o', 'json'], ours: output('nodes', 'json') },
  {
    name: 'get-events-yaml',
    args: ['get', 'events', '-o', 'yaml'],
    ours: output('events', 'yaml'),
  },
  {
    name: 'get-lease-yaml',
    args: ['get', 'lease', 'node-1', '-n', 'kube-node-lease', '-o', 'yaml'],
    ours: output('leases', 'yaml', 'node-1', 'kube-node-lease'),
  },
  {
    name: 'get-leases-name',
    args: ['get', 'leases', '-n', 'kube-node-lease', '-o', 'name'],
    ours: output('leases', 'name', undefined, 'kube-node-lease'),
  },
  {
    name: 'get-configmaps-yaml',
    args: ['get', 'configmaps', '-o', 'yaml'],
    ours: output('configmaps', 'yaml'),
  },
  {
    name: 'get-configmap-scalars-json',
    args: ['get', 'configmap', 'scalars', '-o', 'json'],
    ours: output('configmaps', 'json', 'scalars'),
  },
  {
    name: 'get-configmap-scalars-yaml',
    args: ['get', 'configmap', 'scalars', '-o', 'yaml'],
    ours: output('configmaps', 'yaml', 'scalars'),
  },
];
