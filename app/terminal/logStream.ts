/**
 * Follows one container's output across its instances: what the current instance wrote so far,
 * then live chunks, then, when the kubelet starts a new instance (a restart), a separator and the
 * new instance's output. Framework-free apart from the kubelet it reads.
 */
import type { Kubelet } from '../../src/kubelet-core/kubelet.ts';
import type { ContainerLog } from '../../src/kubelet-core/logs.ts';
import type { OutputChunk } from '../../src/kubelet-core/ports.ts';

export interface StreamSink {
  chunk(chunk: OutputChunk): void;
  /** A line of our own (not program output): a restart, the end of an instance. */
  note(text: string): void;
}

export function followContainer(
  kubelet: Kubelet,
  namespace: string,
  pod: string,
  container: string,
  sink: StreamSink,
): () => void {
  let following: ContainerLog | undefined;
  let unfollow: (() => void) | undefined;
  let instances = 0;
  let stopped = false;

  const check = () => {
    if (stopped) return;
    const log = kubelet.worker(namespace, pod)?.logs.current(container);
    if (!log || log === following) return;
    unfollow?.();
    instances++;
    if (following) sink.note(`--- container ${container} restarted (instance ${instances}) ---`);
    following = log;
    for (const c of log.chunks()) sink.chunk(c);
    unfollow = log.follow(
      (c) => sink.chunk(c),
      () => {
        if (!stopped && following === log) sink.note(`--- container ${container} exited ---`);
      },
    );
  };

  const unsubscribe = kubelet.subscribe((w) => {
    if (w.namespace === namespace && w.name === pod) check();
  });
  check();
  return () => {
    stopped = true;
    unsubscribe();
    unfollow?.();
  };
}
