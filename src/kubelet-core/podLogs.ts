/**
 * The API server's pods/log subresource as clients see it: the request goes to the kubelet of the
 * pod's node, and the kubelet's refusals come back as 400 BadRequest with its message, exactly as
 * `kubectl logs` prints them (`Error from server (BadRequest): container "app" in pod "x" is
 * waiting to start: ContainerCreating`).
 */
import type { KubeClient } from '../kube/client.ts';
import { apiError } from '../fake-apiserver/errors.ts';
import type { LogQuery } from '../fake-apiserver/rest.ts';
import { LogError, type Kubelet, type LogRequest } from './kubelet.ts';

export type { LogQuery };

export interface PodLogs {
  /** The log text; throws ApiError (404 for a missing pod, 400 with the kubelet's message). */
  get(q: LogQuery): Promise<string>;
  /** Past output, then live text until the container instance ends; returns a cancel function. */
  follow(q: LogQuery, write: (chunk: string) => void, end: () => void): Promise<() => void>;
}

/** The kubelet's log request for a pods/log query. */
export function toLogRequest(q: LogQuery): LogRequest {
  return {
    namespace: q.namespace,
    pod: q.pod,
    ...(q.container ? { container: q.container } : {}),
    ...(q.previous ? { previous: true } : {}),
    ...(q.timestamps ? { timestamps: true } : {}),
    ...(q.tailLines !== undefined ? { tailLines: q.tailLines } : {}),
    ...(q.limitBytes !== undefined ? { limitBytes: q.limitBytes } : {}),
  };
}

/** Runs `f`, turning the kubelet's LogError into the API server's 400 BadRequest. */
export function asApiError<T>(f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof LogError) throw apiError(400, 'BadRequest', e.message);
    throw e;
  }
}

export function kubeletPodLogs(client: KubeClient, kubelets: readonly Kubelet[]): PodLogs {
  const kubeletOf = async (q: LogQuery): Promise<Kubelet> => {
    const pod = await client.get('pods', q.pod, { namespace: q.namespace });
    const node = pod.spec?.nodeName;
    const kubelet = kubelets.find((k) => k.nodeName === node);
    if (!kubelet) {
      // The real API server cannot reach a kubelet for an unscheduled pod either.
      throw apiError(400, 'BadRequest', `pod ${q.pod} does not have a host assigned`);
    }
    return kubelet;
  };
  return {
    async get(q) {
      const kubelet = await kubeletOf(q);
      return asApiError(() => kubelet.logs(toLogRequest(q)));
    },
    async follow(q, write, end) {
      const kubelet = await kubeletOf(q);
      const decoder = new TextDecoder();
      return asApiError(() =>
        kubelet.followLogs(
          toLogRequest(q),
          (chunk) => write(decoder.decode(chunk.data, { stream: true })),
          end,
        ),
      );
    },
  };
}
