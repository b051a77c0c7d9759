/**
 * Writing the PodScheduled condition as kube-scheduler does (updatePod + util.PatchPodStatus):
 * podutil.UpdatePodCondition semantics (lastTransitionTime moves only when the status flips,
 * nothing is sent when nothing changed), a strategic merge patch of pods/status like the one
 * CreateTwoWayMergePatch builds, retried on InternalError/ServiceUnavailable (retry.DefaultBackoff).
 */
import { isApiError, type KubeClient } from '../kube/client.ts';
import type { Clock } from '../kube/clock.ts';
import { formatTime } from '../kube/time.ts';
import type { Pod, PodCondition } from '../kube/types.ts';

export interface ConditionChange {
  status: 'True' | 'False';
  reason: string;
  message: string;
}

// retry.DefaultBackoff: 4 steps from 10 ms, factor 5, jitter 0.1.
const BACKOFF_STEPS = 4;
const BACKOFF_FIRST_MS = 10;
const BACKOFF_FACTOR = 5;
const BACKOFF_JITTER = 0.1;

/** The patch that sets the pod's PodScheduled condition, or undefined when it already says so. */
export function podScheduledPatch(
  pod: Pod,
  change: ConditionChange,
  nowMs: number,
): object | undefined {
  const conditions = pod.status?.conditions ?? [];
  const old = conditions.find((c) => c.type === 'PodScheduled');
  const transition =
    old && old.status === change.status && old.lastTransitionTime
      ? old.lastTransitionTime
      : formatTime(nowMs);
  const next = {
    type: 'PodScheduled',
    status: change.status,
    lastProbeTime: null,
    lastTransitionTime: transition,
    reason: change.reason,
    message: change.message,
  };
  let item: Record<string, unknown>;
  if (old) {
    item = { type: 'PodScheduled' };
    for (const field of ['status', 'lastTransitionTime', 'reason', 'message'] as const) {
      if ((old as PodCondition)[field] !== next[field]) item[field] = next[field];
    }
    if (Object.keys(item).length === 1) return undefined;
  } else {
    item = next;
  }
  const order = [...conditions.map((c) => c.type), ...(old ? [] : ['PodScheduled'])];
  return {
    status: {
      '$setElementOrder/conditions': order.map((type) => ({ type })),
      conditions: [item],
    },
  };
}

const retriable = (e: unknown) =>
  isApiError(e) && (e.reason === 'InternalError' || e.reason === 'ServiceUnavailable');

/** Patches pods/status with the condition; resolves without a call when nothing changes. */
export async function setPodScheduled(
  client: KubeClient,
  clock: Clock,
  random: () => number,
  pod: Pod,
  change: ConditionChange,
): Promise<void> {
  const patch = podScheduledPatch(pod, change, clock.now());
  if (!patch) return;
  const name = pod.metadata?.name ?? '';
  const namespace = pod.metadata?.namespace;
  let delay = BACKOFF_FIRST_MS;
  for (let step = 1; ; step++) {
    try {
      await client.patch('pods', name, 'strategic', patch, { namespace, subresource: 'status' });
      return;
    } catch (e) {
      if (!retriable(e) || step >= BACKOFF_STEPS) throw e;
    }
    const wait = delay + random() * BACKOFF_JITTER * delay;
    await new Promise<void>((resolve) => clock.setTimeout(resolve, wait));
    delay *= BACKOFF_FACTOR;
  }
}
