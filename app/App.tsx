/**
 * The playground's one screen: the manifest on the left; the cluster's objects, the selected pod's
 * state machines and timeline on the right; the terminal below; the clock and examples on top.
 */
import {
  lazy,
  Suspense,
  useCallback,
  useEffect,
  useRef,
  useState,
  useSyncExternalStore,
} from 'react';
import { ClockControls } from './clock/ClockControls.tsx';
import { display, embedded } from './display.ts';
import { ManifestPanel } from './editor/ManifestPanel.tsx';
import { examples, findExample } from './examples/examples.ts';
import { lessonIndex } from './lessons/index.ts';
import { ModuleDrop } from './modules/ModuleDrop.tsx';
import { ObjectsPanel } from './objects/ObjectsPanel.tsx';
import { PodDetails } from './pod/PodDetails.tsx';
import { ClusterMenu } from './persist/ClusterMenu.tsx';
import type { Persistence } from './persist/persistence.ts';
import { PlaygroundProvider, useSelection } from './playground/context.tsx';
import type { Playground } from './playground/createPlayground.ts';
import { decodeShareFragment, encodeShareFragment, ShareLinkError } from './share/shareLink.ts';
import { TerminalPanel } from './terminal/TerminalPanel.tsx';

const params = new URLSearchParams(location.search);
// Lessons (their text, parser and checks) load when one is opened.
const LessonPanel = lazy(() => import('./lessons/LessonPanel.tsx'));
const initialExample = findExample(params.get('example')) ?? examples[0]!;

/**
 * What the editor opens with: what was kept (edits are never thrown away by a reload), unless the
 * URL names another example than the one kept (a new link was opened); else the URL's example.
 */
function initialEditor(persistence: Persistence): { text: string; example?: string } {
  const kept = persistence.restored?.editor;
  const asked = params.get('example');
  if (!kept || (asked && asked !== kept.example))
    return { text: initialExample.manifest, example: initialExample.name };
  return kept;
}

export function App({
  playground,
  persistence,
}: {
  playground: Playground;
  persistence: Persistence;
}) {
  const [initial] = useState(() => initialEditor(persistence));
  const [text, setText] = useState(initial.text);
  const [example, setExample] = useState<string | undefined>(initial.example);
  const [notice, setNotice] = useState<string | undefined>();
  const [lessonId, setLessonId] = useState<string | undefined>(
    lessonIndex.find((l) => l.id === params.get('lesson'))?.id,
  );
  const [showDetails, setShowDetails] = useState(false);
  const [sharedPod, setSharedPod] = useState<string | undefined>();
  const textRef = useRef(text);
  const setManifest = useCallback((t: string) => {
    textRef.current = t;
    setText(t);
  }, []);
  const readText = useCallback(() => textRef.current, []);
  // What the editor holds is kept with the cluster (see app/persist).
  useEffect(() => persistence.setEditor(text, example), [persistence, text, example]);

  useEffect(() => {
    window.kubeletPlayground = { playground, setManifest, persistence };
    if (params.get('speed')) playground.clock.setSpeed(Number(params.get('speed')) || 1);
  }, [playground, setManifest, persistence]);

  // A share link in the fragment replaces the example.
  useEffect(() => {
    decodeShareFragment(location.hash).then(
      (shared) => {
        if (!shared) return;
        setManifest(shared.manifest);
        setExample(shared.example);
        if (shared.speed) playground.clock.setSpeed(shared.speed);
        if (shared.pod) setSharedPod(shared.pod);
      },
      (e: unknown) => setNotice(e instanceof ShareLinkError ? e.message : String(e)),
    );
  }, [playground, setManifest]);

  const chooseExample = (name: string) => {
    const ex = findExample(name);
    if (!ex) return;
    const edited = !examples.some((e) => e.manifest === textRef.current);
    if (edited && !confirm('Replace your edits in the editor with this example?')) return;
    setExample(ex.name);
    setManifest(ex.manifest);
    const url = new URL(location.href);
    url.searchParams.set('example', ex.name);
    url.hash = '';
    history.replaceState(null, '', url);
  };

  const copyLink = async (pod?: { namespace: string; name: string }) => {
    try {
      const fragment = await encodeShareFragment({
        manifest: textRef.current,
        ...(example ? { example } : {}),
        speed: playground.clock.speed,
        ...(pod ? { pod: `${pod.namespace}/${pod.name}` } : {}),
      });
      const url = new URL(location.href);
      url.hash = fragment;
      history.replaceState(null, '', url);
      await navigator.clipboard?.writeText(url.href).catch(() => undefined);
      setNotice(
        `Link copied: it opens this manifest and clock speed${pod ? `, with pod ${pod.name} selected` : ''}.`,
      );
    } catch (e) {
      setNotice(e instanceof Error ? e.message : String(e));
    }
  };

  const current = findExample(example);
  return (
    <PlaygroundProvider playground={playground}>
      <div className="app">
        <header className="top">
          <h1>Kubelet Playground</h1>
          <label className="examples">
            <span>Example</span>
            <select
              aria-label="Example"
              value={current?.name ?? ''}
              onChange={(e) => chooseExample(e.target.value)}
            >
              {!current && <option value="">(your manifest)</option>}
              {examples.map((e) => (
                <option key={e.name} value={e.name}>
                  {e.title}
                </option>
              ))}
            </select>
          </label>
          <label className="examples lesson-menu">
            <span>Lesson</span>
            <select
              aria-label="Lesson"
              value={lessonId ?? ''}
              onChange={(e) => setLessonId(e.target.value || undefined)}
            >
              <option value="">(none)</option>
              {lessonIndex.map((l) => (
                <option key={l.id} value={l.id}>
                  {l.title}
                </option>
              ))}
            </select>
          </label>
          <ClockControls />
          <CopyLink onCopy={(pod) => void copyLink(pod)} />
          {sharedPod && <SelectShared pod={sharedPod} />}
          <PresentToggle />
          <ModuleDrop />
          <ClusterMenu persistence={persistence} onMessage={setNotice} />
        </header>
        {lessonId && (
          <Suspense fallback={<p className="lesson">Loading the lesson…</p>}>
            <LessonPanel
              key={lessonId}
              id={lessonId}
              onManifest={(t) => {
                setExample(undefined);
                setManifest(t);
              }}
              onClose={() => setLessonId(undefined)}
            />
          </Suspense>
        )}
        {current && !lessonId && (
          <p className="example-note" aria-label="What to watch for">
            {current.note}
          </p>
        )}
        {notice && (
          <p className="notice" role="status">
            {notice}{' '}
            <button type="button" onClick={() => setNotice(undefined)} aria-label="Dismiss">
              ×
            </button>
          </p>
        )}
        <main className="grid">
          <ManifestPanel text={text} onTextChange={setManifest} readText={readText} />
          <div className="cluster">
            <ObjectsPanel />
            {embedded && !showDetails ? (
              <button type="button" className="details-toggle" onClick={() => setShowDetails(true)}>
                Show the pod&apos;s state machine, timeline and events
              </button>
            ) : (
              <SelectedPod />
            )}
          </div>
          <TerminalPanel manifest={readText} />
        </main>
        <footer className="limits">
          Runs a Kubernetes v1.33 kubelet in this tab. Unlike a real node there is no pod network
          (no pod IPs: WASI preview1 has no sockets), no exec, and containers get no SIGTERM (WASI
          has no signals): they are stopped at the end of the grace period.
        </footer>
      </div>
    </PlaygroundProvider>
  );
}

/** Copy link, with the selected pod in the link. */
function CopyLink(props: { onCopy(pod?: { namespace: string; name: string }): void }) {
  const { pod } = useSelection();
  return (
    <button type="button" onClick={() => props.onCopy(pod)}>
      Copy link
    </button>
  );
}

/** Selects the pod a share link names, once. */
function SelectShared({ pod }: { pod: string }) {
  const { selectPod } = useSelection();
  useEffect(() => {
    const [namespace, name] = pod.split('/');
    if (namespace && name) selectPod(namespace, name);
  }, [pod, selectPod]);
  return null;
}

function PresentToggle() {
  const present = useSyncExternalStore(display.subscribe, () => display.present);
  return (
    <button
      type="button"
      aria-pressed={present}
      title="Large fonts and high contrast for a projector (Alt+P)"
      onClick={() => display.setPresent(!present)}
    >
      Presenter mode
    </button>
  );
}

function SelectedPod() {
  const { pod } = useSelection();
  if (!pod) {
    return (
      <section className="details" aria-label="Pod details">
        <p className="empty">Apply a manifest or click a pod to see its lifecycle.</p>
      </section>
    );
  }
  return (
    <PodDetails key={`${pod.namespace}/${pod.name}`} namespace={pod.namespace} name={pod.name} />
  );
}
