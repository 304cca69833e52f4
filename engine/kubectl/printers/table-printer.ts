// Mirrors k8s.io/cli-runtime/pkg/printers/tableprinter.go: prints the meta.k8s.io Table the server
// returns — upper-cased headers, priority>0 columns only with -o wide, a NAMESPACE column for
// --all-namespaces, kind-prefixed names when several kinds print, --show-labels and -L columns.
import type { Table, TableRow, ObjectMeta } from '../../apimachinery/apis/meta/v1/types.js';
import type { TabWriter } from './tabwriter.js';

export interface TablePrintOptions {
  noHeaders?: boolean;
  wide?: boolean;
  withNamespace?: boolean;
  showLabels?: boolean;
  /** withKind prefixes names with "pod/", "deployment.apps/". */
  withKind?: string;
  /** columnLabels adds one column per label key (-L). */
  columnLabels?: string[];
}

/** printTable writes a table's header (unless suppressed) and rows to a tab writer. */
export function printTable(table: Table, w: TabWriter, o: TablePrintOptions, printHeader = true): void {
  const cols = table.columnDefinitions.map((c, i) => ({ c, i })).filter(({ c }) => o.wide || c.priority === 0);
  if (printHeader && !o.noHeaders) {
    const headers: string[] = [];
    if (o.withNamespace) headers.push('NAMESPACE');
    for (const { c } of cols) headers.push(c.name.toUpperCase());
    for (const l of o.columnLabels ?? []) headers.push(labelHeader(l));
    if (o.showLabels) headers.push('LABELS');
    w.write(headers.join('\t') + '\n');
  }
  for (const row of table.rows) w.write(rowCells(table, row, cols, o).join('\t') + '\n');
}

function rowCells(table: Table, row: TableRow, cols: Array<{ c: Table['columnDefinitions'][number]; i: number }>, o: TablePrintOptions): string[] {
  const meta = rowMeta(row);
  const cells: string[] = [];
  if (o.withNamespace) cells.push(meta?.namespace ?? '');
  for (const { c, i } of cols) {
    let text = cellText(row.cells[i]);
    if (o.withKind && c.format === 'name' && text) text = `${o.withKind}/${text}`;
    cells.push(text);
  }
  void table;
  for (const l of o.columnLabels ?? []) cells.push(meta?.labels?.[l] ?? '');
  if (o.showLabels) cells.push(formatLabels(meta?.labels));
  return cells;
}

function rowMeta(row: TableRow): ObjectMeta | undefined {
  return (row.object as { metadata?: ObjectMeta } | undefined)?.metadata;
}

/** cellText prints a cell as printRows does: nil empty, strings cut at the first line break. */
export function cellText(cell: unknown): string {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'string') {
    const cut = cell.search(/[\f\n\r]/);
    return cut >= 0 ? cell.slice(0, cut) + '...' : cell;
  }
  if (typeof cell === 'object') return JSON.stringify(cell);
  return String(cell);
}

/** formatLabels prints labels sorted by key as "a=b,c=d", or "<none>". */
export function formatLabels(labels: Record<string, string> | undefined): string {
  const keys = Object.keys(labels ?? {}).sort();
  return keys.length ? keys.map((k) => `${k}=${labels![k]}`).join(',') : '<none>';
}

/** labelHeader upper-cases the last path segment of a label key, as -L headers do. */
function labelHeader(key: string): string {
  const parts = key.split('/');
  return parts[parts.length - 1]!.toUpperCase();
}
