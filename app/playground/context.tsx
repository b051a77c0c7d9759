/**
 * React's view of the playground: the Playground object, the selected pod, live object lists and
 * the clock, as hooks. Components read through these and never wire parts themselves.
 */
import {
  createContext,
  startTransition,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useState,
  useSyncExternalStore,
  type ReactNode,
} from 'react';
import type { ClockState } from '../../src/kube/playgroundClock.ts';
import type { ObjectOf, ResourceName } from '../../src/kube/types.ts';
import type { Playground } from './createPlayground.ts';
import { objectStore, type ListScope } from './objectStores.ts';

export interface PodRef {
  namespace: string;
  name: string;
}

export interface Selection {
  pod?: PodRef;
  container?: string;
  selectPod(namespace: string, name: string): void;
  selectContainer(name?: string): void;
  /**
   * Called at once when a pod is selected, before React renders the selection: for what must not
   * wait for a render (the terminal starts streaming the pod's output here).
   */
  onSelectPod(listener: (pod: PodRef) => void): () => void;
}

const PlaygroundContext = createContext<Playground | undefined>(undefined);
const SelectionContext = createContext<Selection | undefined>(undefined);

export function PlaygroundProvider(props: {
  playground: Playground;
  initialPod?: PodRef;
  children: ReactNode;
}) {
  const [pod, setPod] = useState<PodRef | undefined>(props.initialPod);
  const [container, setContainer] = useState<string | undefined>();
  const [listeners] = useState(() => new Set<(pod: PodRef) => void>());
  const selectPod = useCallback(
    (namespace: string, name: string) => {
      for (const l of listeners) l({ namespace, name });
      setPod((p) => (p?.namespace === namespace && p.name === name ? p : { namespace, name }));
      setContainer(undefined);
    },
    [listeners],
  );
  const onSelectPod = useCallback(
    (listener: (pod: PodRef) => void) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    [listeners],
  );
  const selection = useMemo<Selection>(
    () => ({ pod, container, selectPod, selectContainer: setContainer, onSelectPod }),
    [pod, container, selectPod, onSelectPod],
  );
  return (
    <PlaygroundContext.Provider value={props.playground}>
      <SelectionContext.Provider value={selection}>{props.children}</SelectionContext.Provider>
    </PlaygroundContext.Provider>
  );
}

export function usePlayground(): Playground {
  const p = useContext(PlaygroundContext);
  if (!p) throw new Error('usePlayground must be used inside <PlaygroundProvider>');
  return p;
}

export function useSelection(): Selection {
  const s = useContext(SelectionContext);
  if (!s) throw new Error('useSelection must be used inside <PlaygroundProvider>');
  return s;
}

/** The shared store of a list (objectStores.ts), the same one while its scope is. */
function useObjectStore<R extends ResourceName>(resource: R, scope: ListScope) {
  const { server } = usePlayground();
  const { namespace, fieldSelector } = scope;
  return useMemo(
    () => objectStore(server, resource, { namespace, fieldSelector }),
    [server, resource, namespace, fieldSelector],
  );
}

/**
 * The objects of a resource, live and sorted by name, re-rendering at the animation frame after
 * a change, and every 100 ms while changes keep arriving, however many arrive. Components asking
 * for the same list share one informer.
 */
export function useObjects<R extends ResourceName>(
  resource: R,
  scope: ListScope = {},
): ObjectOf<R>[] {
  const store = useObjectStore(resource, scope);
  // Not useSyncExternalStore: React renders its updates synchronously, so a frame with a
  // thousand changed pods and their events rendered every table in one task (133 ms in the
  // 1,000-pod burst). A transition renders in slices the browser can paint and answer input
  // between; the tables may trail the cluster by a frame.
  const [seen, setSeen] = useState(() => ({ store, items: store.get() }));
  useEffect(
    () => store.subscribe(() => startTransition(() => setSeen({ store, items: store.get() }))),
    [store],
  );
  return seen.store === store ? seen.items : store.get();
}

/**
 * One object of a list (`namespace/name`), live: re-renders only when that object changes (the
 * list's objects are frozen, and a changed one is a new object), not at every frame in which
 * some other object of the list did. `scope` names the shared list to read it from.
 */
export function useObject<R extends ResourceName>(
  resource: R,
  key: string,
  scope: ListScope = {},
): ObjectOf<R> | undefined {
  const store = useObjectStore(resource, scope);
  const [seen, setSeen] = useState(() => ({ store, key, object: store.find(key) }));
  useEffect(() => {
    const look = () => {
      const object = store.find(key);
      setSeen((was) =>
        was.store === store && was.key === key && was.object === object
          ? was
          : { store, key, object },
      );
    };
    const stop = store.subscribe(() => startTransition(look));
    look();
    return stop;
  }, [store, key]);
  return seen.store === store && seen.key === key ? seen.object : store.find(key);
}

/** The playground clock's time, refreshed every `periodMs` of wall time and on clock changes. */
export function useClockNow(periodMs = 1000): number {
  const { clock } = usePlayground();
  const [now, setNow] = useState(() => clock.now());
  useEffect(() => {
    const tick = () => setNow(clock.now());
    const id = setInterval(tick, periodMs);
    const unsubscribe = clock.subscribe(tick);
    return () => {
      clearInterval(id);
      unsubscribe();
    };
  }, [clock, periodMs]);
  return now;
}

export function useClockState(): ClockState {
  const { clock } = usePlayground();
  const subscribe = useCallback((l: () => void) => clock.subscribe(l), [clock]);
  // A primitive snapshot, so React sees no change until speed or pause does.
  const key = useSyncExternalStore(subscribe, () => `${clock.speed}|${clock.paused}`);
  return useMemo(() => {
    const [speed, paused] = key.split('|');
    return { speed: Number(speed), paused: paused === 'true' };
  }, [key]);
}
