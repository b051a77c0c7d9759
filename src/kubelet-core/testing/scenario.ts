/**
 * Golden scenarios: a manifest, scripted images and timed actions run against the real API server
 * and kubelet on a virtual clock; the result is a trace of every transition, status write and
 * event, with times relative to the start, compared with a file under testdata/.
 */
import { parseAllDocuments } from 'yaml';
import { createApiServer, type ApiServer } from '../../fake-apiserver/index.ts';
import { seededRandom } from '../../fake-apiserver/testing/fixtures.ts';
import type { ContainerStatus, KubeObject, Pod, ResourceName } from '../../kube/types.ts';
import { VirtualClock } from '../../kube/virtualClock.ts';
import { createEventRecorder } from '../../kube/eventRecorder.ts';
import { createEventsV1Recorder } from '../../kube/eventsV1Recorder.ts';
import { createKubelet, type Kubelet } from '../kubelet.ts';
import {
  createScheduler,
  DEFAULT_SCHEDULER_NAME,
  SCHEDULER_HOSTNAME,
} from '../../scheduler/index.ts';
import type { EventSink } from '../ports.ts';
import { FakeRuntime, type FakeImage } from './FakeRuntime.ts';

export const NODE = 'node-1';

export interface ScenarioContext {
  api: ApiServer;
  clock: VirtualClock;
  runtime: FakeRuntime;
  kubelet: Kubelet;
}

export interface Scenario {
  /** YAML documents to create at +0s. */
  manifest: string;
  images?: Record<string, FakeImage>;
  /** Actions at clock offsets (ms). */
  at?: [offsetMs: number, action: (ctx: ScenarioContext) => Promise<unknown> | void][];
  /** How long to run, in clock ms. */
  durationMs: number;
  /** Run the scheduler too (pods without spec.nodeName get bound by it). */
  scheduler?: boolean;
}

const drain = () => new Promise<void>((r) => setImmediate(r));

/** Runs the clock to `target`, letting every promise settle between timers. */
export async function runUntil(clock: VirtualClock, target: number): Promise<void> {
  for (let i = 0; i < 5; i++) await drain();
  for (;;) {
    const next = clock.nextAt();
    if (next === undefined || next > target) break;
    clock.advanceTo(next);
    for (let i = 0; i < 3; i++) await drain();
  }
  clock.advanceTo(target);
  for (let i = 0; i < 3; i++) await drain();
}

export function resourceOf(kind: string | undefined): ResourceName {
  const map: Record<string, ResourceName> = {
    Pod: 'pods',
    ConfigMap: 'configmaps',
    Secret: 'secrets',
    Namespace: 'namespaces',
  };
  const r = kind ? map[kind] : undefined;
  if (!r)
    throw new Error(`scenario manifests may hold Pod, ConfigMap, Secret, Namespace; not ${kind}`);
  return r;
}

export async function applyYaml(api: ApiServer, text: string): Promise<void> {
  for (const doc of parseAllDocuments(text)) {
    const obj = doc.toJSON() as KubeObject | null;
    if (!obj) continue;
    await api.create(resourceOf(obj.kind), obj as never);
  }
}

/** A container's state as the traces print it: `running`, `terminated:Error(1)`, `waiting:X`. */
export function stateSummary(s: ContainerStatus): string {
  const st = s.state ?? {};
  return st.running
    ? 'running'
    : st.terminated
      ? `terminated:${st.terminated.reason}(${st.terminated.exitCode})`
      : `waiting:${st.waiting?.reason ?? ''}`;
}

function summary(s: ContainerStatus): string {
  return `${s.name}=${stateSummary(s)}${s.restartCount ? ` restarts=${s.restartCount}` : ''}${s.ready ? ' ready' : ''}`;
}

export async function runScenario(
  scenario: Scenario,
): Promise<{ trace: string; ctx: ScenarioContext }> {
  const clock = new VirtualClock();
  const t0 = clock.now();
  const api = createApiServer({ clock, random: seededRandom(7) });
  const runtime = new FakeRuntime(clock, scenario.images ?? {});
  const lines: { t: number; seq: number; text: string }[] = [];
  let seq = 0;
  const rel = (t: number) => `+${((t - t0) / 1000).toFixed(t % 1000 === 0 ? 0 : 1)}s`;
  const add = (t: number, text: string) => lines.push({ t, seq: seq++, text });

  // Each event is traced, then written as the kubelet's would be, by the real recorder.
  const recorder = createEventRecorder({
    client: api.client('kubelet', { shared: true }),
    clock,
    component: 'kubelet',
    host: NODE,
  });
  const events: EventSink = {
    event(involved, type, reason, message, fieldPath) {
      add(clock.now(), `event   ${type} ${reason}${fieldPath ? ` ${fieldPath}` : ''}: ${message}`);
      recorder.event(involved, type, reason, message, fieldPath);
    },
  };

  const kubelet = createKubelet({
    nodeName: NODE,
    client: api.client('kubelet', { shared: true }),
    runtime,
    clock,
    events,
    random: seededRandom(11),
  });
  const ctx: ScenarioContext = { api, clock, runtime, kubelet };
  await kubelet.start();
  // The scheduler's events are traced too, and written through the events.k8s.io API as its own.
  const schedulerEvents = createEventsV1Recorder({
    client: api.client(DEFAULT_SCHEDULER_NAME, { shared: true }),
    clock,
    reportingController: DEFAULT_SCHEDULER_NAME,
    hostname: SCHEDULER_HOSTNAME,
  });
  const scheduler = scenario.scheduler
    ? createScheduler({
        client: api.client('default-scheduler', { shared: true }),
        clock,
        recorder: {
          eventf(regarding, related, type, reason, action, note) {
            add(clock.now(), `event   ${type} ${reason}: ${note}`);
            schedulerEvents.eventf(regarding, related, type, reason, action, note);
          },
        },
      })
    : undefined;
  await scheduler?.start();

  let lastStatus = '';
  api.watch('pods', { resourceVersion: api.resourceVersion() }, (e) => {
    const pod = e.object as Pod;
    if (e.type === 'DELETED') return add(clock.now(), `api     ${pod.metadata?.name} DELETED`);
    const st = pod.status ?? {};
    const containers = [...(st.initContainerStatuses ?? []), ...(st.containerStatuses ?? [])]
      .map(summary)
      .join(' ');
    const sched = st.conditions?.find((c) => c.type === 'PodScheduled' && c.status === 'False');
    const line =
      `status  ${pod.metadata?.name} ${st.phase ?? ''}${sched ? ` PodScheduled=False/${sched.reason}` : ''}${st.reason ? `/${st.reason}` : ''}${pod.metadata?.deletionTimestamp ? ' deleting' : ''} ${containers}`.trimEnd();
    if (line !== lastStatus) add(clock.now(), line);
    lastStatus = line;
  });
  const seen = new Map<object, number>();
  kubelet.subscribe((w) => {
    const from = seen.get(w) ?? 0;
    seen.set(w, w.transitions.length);
    for (const tr of w.transitions.slice(from)) {
      add(
        tr.time,
        `${tr.subject === 'pod' ? 'pod    ' : 'ctr    '} ${tr.subject === 'pod' ? w.name : tr.subject} ${tr.from} -> ${tr.to} (${tr.cause})`,
      );
    }
  });

  await applyYaml(api, scenario.manifest);
  const actions = [...(scenario.at ?? [])].sort((a, b) => a[0] - b[0]);
  for (const [offset, action] of actions) {
    await runUntil(clock, t0 + offset);
    await action(ctx);
  }
  await runUntil(clock, t0 + scenario.durationMs);
  kubelet.stop();
  scheduler?.stop();
  schedulerEvents.shutdown();

  const trace = lines
    .sort((a, b) => a.t - b.t || a.seq - b.seq)
    .map((l) => `${rel(l.t).padEnd(8)}${l.text}`)
    .join('\n');
  // What each container printed (current instance), as `kubectl logs` would show it.
  let logs = '';
  for (const w of kubelet.workers()) {
    for (const rec of w.records) {
      const log = w.logs.current(rec.name);
      if (log && log.sizeBytes > 0) logs += `--- logs ${w.name}/${rec.name}\n${log.read()}`;
    }
  }
  return { trace: `${trace}\n${logs}`, ctx };
}
