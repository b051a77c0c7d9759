/**
 * The cluster's objects as `kubectl get` shows them: one tab per resource, each a live table whose
 * cells come from the same printers as the terminal's kubectl (so READY, STATUS, RESTARTS and AGE
 * read exactly as kubectl prints them). Clicking a pod (or Enter on its row) selects it.
 */
import { useState, type KeyboardEvent } from 'react';
import { cellText, toTable } from '../../src/kubectl/printers/index.ts';
import type { ObjectOf, ResourceName } from '../../src/kube/types.ts';
import { useClockNow, useObjects, usePlayground, useSelection } from '../playground/context.tsx';

interface Tab {
  resource: ResourceName;
  label: string;
  /** Columns shown, by kubectl's header names; all default columns when absent. */
  columns?: string[];
  wide?: boolean;
}

const TABS: Tab[] = [
  {
    resource: 'pods',
    label: 'Pods',
    columns: ['Name', 'Ready', 'Status', 'Restarts', 'Age', 'Node'],
    wide: true,
  },
  { resource: 'nodes', label: 'Nodes' },
  { resource: 'configmaps', label: 'ConfigMaps' },
  { resource: 'secrets', label: 'Secrets' },
  { resource: 'events', label: 'Events' },
];

export function ObjectsPanel() {
  const [tab, setTab] = useState<ResourceName>('pods');
  const current = TABS.find((t) => t.resource === tab)!;
  return (
    <section className="objects" aria-label="Cluster objects">
      <div role="tablist" aria-label="Resources" className="tabs">
        {TABS.map((t) => (
          <button
            key={t.resource}
            role="tab"
            type="button"
            id={`tab-${t.resource}`}
            aria-selected={t.resource === tab}
            aria-controls={`panel-${t.resource}`}
            onClick={() => setTab(t.resource)}
          >
            {t.label}
          </button>
        ))}
      </div>
      <div
        role="tabpanel"
        id={`panel-${tab}`}
        aria-labelledby={`tab-${tab}`}
        className="table-wrap"
      >
        <ObjectTable key={tab} tab={current} />
      </div>
    </section>
  );
}

function ObjectTable({ tab }: { tab: Tab }) {
  const objects = useObjects(tab.resource) as ObjectOf<ResourceName>[];
  const tick = useClockNow(1000);
  const { clock } = usePlayground();
  // Read the clock at every render (the objects changed): at x100 a status written since the last tick
  // would otherwise be in the table's future ("<invalid> ago"), which kubectl never prints.
  const now = Math.max(tick, clock.now());
  const selection = useSelection();
  const table = toTable(tab.resource, objects, { now, wide: tab.wide ?? false });
  const headers = table.columnDefinitions.map((c) => c.name);
  const keep = tab.columns
    ? tab.columns.map((name) => headers.indexOf(name)).filter((i) => i >= 0)
    : table.columnDefinitions.flatMap((c, i) => (c.priority === 0 ? [i] : []));
  const isPods = tab.resource === 'pods';
  const namespaced = tab.resource !== 'nodes';

  if (objects.length === 0) {
    return (
      <p className="empty">
        No resources found{namespaced ? ' in default namespace' : ''}.
        {isPods ? ' Apply a manifest to create a pod.' : ''}
      </p>
    );
  }
  return (
    <table aria-label={tab.label}>
      <thead>
        <tr>
          {keep.map((i) => (
            <th key={i} scope="col">
              {headers[i]!.toUpperCase()}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {table.rows.map((row, r) => {
          const meta = (
            row.object as { metadata?: { name?: string; namespace?: string } } | undefined
          )?.metadata;
          const ns = meta?.namespace ?? 'default';
          const name = meta?.name ?? String(row.cells[0]);
          const selected =
            isPods && selection.pod?.namespace === ns && selection.pod?.name === name;
          const select = () => isPods && selection.selectPod(ns, name);
          const onKey = (e: KeyboardEvent) => {
            if (e.key === 'Enter' || e.key === ' ') {
              e.preventDefault();
              select();
            }
          };
          return (
            <tr
              key={`${ns}/${name}/${r}`}
              className={selected ? 'selected' : undefined}
              aria-selected={isPods ? selected : undefined}
              tabIndex={isPods ? 0 : undefined}
              onClick={select}
              onKeyDown={isPods ? onKey : undefined}
            >
              {keep.map((i) => (
                <td key={i}>{cellText(row.cells[i] ?? null)}</td>
              ))}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
