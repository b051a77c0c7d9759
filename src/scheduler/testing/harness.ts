/** A scheduler against the in-memory API server on a virtual clock, for tests. */
import { makeNode, makePod, makeServer } from '../../fake-apiserver/testing/fixtures.ts';
import type { Event, Node, Pod } from '../../kube/types.ts';
import { createScheduler, type SchedulerOptions } from '../scheduler.ts';

export { makeNode, makePod };

/** Lets every queued microtask chain run to its end (watch deliveries, binds, event writes). */
export async function settle(): Promise<void> {
  for (let i = 0; i < 3; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}

/** The API server and a scheduler that has not been started yet. */
export function setupScheduler(
  opts: Partial<SchedulerOptions> = {},
  server: Parameters<typeof makeServer>[0] = {},
) {
  const { api, clock } = makeServer(server);
  const scheduler = createScheduler({
    client: api.client('default-scheduler', { shared: true }),
    clock,
    random: () => 0,
    ...opts,
  });

  const pod = (name: string, namespace = 'default') => api.get('pods', name, { namespace });
  const addNode = (node: Node) => api.create('nodes', node);
  const addPod = (p: Pod) => api.create('pods', p);
  const condition = async (name: string) =>
    (await pod(name)).status?.conditions?.find((c) => c.type === 'PodScheduled');
  const events = async (name: string): Promise<Event[]> =>
    (
      await api.list('events', {
        namespace: 'default',
        fieldSelector: `involvedObject.name=${name}`,
      })
    ).items;
  /** Advances the virtual clock and lets what that sets off finish. */
  const advance = async (ms: number) => {
    clock.advance(ms);
    await settle();
  };
  return { api, clock, scheduler, pod, addNode, addPod, condition, events, advance };
}

export async function startScheduler(
  opts: Partial<SchedulerOptions> = {},
  server: Parameters<typeof makeServer>[0] = {},
) {
  const s = setupScheduler(opts, server);
  await s.scheduler.start();
  return s;
}

/** A node with the given allocatable (and capacity). */
export function nodeWith(
  name: string,
  allocatable: Record<string, string>,
  extra: Partial<Node> = {},
) {
  const base = makeNode(name, extra);
  const all = { ...base.status!.allocatable, ...allocatable };
  return { ...base, status: { ...base.status, allocatable: all, capacity: all } };
}

/** A pod whose one container requests (and is limited to) the given resources. */
export function podRequesting(
  name: string,
  requests: Record<string, string>,
  extra: Partial<Pod> = {},
) {
  return makePod(name, {
    ...extra,
    spec: {
      containers: [{ name: 'app', image: 'hello:v1', resources: { requests } }],
      ...extra.spec,
    },
  });
}
