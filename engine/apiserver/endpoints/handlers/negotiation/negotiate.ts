// Mirrors k8s.io/apiserver/pkg/endpoints/handlers/negotiation/negotiate.go: picks the response
// media type from Accept — JSON, YAML, or the meta.k8s.io/v1 Table transformation (`as=Table`).
// Protobuf is not offered; clients fall back to plain JSON. Aggregated discovery negotiates in
// discovery/aggregated.
import { newNotAcceptable } from '../../../../apimachinery/api/errors/errors.js';

export type Format = 'json' | 'yaml';

export interface MediaChoice {
  format: Format;
  /** as is "Table" when the client asked for the server-side printed form. */
  as?: 'Table';
}

interface AcceptClause {
  type: string;
  params: Record<string, string>;
  q: number;
}

export function parseAccept(header: string | null): AcceptClause[] {
  if (!header) return [];
  const out: AcceptClause[] = [];
  for (const raw of header.split(',')) {
    const [type, ...rest] = raw.split(';').map((s) => s.trim());
    if (!type) continue;
    const params: Record<string, string> = {};
    for (const p of rest) {
      const eq = p.indexOf('=');
      if (eq > 0) params[p.slice(0, eq).trim().toLowerCase()] = p.slice(eq + 1).trim().replace(/^"|"$/g, '');
    }
    const q = params.q !== undefined ? Number(params.q) : 1;
    delete params.q;
    out.push({ type: type.toLowerCase(), params, q: Number.isFinite(q) ? q : 1 });
  }
  // Stable sort by quality, as the negotiator does.
  return out.map((c, i) => ({ c, i })).sort((a, b) => b.c.q - a.c.q || a.i - b.i).map((x) => x.c);
}

function formatOf(type: string): Format | undefined {
  if (type === 'application/json' || type === '*/*' || type === 'application/*') return 'json';
  if (type === 'application/yaml') return 'yaml';
  return undefined;
}

/**
 * negotiateOutput chooses how to encode a response. allowTable says whether the endpoint can
 * print Tables (resource get/list/watch); other `as=` kinds are skipped so a later plain type wins.
 */
export function negotiateOutput(accept: string | null, allowTable: boolean): MediaChoice {
  const clauses = parseAccept(accept);
  if (!clauses.length) return { format: 'json' };
  for (const c of clauses) {
    if (c.q <= 0) continue;
    const format = formatOf(c.type);
    if (!format) continue;
    if (c.params.as === undefined) return { format };
    if (allowTable && c.params.as === 'Table' && c.params.g === 'meta.k8s.io' && (c.params.v === 'v1' || c.params.v === 'v1beta1')) {
      return { format, as: 'Table' };
    }
  }
  throw newNotAcceptable('only the following media types are accepted: application/json, application/yaml');
}

/** mediaTypeOf reads a Content-Type without parameters. */
export function mediaTypeOf(contentType: string | null): string {
  return (contentType ?? '').split(';')[0]!.trim().toLowerCase();
}
