/**
 * Lesson checks: one readable sentence per line, each a fact about the cluster the learner can
 * verify with kubectl, e.g. `pod hello phase is Succeeded` or
 * `pod app container app restartCount >= 3`. Parsed once, evaluated against the API server
 * whenever the cluster changes.
 */
import { ApiError, type KubeClient } from '../kube/client.ts';
import type { ContainerStatus, Pod } from '../kube/types.ts';
import { podRow } from '../kubectl/printers/podRow.ts';

export type Comparison = '=' | '>=' | '>' | '<=' | '<';

export type Check =
  | { kind: 'podField'; pod: Ref; field: 'phase' | 'status' | 'ready'; value: string }
  | { kind: 'podExists'; pod: Ref; exists: boolean }
  | { kind: 'restarts'; pod: Ref; container: string; op: Comparison; value: number }
  | { kind: 'containerReason'; pod: Ref; container: string; value: string }
  | { kind: 'objectExists'; resource: 'configmaps' | 'secrets'; ref: Ref }
  | { kind: 'event'; pod: Ref; reason: string };

export interface Ref {
  namespace: string;
  name: string;
}

export interface CheckResult {
  met: boolean;
  /** What the cluster shows now, in the check's terms ("phase is Running"). */
  actual: string;
}

export class CheckSyntaxError extends Error {
  override name = 'CheckSyntaxError';
}

const NAME = '([a-z0-9](?:[-a-z0-9.]*[a-z0-9])?(?:/[a-z0-9](?:[-a-z0-9.]*[a-z0-9])?)?)';
const forms: [RegExp, (m: string[]) => Check][] = [
  [
    new RegExp(`^pod ${NAME} (phase|status|ready) is (\\S+)$`),
    (m) => ({
      kind: 'podField',
      pod: ref(m[1]!),
      field: m[2] as 'phase' | 'status' | 'ready',
      value: m[3]!,
    }),
  ],
  [
    new RegExp(`^pod ${NAME} exists$`),
    (m) => ({ kind: 'podExists', pod: ref(m[1]!), exists: true }),
  ],
  [
    new RegExp(`^pod ${NAME} is gone$`),
    (m) => ({ kind: 'podExists', pod: ref(m[1]!), exists: false }),
  ],
  [
    new RegExp(`^pod ${NAME} container ([a-z0-9-]+) restartCount (=|>=|>|<=|<) (\\d+)$`),
    (m) => ({
      kind: 'restarts',
      pod: ref(m[1]!),
      container: m[2]!,
      op: m[3] as Comparison,
      value: Number(m[4]),
    }),
  ],
  [
    new RegExp(`^pod ${NAME} container ([a-z0-9-]+) reason is (\\S+)$`),
    (m) => ({ kind: 'containerReason', pod: ref(m[1]!), container: m[2]!, value: m[3]! }),
  ],
  [
    new RegExp(`^(configmap|secret) ${NAME} exists$`),
    (m) => ({
      kind: 'objectExists',
      resource: m[1] === 'configmap' ? 'configmaps' : 'secrets',
      ref: ref(m[2]!),
    }),
  ],
  [
    new RegExp(`^event (\\w+) for pod ${NAME}$`),
    (m) => ({ kind: 'event', reason: m[1]!, pod: ref(m[2]!) }),
  ],
];

export const CHECK_FORMS = [
  'pod NAME phase is PHASE',
  'pod NAME status is STATUS',
  'pod NAME ready is N/M',
  'pod NAME exists',
  'pod NAME is gone',
  'pod NAME container CONTAINER restartCount >= N',
  'pod NAME container CONTAINER reason is REASON',
  'configmap NAME exists',
  'secret NAME exists',
  'event REASON for pod NAME',
];

function ref(text: string): Ref {
  const [a, b] = text.split('/');
  return b === undefined ? { namespace: 'default', name: a! } : { namespace: a!, name: b };
}

/** Parses one check line. @throws CheckSyntaxError naming the forms it knows. */
export function parseCheck(line: string): Check {
  const text = line.trim().replace(/\s+/g, ' ');
  for (const [re, make] of forms) {
    const m = re.exec(text);
    if (m) return make(m);
  }
  throw new CheckSyntaxError(
    `unknown check "${text}"; a check is one of: ${CHECK_FORMS.map((f) => `"${f}"`).join(', ')}`,
  );
}

const show = (r: Ref) => (r.namespace === 'default' ? r.name : `${r.namespace}/${r.name}`);

/** The check as a sentence for the lesson panel. */
export function describeCheck(c: Check): string {
  switch (c.kind) {
    case 'podField':
      return `pod ${show(c.pod)} ${c.field === 'status' ? 'STATUS' : c.field === 'ready' ? 'READY' : 'phase'} is ${c.value}`;
    case 'podExists':
      return `pod ${show(c.pod)} ${c.exists ? 'exists' : 'is gone'}`;
    case 'restarts':
      return `restartCount of ${c.container} in pod ${show(c.pod)} ${opWords[c.op]} ${c.value}`;
    case 'containerReason':
      return `container ${c.container} of pod ${show(c.pod)} shows reason ${c.value}`;
    case 'objectExists':
      return `${c.resource === 'configmaps' ? 'ConfigMap' : 'Secret'} ${show(c.ref)} exists`;
    case 'event':
      return `an event ${c.reason} was recorded for pod ${show(c.pod)}`;
  }
}

const opWords: Record<Comparison, string> = {
  '=': 'is',
  '>=': 'is at least',
  '>': 'is more than',
  '<=': 'is at most',
  '<': 'is less than',
};

function compare(a: number, op: Comparison, b: number): boolean {
  switch (op) {
    case '=':
      return a === b;
    case '>=':
      return a >= b;
    case '>':
      return a > b;
    case '<=':
      return a <= b;
    case '<':
      return a < b;
  }
}

async function getPod(client: KubeClient, r: Ref): Promise<Pod | undefined> {
  try {
    return await client.get('pods', r.name, { namespace: r.namespace });
  } catch (e) {
    if (e instanceof ApiError && e.status.code === 404) return undefined;
    throw e;
  }
}

function containerStatus(pod: Pod, name: string): ContainerStatus | undefined {
  const s = pod.status;
  return [...(s?.initContainerStatuses ?? []), ...(s?.containerStatuses ?? [])].find(
    (c) => c.name === name,
  );
}

/** Evaluates a check against the cluster now. */
export async function evaluateCheck(
  client: KubeClient,
  c: Check,
  now: number,
): Promise<CheckResult> {
  switch (c.kind) {
    case 'podExists': {
      const pod = await getPod(client, c.pod);
      const exists = pod !== undefined;
      return { met: exists === c.exists, actual: exists ? 'the pod exists' : 'no such pod' };
    }
    case 'objectExists': {
      const list = await client.list(c.resource, {
        namespace: c.ref.namespace,
        fieldSelector: `metadata.name=${c.ref.name}`,
      });
      const found = list.items.length > 0;
      return { met: found, actual: found ? 'it exists' : 'not found' };
    }
    case 'event': {
      const list = await client.list('events', {
        namespace: c.pod.namespace,
        fieldSelector: `involvedObject.kind=Pod,involvedObject.name=${c.pod.name}`,
      });
      const reasons = [...new Set(list.items.map((e) => e.reason ?? ''))];
      return {
        met: reasons.includes(c.reason),
        actual: reasons.length ? `events: ${reasons.join(', ')}` : 'no events yet',
      };
    }
  }
  const pod = await getPod(client, c.pod);
  if (!pod) return { met: false, actual: 'no such pod' };
  switch (c.kind) {
    case 'podField': {
      const cells = podRow(pod, now, false).cells;
      const value =
        c.field === 'phase'
          ? (pod.status?.phase ?? '')
          : String(c.field === 'ready' ? cells[1] : cells[2]);
      return { met: value === c.value, actual: `${c.field} is ${value || '(none)'}` };
    }
    case 'restarts': {
      const cs = containerStatus(pod, c.container);
      if (!cs) return { met: false, actual: `no status for container ${c.container} yet` };
      return {
        met: compare(cs.restartCount, c.op, c.value),
        actual: `restartCount is ${cs.restartCount}`,
      };
    }
    case 'containerReason': {
      const cs = containerStatus(pod, c.container);
      const reason = cs?.state?.waiting?.reason ?? cs?.state?.terminated?.reason;
      return {
        met: reason === c.value,
        actual: reason ? `reason is ${reason}` : cs?.state?.running ? 'running' : 'no reason shown',
      };
    }
  }
}
