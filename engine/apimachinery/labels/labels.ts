// Mirrors k8s.io/apimachinery/pkg/labels/labels.go: a label set and its string forms. A plain record
// stands in for Go's Labels interface (Has/Get).

/** Labels is a set of labels as an object carries them in metadata.labels. */
export type Labels = Readonly<Record<string, string>>;

export function hasLabel(ls: Labels | undefined, key: string): boolean {
  return ls !== undefined && Object.prototype.hasOwnProperty.call(ls, key);
}

export function getLabel(ls: Labels | undefined, key: string): string {
  return hasLabel(ls, key) ? ls![key]! : '';
}

/** setString is Set.String: "k1=v1,k2=v2" with keys sorted. */
export function setString(ls: Labels | undefined): string {
  if (!ls) return '';
  return Object.keys(ls)
    .sort(compareStrings)
    .map((k) => `${k}=${ls[k]}`)
    .join(',');
}

/** formatLabels is FormatLabels: setString, or "<none>" for an empty set (kubectl's LABELS column). */
export function formatLabels(ls: Labels | undefined): string {
  const s = setString(ls);
  return s === '' ? '<none>' : s;
}

/** conflicts reports whether two sets hold the same key with different values. */
export function conflicts(a: Labels, b: Labels): boolean {
  for (const k of Object.keys(a)) if (hasLabel(b, k) && b[k] !== a[k]) return true;
  return false;
}

/** merge returns a new set with b's labels laid over a's. */
export function merge(a: Labels | undefined, b: Labels | undefined): Record<string, string> {
  return { ...(a ?? {}), ...(b ?? {}) };
}

/** equals reports whether two sets hold exactly the same labels. */
export function equals(a: Labels | undefined, b: Labels | undefined): boolean {
  const ka = Object.keys(a ?? {});
  if (ka.length !== Object.keys(b ?? {}).length) return false;
  return ka.every((k) => hasLabel(b, k) && b![k] === a![k]);
}

/** compareStrings orders by UTF-16 code units, which matches Go's byte order for ASCII keys. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
