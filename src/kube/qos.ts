/**
 * Pod quality-of-service class, as the API server sets `status.qosClass` at creation and the kubelet
 * reads it (k8s.io/kubernetes pkg/apis/core/helper/qos, ComputePodQOS; v1.33 with pod-level
 * resources off, their default).
 *
 * Only cpu and memory count. Guaranteed: every container (regular and init) has cpu and memory limits,
 * and the pod's summed requests equal its summed limits; BestEffort: no container requests or limits
 * anything; Burstable: everything else.
 */
import type { Container, Pod } from './types.ts';
import {
  addQuantities,
  compareQuantities,
  parseQuantity,
  quantitySign,
  type Quantity,
} from './quantity.ts';

export type QOSClass = 'Guaranteed' | 'Burstable' | 'BestEffort';

const qosResources = new Set(['cpu', 'memory']);

function toQuantity(value: unknown): Quantity | undefined {
  if (typeof value !== 'string' && typeof value !== 'number') return undefined;
  try {
    return parseQuantity(String(value));
  } catch {
    return undefined; // invalid quantities never get past decoding; ignore them here
  }
}

function accumulate(
  into: Map<string, Quantity>,
  list: Record<string, unknown> | undefined,
): Set<string> {
  const found = new Set<string>();
  for (const [name, raw] of Object.entries(list ?? {})) {
    if (!qosResources.has(name)) continue;
    const q = toQuantity(raw);
    if (!q || quantitySign(q) <= 0) continue;
    found.add(name);
    const prev = into.get(name);
    into.set(name, prev ? addQuantities(q, prev) : q);
  }
  return found;
}

/** The QoS class the pod's containers imply (ComputePodQOS). */
export function computePodQOS(pod: Pod): QOSClass {
  const requests = new Map<string, Quantity>();
  const limits = new Map<string, Quantity>();
  let guaranteed = true;
  const containers: Container[] = [
    ...(pod.spec?.containers ?? []),
    ...(pod.spec?.initContainers ?? []),
  ];
  for (const c of containers) {
    accumulate(requests, c.resources?.requests as Record<string, unknown> | undefined);
    const found = accumulate(limits, c.resources?.limits as Record<string, unknown> | undefined);
    if (!found.has('cpu') || !found.has('memory')) guaranteed = false;
  }
  if (requests.size === 0 && limits.size === 0) return 'BestEffort';
  if (guaranteed) {
    for (const [name, req] of requests) {
      const lim = limits.get(name);
      if (!lim || compareQuantities(lim, req) !== 0) {
        guaranteed = false;
        break;
      }
    }
  }
  return guaranteed && requests.size === limits.size ? 'Guaranteed' : 'Burstable';
}

/** `status.qosClass` when set, else the computed class (GetPodQOS). */
export function getPodQOS(pod: Pod): QOSClass {
  const set = pod.status?.qosClass;
  return set === 'Guaranteed' || set === 'Burstable' || set === 'BestEffort'
    ? set
    : computePodQOS(pod);
}
