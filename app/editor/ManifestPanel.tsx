/**
 * The manifest editor and its actions. A plain text area is there from the first paint, so Apply
 * works at once; Monaco (highlighting, schema validation, completion, hover) replaces it when its
 * chunk has loaded. Apply goes through the same client-side apply as `kubectl apply -f`; errors
 * come back as the API server words them and as markers on the offending lines. The text is never
 * changed by an error.
 */
import { startTransition, useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from '../../src/kube/client.ts';
import {
  applyManifest,
  formatError,
  formatOutcome,
  parseManifest,
  resourceFor,
  type ApplyOutcome,
} from '../../src/kubectl/apply/index.ts';
import { usePlayground, useSelection } from '../playground/context.tsx';
import { whenIdle, yieldWhenBusy } from '../util/yieldToBrowser.ts';
import { markersFor, type Marker } from './fieldLines.ts';
import type { ManifestEditor } from './monaco.ts';
import { isLongManifest, LONG_MANIFEST_CHARS } from './longManifest.ts';
import { ParsedAhead } from './parseAhead.ts';

interface Line {
  text: string;
  kind: 'ok' | 'error' | 'warning';
}

const IMMUTABLE = 'pod updates may not change fields';

export function ManifestPanel(props: {
  text: string;
  onTextChange(text: string): void;
  /**
   * The newest text, however it changed (typed, an example, a share link, a test's
   * setManifest), before React renders it: Apply reads this, so a click right after a change
   * never applies the text from before it.
   */
  readText(): string;
}) {
  const { text, onTextChange, readText } = props;
  const playground = usePlayground();
  const selection = useSelection();
  const host = useRef<HTMLDivElement>(null);
  const editor = useRef<ManifestEditor | undefined>(undefined);
  const [monacoReady, setMonacoReady] = useState(false);
  const [busy, setBusy] = useState(false);
  const [lines, setLines] = useState<Line[]>([]);
  const [markers, setMarkers] = useState<Marker[]>([]);
  const [recreate, setRecreate] = useState<string[]>([]);

  useEffect(() => {
    editor.current?.setValue(text);
  }, [text]);

  const [ahead] = useState(() => new ParsedAhead(() => whenIdle(1000)));
  useEffect(() => ahead.changed(readText), [ahead, text, readText]);

  const client = playground.server.client('kubectl');

  const report = useCallback(
    (outcomes: ApplyOutcome[], current: string) => {
      const out: Line[] = [];
      for (const o of outcomes) {
        const f = formatOutcome(o);
        if (f.out) out.push({ text: f.out.trimEnd(), kind: 'ok' });
        if (f.err) out.push({ text: f.err.trimEnd(), kind: o.ok ? 'warning' : 'error' });
      }
      if (outcomes.length === 0)
        out.push({ text: 'error: no objects passed to apply', kind: 'error' });
      const m = markersFor(current, outcomes);
      setLines(out);
      setMarkers(m);
      editor.current?.setMarkers(m);
      setRecreate(
        outcomes.flatMap((o) =>
          !o.ok && o.kind === 'Pod' && o.name && o.error.message.includes(IMMUTABLE)
            ? [o.name]
            : [],
        ),
      );
      const firstPod = outcomes.find((o) => o.ok && o.kind === 'Pod');
      // The pod's details render as a transition, in slices, so they do not hold up the
      // terminal, which streams the pod's output from the moment it is selected.
      if (firstPod?.ok)
        startTransition(() => selection.selectPod(firstPod.namespace ?? 'default', firstPod.name));
    },
    [selection],
  );

  const apply = useCallback(async () => {
    const current = readText();
    setBusy(true);
    try {
      const opts = { between: yieldWhenBusy(), docs: ahead.docsFor(current) };
      report(await applyManifest(client, current, opts), current);
    } finally {
      setBusy(false);
    }
  }, [client, report, readText, ahead]);

  const applyRef = useRef(apply);
  useEffect(() => {
    applyRef.current = apply;
  }, [apply]);

  // Monaco after the first paint.
  useEffect(() => {
    let disposed = false;
    const id = requestAnimationFrame(() => {
      void import('./monaco.ts').then(({ createManifestEditor }) => {
        if (disposed || !host.current) return;
        editor.current = createManifestEditor(
          host.current,
          readText(),
          onTextChange,
          () => void applyRef.current(),
        );
        setMonacoReady(true);
      });
    });
    return () => {
      disposed = true;
      cancelAnimationFrame(id);
      editor.current?.dispose();
      editor.current = undefined;
    };
  }, [onTextChange, readText]);

  useEffect(() => {
    if (monacoReady) editor.current?.setMarkers(markers);
  }, [monacoReady, markers]);

  const objects = () =>
    parseManifest(readText()).flatMap((d) => {
      const resource = d.object && resourceFor(d.object);
      const name = d.object?.metadata?.name;
      return resource && name
        ? [{ resource, name, kind: d.object!.kind!, namespace: d.object!.metadata?.namespace }]
        : [];
    });

  const remove = async (force: boolean) => {
    setBusy(true);
    const out: Line[] = [];
    if (force) {
      out.push({
        text: 'Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.',
        kind: 'warning',
      });
    }
    try {
      for (const o of objects().reverse()) {
        try {
          await client.delete(o.resource, o.name, {
            ...(o.namespace ? { namespace: o.namespace } : {}),
            ...(force ? { gracePeriodSeconds: 0 } : {}),
          });
          out.push({
            text: `${o.kind.toLowerCase()} "${o.name}" ${force ? 'force ' : ''}deleted`,
            kind: 'ok',
          });
        } catch (e) {
          if (!(e instanceof ApiError)) throw e;
          out.push({ text: formatError(e), kind: 'error' });
        }
      }
      setLines(out);
      setMarkers([]);
      editor.current?.setMarkers([]);
    } finally {
      setBusy(false);
    }
  };

  const deleteAndRecreate = async () => {
    setBusy(true);
    try {
      for (const name of recreate) {
        await client.delete('pods', name).catch(() => undefined);
        await waitGone(name);
      }
      setRecreate([]);
    } finally {
      setBusy(false);
    }
    await apply();
  };

  const waitGone = (name: string) =>
    new Promise<void>((resolve) => {
      const w = client.watch('pods', { fieldSelector: `metadata.name=${name}` }, (e) => {
        if (e.type === 'DELETED') {
          w.stop();
          resolve();
        }
      });
      void client.get('pods', name).catch(() => {
        w.stop();
        resolve();
      });
    });

  return (
    <section className="manifest" aria-label="Manifest editor">
      <div className="toolbar">
        <h2>Manifest</h2>
        <button
          type="button"
          onClick={() => void apply()}
          disabled={busy}
          title="Apply (Ctrl+Enter)"
        >
          Apply
        </button>
        <button type="button" onClick={() => void remove(false)} disabled={busy}>
          Delete
        </button>
        <button type="button" onClick={() => void remove(true)} disabled={busy} className="danger">
          Force delete
        </button>
      </div>
      <div className="editor-host" ref={host} hidden={!monacoReady} />
      {!monacoReady && (
        <textarea
          className="editor-fallback"
          aria-label="Manifest"
          spellCheck={false}
          value={text}
          onChange={(e) => onTextChange(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
              e.preventDefault();
              void apply();
            }
          }}
        />
      )}
      {monacoReady && isLongManifest(text.length) && (
        <p className="editor-note" role="note">
          Over {LONG_MANIFEST_CHARS / 1024} KB: the editor still highlights this manifest but no
          longer checks it against the schema as you type, nor offers hovers and completion. Apply
          checks every document.
        </p>
      )}
      <div className="apply-result" role="status" aria-label="Apply result" aria-live="polite">
        {lines.map((l, i) => (
          <pre key={i} className={`line-${l.kind}`}>
            {l.text}
          </pre>
        ))}
        {recreate.length > 0 && (
          <p>
            A pod&apos;s spec is mostly immutable: to change it, delete the pod and create it again.{' '}
            <button type="button" onClick={() => void deleteAndRecreate()} disabled={busy}>
              Delete and re-create
            </button>
          </p>
        )}
      </div>
    </section>
  );
}
