/**
 * The cluster's objects as `kubectl get` shows them: one tab per resource, each a live table whose
 * cells come from the same printers as the terminal's kubectl (so READY, STATUS, RESTARTS and AGE
 * read exactly as kubectl prints them). Clicking a pod (or Enter on its row) selects it.
 */
import { useLayoutEffect, useState, type KeyboardEvent } from 'react';
import { cellText, toTable } from '../../src/kubectl/printers/index.ts';
import type { ObjectOf, ResourceName } from '../../src/kube/types.ts';
import { useClockNow, useObjects, usePlayground, useSelection } from '../playground/context.tsx';
import { PhaseTally } from './phaseTally.ts';

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

/** Above this many rows only those in view are in the page (a burst of 1,000 pods stays smooth). */
export const WINDOW_FROM_ROWS = 150;
const OVERSCAN_ROWS = 10;

/** The rows in view of the scrolling `.table-wrap` around `table`: [first, end). */
function useRowWindow(
  table: HTMLTableElement | null,
  count: number,
): { first: number; end: number; rowHeight: number } {
  const [view, setView] = useState({ top: 0, height: 600, rowHeight: 24 });
  useLayoutEffect(() => {
    const scroller = table?.closest('.table-wrap');
    if (!table || !(scroller instanceof HTMLElement)) return;
    const measure = () => {
      const row = table.tBodies[0]?.querySelector<HTMLElement>('tr[data-row]');
      const rowHeight = row?.getBoundingClientRect().height || 24;
      const top = Math.max(0, scroller.scrollTop - (table.tHead?.offsetHeight ?? 0));
      setView((v) =>
        v.top === top && v.height === scroller.clientHeight && v.rowHeight === rowHeight
          ? v
          : { top, height: scroller.clientHeight, rowHeight },
      );
    };
    measure();
    scroller.addEventListener('scroll', measure, { passive: true });
    const resize = new ResizeObserver(measure);
    resize.observe(scroller);
    return () => {
      scroller.removeEventListener('scroll', measure);
      resize.disconnect();
    };
    // Measured when the table appears, scrolls or resizes: not on every change of its rows,
    // which would force a layout per frame of a burst.
  }, [table]);
  if (count <= WINDOW_FROM_ROWS) return { first: 0, end: count, rowHeight: view.rowHeight };
  const first = Math.max(0, Math.floor(view.top / view.rowHeight) - OVERSCAN_ROWS);
  const end = Math.min(count, Math.ceil((view.top + view.height) / view.rowHeight) + OVERSCAN_ROWS);
  return { first, end, rowHeight: view.rowHeight };
}

function ObjectTable({ tab }: { tab: Tab }) {
  const objects = useObjects(tab.resource) as ObjectOf<ResourceName>[];
  const tick = useClockNow(1000);
  const { clock } = usePlayground();
  // Read the clock at every render (the objects changed): at x100 a status written since the last tick
  // would otherwise be in the table's future ("<invalid> ago"), which kubectl never prints.
  const now = Math.max(tick, clock.now());
  const selection = useSelection();
  const [tally] = useState(() => new PhaseTally());
  const [tableEl, setTableEl] = useState<HTMLTableElement | null>(null);
  const { first, end, rowHeight } = useRowWindow(tableEl, objects.length);
  const windowed = objects.length > WINDOW_FROM_ROWS;
  // Only the rows in view are printed: the printer's work follows the window, not the cluster.
  const table = toTable(tab.resource, windowed ? objects.slice(first, end) : objects, {
    now,
    wide: tab.wide ?? false,
  });
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
  const spacer = (rows: number, key: string) =>
    rows > 0 ? (
      <tr key={key} aria-hidden="true" className="spacer" style={{ height: rows * rowHeight }} />
    ) : null;
  return (
    <>
      <table ref={setTableEl} aria-label={tab.label} aria-rowcount={objects.length + 1}>
        <thead>
          <tr aria-rowindex={1}>
            {keep.map((i) => (
              <th key={i} scope="col">
                {headers[i]!.toUpperCase()}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {windowed && spacer(first, 'before')}
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
                key={`${ns}/${name}/${first + r}`}
                data-row=""
                aria-rowindex={first + r + 2}
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
          {windowed && spacer(objects.length - end, 'after')}
        </tbody>
      </table>
      {windowed && isPods && (
        <p className="table-summary" role="status" aria-label="Pods summary">
          {tally.summary(objects)}
        </p>
      )}
    </>
  );
}
