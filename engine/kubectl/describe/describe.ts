// Mirrors k8s.io/kubectl/pkg/describe/describe.go: the shared machinery of `kubectl describe` —
// the PrefixWriter (two-space levels through a tabwriter with padding 2), label/annotation
// blocks, Go-style dates, the Events section searched by involvedObject fields, and the generic
// describer for kinds without their own.
import type { KubeObject } from '../../apimachinery/apis/meta/v1/types.js';
import type { RESTClient } from '../rest/client.js';
import { TabWriter } from '../printers/tabwriter.js';

export type Any = Record<string, any>;

export class PrefixWriter {
  readonly tw: TabWriter;
  private text = '';
  constructor() {
    this.tw = new TabWriter((s) => (this.text += s), { minWidth: 0, padding: 2 });
  }
  /** write prints at an indentation level (two spaces each). */
  write(level: number, s: string): void {
    this.tw.write('  '.repeat(level) + s);
  }
  done(): string {
    this.tw.flush();
    return this.text;
  }
}

const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (n: number) => String(n).padStart(2, '0');

/** rfc1123Z formats a time like Go's time.RFC1123Z in UTC ("Thu, 01 Jan 2026 00:00:00 +0000"). */
export function rfc1123Z(iso: string | undefined): string {
  if (!iso) return '<unknown>';
  const d = new Date(iso);
  return `${days[d.getUTCDay()]}, ${pad(d.getUTCDate())} ${months[d.getUTCMonth()]} ${d.getUTCFullYear()} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} +0000`;
}

/** translateTimestampSince prints a short human duration ("5s", "3m2s", "4h", "2d"). */
export function translateTimestampSince(iso: string | undefined, now: number): string {
  if (!iso) return '<unknown>';
  return humanDuration(now - Date.parse(iso));
}

export function humanDuration(ms: number): string {
  const s = Math.floor(ms / 1000);
  if (s < 0) return '<invalid>';
  if (s < 120) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 10) return s % 60 === 0 ? `${m}m` : `${m}m${s % 60}s`;
  if (m < 180) return `${m}m`;
  const h = Math.floor(m / 60);
  if (h < 8) return m % 60 === 0 ? `${h}h` : `${h}h${m % 60}m`;
  if (h < 48) return `${h}h`;
  const d = Math.floor(h / 24);
  if (d < 8) return h % 24 === 0 ? `${d}d` : `${d}d${h % 24}h`;
  if (d < 730) return `${d}d`;
  return `${Math.floor(d / 365)}y`;
}

/** printMap writes "Labels:  a=b" then one "\tk=v" line per further key, or <none>. */
export function printMap(w: PrefixWriter, level: number, title: string, m: Record<string, string> | undefined, skip: string[] = [], sep = '='): void {
  const keys = Object.keys(m ?? {}).filter((k) => !skip.includes(k)).sort();
  w.write(level, `${title}:\t`);
  if (!keys.length) {
    w.write(0, '<none>\n');
    return;
  }
  keys.forEach((k, i) => {
    if (i > 0) w.write(level, '\t');
    w.write(0, `${k}${sep}${m![k]}\n`);
  });
}

export function selectorString(sel: Record<string, string> | undefined): string {
  const keys = Object.keys(sel ?? {}).sort();
  return keys.length ? keys.map((k) => `${k}=${sel![k]}`).join(',') : '<none>';
}

/** labelSelectorString prints a metav1.LabelSelector as kubectl does. */
export function labelSelectorString(sel: Any | undefined): string {
  if (!sel) return '<none>';
  const parts: string[] = [];
  for (const k of Object.keys(sel.matchLabels ?? {}).sort()) parts.push(`${k}=${sel.matchLabels[k]}`);
  for (const e of sel.matchExpressions ?? []) {
    if (e.operator === 'In') parts.push(`${e.key} in (${[...e.values].sort().join(',')})`);
    else if (e.operator === 'NotIn') parts.push(`${e.key} notin (${[...e.values].sort().join(',')})`);
    else if (e.operator === 'Exists') parts.push(e.key);
    else parts.push(`!${e.key}`);
  }
  return parts.length ? parts.join(',') : '<none>';
}

/** searchEvents lists the events about an object (fields sorted as fields.Set prints them). */
export async function searchEvents(client: RESTClient, obj: KubeObject): Promise<Any[]> {
  const ns = obj.metadata.namespace;
  const fs = [`involvedObject.kind=${obj.kind}`, `involvedObject.name=${obj.metadata.name}`];
  if (ns) fs.push(`involvedObject.namespace=${ns}`);
  if (obj.metadata.uid) fs.push(`involvedObject.uid=${obj.metadata.uid}`);
  const path = ns ? `/api/v1/namespaces/${ns}/events` : '/api/v1/events';
  try {
    const list = await client.get<{ items: Any[] }>(path, { query: { fieldSelector: fs.join(',') } });
    return (list.items ?? []).sort((a, b) => eventTime(a).localeCompare(eventTime(b)));
  } catch {
    return [];
  }
}

const eventTime = (e: Any): string => e.lastTimestamp ?? e.eventTime ?? e.metadata?.creationTimestamp ?? '';

/** describeEvents writes the Events section. */
export function describeEvents(w: PrefixWriter, events: Any[], now: number): void {
  if (!events.length) {
    w.write(0, 'Events:\t<none>\n');
    return;
  }
  w.tw.flush();
  w.write(0, 'Events:\n');
  w.write(1, 'Type\tReason\tAge\tFrom\tMessage\n');
  w.write(1, '----\t------\t----\t----\t-------\n');
  for (const e of events) {
    const first = e.firstTimestamp ?? e.eventTime ?? e.metadata?.creationTimestamp;
    const last = e.lastTimestamp ?? first;
    let age = translateTimestampSince(last, now);
    if ((e.count ?? 1) > 1) age = `${age} (x${e.count} over ${translateTimestampSince(first, now)})`;
    const from = e.source?.host ? `${e.source.component}, ${e.source.host}` : e.source?.component ?? e.reportingComponent ?? '';
    w.write(1, `${e.type ?? ''}\t${e.reason ?? ''}\t${age}\t${from}\t${(e.message ?? '').trim()}\n`);
  }
}

/** smartLabelFor turns "fooBar" into "Foo Bar" as the generic describer labels fields. */
export function smartLabelFor(field: string): string {
  return field
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(' ')
    .map((p) => (p ? p[0]!.toUpperCase() + p.slice(1) : p))
    .join(' ');
}

/** describeGeneric prints any object's fields as kubectl's GenericDescriberFor does. */
export function describeGeneric(obj: KubeObject, events: Any[], now: number): string {
  const w = new PrefixWriter();
  w.write(0, `Name:\t${obj.metadata.name}\n`);
  w.write(0, `Namespace:\t${obj.metadata.namespace ?? ''}\n`);
  printMap(w, 0, 'Labels', obj.metadata.labels);
  printAnnotations(w, 0, obj.metadata.annotations);
  const rest: Any = { ...obj };
  delete rest.metadata;
  const printContent = (level: number, v: Any) => {
    for (const k of Object.keys(v).sort()) {
      const x = v[k];
      if (x === null || x === undefined) continue;
      if (Array.isArray(x)) {
        w.write(level, `${smartLabelFor(k)}:\n`);
        for (const item of x) {
          if (item && typeof item === 'object') printContent(level + 1, item);
          else w.write(level + 1, `${item}\n`);
        }
      } else if (typeof x === 'object') {
        w.write(level, `${smartLabelFor(k)}:\n`);
        printContent(level + 1, x);
      } else w.write(level, `${smartLabelFor(k)}:\t${x}\n`);
    }
  };
  printContent(0, { apiVersion: rest.apiVersion, kind: rest.kind });
  const { apiVersion: _a, kind: _k, ...body } = rest;
  const meta: Any = { ...obj.metadata };
  for (const k of ['name', 'namespace', 'labels', 'annotations', 'managedFields']) delete meta[k];
  w.write(0, 'Metadata:\n');
  printContent(1, meta);
  printContent(0, body);
  describeEvents(w, events, now);
  return w.done();
}

/** printAnnotations prints annotations as "key: value" lines, without last-applied-configuration. */
export function printAnnotations(w: PrefixWriter, level: number, m: Record<string, string> | undefined): void {
  printMap(w, level, 'Annotations', m, ['kubectl.kubernetes.io/last-applied-configuration'], ': ');
}
