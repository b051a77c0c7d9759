/**
 * Container logs as the kubelet keeps them: one log per container instance, stdout and stderr
 * chunks in write order with their clock time, capped like containerLogMaxSize (10 MiB), and the
 * previous instance kept for `kubectl logs --previous`.
 */
import type { OutputChunk, OutputStream, Unsubscribe } from './ports.ts';
import { formatNanoTime } from '../kube/time.ts';

export const CONTAINER_LOG_MAX_BYTES = 10 * 1024 * 1024;

export interface LogOptions {
  timestamps?: boolean;
  tailLines?: number;
  /** Only what was written at or after this clock time. */
  sinceTime?: number;
  limitBytes?: number;
}

export class ContainerLog {
  #chunks: OutputChunk[] = [];
  #head = 0;
  #bytes = 0;
  #listeners = new Set<(chunk: OutputChunk) => void>();
  #closeListeners = new Set<() => void>();
  #closed = false;

  constructor(
    readonly containerID: string,
    private readonly maxBytes = CONTAINER_LOG_MAX_BYTES,
  ) {}

  get closed(): boolean {
    return this.#closed;
  }

  get sizeBytes(): number {
    return this.#bytes;
  }

  append(chunk: OutputChunk): void {
    if (this.#closed || chunk.data.length === 0) return;
    this.#chunks.push(chunk);
    this.#bytes += chunk.data.length;
    // Over the cap, the oldest output goes, as log rotation drops it from what `kubectl logs` reads.
    while (this.#bytes > this.maxBytes && this.#head < this.#chunks.length) {
      this.#bytes -= this.#chunks[this.#head]!.data.length;
      this.#chunks[this.#head++] = undefined as unknown as OutputChunk;
    }
    if (this.#head > 1024 && this.#head * 2 > this.#chunks.length) {
      this.#chunks = this.#chunks.slice(this.#head);
      this.#head = 0;
    }
    for (const l of this.#listeners) l(chunk);
  }

  /** The instance ended: followers are told, and nothing more is appended. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    for (const l of this.#closeListeners) l();
    this.#listeners.clear();
    this.#closeListeners.clear();
  }

  chunks(sinceTime?: number): OutputChunk[] {
    const out: OutputChunk[] = [];
    for (let i = this.#head; i < this.#chunks.length; i++) {
      const c = this.#chunks[i]!;
      if (sinceTime === undefined || c.time >= sinceTime) out.push(c);
    }
    return out;
  }

  /** The log as `kubectl logs` prints it. */
  read(opts: LogOptions = {}): string {
    return renderLog(this.chunks(opts.sinceTime), opts);
  }

  /** Calls `onChunk` for every chunk written from now on, and `onClose` when the instance ends. */
  follow(onChunk: (chunk: OutputChunk) => void, onClose?: () => void): Unsubscribe {
    if (this.#closed) {
      onClose?.();
      return () => {};
    }
    this.#listeners.add(onChunk);
    if (onClose) this.#closeListeners.add(onClose);
    return () => {
      this.#listeners.delete(onChunk);
      if (onClose) this.#closeListeners.delete(onClose);
    };
  }
}

/**
 * Renders chunks as the CRI log reader does: stdout and stderr interleaved in write order; with
 * timestamps, each line starts with the RFC 3339 time its first bytes were written.
 */
export function renderLog(chunks: OutputChunk[], opts: LogOptions = {}): string {
  const decoders: Record<OutputStream, TextDecoder> = {
    stdout: new TextDecoder(),
    stderr: new TextDecoder(),
  };
  const atLineStart: Record<OutputStream, boolean> = { stdout: true, stderr: true };
  let text = '';
  for (const c of chunks) {
    const s = decoders[c.stream].decode(c.data, { stream: true });
    if (!opts.timestamps) {
      text += s;
      continue;
    }
    const stamp = `${formatNanoTime(c.time)} `;
    let rest = s;
    while (rest.length > 0) {
      const nl = rest.indexOf('\n');
      const piece = nl < 0 ? rest : rest.slice(0, nl + 1);
      if (atLineStart[c.stream]) text += stamp;
      text += piece;
      atLineStart[c.stream] = nl >= 0;
      rest = nl < 0 ? '' : rest.slice(nl + 1);
    }
  }
  if (opts.tailLines !== undefined && opts.tailLines >= 0) text = tail(text, opts.tailLines);
  if (opts.limitBytes !== undefined && opts.limitBytes >= 0) {
    const bytes = new TextEncoder().encode(text);
    if (bytes.length > opts.limitBytes)
      text = new TextDecoder().decode(bytes.slice(0, opts.limitBytes));
  }
  return text;
}

function tail(text: string, n: number): string {
  if (n === 0) return '';
  const endsWithNewline = text.endsWith('\n');
  const lines = (endsWithNewline ? text.slice(0, -1) : text).split('\n');
  if (text === '') return '';
  return lines.slice(-n).join('\n') + (endsWithNewline ? '\n' : '');
}

/** The logs of one pod's containers: the current instance and the previous one, by container. */
export class PodLogs {
  readonly #byContainer = new Map<string, { current?: ContainerLog; previous?: ContainerLog }>();

  /** A new instance starts: the current log becomes the previous one (only one is kept). */
  startInstance(container: string, containerID: string): ContainerLog {
    const entry = this.#byContainer.get(container) ?? {};
    if (entry.current) {
      entry.current.close();
      entry.previous = entry.current;
    }
    entry.current = new ContainerLog(containerID);
    this.#byContainer.set(container, entry);
    return entry.current;
  }

  current(container: string): ContainerLog | undefined {
    return this.#byContainer.get(container)?.current;
  }

  previous(container: string): ContainerLog | undefined {
    return this.#byContainer.get(container)?.previous;
  }

  /** Puts back the logs an earlier kubelet kept (after a restart); they are closed. */
  restore(container: string, current?: ContainerLog, previous?: ContainerLog): void {
    this.#byContainer.set(container, {
      ...(current ? { current } : {}),
      ...(previous ? { previous } : {}),
    });
  }

  /** Every container's logs, for the app to keep across a reload. */
  entries(): [string, { current?: ContainerLog; previous?: ContainerLog }][] {
    return [...this.#byContainer.entries()];
  }

  closeAll(): void {
    for (const e of this.#byContainer.values()) e.current?.close();
  }
}
