/**
 * Client-side printing of server Tables, as `kubectl get` does it (k8s.io/cli-runtime
 * pkg/printers/tableprinter.go and kubectl pkg/cmd/get/get.go, v1.33): a tabwriter with min width 6
 * and padding 3 that remembers column widths, uppercase headers, priority-1 columns only with
 * `-o wide`, a NAMESPACE column first with `-A`, LABELS last with `--show-labels`, headers printed
 * once while watching, and "No resources found" on stderr when nothing was printed.
 */
import { deepEqual } from '../../kube/objects.ts';
import { formatLabels } from './format.ts';
import { TabWriter } from './tabwriter.ts';
import type { Table, TableCell, TableColumnDefinition, TableRow } from './tableTypes.ts';

export interface PrintOptions {
  /** `-o wide`: also print priority-1 columns. */
  wide?: boolean;
  /** `--no-headers`. */
  noHeaders?: boolean;
  /** `-A` on a namespaced resource: a NAMESPACE column first. */
  withNamespace?: boolean;
  /** `--show-labels`: a LABELS column last. */
  showLabels?: boolean;
  /** `-L key1,key2`: one column per label key, headed by the key's last path segment. */
  columnLabels?: readonly string[];
  /**
   * The resource's GroupKind ("Pod", "Lease.coordination.k8s.io") when several kinds are printed
   * together: names then read "pod/web".
   */
  withKind?: string;
}

/** kubectl's table tabwriter (cli-runtime GetNewTabWriter). */
export const newTableTabWriter = (): TabWriter =>
  new TabWriter({ minWidth: 6, tabWidth: 4, padding: 3, padChar: ' ', rememberWidths: true });

/** cli-runtime's terminal escaper: ESC and CR must not reach the terminal. */
export const escapeTerminal = (s: string): string =>
  s.replaceAll('\u001b', '^[').replaceAll('\r', '\\r');

const formattedEventType: Record<string, string> = {
  ADDED: 'ADDED   ',
  MODIFIED: 'MODIFIED',
  DELETED: 'DELETED ',
  ERROR: 'ERROR   ',
};

/** fmt.Sprint of a decoded JSON cell value. */
export function cellText(cell: TableCell | undefined): string {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'string') {
    // Truncate at the first newline, carriage return or form feed (tabwriter line breaks).
    const cut = cell.search(/[\f\n\r]/);
    return cut >= 0 ? `${escapeTerminal(cell.slice(0, cut))}...` : escapeTerminal(cell);
  }
  return escapeTerminal(String(cell));
}

function labelHeaders(columnLabels: readonly string[]): string[] {
  return columnLabels.map((l) => l.split('/').at(-1)!.toUpperCase());
}

function labelCells(labels: Record<string, string> | undefined, opts: PrintOptions): TableCell[] {
  const cells: TableCell[] = (opts.columnLabels ?? []).map((key) => labels?.[key] ?? '');
  if (opts.showLabels) cells.push(formatLabels(labels));
  return cells;
}

const column = (name: string): TableColumnDefinition => ({
  name,
  type: 'string',
  format: '',
  description: '',
  priority: 0,
});

/** decorateTable: NAMESPACE first, label columns last, "kind/" before names. Mutates `table`. */
function decorate(table: Table, opts: PrintOptions): void {
  const labelCount = opts.columnLabels?.length ?? 0;
  let width = table.columnDefinitions.length + labelCount;
  if (opts.withNamespace) width++;
  if (opts.showLabels) width++;
  let columns = table.columnDefinitions;
  const nameColumn = opts.withKind
    ? columns.findIndex((c) => c.format === 'name' && c.type === 'string')
    : -1;
  if (width !== columns.length) {
    columns = [
      ...(opts.withNamespace ? [column('Namespace')] : []),
      ...columns,
      ...labelHeaders(opts.columnLabels ?? []).map(column),
      ...(opts.showLabels ? [column('Labels')] : []),
    ];
  }
  const includeLabels = labelCount > 0 || Boolean(opts.showLabels);
  if (includeLabels || opts.withNamespace || nameColumn !== -1) {
    for (const row of table.rows) {
      if (nameColumn !== -1) {
        row.cells[nameColumn] =
          `${opts.withKind!.toLowerCase()}/${String(row.cells[nameColumn] ?? '')}`;
      }
      const meta = row.object ? (row.object.metadata ?? {}) : undefined;
      if (!meta) {
        if (opts.withNamespace) row.cells.unshift(null);
        // Go's loop re-reads len(row.Cells) as it appends; keep its arithmetic.
        for (let j = 0; j < width - row.cells.length; j++) row.cells.push(null);
        continue;
      }
      if (opts.withNamespace) row.cells.unshift(meta.namespace ?? '');
      if (includeLabels) row.cells.push(...labelCells(meta.labels, opts));
    }
  }
  table.columnDefinitions = columns;
}

/** printTable: the header (unless suppressed, or no rows) and one tab-separated line per row. */
function writeTable(table: Table, w: TabWriter, opts: PrintOptions): void {
  const shown = (c: TableColumnDefinition) => opts.wide || c.priority === 0;
  if (!opts.noHeaders) {
    if (table.rows.length === 0) return;
    w.write(
      `${table.columnDefinitions
        .filter(shown)
        .map((c) => c.name.toUpperCase())
        .join('\t')}\n`,
    );
  }
  for (const row of table.rows) {
    const cells: string[] = [];
    row.cells.forEach((cell, i) => {
      const def = table.columnDefinitions[i];
      if (def && shown(def)) cells.push(cellText(cell));
    });
    w.write(`${cells.join('\t')}\n`);
  }
}

function copyTable(table: Table): Table {
  return {
    ...table,
    columnDefinitions: table.columnDefinitions.map((c) => ({ ...c })),
    rows: table.rows.map((r): TableRow => ({ ...r, cells: [...r.cells] })),
  };
}

/**
 * kubectl's HumanReadablePrinter for Tables. It remembers the last columns it printed, so a watch
 * prints its header once and reuses columns when a watch event's Table omits them.
 */
export class HumanReadablePrinter {
  private lastColumns: TableColumnDefinition[] = [];
  private printedHeaders = false;

  constructor(private readonly opts: PrintOptions = {}) {}

  /** Writes one Table (and, with `--output-watch-events`, its event type) to the tabwriter. */
  printObj(input: Table, w: TabWriter, eventType?: string): void {
    const table = copyTable(input);
    const local: PrintOptions = { ...this.opts };
    const columns = table.columnDefinitions;
    if (this.printedHeaders && (columns.length === 0 || deepEqual(columns, this.lastColumns))) {
      local.noHeaders = true;
    }
    if (columns.length === 0) {
      table.columnDefinitions = this.lastColumns.map((c) => ({ ...c }));
    } else if (!deepEqual(columns, this.lastColumns)) {
      this.lastColumns = columns.map((c) => ({ ...c }));
      this.printedHeaders = false;
    }
    if (table.rows.length > 0) this.printedHeaders = true;
    decorate(table, local);
    if (eventType) {
      table.columnDefinitions.unshift(column('Event'));
      for (const row of table.rows) row.cells.unshift(formattedEventType[eventType] ?? eventType);
    }
    writeTable(table, w, local);
  }
}

/**
 * The text `kubectl get` prints for one Table: "" when it has no rows (the caller then prints
 * {@link noResourcesFound} to stderr).
 */
export function printTable(table: Table, opts: PrintOptions = {}): string {
  const w = newTableTabWriter();
  new HumanReadablePrinter(opts).printObj(table, w);
  w.flush();
  return w.take();
}

/** What `kubectl get` writes to stderr when it printed nothing. */
export function noResourcesFound(namespace?: string): string {
  return namespace === undefined
    ? 'No resources found\n'
    : `No resources found in ${namespace} namespace.\n`;
}

export interface GetGroup {
  table: Table;
  /** Whether the resource is namespaced (nodes and namespaces are not). */
  namespaced: boolean;
  /** GroupKind string ("Pod"), used when several kinds are printed together. */
  kind: string;
}

export interface GetPrintOptions extends Omit<PrintOptions, 'withNamespace' | 'withKind'> {
  /** The namespace `kubectl get` ran in (for "No resources found in <ns> namespace."). */
  namespace: string;
  /** `-A`. */
  allNamespaces?: boolean;
}

/**
 * `kubectl get a,b,...` with human-readable output: one block per resource type, a blank line
 * between blocks that printed something, and the "No resources found" message on stderr when
 * nothing at all was printed.
 */
export function printGet(
  groups: readonly GetGroup[],
  opts: GetPrintOptions,
): { stdout: string; stderr: string } {
  const w = newTableTabWriter();
  const multipleKinds = new Set(groups.map((g) => g.kind)).size > 1;
  let out = '';
  let separatorReady = false;
  let allNamespaced = !opts.allNamespaces;
  let lastKind: string | undefined;
  let printer: HumanReadablePrinter | undefined;
  const emit = (text: string) => {
    if (text !== '' && separatorReady) {
      out += '\n';
      separatorReady = false;
    }
    out += text;
  };
  for (const group of groups) {
    allNamespaced &&= group.namespaced;
    if (!printer || group.kind !== lastKind) {
      w.flush();
      emit(w.take());
      w.setRememberedWidths([]);
      if (lastKind !== undefined && !opts.noHeaders && out !== '') separatorReady = true;
      printer = new HumanReadablePrinter({
        ...opts,
        withNamespace: Boolean(opts.allNamespaces) && group.namespaced,
        withKind: multipleKinds ? group.kind : undefined,
      });
      lastKind = group.kind;
    }
    printer.printObj(group.table, w);
    emit(w.take());
  }
  w.flush();
  emit(w.take());
  const stderr = out === '' ? noResourcesFound(allNamespaced ? opts.namespace : undefined) : '';
  return { stdout: out, stderr };
}

/**
 * `kubectl get -w`: prints the initial Table, then one Table per watch event, flushing after each.
 * Headers appear once; column widths only grow.
 */
export function createWatchPrinter(opts: PrintOptions & { outputWatchEvents?: boolean } = {}) {
  const w = newTableTabWriter();
  const printer = new HumanReadablePrinter(opts);
  return {
    /** The text for the initial list (`eventType` is implied ADDED with --output-watch-events). */
    printInitial(table: Table): string {
      printer.printObj(table, w, opts.outputWatchEvents ? 'ADDED' : undefined);
      w.flush();
      return w.take();
    },
    /** The text for one watch event carrying a (one-row) Table. */
    printEvent(type: string, table: Table): string {
      printer.printObj(table, w, opts.outputWatchEvents ? type : undefined);
      w.flush();
      return w.take();
    },
  };
}
