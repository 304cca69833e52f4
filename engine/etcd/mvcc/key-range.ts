// Mirrors etcd client/v3/op.go (getPrefix) and mvcc's range_end rules; keys are JS strings
// compared by UTF-16 code units instead of raw bytes.

/** ALL_KEYS is etcd's range_end "\0": every key greater than or equal to the start key. */
export const ALL_KEYS = '\0';

/** prefixEnd returns the range_end that selects every key starting with prefix. */
export function prefixEnd(prefix: string): string {
  let end = prefix;
  while (end.length > 0) {
    const last = end.charCodeAt(end.length - 1);
    if (last < 0xffff) return end.slice(0, -1) + String.fromCharCode(last + 1);
    end = end.slice(0, -1);
  }
  // An empty prefix (or one of only 0xffff code units) means "all keys".
  return ALL_KEYS;
}

/** resolveEnd turns the KV options {prefix, end} into a range end (undefined = the single key). */
export function resolveEnd(key: string, options?: { prefix?: boolean; end?: string }): string | undefined {
  if (options?.end !== undefined && options.end !== '') return options.end;
  if (options?.prefix) return prefixEnd(key);
  return undefined;
}

/** inRange reports whether k lies in [key, end) (end undefined: k === key; end "\0": k >= key). */
export function inRange(k: string, key: string, end: string | undefined): boolean {
  if (end === undefined) return k === key;
  if (k < key) return false;
  return end === ALL_KEYS || k < end;
}
