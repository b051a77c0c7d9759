import { describe, expect, it } from 'vitest';
import { formatMicroTime, formatTime } from '../../kube/time.ts';
import type { Event, Node, ResourceName } from '../../kube/types.ts';
import { toTable } from './table.ts';
import { makePrinterFixtures } from './testing/fixtures.ts';

const base = Date.UTC(2026, 10, 23, 12, 0, 0);
const now = base + 500;
const fx = makePrinterFixtures(base);
const t = (ms: number) => formatTime(base - ms);

describe('toTable', () => {
  it('answers as the API server does: meta.k8s.io/v1 Table, columns, rows with PartialObjectMetadata', () => {
    const running = fx.pods.find((p) => p.metadata?.name === 'running')!;
    const table = toTable('pods', [running], { now, resourceVersion: '42' });
    expect(table.kind).toBe('Table');
    expect(table.apiVersion).toBe('meta.k8s.io/v1');
    expect(table.metadata).toEqual({ resourceVersion: '42' });
    expect(table.columnDefinitions.map((c) => [c.name, c.type, c.format, c.priority])).toEqual([
      ['Name', 'string', 'name', 0],
      ['Ready', 'string', '', 0],
      ['Status', 'string', '', 0],
      ['Restarts', 'string', '', 0],
      ['Age', 'string', '', 0],
      ['IP', 'string', '', 1],
      ['Node', 'string', '', 1],
      ['Nominated Node', 'string', '', 1],
      ['Readiness Gates', 'string', '', 1],
    ]);
    expect(table.columnDefinitions[1]!.description).toBe(
      'The aggregate readiness state of this pod for accepting traffic.',
    );
    expect(table.rows).toEqual([
      {
        cells: [
          'running',
          '1/1',
          'Running',
          '0',
          '25m',
          '10.244.0.7',
          'node-1',
          '<none>',
          '<none>',
        ],
        object: {
          kind: 'PartialObjectMetadata',
          apiVersion: 'meta.k8s.io/v1',
          metadata: running.metadata,
        },
      },
    ]);
  });

  it('carries the full object with includeObject=Object and none with None', () => {
    const cm = fx.configmaps[0]!;
    const { apiVersion: _a, kind: _k, ...bare } = cm;
    expect(toTable('configmaps', [bare], { now, includeObject: 'Object' }).rows[0]!.object).toEqual(
      cm,
    );
    expect(toTable('configmaps', [cm], { now, includeObject: 'None' }).rows[0]).not.toHaveProperty(
      'object',
    );
  });

  it('leaves the column definitions out with noHeaders (watch events after the first)', () => {
    expect(toTable('nodes', fx.nodes, { now, noHeaders: true }).columnDefinitions).toEqual([]);
  });

  it('drops priority-1 columns and cells when not wide', () => {
    const table = toTable('events', fx.events.slice(0, 1), { now, wide: false });
    expect(table.columnDefinitions.map((c) => c.name)).toEqual([
      'Last Seen',
      'Type',
      'Reason',
      'Object',
      'Message',
    ]);
    expect(table.rows[0]!.cells).toEqual([
      '17m',
      'Normal',
      'Scheduled',
      'pod/web',
      'Successfully assigned default/web to node-1',
    ]);
  });

  it('prints node status, roles, version and the wide addresses and system info', () => {
    const cells = toTable('nodes', fx.nodes, { now }).rows.map((r) => r.cells);
    expect(cells).toEqual([
      [
        'node-1',
        'Ready',
        'control-plane,wasm',
        '3d',
        'v1.33.0',
        '10.0.0.11',
        '<none>',
        'Kubelet Playground (WASI)',
        'wasi-preview1',
        'wasi://0.4.2',
      ],
      // Ready: Unknown reads NotReady; unschedulable adds SchedulingDisabled; empty node info is <unknown>.
      [
        'node-2',
        'NotReady,SchedulingDisabled',
        'edge',
        '2d',
        'v1.32.4',
        '10.0.0.12',
        '203.0.113.12',
        '<unknown>',
        '<unknown>',
        '<unknown>',
      ],
    ]);
  });

  it('reads node status from the Ready condition only, Unknown without one', () => {
    const node = (conditions: Node['status']) =>
      toTable('nodes', [{ metadata: { name: 'n' }, status: conditions }], { now });
    expect(
      node({ conditions: [{ type: 'MemoryPressure', status: 'True' }] }).rows[0]!.cells[1],
    ).toBe('Unknown');
    expect(node({ conditions: [{ type: 'Ready', status: 'False' }] }).rows[0]!.cells[1]).toBe(
      'NotReady',
    );
    expect(node({}).rows[0]!.cells[2]).toBe('<none>');
  });

  describe('events', () => {
    const ev = (e: Partial<Event>): Event => ({
      metadata: { name: 'e1', namespace: 'default' },
      involvedObject: { kind: 'Pod', name: 'web' },
      ...e,
    });
    const cells = (e: Partial<Event>) => toTable('events', [ev(e)], { now }).rows[0]!.cells;

    it('shows lastTimestamp, firstTimestamp and count', () => {
      expect(
        cells({
          firstTimestamp: t(600_000),
          lastTimestamp: t(30_000),
          count: 4,
          type: 'Warning',
          reason: 'BackOff',
        }),
      ).toEqual(['30s', 'Warning', 'BackOff', 'pod/web', '', '', '', '10m', 4, 'e1']);
    });

    it('falls back to eventTime for events.k8s.io singletons, with count 1', () => {
      expect(cells({ eventTime: formatMicroTime(base - 90_000) })).toEqual([
        '90s',
        '',
        '',
        'pod/web',
        '',
        '',
        '',
        '90s',
        1,
        'e1',
      ]);
    });

    it('takes LAST SEEN and COUNT from a series', () => {
      const c = cells({
        eventTime: formatMicroTime(base - 600_000),
        series: { count: 7, lastObservedTime: formatMicroTime(base - 5000) },
      });
      expect([c[0], c[7], c[8]]).toEqual(['5s', '10m', 7]);
    });

    it('prints <unknown> when an event has no time at all', () => {
      expect(cells({})[0]).toBe('<unknown>');
    });

    it('names the object kind/name, or the kind alone, and joins source component and host', () => {
      const c = cells({
        involvedObject: { kind: 'Node' },
        source: { component: 'kubelet', host: 'node-1' },
        message: '  hi \n',
      });
      expect([c[3], c[5], c[6]]).toEqual(['node', 'kubelet, node-1', 'hi']);
      expect(cells({ reportingComponent: 'sched', reportingInstance: 'sched-1' })[5]).toBe(
        'sched, sched-1',
      );
    });
  });

  it.each([
    [
      'configmaps',
      [
        {
          metadata: { name: 'c', creationTimestamp: t(60_000) },
          data: { a: '1' },
          binaryData: { b: 'AA==' },
        },
      ],
      ['c', 2, '60s'],
    ],
    [
      'secrets',
      [
        {
          metadata: { name: 's', creationTimestamp: t(60_000) },
          type: 'Opaque',
          data: { a: 'MQ==' },
        },
      ],
      ['s', 'Opaque', 1, '60s'],
    ],
    [
      'serviceaccounts',
      [{ metadata: { name: 'sa', creationTimestamp: t(60_000) }, secrets: [{ name: 'x' }] }],
      ['sa', 1, '60s'],
    ],
    [
      'namespaces',
      [{ metadata: { name: 'ns', creationTimestamp: t(60_000) }, status: { phase: 'Active' } }],
      ['ns', 'Active', '60s'],
    ],
    [
      'leases',
      [
        {
          metadata: { name: 'l', creationTimestamp: t(60_000) },
          spec: { holderIdentity: 'node-1' },
        },
      ],
      ['l', 'node-1', '60s'],
    ],
    [
      'leases',
      [{ metadata: { name: 'l', creationTimestamp: t(60_000) }, spec: {} }],
      ['l', '', '60s'],
    ],
  ] as const)('%s rows', (resource, objects, expected) => {
    expect(toTable(resource as ResourceName, objects as never, { now }).rows[0]!.cells).toEqual(
      expected,
    );
  });

  it('rejects an unknown resource, a bad clock and a non-object, naming them', () => {
    expect(() => toTable('deployments' as ResourceName, [], { now })).toThrow(
      'toTable: no table printer for resource "deployments"',
    );
    expect(() => toTable('pods', [], { now: Number.NaN })).toThrow(
      'toTable: now must be a time in ms, got NaN',
    );
    expect(() => toTable('pods', [null as never], { now })).toThrow(
      'toTable: pods[0] is not an object',
    );
  });
});
