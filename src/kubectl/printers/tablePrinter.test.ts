import { describe, expect, it } from 'vitest';
import type { ObjectMeta } from '../../kube/types.ts';
import { createWatchPrinter, noResourcesFound, printGet, printTable } from './tablePrinter.ts';
import type { Table, TableCell, TableColumnDefinition } from './tableTypes.ts';

const col = (name: string, priority = 0, format = ''): TableColumnDefinition => ({
  name,
  type: 'string',
  format,
  description: '',
  priority,
});
const columns = [col('Name', 0, 'name'), col('Status'), col('Node', 1)];
const row = (cells: TableCell[], metadata?: ObjectMeta) => ({
  cells,
  ...(metadata
    ? { object: { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata } }
    : {}),
});
const table = (rows: Table['rows'], cols = columns): Table => ({
  kind: 'Table',
  apiVersion: 'meta.k8s.io/v1',
  metadata: {},
  columnDefinitions: cols,
  rows,
});
const pods = table([
  row(['web', 'Running', 'node-1'], {
    name: 'web',
    namespace: 'default',
    labels: { app: 'web', tier: 'fe' },
  }),
  row(['db', 'Pending', '<none>'], { name: 'db', namespace: 'prod' }),
]);

describe('printTable', () => {
  it('prints uppercase headers and aligns columns with min width 6 and padding 3', () => {
    expect(printTable(pods)).toBe('NAME   STATUS\nweb    Running\ndb     Pending\n');
  });

  it('adds priority-1 columns with wide', () => {
    expect(printTable(pods, { wide: true })).toBe(
      'NAME   STATUS    NODE\nweb    Running   node-1\ndb     Pending   <none>\n',
    );
  });

  it('prints nothing at all for a table without rows, and no header with noHeaders', () => {
    expect(printTable(table([]))).toBe('');
    expect(printTable(pods, { noHeaders: true })).toBe('web   Running\ndb    Pending\n');
  });

  it('puts a NAMESPACE column first with withNamespace (-A)', () => {
    expect(printTable(pods, { withNamespace: true })).toBe(
      'NAMESPACE   NAME   STATUS\ndefault     web    Running\nprod        db     Pending\n',
    );
  });

  it('puts LABELS last with showLabels, and one column per -L key', () => {
    expect(printTable(pods, { showLabels: true, columnLabels: ['example.com/app', 'tier'] })).toBe(
      'NAME   STATUS    APP   TIER   LABELS\nweb    Running         fe     app=web,tier=fe\ndb     Pending                <none>\n',
    );
  });

  it('prefixes names with the lower-case kind when several kinds print together', () => {
    expect(printTable(pods, { withKind: 'Lease.coordination.k8s.io' }).split('\n')[1]).toBe(
      'lease.coordination.k8s.io/web   Running',
    );
  });

  it('cuts a cell at its first line break with "...", escapes ESC, and prints other values', () => {
    const t = table(
      [row(['a\u001b[31m', 'two\nlines', 3]), row(['b\rc', true, null])],
      [col('A'), col('B'), col('C')],
    );
    // The last cell of a line is never padded, but the cells before it are, even when empty.
    expect(printTable(t)).toBe('A         B        C\na^[[31m   two...   3\nb...      true     \n');
  });

  it("pads rows without an object only partly, as kubectl's loop does", () => {
    const t = table([row(['x', 'Running'])], [col('Name', 0, 'name'), col('Status')]);
    // Two cells are missing, but kubectl's loop re-reads the growing length and adds one.
    expect(printTable(t, { withNamespace: true, showLabels: true, columnLabels: ['app'] })).toBe(
      'NAMESPACE   NAME   STATUS    APP   LABELS\n            x      Running   \n',
    );
  });
});

describe('printGet', () => {
  const nodes = table(
    [row(['node-1', 'Ready'], { name: 'node-1' })],
    [col('Name', 0, 'name'), col('Status')],
  );

  it('separates resource types with a blank line and prefixes names with the kind', () => {
    const out = printGet(
      [
        { table: pods, namespaced: true, kind: 'Pod' },
        { table: nodes, namespaced: false, kind: 'Node' },
      ],
      { namespace: 'default' },
    );
    expect(out).toEqual({
      stdout:
        'NAME      STATUS\npod/web   Running\npod/db    Pending\n\nNAME          STATUS\nnode/node-1   Ready\n',
      stderr: '',
    });
  });

  it('says "No resources found in <ns> namespace." for namespaced resources, plainly otherwise', () => {
    expect(
      printGet([{ table: table([]), namespaced: true, kind: 'Pod' }], { namespace: 'dev' }),
    ).toEqual({
      stdout: '',
      stderr: 'No resources found in dev namespace.\n',
    });
    expect(
      printGet([{ table: table([]), namespaced: false, kind: 'Node' }], { namespace: 'dev' })
        .stderr,
    ).toBe('No resources found\n');
    expect(
      printGet([{ table: table([]), namespaced: true, kind: 'Pod' }], {
        namespace: 'dev',
        allNamespaces: true,
      }).stderr,
    ).toBe('No resources found\n');
    expect(noResourcesFound('default')).toBe('No resources found in default namespace.\n');
  });

  it('adds NAMESPACE with -A only to namespaced resources', () => {
    const out = printGet([{ table: nodes, namespaced: false, kind: 'Node' }], {
      namespace: 'default',
      allNamespaces: true,
    });
    expect(out.stdout).toBe('NAME     STATUS\nnode-1   Ready\n');
  });
});

describe('createWatchPrinter', () => {
  it('prints the header once, reuses columns for events without them, and only widens columns', () => {
    const w = createWatchPrinter();
    expect(w.printInitial(table([row(['web', 'Running'], { name: 'web' })]))).toBe(
      'NAME   STATUS\nweb    Running\n',
    );
    expect(
      w.printEvent('MODIFIED', table([row(['web', 'Terminating'], { name: 'web' })], [])),
    ).toBe('web    Terminating\n');
    expect(
      w.printEvent('ADDED', table([row(['a-much-longer-name', 'Pending'], { name: 'x' })], [])),
    ).toBe('a-much-longer-name   Pending\n');
    expect(w.printEvent('DELETED', table([row(['web', 'Terminating'], { name: 'web' })], []))).toBe(
      'web                  Terminating\n',
    );
  });

  it('waits for the first row before printing the header', () => {
    const w = createWatchPrinter();
    expect(w.printInitial(table([]))).toBe('');
    expect(w.printEvent('ADDED', table([row(['web', 'Pending'], { name: 'web' })]))).toBe(
      'NAME   STATUS\nweb    Pending\n',
    );
  });

  it('adds the EVENT column with --output-watch-events', () => {
    const w = createWatchPrinter({ outputWatchEvents: true });
    // Event types are padded to 8 characters ("ADDED   "), so the column is 11 wide.
    expect(w.printInitial(table([row(['web', 'Running'], { name: 'web' })]))).toBe(
      'EVENT      NAME   STATUS\nADDED      web    Running\n',
    );
    expect(w.printEvent('DELETED', table([row(['web', 'Running'], { name: 'web' })], []))).toBe(
      'DELETED    web    Running\n',
    );
  });
});
