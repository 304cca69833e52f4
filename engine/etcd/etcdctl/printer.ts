// Mirrors etcd etcdctl/ctlv3/command/printer.go, printer_simple.go and printer_table.go: how
// responses are written in the simple, json and table formats.
import { fromBase64 } from '../server/gateway-codec.js';
import type { Json } from '../server/gateway-codec.js';

/** printKV writes a key line then a value line, as etcdctl's simple printer does. */
export function printKV(out: (s: string) => void, kv: Json, valueOnly = false): void {
  if (!valueOnly) out(fromBase64(kv.key) + '\n');
  out(fromBase64(kv.value) + '\n');
}

/**
 * toGoJson writes gateway JSON the way etcdctl's json printer (Go's encoding/json on the proto
 * structs) does: int64 fields as bare numbers — uint64 ids stay exact because they are copied as text.
 */
export function toGoJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(toGoJson).join(',')}]`;
  if (v && typeof v === 'object') {
    const parts = Object.entries(v as Json).map(([k, x]) => `${JSON.stringify(k)}:${numericKeys.has(k) && typeof x === 'string' && /^-?\d+$/.test(x) ? x : toGoJson(x)}`);
    return `{${parts.join(',')}}`;
  }
  return JSON.stringify(v);
}

const numericKeys = new Set([
  'cluster_id', 'member_id', 'revision', 'raft_term', 'create_revision', 'mod_revision', 'version', 'lease', 'count',
  'deleted', 'ID', 'TTL', 'grantedTTL', 'dbSize', 'leader', 'raftIndex', 'raftTerm', 'raftAppliedIndex', 'dbSizeInUse',
  'compact_revision', 'watch_id', 'remaining_bytes',
]);

/** humanizeBytes mirrors go-humanize's Bytes (SI units; "%.0f" rounds half to even like Go). */
export function humanizeBytes(n: number): string {
  if (n < 10) return `${n} B`;
  const units = ['B', 'kB', 'MB', 'GB', 'TB', 'PB', 'EB'];
  const e = Math.floor(Math.log(n) / Math.log(1000));
  const val = Math.floor((n / Math.pow(1000, e)) * 10 + 0.5) / 10;
  return val < 10 ? `${val.toFixed(1)} ${units[e]}` : `${roundHalfEven(val)} ${units[e]}`;
}

function roundHalfEven(x: number): number {
  const f = Math.floor(x);
  const diff = x - f;
  if (diff > 0.5) return f + 1;
  if (diff < 0.5) return f;
  return f % 2 === 0 ? f : f + 1;
}

/**
 * renderTable draws an olekukonko/tablewriter table as etcdctl configures it: upper-case headers
 * centred, cells right-aligned, one space of padding.
 */
export function renderTable(header: string[], rows: string[][]): string {
  const titles = header.map((h) => h.toUpperCase());
  const widths = titles.map((t, i) => Math.max(t.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = '+' + widths.map((w) => '-'.repeat(w + 2)).join('+') + '+\n';
  const center = (s: string, w: number) => {
    const gap = w - s.length;
    const left = Math.floor(gap / 2);
    return ' '.repeat(left) + s + ' '.repeat(gap - left);
  };
  let out = line;
  out += '|' + titles.map((t, i) => ` ${center(t, widths[i]!)} `).join('|') + '|\n';
  out += line;
  for (const r of rows) out += '|' + widths.map((w, i) => ` ${(r[i] ?? '').padStart(w)} `).join('|') + '|\n';
  out += line;
  return out;
}
