// Mirrors k8s.io/apimachinery/pkg/apis/meta/v1/time.go: metav1.Time travels as RFC 3339 with
// seconds precision in UTC. Clients may send other RFC 3339 forms (client-node sends
// milliseconds); decoding brings them back to the canonical form so equal times compare equal.

/** rfc3339 prints a clock reading as metav1.Time does on the wire ("2026-01-01T00:00:00Z"). */
export function rfc3339(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

const rfc3339Pattern = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/** parseTime reads an RFC 3339 time; it throws upstream's parse error for anything else. */
export function parseTime(text: string): number {
  const ms = rfc3339Pattern.test(text) ? Date.parse(text) : NaN;
  if (Number.isNaN(ms)) throw new Error(`parsing time "${text}" as "2006-01-02T15:04:05Z07:00": cannot parse "${text}" as "2006"`);
  return ms;
}

/** canonicalTime returns the canonical wire form of an RFC 3339 time (null stays null). */
export function canonicalTime(value: string | null): string | null {
  return value === null ? null : rfc3339(parseTime(value));
}
