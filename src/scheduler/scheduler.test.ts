import { passthroughAdmission } from '../fake-apiserver/admission.ts';
import { describe, expect, it } from 'vitest';
import type { NodeSelectorTerm } from 'kubernetes-types/core/v1';
import { formatMicroTime, formatTime } from '../kube/time.ts';
import {
  makeNode,
  makePod,
  nodeWith,
  podRequesting,
  settle,
  setupScheduler,
  startScheduler,
} from './testing/harness.ts';

const NOT_HELPFUL = (n: number) =>
  `preemption: 0/${n} nodes are available: ${n} Preemption is not helpful for scheduling.`;
const NO_VICTIMS = (n: number) =>
  `preemption: 0/${n} nodes are available: ${n} No preemption victims found for incoming pod.`;
const wasmTaint = {
  key: 'kubernetes.io/arch',
  value: 'wasm32-wasi',
  effect: 'NoSchedule' as const,
};

describe('binding', () => {
  it('binds a pending pod and records Scheduled from default-scheduler', async () => {
    const s = await startScheduler();
    await s.addNode(makeNode('node1'));
    const created = await s.addPod(makePod('web'));
    await settle();
    const pod = await s.pod('web');
    expect(pod.spec?.nodeName).toBe('node1');
    expect(await s.condition('web')).toMatchObject({ status: 'True' });
    const [event] = await s.events('web');
    // Written through the events.k8s.io API, as kube-scheduler does: no source, no count.
    expect(event).toMatchObject({
      type: 'Normal',
      reason: 'Scheduled',
      message: 'Successfully assigned default/web to node1',
      source: {},
      firstTimestamp: null,
      lastTimestamp: null,
      eventTime: formatMicroTime(s.clock.now()),
      action: 'Binding',
      reportingComponent: 'default-scheduler',
      reportingInstance: 'default-scheduler-playground-control-plane',
      involvedObject: {
        kind: 'Pod',
        namespace: 'default',
        name: 'web',
        uid: created.metadata?.uid,
        apiVersion: 'v1',
      },
    });
  });

  it('leaves pods that name a node, or another scheduler, alone', async () => {
    const s = await startScheduler();
    await s.addNode(makeNode('node1'));
    await s.addNode(makeNode('node2'));
    await s.addPod(
      makePod('pinned', {
        spec: { containers: [{ name: 'app', image: 'hello:v1' }], nodeName: 'node2' },
      }),
    );
    await s.addPod(
      makePod('theirs', {
        spec: { containers: [{ name: 'app', image: 'hello:v1' }], schedulerName: 'my-scheduler' },
      }),
    );
    await settle();
    expect((await s.pod('pinned')).spec?.nodeName).toBe('node2');
    expect((await s.pod('theirs')).spec?.nodeName).toBeUndefined();
    expect(await s.events('pinned')).toEqual([]);
    expect(await s.events('theirs')).toEqual([]);
  });

  it('schedules for the name it was given', async () => {
    const s = await startScheduler({ schedulerName: 'my-scheduler' });
    await s.addNode(makeNode('node1'));
    await s.addPod(
      makePod('theirs', {
        spec: { containers: [{ name: 'app', image: 'hello:v1' }], schedulerName: 'my-scheduler' },
      }),
    );
    await s.addPod(makePod('default'));
    await settle();
    expect((await s.pod('theirs')).spec?.nodeName).toBe('node1');
    expect((await s.pod('default')).spec?.nodeName).toBeUndefined();
    expect((await s.events('theirs'))[0]?.reportingComponent).toBe('my-scheduler');
  });

  it('reports a failed binding as a SchedulerError and tries again after the backoff', async () => {
    const s = await startScheduler();
    await s.addNode(makeNode('node1'));
    s.api.faults.inject({
      verb: 'create',
      resource: 'pods',
      subresource: 'binding',
      times: 1,
      status: {
        kind: 'Status',
        apiVersion: 'v1',
        status: 'Failure',
        message: 'etcdserver: request timed out',
        reason: 'InternalError',
        code: 500,
      },
    });
    await s.addPod(makePod('web'));
    await settle();
    expect(await s.condition('web')).toMatchObject({
      status: 'False',
      reason: 'SchedulerError',
      message: 'running Bind plugin "DefaultBinder": etcdserver: request timed out',
    });
    expect((await s.pod('web')).spec?.nodeName).toBeUndefined();
    await s.advance(1000);
    expect((await s.pod('web')).spec?.nodeName).toBe('node1');
  });

  it('skips a pod that is being deleted', async () => {
    const s = setupScheduler();
    await s.addNode(makeNode('node1'));
    await s.addPod(makePod('web', { metadata: { finalizers: ['example.com/hold'] } }));
    await s.api.delete('pods', 'web', { namespace: 'default' });
    await s.scheduler.start();
    await settle();
    expect((await s.pod('web')).spec?.nodeName).toBeUndefined();
    expect((await s.events('web')).map((e) => e.message)).toEqual([
      'skip schedule deleting pod: default/web',
    ]);
  });
});

describe('filters and their messages', () => {
  it('rejects a node whose taint the pod does not tolerate', async () => {
    const s = await startScheduler();
    await s.addNode(makeNode('wasm', { spec: { taints: [wasmTaint] } }));
    await s.addPod(makePod('web'));
    await settle();
    const message = `0/1 nodes are available: 1 node(s) had untolerated taint {kubernetes.io/arch: wasm32-wasi}. ${NOT_HELPFUL(1)}`;
    expect(await s.condition('web')).toMatchObject({
      type: 'PodScheduled',
      status: 'False',
      reason: 'Unschedulable',
      message,
      lastTransitionTime: formatTime(s.clock.now()),
    });
    expect(await s.events('web')).toMatchObject([
      { type: 'Warning', reason: 'FailedScheduling', action: 'Scheduling', message },
    ]);
    expect((await s.events('web'))[0]?.series).toBeUndefined();
  });

  it('binds a pod that tolerates the taint, with Equal or Exists', async () => {
    const s = await startScheduler();
    await s.addNode(makeNode('wasm', { spec: { taints: [wasmTaint] } }));
    const tolerations = [
      [
        {
          key: 'kubernetes.io/arch',
          operator: 'Equal',
          value: 'wasm32-wasi',
          effect: 'NoSchedule',
        },
      ],
      [{ key: 'kubernetes.io/arch', operator: 'Exists' }],
      [{ operator: 'Exists' }],
    ];
    for (const [i, t] of tolerations.entries()) {
      await s.addPod(
        makePod(`p${i}`, {
          spec: { containers: [{ name: 'app', image: 'hello:v1' }], tolerations: t },
        }),
      );
    }
    await s.addPod(
      makePod('wrong-value', {
        spec: {
          containers: [{ name: 'app', image: 'hello:v1' }],
          tolerations: [{ key: 'kubernetes.io/arch', operator: 'Equal', value: 'wasm64' }],
        },
      }),
    );
    await settle();
    for (const i of [0, 1, 2]) expect((await s.pod(`p${i}`)).spec?.nodeName).toBe('wasm');
    expect((await s.pod('wrong-value')).spec?.nodeName).toBeUndefined();
  });

  it('treats NoExecute like NoSchedule and lets PreferNoSchedule only score', async () => {
    const s = await startScheduler();
    await s.addNode(
      makeNode('a', { spec: { taints: [{ key: 'gone', value: 'soon', effect: 'NoExecute' }] } }),
    );
    await s.addNode(
      makeNode('b', { spec: { taints: [{ key: 'meh', effect: 'PreferNoSchedule' }] } }),
    );
    await s.addNode(makeNode('c'));
    await s.addPod(makePod('web'));
    await settle();
    expect((await s.pod('web')).spec?.nodeName).toBe('c');
  });

  it('rejects nodes that do not match the nodeSelector', async () => {
    const s = await startScheduler();
    await s.addNode(makeNode('node1'));
    await s.addNode(makeNode('node2'));
    await s.addPod(
      makePod('web', {
        spec: { containers: [{ name: 'app', image: 'hello:v1' }], nodeSelector: { disk: 'ssd' } },
      }),
    );
    await settle();
    expect((await s.condition('web'))?.message).toBe(
      `0/2 nodes are available: 2 node(s) didn't match Pod's node affinity/selector. ${NOT_HELPFUL(2)}`,
    );
  });

  it('honours required node affinity, and counts nodes left out by matchFields', async () => {
    const s = await startScheduler();
    await s.addNode(makeNode('node1', { metadata: { labels: { zone: 'a' } } }));
    await s.addNode(makeNode('node2', { metadata: { labels: { zone: 'b' } } }));
    const affinity = (terms: NodeSelectorTerm[]) => ({
      nodeAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: terms },
      },
    });
    await s.addPod(
      makePod('zone-b', {
        spec: {
          containers: [{ name: 'app', image: 'hello:v1' }],
          affinity: affinity([
            { matchExpressions: [{ key: 'zone', operator: 'In', values: ['b'] }] },
          ]),
        },
      }),
    );
    await s.addPod(
      makePod('by-name', {
        spec: {
          containers: [{ name: 'app', image: 'hello:v1' }],
          affinity: affinity([
            { matchFields: [{ key: 'metadata.name', operator: 'In', values: ['node1'] }] },
          ]),
        },
      }),
    );
    await s.addPod(
      makePod('missing', {
        spec: {
          containers: [{ name: 'app', image: 'hello:v1' }],
          affinity: affinity([
            { matchFields: [{ key: 'metadata.name', operator: 'In', values: ['node9'] }] },
          ]),
        },
      }),
    );
    await s.addPod(
      makePod('conflict', {
        spec: {
          containers: [{ name: 'app', image: 'hello:v1' }],
          affinity: affinity([
            {
              matchFields: [
                { key: 'metadata.name', operator: 'In', values: ['node1'] },
                { key: 'metadata.name', operator: 'In', values: ['node2'] },
              ],
            },
          ]),
        },
      }),
    );
    await settle();
    expect((await s.pod('zone-b')).spec?.nodeName).toBe('node2');
    expect((await s.pod('by-name')).spec?.nodeName).toBe('node1');
    expect((await s.condition('missing'))?.message).toBe(
      `0/2 nodes are available: 2 node(s) didn't satisfy plugin(s) [NodeAffinity]. ${NOT_HELPFUL(2)}`,
    );
    expect((await s.condition('conflict'))?.message).toBe(
      `0/2 nodes are available: pod affinity terms conflict. ${NOT_HELPFUL(2)}`,
    );
  });

  it('prefers nodes by preferred affinity weight', async () => {
    const s = await startScheduler();
    await s.addNode(makeNode('node1'));
    await s.addNode(makeNode('node2', { metadata: { labels: { gpu: 'yes' } } }));
    await s.addPod(
      makePod('web', {
        spec: {
          containers: [{ name: 'app', image: 'hello:v1' }],
          affinity: {
            nodeAffinity: {
              preferredDuringSchedulingIgnoredDuringExecution: [
                {
                  weight: 10,
                  preference: { matchExpressions: [{ key: 'gpu', operator: 'Exists' }] },
                },
              ],
            },
          },
        },
      }),
    );
    await settle();
    expect((await s.pod('web')).spec?.nodeName).toBe('node2');
  });

  it('rejects a cordoned node unless the pod tolerates node.kubernetes.io/unschedulable', async () => {
    const s = await startScheduler();
    await s.addNode(makeNode('node1', { spec: { unschedulable: true } }));
    await s.addPod(makePod('web'));
    await s.addPod(
      makePod('tolerant', {
        spec: {
          containers: [{ name: 'app', image: 'hello:v1' }],
          tolerations: [
            { key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' },
          ],
        },
      }),
    );
    await settle();
    expect((await s.condition('web'))?.message).toBe(
      `0/1 nodes are available: 1 node(s) were unschedulable. ${NOT_HELPFUL(1)}`,
    );
    expect((await s.pod('tolerant')).spec?.nodeName).toBe('node1');
  });

  it('reads a node that is not Ready as tainted not-ready, or unreachable when Unknown', async () => {
    const s = await startScheduler();
    const readyAs = (status: string) => ({
      conditions: [{ type: 'Ready', status, reason: 'KubeletNotReady', message: 'not ready' }],
    });
    await s.addNode(makeNode('down', { status: readyAs('False') }));
    await s.addNode(makeNode('lost', { status: readyAs('Unknown') }));
    await s.addPod(makePod('web'));
    // The default tolerations (NoExecute, 300 s) do not help against the NoSchedule taint.
    await s.addPod(
      makePod('defaulted', {
        spec: {
          containers: [{ name: 'app', image: 'hello:v1' }],
          tolerations: [
            {
              key: 'node.kubernetes.io/not-ready',
              operator: 'Exists',
              effect: 'NoExecute',
              tolerationSeconds: 300,
            },
          ],
        },
      }),
    );
    await settle();
    const message =
      '0/2 nodes are available: 1 node(s) had untolerated taint {node.kubernetes.io/not-ready: }, ' +
      `1 node(s) had untolerated taint {node.kubernetes.io/unreachable: }. ${NOT_HELPFUL(2)}`;
    expect((await s.condition('web'))?.message).toBe(message);
    expect((await s.condition('defaulted'))?.message).toBe(message);
  });

  it('counts reasons per node, sorted as strings, and explains preemption per node', async () => {
    const s = await startScheduler();
    await s.addNode(
      makeNode('a', { spec: { taints: [{ key: 'k', value: 'v', effect: 'NoSchedule' }] } }),
    );
    await s.addNode(makeNode('b', { spec: { unschedulable: true } }));
    await s.addNode(nodeWith('c', { cpu: '1' }));
    await s.addPod(podRequesting('web', { cpu: '2' }));
    await settle();
    expect((await s.condition('web'))?.message).toBe(
      '0/3 nodes are available: 1 Insufficient cpu, 1 node(s) had untolerated taint {k: v}, ' +
        '1 node(s) were unschedulable. preemption: 0/3 nodes are available: ' +
        '1 No preemption victims found for incoming pod, 2 Preemption is not helpful for scheduling.',
    );
  });

  it('says so when preemption is off for the pod', async () => {
    // A real cluster sets preemptionPolicy Never through a PriorityClass, which the playground
    // does not serve (admission refuses it written in the spec); store the pod as it would be.
    const s = await startScheduler({}, { admission: passthroughAdmission });
    await s.addNode(nodeWith('node1', { cpu: '1' }));
    const pod = podRequesting('web', { cpu: '2' });
    await s.addPod({ ...pod, spec: { ...pod.spec!, preemptionPolicy: 'Never' } });
    await settle();
    expect((await s.condition('web'))?.message).toBe(
      '0/1 nodes are available: 1 Insufficient cpu. preemption: not eligible due to preemptionPolicy=Never.',
    );
  });

  it('says no nodes are available when there are none', async () => {
    const s = await startScheduler();
    await s.addPod(makePod('web'));
    await settle();
    expect(await s.condition('web')).toMatchObject({
      status: 'False',
      reason: 'Unschedulable',
      message: 'no nodes available to schedule pods',
    });
  });
});

describe('capacity', () => {
  it('stops at the node’s allocatable pods: Too many pods', async () => {
    const s = await startScheduler();
    await s.addNode(nodeWith('node1', { pods: '2' }));
    for (const name of ['a', 'b', 'c']) await s.addPod(makePod(name));
    await settle();
    expect((await s.pod('a')).spec?.nodeName).toBe('node1');
    expect((await s.pod('b')).spec?.nodeName).toBe('node1');
    expect((await s.condition('c'))?.message).toBe(
      `0/1 nodes are available: 1 Too many pods. ${NO_VICTIMS(1)}`,
    );
  });

  it('fills 110 pods per node by default and counts only unfinished pods', async () => {
    const s = await startScheduler();
    await s.addNode(makeNode('node1'));
    for (let i = 0; i < 111; i++) await s.addPod(makePod(`p${i}`));
    await settle();
    const pods = (await s.api.list('pods', { namespace: 'default' })).items;
    expect(pods.filter((p) => p.spec?.nodeName === 'node1')).toHaveLength(110);
    const [left] = pods.filter((p) => !p.spec?.nodeName);
    // A pod that finishes leaves room (the watch drops Succeeded and Failed pods).
    const done = pods.find((p) => p.spec?.nodeName)!;
    await s.api.patch(
      'pods',
      done.metadata!.name!,
      'merge',
      { status: { phase: 'Succeeded' } },
      {
        namespace: 'default',
        subresource: 'status',
      },
    );
    await settle();
    expect((await s.pod(left!.metadata!.name!)).spec?.nodeName).toBe('node1');
  });

  it('adds up cpu and memory requests (limits standing in for missing requests)', async () => {
    const s = await startScheduler();
    await s.addNode(nodeWith('node1', { cpu: '2', memory: '1Gi' }));
    await s.addPod(podRequesting('a', { cpu: '1500m', memory: '256Mi' }));
    await s.addPod(
      makePod('b', {
        spec: {
          containers: [
            { name: 'app', image: 'x', resources: { limits: { cpu: '500m', memory: '512Mi' } } },
          ],
        },
      }),
    );
    await s.addPod(podRequesting('c', { cpu: '1m' }));
    await s.addPod(podRequesting('d', { cpu: '1', memory: '1Gi' }));
    await s.addPod(podRequesting('e', { memory: '300Mi' }));
    await settle();
    expect((await s.pod('a')).spec?.nodeName).toBe('node1');
    expect((await s.pod('b')).spec?.nodeName).toBe('node1');
    expect((await s.condition('c'))?.message).toBe(
      `0/1 nodes are available: 1 Insufficient cpu. ${NO_VICTIMS(1)}`,
    );
    expect((await s.condition('d'))?.message).toBe(
      `0/1 nodes are available: 1 Insufficient cpu, 1 Insufficient memory. ${NO_VICTIMS(1)}`,
    );
    expect((await s.condition('e'))?.message).toBe(
      `0/1 nodes are available: 1 Insufficient memory. ${NO_VICTIMS(1)}`,
    );
  });

  it('spreads pods to the least allocated node, ties going to the first name', async () => {
    const s = await startScheduler();
    await s.addNode(nodeWith('node1', { cpu: '4' }));
    await s.addNode(nodeWith('node2', { cpu: '4' }));
    for (const name of ['a', 'b', 'c', 'd']) {
      await s.addPod(podRequesting(name, { cpu: '1', memory: '100Mi' }));
      await settle();
    }
    const nodes = await Promise.all(
      ['a', 'b', 'c', 'd'].map(async (n) => (await s.pod(n)).spec?.nodeName),
    );
    expect(nodes).toEqual(['node1', 'node2', 'node1', 'node2']);
  });
});

describe('retrying', () => {
  it('binds an unschedulable pod as soon as a node that fits appears', async () => {
    const s = await startScheduler();
    await s.addNode(makeNode('wasm', { spec: { taints: [wasmTaint] } }));
    await s.addPod(makePod('web'));
    await settle();
    expect((await s.pod('web')).spec?.nodeName).toBeUndefined();
    await s.addNode(makeNode('node2'));
    await settle();
    expect((await s.pod('web')).spec?.nodeName).toBe('node2');
    expect((await s.events('web')).map((e) => e.reason)).toEqual(['FailedScheduling', 'Scheduled']);
  });

  it('retries when a node gets the label the pod selects, or loses the taint', async () => {
    const s = await startScheduler();
    await s.addNode(makeNode('node1'));
    await s.addNode(makeNode('node2', { spec: { taints: [wasmTaint] } }));
    await s.addPod(
      makePod('ssd', {
        spec: { containers: [{ name: 'app', image: 'hello:v1' }], nodeSelector: { disk: 'ssd' } },
      }),
    );
    await settle();
    await s.api.patch('nodes', 'node1', 'merge', { metadata: { labels: { disk: 'ssd' } } });
    await settle();
    expect((await s.pod('ssd')).spec?.nodeName).toBe('node1');

    await s.api.patch('nodes', 'node1', 'merge', { spec: { unschedulable: true } });
    await s.addPod(makePod('web'));
    await settle();
    expect((await s.pod('web')).spec?.nodeName).toBeUndefined();
    await s.api.patch('nodes', 'node2', 'merge', { spec: { taints: null } });
    await settle();
    expect((await s.pod('web')).spec?.nodeName).toBe('node2');
  });

  it('retries when a node becomes Ready or is uncordoned', async () => {
    const s = await startScheduler();
    await s.addNode(
      makeNode('node1', { status: { conditions: [{ type: 'Ready', status: 'False' }] } }),
    );
    await s.addPod(makePod('web'));
    await settle();
    expect((await s.pod('web')).spec?.nodeName).toBeUndefined();
    await s.api.patch(
      'nodes',
      'node1',
      'strategic',
      { status: { conditions: [{ type: 'Ready', status: 'True' }] } },
      { subresource: 'status' },
    );
    await settle();
    expect((await s.pod('web')).spec?.nodeName).toBe('node1');
  });

  it('retries a pod that did not fit when a pod on the node goes away', async () => {
    const s = await startScheduler();
    await s.addNode(nodeWith('node1', { pods: '1' }));
    await s.addPod(makePod('first'));
    await settle();
    await s.addPod(makePod('second'));
    await settle();
    expect((await s.pod('second')).spec?.nodeName).toBeUndefined();
    await s.api.delete('pods', 'first', { namespace: 'default', gracePeriodSeconds: 0 });
    await settle();
    expect((await s.pod('second')).spec?.nodeName).toBe('node1');
  });

  it('retries a pod short of cpu when the node’s allocatable grows', async () => {
    const s = await startScheduler();
    await s.addNode(nodeWith('node1', { cpu: '1' }));
    await s.addPod(podRequesting('web', { cpu: '2' }));
    await settle();
    expect((await s.pod('web')).spec?.nodeName).toBeUndefined();
    await s.api.patch(
      'nodes',
      'node1',
      'merge',
      { status: { allocatable: { cpu: '4' } } },
      { subresource: 'status' },
    );
    await settle();
    expect((await s.pod('web')).spec?.nodeName).toBe('node1');
  });

  it('retries writing the condition when the API server has a passing failure', async () => {
    const s = await startScheduler();
    s.api.faults.inject({
      verb: 'patch',
      resource: 'pods',
      subresource: 'status',
      times: 2,
      status: {
        kind: 'Status',
        apiVersion: 'v1',
        status: 'Failure',
        reason: 'InternalError',
        code: 500,
      },
    });
    await s.addPod(makePod('web'));
    await settle();
    expect(await s.condition('web')).toBeUndefined();
    await s.advance(10); // retry.DefaultBackoff: 10 ms, then 50 ms
    expect(await s.condition('web')).toBeUndefined();
    await s.advance(50);
    expect((await s.condition('web'))?.message).toBe('no nodes available to schedule pods');
  });

  it('ignores node changes that cannot help: heartbeats, unrelated labels', async () => {
    const s = await startScheduler();
    await s.addNode(makeNode('node1', { spec: { taints: [wasmTaint] } }));
    await s.addPod(makePod('web'));
    await settle();
    const before = await s.pod('web');
    await s.api.patch(
      'nodes',
      'node1',
      'strategic',
      {
        status: {
          conditions: [{ type: 'Ready', lastHeartbeatTime: formatTime(s.clock.now() + 1) }],
        },
      },
      { subresource: 'status' },
    );
    await s.api.patch('nodes', 'node1', 'merge', { metadata: { labels: { team: 'x' } } });
    await settle();
    expect((await s.events('web'))[0]?.series).toBeUndefined();
    expect((await s.pod('web')).metadata?.resourceVersion).toBe(before.metadata?.resourceVersion);
  });

  it('tries an unschedulable pod again after 5 minutes; the same event again makes a series', async () => {
    const s = await startScheduler();
    await s.addNode(makeNode('node1', { spec: { taints: [wasmTaint] } }));
    const t0 = s.clock.now();
    await s.addPod(makePod('web'));
    await settle();
    await s.advance(300_000);
    expect(await s.events('web')).toHaveLength(1);
    await s.advance(30_000); // the 30 s flush after the pod has waited more than 5 minutes
    // tools/events keys an event by its whole regarding reference, resourceVersion included: the
    // first failure wrote PodScheduled=False, so the second attempt's pod is a new version.
    const [first, second] = await s.events('web');
    expect(first?.involvedObject?.resourceVersion).not.toBe(
      second?.involvedObject?.resourceVersion,
    );
    expect(second).toMatchObject({ eventTime: formatMicroTime(t0 + 330_000) });
    expect(second?.series).toBeUndefined();
    // The condition did not change, so it was not written again: the third attempt is the same
    // event as the second, which becomes a series, written at once.
    expect((await s.condition('web'))?.lastTransitionTime).toBe(formatTime(t0));
    await s.advance(330_000);
    const events = await s.events('web');
    expect(events).toHaveLength(2);
    expect(events[1]?.series).toEqual({
      count: 2,
      lastObservedTime: formatMicroTime(t0 + 660_000),
    });
    // The fourth only counts in memory; the series is written again when it is refreshed (every
    // 30 minutes) or ends (6 minutes without another).
    await s.advance(330_000);
    expect((await s.events('web'))[1]?.series?.count).toBe(2);
  });

  it('retries after a backoff when there were no nodes, and binds once one has appeared', async () => {
    const s = await startScheduler();
    await s.addPod(makePod('web'));
    await settle();
    await s.advance(1000);
    // Two attempts, two events: the first wrote PodScheduled=False, a new version of the pod.
    expect((await s.events('web')).map((e) => e.message)).toEqual([
      'no nodes available to schedule pods',
      'no nodes available to schedule pods',
    ]);
    await s.addNode(makeNode('node1'));
    await settle();
    // Errors wait out their backoff (2 s after the second attempt) before the next try.
    expect((await s.pod('web')).spec?.nodeName).toBeUndefined();
    await s.advance(2000);
    expect((await s.pod('web')).spec?.nodeName).toBe('node1');
  });
});

describe('scheduling gates', () => {
  it('holds a gated pod with SchedulingGated until its gates are removed', async () => {
    const s = await startScheduler();
    await s.addNode(makeNode('node1'));
    await s.addPod(
      makePod('web', {
        spec: {
          containers: [{ name: 'app', image: 'hello:v1' }],
          schedulingGates: [{ name: 'example.com/wait' }],
        },
      }),
    );
    await settle();
    expect((await s.pod('web')).spec?.nodeName).toBeUndefined();
    expect(await s.condition('web')).toMatchObject({
      status: 'False',
      reason: 'SchedulingGated',
      message: 'Scheduling is blocked due to non-empty scheduling gates',
    });
    expect(await s.events('web')).toEqual([]);
    await s.api.patch(
      'pods',
      'web',
      'merge',
      { spec: { schedulingGates: null } },
      { namespace: 'default' },
    );
    await settle();
    expect((await s.pod('web')).spec?.nodeName).toBe('node1');
    expect(await s.condition('web')).toMatchObject({ status: 'True' });
  });
});

describe('at scale', () => {
  it('binds 1,000 pods across 10 nodes', async () => {
    const s = await startScheduler();
    for (let i = 0; i < 10; i++) await s.addNode(makeNode(`node${i}`));
    for (let i = 0; i < 1000; i++) await s.addPod(makePod(`p${i}`));
    await settle();
    const pods = (await s.api.list('pods', { namespace: 'default' })).items;
    expect(pods.filter((p) => p.spec?.nodeName)).toHaveLength(1000);
    const perNode = new Map<string, number>();
    for (const p of pods) perNode.set(p.spec!.nodeName!, (perNode.get(p.spec!.nodeName!) ?? 0) + 1);
    // Best-effort pods: once every node's default requests (100m, 200Mi each) pass its
    // allocatable, all nodes score alike and ties go by name, never past 110 pods a node.
    expect([...perNode.values()].reduce((a, b) => a + b)).toBe(1000);
    expect(Math.max(...perNode.values())).toBe(110);
    const scheduled = await s.api.list('events', {
      namespace: 'default',
      fieldSelector: 'reason=Scheduled',
    });
    expect(scheduled.items).toHaveLength(1000);
  });

  it('stops scheduling when stopped', async () => {
    const s = await startScheduler();
    await s.addNode(makeNode('node1'));
    s.scheduler.stop();
    await s.addPod(makePod('web'));
    await settle();
    expect((await s.pod('web')).spec?.nodeName).toBeUndefined();
    await expect(s.scheduler.start()).rejects.toThrow('start() after stop()');
  });
});
