/**
 * The terminal (xterm.js): the selected container's output, live, stdout plain and stderr red,
 * with our own notes (restarts, exits) dimmed so they are never mistaken for program output.
 * Writes are joined per task (xterm parses them in time slices of its own) and the scrollback is
 * capped, so a module printing 100,000 lines does not freeze the page.
 */
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { Pod } from '../../src/kube/types.ts';
import type { Playground } from '../playground/createPlayground.ts';
import { useObjects, usePlayground, useSelection, type PodRef } from '../playground/context.tsx';
import { followContainer } from './logStream.ts';
import type { Shell } from './shell.ts';
import { LineEditor } from './lineEditor.ts';
import type { Terminal } from './xterm.ts';

const RED = '\x1b[31m';
const DIM = '\x1b[2m';
const BOLD = '\x1b[1m';
const RESET = '\x1b[0m';
const PROMPT = `${BOLD}$${RESET} `;

function readPod(
  playground: Playground,
  ref: { namespace: string; name: string },
): Pod | undefined {
  try {
    return playground.server.getAs('pods', ref.name, { namespace: ref.namespace }, 'terminal');
  } catch {
    return undefined;
  }
}

/** The container `kubectl logs` picks by default: the annotation's, else the first app container. */
export function defaultContainer(pod: Pod | undefined): string | undefined {
  const annotated = pod?.metadata?.annotations?.['kubectl.kubernetes.io/default-container'];
  const names = [
    ...(pod?.spec?.initContainers ?? []).map((c) => c.name),
    ...(pod?.spec?.containers ?? []).map((c) => c.name),
  ];
  if (annotated && names.includes(annotated)) return annotated;
  return pod?.spec?.containers?.[0]?.name;
}

export function TerminalPanel(props: { manifest: () => string }) {
  const playground = usePlayground();
  const selection = useSelection();
  const pods = useObjects('pods');
  const host = useRef<HTMLDivElement>(null);
  const term = useRef<Terminal | undefined>(undefined);
  const pending = useRef<string[]>([]);
  const scheduled = useRef(false);
  /** The next flush is the answer the user waits for (see streamOf). */
  const answering = useRef(false);
  const shell = useRef<Shell | undefined>(undefined);
  const manifest = useRef(props.manifest);
  const [ready, setReady] = useState(false);

  useEffect(() => {
    manifest.current = props.manifest;
  }, [props.manifest]);

  const listed = pods.find(
    (p) =>
      p.metadata?.name === selection.pod?.name &&
      (p.metadata?.namespace ?? 'default') === selection.pod?.namespace,
  );
  // A pod applied a moment ago may not be in the (frame-batched) list yet: read it directly.
  const pod = listed ?? (selection.pod ? readPod(playground, selection.pod) : undefined);
  const container = selection.container ?? defaultContainer(pod);
  const containers = [
    ...(pod?.spec?.initContainers ?? []).map((c) => c.name),
    ...(pod?.spec?.containers ?? []).map((c) => c.name),
  ];

  // The terminal itself, once, after the first paint (xterm is loaded on demand).
  useEffect(() => {
    let disposed = false;
    let cleanup: (() => void) | undefined;
    // xterm and the kubectl shell come after the first paint.
    void Promise.all([import('./xterm.ts'), import('./shell.ts')]).then(
      ([{ createXterm }, { runShellLine }]) => {
        if (disposed || !host.current) return;
        const x = createXterm(host.current);
        const t = x.term;
        term.current = t;
        // Writes made together go to xterm as one, at the end of the task (a flood costs one
        // write per task); xterm buffers them and parses in a task and time slices of its own,
        // so waiting for a later task or frame here would only make each line later (Apply to
        // first line).
        const flush = () => {
          scheduled.current = false;
          if (pending.current.length === 0) return;
          // xterm parses the first write after user input at once ("to minimize input
          // latency"), any other in a task of its own, behind whatever the page has queued
          // (React's renders, a frame): `input('', true)` says this write is such an answer,
          // and sends no data (the shell ignores an empty string).
          if (answering.current) {
            answering.current = false;
            t.input('', true);
          }
          t.write(pending.current.join(''));
          pending.current = [];
        };
        const write = (text: string) => {
          pending.current.push(text);
          if (!scheduled.current) {
            scheduled.current = true;
            queueMicrotask(flush);
          }
        };
        const editor = new LineEditor(write);
        shell.current = { write, editor, prompt: () => write(PROMPT), running: undefined };
        const onData = t.onData((data) => {
          if (data)
            runShellLine(shell.current!, data, { playground, manifest: () => manifest.current() });
        });
        (window as unknown as { __terminal?: Terminal }).__terminal = t;
        editor.showPrompt();
        setReady(true);
        cleanup = () => {
          onData.dispose();
          pending.current = [];
          x.dispose();
          term.current = undefined;
        };
      },
    );
    return () => {
      disposed = true;
      cleanup?.();
    };
  }, [playground]);

  // The selected container's output, one stream at a time. It starts the moment a pod is
  // selected (Apply selects the pod it created), before React renders the selection; the
  // render that follows finds that stream already running and leaves it.
  const stream = useRef<{ key: string; stop(): void } | undefined>(undefined);
  const streamOf = useCallback(
    (ref: PodRef | undefined, name: string | undefined) => {
      const s = shell.current;
      const key = ref && name ? `${ref.namespace}/${ref.name}/${name}` : '';
      if (!s || stream.current?.key === key) return;
      stream.current?.stop();
      stream.current = undefined;
      if (!ref || !name) return;
      const decoders = { stdout: new TextDecoder(), stderr: new TextDecoder() };
      s.editor.interrupt(`${DIM}--- output of ${ref.name}/${name} ---${RESET}\n`);
      // The user chose this stream (Apply selects the pod it created, or a click did): its
      // first output is the answer they wait for, shown at once as typed input's echo is.
      let first = true;
      const stop = followContainer(playground.kubelet, ref.namespace, ref.name, name, {
        chunk(c) {
          if (first) {
            first = false;
            answering.current = true;
          }
          const text = decoders[c.stream].decode(c.data, { stream: true });
          s.editor.interrupt(c.stream === 'stderr' ? `${RED}${text}${RESET}` : text);
        },
        note(text) {
          s.editor.interrupt(`${DIM}${text}${RESET}\n`);
        },
      });
      stream.current = { key, stop };
    },
    [playground],
  );
  const { onSelectPod } = selection;
  useEffect(
    () =>
      onSelectPod((ref) => {
        if (ready) streamOf(ref, defaultContainer(readPod(playground, ref)));
      }),
    [onSelectPod, ready, playground, streamOf],
  );
  useLayoutEffect(() => {
    if (ready) streamOf(selection.pod, container);
  }, [ready, selection.pod, container, streamOf]);
  useEffect(
    () => () => {
      stream.current?.stop();
      stream.current = undefined;
    },
    [],
  );

  return (
    <section className="terminal" aria-label="Terminal">
      <div className="toolbar">
        <h2>Terminal</h2>
        {selection.pod ? (
          <label>
            <span className="sr-only">Container</span>
            <select
              aria-label="Container"
              value={container ?? ''}
              onChange={(e) => selection.selectContainer(e.target.value)}
            >
              {containers.map((c) => (
                <option key={c} value={c}>
                  {selection.pod!.name}/{c}
                </option>
              ))}
            </select>
          </label>
        ) : (
          <span className="hint">Select a pod to stream its output.</span>
        )}
        <span className="hint">Type kubectl commands below; “help” lists them.</span>
      </div>
      <div className="xterm-host" ref={host} data-testid="terminal" />
    </section>
  );
}
