/** The kubelet's fixed periods that shape what a learner sees. */

/** PLEG relists every second: the kubelet acts on an exit about a second after it happens. */
export const PLEG_RELIST_MS = 1000;

/**
 * The first relist after clock time `t`: relists tick every PLEG_RELIST_MS of the kubelet's clock,
 * whatever the pod, as the generic PLEG's ticker does.
 */
export function relistAfter(t: number): number {
  return (Math.floor(t / PLEG_RELIST_MS) + 1) * PLEG_RELIST_MS;
}

/** A sync that ends in an error (back-off, config error) is retried after this (pod_workers.go). */
export const WORKER_BACKOFF_MS = 10_000;
/** The volume manager retries a failed mount with exponential backoff from 500 ms to 2m2s. */
export const MOUNT_RETRY_INITIAL_MS = 500;
export const MOUNT_RETRY_MAX_MS = 122_000;
/** The kubelet never gives a container less than this to stop (minimumGracePeriodInSeconds). */
export const MIN_GRACE_MS = 2000;
