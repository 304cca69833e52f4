// Mirrors k8s.io/apimachinery/pkg/fields/fields.go: a set of fields and its string form.
import type { Fields } from './selector.js';

/** setString is Set.String: "k1=v1,k2=v2" with keys sorted. */
export function setString(fs: Fields): string {
  return Object.keys(fs)
    .sort()
    .map((k) => `${k}=${fs[k]}`)
    .join(',');
}
