/**
 * Server-side printing: the meta.k8s.io/v1 Table the v1.33 API server answers `kubectl get` with,
 * one row per object, ported from k/k pkg/printers/internalversion/printers.go and the
 * apiserver's Table conversion (rows carry PartialObjectMetadata unless includeObject says otherwise).
 */
import type {
  ConfigMap,
  Event,
  KubeObject,
  Lease,
  Namespace,
  Node,
  ObjectMeta,
  ObjectOf,
  Pod,
  ResourceName,
  Secret,
  ServiceAccount,
} from '../../kube/types.ts';
import { columnDefinitions } from './columns.ts';
import { compareGoStrings, goTrimSpace, since, timeOf } from './format.ts';
import { podRow } from './podRow.ts';
import type { Table, TableCell, TableRow, TableRowCondition } from './tableTypes.ts';

export interface ToTableOptions {
  /** The current time, ms since the epoch (AGE and "ago" columns). */
  now: number;
  /**
   * Include the priority-1 (`-o wide`) columns. The API server always does (default true); kubectl
   * hides them unless asked.
   */
  wide?: boolean;
  /** The `includeObject` query parameter: Metadata (the server's default), Object or None. */
  includeObject?: 'Metadata' | 'Object' | 'None';
  /** TableOptions.noHeaders: omit columnDefinitions, as the server does after a watch's first event. */
  noHeaders?: boolean;
  /** metadata.resourceVersion of the Table: the list's, or the object's. */
  resourceVersion?: string;
}

/** apiVersion and kind of each served resource, for objects that arrive without them (list items). */
export const resourceKinds: Record<ResourceName, { apiVersion: string; kind: string }> = {
  pods: { apiVersion: 'v1', kind: 'Pod' },
  nodes: { apiVersion: 'v1', kind: 'Node' },
  namespaces: { apiVersion: 'v1', kind: 'Namespace' },
  configmaps: { apiVersion: 'v1', kind: 'ConfigMap' },
  secrets: { apiVersion: 'v1', kind: 'Secret' },
  events: { apiVersion: 'v1', kind: 'Event' },
  serviceaccounts: { apiVersion: 'v1', kind: 'ServiceAccount' },
  leases: { apiVersion: 'coordination.k8s.io/v1', kind: 'Lease' },
};

interface Row {
  cells: TableCell[];
  conditions?: TableRowCondition[];
}
type RowPrinter<T> = (obj: T, now: number, wide: boolean) => Row;

const nodeRolePrefix = 'node-role.kubernetes.io/';
const nodeLabelRole = 'kubernetes.io/role';

/** Roles from node-role.kubernetes.io/<role> labels and the kubernetes.io/role label, sorted. */
export function findNodeRoles(node: Node): string[] {
  const roles = new Set<string>();
  for (const [k, v] of Object.entries(node.metadata?.labels ?? {})) {
    if (k.startsWith(nodeRolePrefix)) {
      const role = k.slice(nodeRolePrefix.length);
      if (role) roles.add(role);
    } else if (k === nodeLabelRole && v !== '') {
      roles.add(v);
    }
  }
  return [...roles].sort(compareGoStrings);
}

const nodeAddress = (node: Node, type: string): string =>
  node.status?.addresses?.find((a) => a.type === type)?.address ?? '<none>';

const printNode: RowPrinter<Node> = (node, now, wide) => {
  // Only the Ready condition decides; a later duplicate replaces an earlier one, as in Go's map.
  const ready = (node.status?.conditions ?? []).filter((c) => c.type === 'Ready').at(-1);
  const status = ready ? [ready.status === 'True' ? 'Ready' : 'NotReady'] : ['Unknown'];
  if (node.spec?.unschedulable) status.push('SchedulingDisabled');
  const info = node.status?.nodeInfo;
  const cells: TableCell[] = [
    node.metadata?.name ?? '',
    status.join(','),
    findNodeRoles(node).join(',') || '<none>',
    since(node.metadata?.creationTimestamp, now),
    info?.kubeletVersion ?? '',
  ];
  if (wide) {
    cells.push(
      nodeAddress(node, 'InternalIP'),
      nodeAddress(node, 'ExternalIP'),
      info?.osImage || '<unknown>',
      info?.kernelVersion || '<unknown>',
      info?.containerRuntimeVersion || '<unknown>',
    );
  }
  return { cells };
};

/** formatEventSource: component (or reportingComponent), then ", host" (or reportingInstance). */
function eventSource(e: Event): string {
  const component = e.source?.component || e.reportingComponent || '';
  const instance = e.source?.host || e.reportingInstance || '';
  return instance ? `${component}, ${instance}` : component;
}

const printEvent: RowPrinter<Event> = (e, now, wide) => {
  let firstSeen = since(e.firstTimestamp, now);
  if (timeOf(e.firstTimestamp) === undefined) firstSeen = since(e.eventTime, now);
  let lastSeen = since(e.lastTimestamp, now);
  if (timeOf(e.lastTimestamp) === undefined) lastSeen = firstSeen;
  let count = e.count ?? 0;
  if (e.series) {
    lastSeen = since(e.series.lastObservedTime, now);
    count = e.series.count ?? 0;
  } else if (count === 0) {
    count = 1; // singleton events of the events.k8s.io API have no count
  }
  const kind = (e.involvedObject?.kind ?? '').toLowerCase();
  const target = e.involvedObject?.name ? `${kind}/${e.involvedObject.name}` : kind;
  const message = goTrimSpace(e.message ?? '');
  if (!wide) return { cells: [lastSeen, e.type ?? '', e.reason ?? '', target, message] };
  return {
    cells: [
      lastSeen,
      e.type ?? '',
      e.reason ?? '',
      target,
      e.involvedObject?.fieldPath ?? '',
      eventSource(e),
      message,
      firstSeen,
      count,
      e.metadata?.name ?? '',
    ],
  };
};

const size = (m: object | undefined | null): number => Object.keys(m ?? {}).length;
interface Named {
  metadata?: ObjectMeta;
}
const ageOf = (o: Named, now: number): string => since(o.metadata?.creationTimestamp, now);
const nameOf = (o: Named): string => o.metadata?.name ?? '';

const printers: { [R in ResourceName]: RowPrinter<ObjectOf<R>> } = {
  pods: (pod: Pod, now, wide) => podRow(pod, now, wide),
  nodes: printNode,
  events: printEvent,
  namespaces: (ns: Namespace, now) => ({
    cells: [nameOf(ns), ns.status?.phase ?? '', ageOf(ns, now)],
  }),
  secrets: (s: Secret, now) => ({ cells: [nameOf(s), s.type ?? '', size(s.data), ageOf(s, now)] }),
  serviceaccounts: (sa: ServiceAccount, now) => ({
    cells: [nameOf(sa), sa.secrets?.length ?? 0, ageOf(sa, now)],
  }),
  configmaps: (cm: ConfigMap, now) => ({
    cells: [nameOf(cm), size(cm.data) + size(cm.binaryData), ageOf(cm, now)],
  }),
  leases: (l: Lease, now) => ({ cells: [nameOf(l), l.spec?.holderIdentity ?? '', ageOf(l, now)] }),
};

const isResource = (r: string): r is ResourceName => Object.hasOwn(printers, r);

/**
 * The Table the API server sends for `objects` of one resource (a list, or a single object).
 *
 * @example toTable('pods', podList.items, { now: clock.now(), resourceVersion: podList.metadata.resourceVersion })
 */
export function toTable<R extends ResourceName>(
  resource: R,
  objects: readonly ObjectOf<R>[],
  opts: ToTableOptions,
): Table {
  if (!isResource(resource)) {
    throw new Error(`toTable: no table printer for resource "${String(resource)}"`);
  }
  if (!Number.isFinite(opts.now))
    throw new Error(`toTable: now must be a time in ms, got ${opts.now}`);
  const wide = opts.wide ?? true;
  const print = printers[resource] as RowPrinter<ObjectOf<R>>;
  const rows = objects.map((obj, i): TableRow => {
    if (obj === null || typeof obj !== 'object') {
      throw new Error(`toTable: ${resource}[${i}] is not an object`);
    }
    const row: TableRow = print(obj, opts.now, wide);
    const object = rowObject(resource, obj as KubeObject, opts.includeObject ?? 'Metadata');
    if (object) row.object = object;
    return row;
  });
  const columns = opts.noHeaders
    ? []
    : columnDefinitions[resource].filter((c) => wide || c.priority === 0).map((c) => ({ ...c }));
  return {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata: opts.resourceVersion === undefined ? {} : { resourceVersion: opts.resourceVersion },
    columnDefinitions: columns,
    rows,
  };
}

function rowObject(
  resource: ResourceName,
  obj: KubeObject,
  include: 'Metadata' | 'Object' | 'None',
) {
  switch (include) {
    case 'None':
      return undefined;
    case 'Object':
      return { ...resourceKinds[resource], ...obj };
    case 'Metadata':
      return {
        kind: 'PartialObjectMetadata' as const,
        apiVersion: 'meta.k8s.io/v1' as const,
        metadata: obj.metadata ?? {},
      };
  }
}
