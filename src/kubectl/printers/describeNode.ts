/**
 * `kubectl describe node` (describeNode, describeNodeLease and describeNodeResource in
 * k8s.io/kubectl pkg/describe/describe.go, v1.33).
 */
import type { Container, Event } from 'kubernetes-types/core/v1';
import {
  addQuantities,
  compareQuantities,
  formatQuantity,
  quantityMilliValue,
  quantityValue,
  type Quantity,
} from '../../kube/quantity.ts';
import type { Lease, Node, Pod } from '../../kube/types.ts';
import type { DescribeOptions } from './describePod.ts';
import {
  describeEvents,
  printAnnotationsMultiline,
  printLabelsMultiline,
  printTaintsMultiline,
  tabbedString,
  type PrefixWriter,
} from './describeWriter.ts';
import {
  compareGoStrings,
  formatRFC1123Z,
  goInt64,
  quantityOf,
  since,
  sortedKeys,
} from './format.ts';
import { findNodeRoles } from './table.ts';

type ResourceList = Map<string, Quantity>;

function addInto(
  list: ResourceList,
  from: Record<string, unknown> | undefined,
  where: string,
): void {
  for (const [name, raw] of Object.entries(from ?? {})) {
    const q = quantityOf(raw, `${where}.${name}`);
    const prev = list.get(name);
    list.set(name, prev ? addQuantities(prev, q) : q);
  }
}

function maxInto(list: ResourceList, from: ResourceList): void {
  for (const [name, q] of from) {
    const prev = list.get(name);
    if (!prev || compareQuantities(q, prev) > 0) list.set(name, q);
  }
}

const isSidecar = (c: Container) => c.restartPolicy === 'Always';

/** component-helpers IsPodResizeInfeasible: the first PodResizePending condition says Infeasible. */
const resizeInfeasible = (pod: Pod): boolean =>
  pod.status?.conditions?.find((c) => c.type === 'PodResizePending')?.reason === 'Infeasible';

/**
 * determineContainerReqs: with in-place resize, a container's requests are the largest of its spec,
 * its status.resources and its allocatedResources (the spec is left out when the resize is infeasible).
 */
function containerRequests(pod: Pod, c: Container, where: string): ResourceList {
  const statuses = [
    ...(pod.status?.containerStatuses ?? []),
    ...(pod.status?.initContainerStatuses ?? []),
  ];
  const cs = statuses.filter((s) => s.name === c.name).at(-1) as
    | {
        resources?: { requests?: Record<string, unknown> };
        allocatedResources?: Record<string, unknown>;
      }
    | undefined;
  const own: ResourceList = new Map();
  addInto(own, c.resources?.requests, where);
  if (!cs?.resources) return own;
  const result: ResourceList = new Map();
  if (!resizeInfeasible(pod)) maxInto(result, own);
  const fromStatus: ResourceList = new Map();
  addInto(fromStatus, cs.resources.requests, `status of ${c.name}: resources.requests`);
  maxInto(result, fromStatus);
  const allocated: ResourceList = new Map();
  addInto(allocated, cs.allocatedResources, `status of ${c.name}: allocatedResources`);
  maxInto(result, allocated);
  return result;
}

const addList = (into: ResourceList, from: ResourceList): void => {
  for (const [name, q] of from)
    into.set(name, into.has(name) ? addQuantities(into.get(name)!, q) : q);
};

/**
 * kubectl's PodRequestsAndLimits: regular containers and sidecars add up; a run-to-completion init
 * container counts on top of the sidecars started before it, and the pod takes the larger of the two.
 * Overhead adds to requests, and to limits that are set.
 */
export function podRequestsAndLimits(pod: Pod): { requests: ResourceList; limits: ResourceList } {
  const totals = (pick: 'requests' | 'limits'): ResourceList => {
    const own = (c: Container, where: string): ResourceList => {
      if (pick === 'requests') return containerRequests(pod, c, where);
      const list: ResourceList = new Map();
      addInto(list, c.resources?.limits, where);
      return list;
    };
    const sum: ResourceList = new Map();
    (pod.spec?.containers ?? []).forEach((c, i) =>
      addList(sum, own(c, `spec.containers[${i}].resources.${pick}`)),
    );
    const sidecars: ResourceList = new Map();
    const initMax: ResourceList = new Map();
    (pod.spec?.initContainers ?? []).forEach((c, i) => {
      const where = `spec.initContainers[${i}].resources.${pick}`;
      if (isSidecar(c)) {
        const mine = own(c, where);
        addList(sum, mine);
        addList(sidecars, mine);
        maxInto(initMax, sidecars);
      } else {
        // Run-to-completion init containers use their spec; resize does not apply to them.
        const tmp: ResourceList = new Map();
        addInto(tmp, c.resources?.[pick], where);
        addList(tmp, sidecars);
        maxInto(initMax, tmp);
      }
    });
    maxInto(sum, initMax);
    return sum;
  };
  const requests = totals('requests');
  const limits = totals('limits');
  for (const [name, raw] of Object.entries(pod.spec?.overhead ?? {})) {
    const q = quantityOf(raw, `spec.overhead.${name}`);
    requests.set(name, requests.has(name) ? addQuantities(requests.get(name)!, q) : q);
    const limit = limits.get(name);
    if (limit && limit.mantissa !== 0n) limits.set(name, addQuantities(limit, q));
  }
  return { requests, limits };
}

const zero = quantityOf('0', 'zero');
const get = (list: ResourceList, name: string): Quantity => list.get(name) ?? zero;
const text = (q: Quantity): string => formatQuantity(q);
const percent = (part: number, whole: number): string => goInt64((part / whole) * 100);

function describeNodeResource(
  node: Node,
  pods: readonly Pod[],
  w: PrefixWriter,
  now: number,
): void {
  w.write(0, `Non-terminated Pods:\t(${pods.length} in total)\n`);
  w.write(1, 'Namespace\tName\t\tCPU Requests\tCPU Limits\tMemory Requests\tMemory Limits\tAge\n');
  w.write(1, '---------\t----\t\t------------\t----------\t---------------\t-------------\t---\n');
  const allocatableRaw =
    Object.keys(node.status?.allocatable ?? {}).length > 0
      ? node.status!.allocatable
      : node.status?.capacity;
  const allocatable: ResourceList = new Map();
  addInto(allocatable, allocatableRaw, 'status.allocatable');
  const cpuAlloc = quantityMilliValue(get(allocatable, 'cpu'));
  const memAlloc = quantityValue(get(allocatable, 'memory'));
  const storageAlloc = quantityValue(get(allocatable, 'ephemeral-storage'));

  const totalRequests: ResourceList = new Map();
  const totalLimits: ResourceList = new Map();
  for (const pod of pods) {
    const { requests, limits } = podRequestsAndLimits(pod);
    addList(totalRequests, requests);
    addList(totalLimits, limits);
    const [cpuReq, cpuLim] = [get(requests, 'cpu'), get(limits, 'cpu')];
    const [memReq, memLim] = [get(requests, 'memory'), get(limits, 'memory')];
    w.write(
      1,
      `${pod.metadata?.namespace ?? ''}\t${pod.metadata?.name ?? ''}\t\t` +
        `${text(cpuReq)} (${percent(quantityMilliValue(cpuReq), cpuAlloc)}%)\t` +
        `${text(cpuLim)} (${percent(quantityMilliValue(cpuLim), cpuAlloc)}%)\t` +
        `${text(memReq)} (${percent(quantityValue(memReq), memAlloc)}%)\t` +
        `${text(memLim)} (${percent(quantityValue(memLim), memAlloc)}%)\t` +
        `${since(pod.metadata?.creationTimestamp, now)}\n`,
    );
  }

  w.write(
    0,
    'Allocated resources:\n  (Total limits may be over 100 percent, i.e., overcommitted.)\n',
  );
  w.write(1, 'Resource\tRequests\tLimits\n');
  w.write(1, '--------\t--------\t------\n');
  // Unlike the per-pod rows, the totals guard against an allocatable of zero.
  const fraction = (q: Quantity, whole: number, milli: boolean) =>
    whole === 0 ? '0' : percent(milli ? quantityMilliValue(q) : quantityValue(q), whole);
  const line = (name: string, whole: number, milli: boolean) => {
    const [req, lim] = [get(totalRequests, name), get(totalLimits, name)];
    w.write(
      1,
      `${name}\t${text(req)} (${fraction(req, whole, milli)}%)\t${text(lim)} (${fraction(lim, whole, milli)}%)\n`,
    );
  };
  line('cpu', cpuAlloc, true);
  line('memory', memAlloc, false);
  line('ephemeral-storage', storageAlloc, false);

  const names = [...allocatable.keys()].sort(compareGoStrings);
  for (const name of names.filter((n) => n.startsWith('hugepages-'))) {
    line(name, quantityValue(get(allocatable, name)), false);
  }
  const standard = new Set(['cpu', 'memory', 'ephemeral-storage', 'pods']);
  for (const name of names.filter((n) => !n.startsWith('hugepages-') && !standard.has(n))) {
    w.write(1, `${name}\t${text(get(totalRequests, name))}\t${text(get(totalLimits, name))}\n`);
  }
}

function describeNodeLease(node: Node, lease: Lease | null | undefined, w: PrefixWriter): void {
  if (!lease) {
    w.write(
      0,
      `Lease:\tFailed to get lease: leases.coordination.k8s.io "${node.metadata?.name ?? ''}" not found\n`,
    );
    return;
  }
  w.write(0, 'Lease:\n');
  const spec = lease.spec ?? {};
  w.write(1, `HolderIdentity:\t${spec.holderIdentity ?? '<unset>'}\n`);
  w.write(1, `AcquireTime:\t${spec.acquireTime ? formatRFC1123Z(spec.acquireTime) : '<unset>'}\n`);
  w.write(1, `RenewTime:\t${spec.renewTime ? formatRFC1123Z(spec.renewTime) : '<unset>'}\n`);
}

export interface DescribeNodeOptions extends DescribeOptions {
  /** Pods on the node; those Succeeded or Failed, or bound elsewhere, are left out as kubectl's field selector does. */
  pods: readonly Pod[];
  /** Events about the node; undefined for `--show-events=false`. */
  events?: readonly Event[];
  /** The node's Lease in kube-node-lease; undefined or null when there is none. */
  lease?: Lease | null;
}

/** The text of `kubectl describe node`. */
export function describeNode(node: Node, opts: DescribeNodeOptions): string {
  const { now } = opts;
  const name = node.metadata?.name ?? '';
  const pods = opts.pods.filter(
    (p) =>
      p.spec?.nodeName === name && p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed',
  );
  const status = node.status ?? {};
  return tabbedString((w) => {
    w.write(0, `Name:\t${name}\n`);
    const roles = findNodeRoles(node);
    w.write(0, `Roles:\t${roles.length > 0 ? roles.join(',') : '<none>'}\n`);
    printLabelsMultiline(w, 'Labels', node.metadata?.labels);
    printAnnotationsMultiline(w, 'Annotations', node.metadata?.annotations);
    w.write(0, `CreationTimestamp:\t${formatRFC1123Z(node.metadata?.creationTimestamp)}\n`);
    printTaintsMultiline(w, 'Taints', node.spec?.taints);
    w.write(0, `Unschedulable:\t${node.spec?.unschedulable === true}\n`);
    describeNodeLease(node, opts.lease, w);
    if ((status.conditions ?? []).length > 0) {
      w.write(
        0,
        'Conditions:\n  Type\tStatus\tLastHeartbeatTime\tLastTransitionTime\tReason\tMessage\n',
      );
      w.write(1, '----\t------\t-----------------\t------------------\t------\t-------\n');
      for (const c of status.conditions!) {
        w.write(
          1,
          `${c.type} \t${c.status} \t${formatRFC1123Z(c.lastHeartbeatTime)} \t` +
            `${formatRFC1123Z(c.lastTransitionTime)} \t${c.reason ?? ''} \t${c.message ?? ''}\n`,
        );
      }
    }
    w.write(0, 'Addresses:\n');
    for (const a of status.addresses ?? []) w.write(1, `${a.type}:\t${a.address}\n`);
    for (const [title, list, field] of [
      ['Capacity', status.capacity, 'status.capacity'],
      ['Allocatable', status.allocatable, 'status.allocatable'],
    ] as const) {
      const names = sortedKeys(list);
      if (names.length === 0) continue;
      w.write(0, `${title}:\n`);
      for (const n of names)
        w.write(0, `  ${n}:\t${formatQuantity(quantityOf(list![n], `${field}.${n}`))}\n`);
    }
    const info = status.nodeInfo;
    w.write(0, 'System Info:\n');
    w.write(0, `  Machine ID:\t${info?.machineID ?? ''}\n`);
    w.write(0, `  System UUID:\t${info?.systemUUID ?? ''}\n`);
    w.write(0, `  Boot ID:\t${info?.bootID ?? ''}\n`);
    w.write(0, `  Kernel Version:\t${info?.kernelVersion ?? ''}\n`);
    w.write(0, `  OS Image:\t${info?.osImage ?? ''}\n`);
    w.write(0, `  Operating System:\t${info?.operatingSystem ?? ''}\n`);
    w.write(0, `  Architecture:\t${info?.architecture ?? ''}\n`);
    w.write(0, `  Container Runtime Version:\t${info?.containerRuntimeVersion ?? ''}\n`);
    w.write(0, `  Kubelet Version:\t${info?.kubeletVersion ?? ''}\n`);
    w.write(0, `  Kube-Proxy Version:\t${info?.kubeProxyVersion ?? ''}\n`);
    if (node.spec?.podCIDR) w.write(0, `PodCIDR:\t${node.spec.podCIDR}\n`);
    if ((node.spec?.podCIDRs ?? []).length > 0)
      w.write(0, `PodCIDRs:\t${node.spec!.podCIDRs!.join(',')}\n`);
    if (node.spec?.providerID) w.write(0, `ProviderID:\t${node.spec.providerID}\n`);
    describeNodeResource(node, pods, w, now);
    if (opts.events) describeEvents(opts.events, w, now);
  });
}
