/** The kubelet's fixed periods that shape what a learner sees. */

/** PLEG relists every second: the kubelet acts on an exit about a second after it happens. */
export const PLEG_RELIST_MS = 1000;

/**
 * When PLEG has surely relisted since clock time `t`: a relist period later. On a real node the
 * relist ticks every period, whatever the pod, so the wait is anything up to a period; here it is
 * always the whole period, so that the containers of a burst are seen one by one, as they
 * started, rather than all in the one task of a shared tick.
 */
export function relistedAfter(t: number): number {
  return t + PLEG_RELIST_MS;
}

/** A sync that ends in an error (back-off, config error) is retried after this (pod_workers.go). */
export const WORKER_BACKOFF_MS = 10_000;

/**
 * When a sync that ended in an error is retried: `wait.Jitter(backOffPeriod, 0.5)`, 10 to 15 s
 * later (completeWork in pod_workers.go). A crash-loop restart therefore waits for the first
 * such sync at or after its back-off ends, up to 15 s late, as on a v1.33 node.
 */
export function errorRequeueMs(random: () => number): number {
  return Math.round(WORKER_BACKOFF_MS * (1 + 0.5 * random()));
}
/** The volume manager retries a failed mount with exponential backoff from 500 ms to 2m2s. */
export const MOUNT_RETRY_INITIAL_MS = 500;
export const MOUNT_RETRY_MAX_MS = 122_000;
/** The kubelet never gives a container less than this to stop (minimumGracePeriodInSeconds). */
export const MIN_GRACE_MS = 2000;
