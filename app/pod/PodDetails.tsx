/**
 * The selected pod: the kubelet's state machines drawn from the core's tables with the path taken,
 * a timeline of every transition, why each status string is what it is, conditions, container
 * statuses and events as `kubectl describe` lists them.
 */
import { useEffect, useState } from 'react';
import {
  containerEdges,
  containerStateMeaning,
  containerStates,
  podEdges,
  podStateMeaning,
  podStates,
  type Transition,
} from '../../src/kubelet-core/pod/state.ts';
import type { PodWorker } from '../../src/kubelet-core/pod/podWorker.ts';
import type { ContainerStatus } from '../../src/kube/types.ts';
import { formatTime } from '../../src/kube/time.ts';
import { eventInterval } from '../../src/kubectl/printers/describeWriter.ts';
import {
  useClockNow,
  useObject,
  useObjects,
  usePlayground,
  useSelection,
} from '../playground/context.tsx';
import { ago, explainPodStatus, explainStatus } from './explain.ts';
import { StateGraph } from './StateGraph.tsx';

/** The pod worker, re-rendering when the kubelet reports a change to it (at most once a frame). */
function useWorker(namespace: string, name: string): { worker?: PodWorker; version: number } {
  const { kubelet } = usePlayground();
  const [version, setVersion] = useState(0);
  useEffect(() => {
    let frame: number | undefined;
    const unsubscribe = kubelet.subscribe((w) => {
      if (w.namespace !== namespace || w.name !== name || frame !== undefined) return;
      frame = requestAnimationFrame(() => {
        frame = undefined;
        setVersion((v) => v + 1);
      });
    });
    return () => {
      unsubscribe();
      if (frame !== undefined) cancelAnimationFrame(frame);
    };
  }, [kubelet, namespace, name]);
  return { worker: kubelet.worker(namespace, name), version };
}

function pathOf(transitions: readonly Transition[], subject: string, first: string): string[] {
  const path = [first];
  for (const t of transitions) if (t.subject === subject) path.push(t.to);
  return path;
}

function stateText(c: ContainerStatus): string {
  if (c.state?.running) return `Running since ${c.state.running.startedAt?.slice(11, 19) ?? '?'}`;
  if (c.state?.terminated) {
    const t = c.state.terminated;
    return `Terminated: ${t.reason ?? ''}, exit code ${t.exitCode}`;
  }
  if (c.state?.waiting) return `Waiting: ${c.state.waiting.reason ?? ''}`;
  return '';
}

export function PodDetails(props: { namespace: string; name: string }) {
  const { namespace, name } = props;
  // This pod, from the pods list the table shows (one informer for both); only its events.
  const pod = useObject('pods', `${namespace}/${name}`);
  const events = useObjects('events', {
    namespace,
    fieldSelector: `involvedObject.kind=Pod,involvedObject.name=${name}`,
  });
  const now = useClockNow(1000);
  const selection = useSelection();
  const { worker } = useWorker(namespace, name);
  const [tab, setTab] = useState<'lifecycle' | 'status' | 'events'>('lifecycle');

  if (!pod) {
    return (
      <section className="details" aria-label="Pod details">
        <p className="empty">
          Pod {name} does not exist: it was deleted, or it has not been applied yet.
        </p>
      </section>
    );
  }
  const { status, why } = explainPodStatus(pod, now);
  const containers = [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])];
  const containerName = selection.container ?? pod.spec?.containers?.[0]?.name ?? '';
  const transitions = worker?.transitions ?? [];
  const podEvents = events
    .filter((e) => e.involvedObject?.kind === 'Pod' && e.involvedObject.name === name)
    .sort((a, b) => (eventTime(a) < eventTime(b) ? -1 : 1));
  const statuses = [
    ...(pod.status?.initContainerStatuses ?? []).map((c) => ({ c, init: true })),
    ...(pod.status?.containerStatuses ?? []).map((c) => ({ c, init: false })),
  ];

  return (
    <section className="details" aria-label="Pod details">
      <header className="details-head">
        <h2>
          Pod <code>{name}</code>
        </h2>
        <p className="why" aria-label="Why this status">
          <strong>{status}</strong> — {why.slice(why.indexOf(':') + 1).trim()}
        </p>
      </header>
      <div role="tablist" className="tabs small" aria-label="Pod views">
        {(['lifecycle', 'status', 'events'] as const).map((t) => (
          <button
            key={t}
            type="button"
            role="tab"
            aria-selected={tab === t}
            onClick={() => setTab(t)}
          >
            {t === 'lifecycle'
              ? 'State machine'
              : t === 'status'
                ? 'Conditions & containers'
                : `Events (${podEvents.length})`}
          </button>
        ))}
      </div>
      {tab === 'lifecycle' && (
        <div className="lifecycle">
          <div className="graphs">
            <figure>
              <figcaption>Pod (kubelet state: {worker?.state ?? 'not on the node yet'})</figcaption>
              <StateGraph
                label="Pod state machine"
                states={podStates}
                edges={podEdges}
                meanings={podStateMeaning}
                {...(worker ? { current: worker.state } : {})}
                path={worker ? pathOf(transitions, 'pod', 'Registered') : []}
              />
            </figure>
            <figure>
              <figcaption>
                Container{' '}
                <select
                  aria-label="Container state machine"
                  value={containerName}
                  onChange={(e) => selection.selectContainer(e.target.value)}
                >
                  {containers.map((c) => (
                    <option key={c.name}>{c.name}</option>
                  ))}
                </select>
              </figcaption>
              <StateGraph
                label="Container state machine"
                states={containerStates}
                edges={containerEdges}
                meanings={containerStateMeaning}
                {...(worker?.records.find((r) => r.name === containerName)
                  ? { current: worker.records.find((r) => r.name === containerName)!.state }
                  : {})}
                path={worker ? pathOf(transitions, containerName, 'Waiting') : []}
              />
            </figure>
          </div>
          <table className="timeline" aria-label="Timeline">
            <thead>
              <tr>
                <th scope="col">Time</th>
                <th scope="col">Subject</th>
                <th scope="col">Transition</th>
                <th scope="col">Cause</th>
                <th scope="col">Wrote</th>
              </tr>
            </thead>
            <tbody>
              {transitions.map((t, i) => (
                <tr key={i}>
                  <td title={formatTime(t.time)}>
                    +{((t.time - (transitions[0]?.time ?? t.time)) / 1000).toFixed(1)}s
                  </td>
                  <td>{t.subject}</td>
                  <td>
                    {t.from} → <strong>{t.to}</strong>
                  </td>
                  <td>{t.cause}</td>
                  <td>{[t.phase, t.reason].filter(Boolean).join(', ')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {tab === 'status' && (
        <div className="status-view">
          <h3>Conditions</h3>
          <table aria-label="Conditions">
            <thead>
              <tr>
                <th scope="col">Type</th>
                <th scope="col">Status</th>
                <th scope="col">Reason</th>
                <th scope="col">Last transition</th>
              </tr>
            </thead>
            <tbody>
              {(pod.status?.conditions ?? []).map((c) => (
                <tr key={c.type} title={c.message}>
                  <td>{c.type}</td>
                  <td>{c.status}</td>
                  <td>{c.reason ?? ''}</td>
                  <td>{ago(c.lastTransitionTime, now)} ago</td>
                </tr>
              ))}
            </tbody>
          </table>
          <h3>Containers</h3>
          <table aria-label="Container statuses">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">State</th>
                <th scope="col">Ready</th>
                <th scope="col">Restarts</th>
                <th scope="col">Last state</th>
                <th scope="col">Why</th>
              </tr>
            </thead>
            <tbody>
              {statuses.map(({ c, init }) => {
                const reason = c.state?.waiting?.reason ?? c.state?.terminated?.reason;
                return (
                  <tr key={c.name}>
                    <td>
                      {c.name}
                      {init ? ' (init)' : ''}
                    </td>
                    <td>{stateText(c)}</td>
                    <td>{String(c.ready)}</td>
                    <td>{c.restartCount}</td>
                    <td>
                      {c.lastState?.terminated
                        ? `${c.lastState.terminated.reason}, exit ${c.lastState.terminated.exitCode}`
                        : ''}
                    </td>
                    <td className="why-cell">{reason ? explainStatus(reason, pod, now) : ''}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          <p className="note">
            image, imageID and containerID are in <code>kubectl get pod {name} -o yaml</code>; there
            is no podIP because the playground has no pod network.
          </p>
        </div>
      )}
      {tab === 'events' && (
        <table aria-label="Events" className="events">
          <thead>
            <tr>
              <th scope="col">Type</th>
              <th scope="col">Reason</th>
              <th scope="col">Age</th>
              <th scope="col">From</th>
              <th scope="col">Message</th>
            </tr>
          </thead>
          <tbody>
            {podEvents.map((e) => (
              <tr key={e.metadata?.name} className={e.type === 'Warning' ? 'warning' : undefined}>
                <td>{e.type}</td>
                <td>{e.reason}</td>
                <td>{eventInterval(e, now)}</td>
                <td>{e.source?.component ?? e.reportingComponent}</td>
                <td>{e.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function eventTime(e: {
  lastTimestamp?: string | null;
  eventTime?: string | null;
  firstTimestamp?: string | null;
}): string {
  return e.lastTimestamp ?? e.eventTime ?? e.firstTimestamp ?? '';
}
