// Mirrors the JSON Pointer (RFC 6901) handling of github.com/evanphx/json-patch, which the API
// server uses for application/json-patch+json.

/** parsePointer splits "/a/b~1c/~0d" into ["a", "b/c", "~d"]; "" is the whole document. */
export function parsePointer(path: string): string[] {
  if (path === '') return [];
  if (!path.startsWith('/')) throw new Error(`JSON pointer must be empty or start with a "/": ${JSON.stringify(path)}`);
  return path
    .slice(1)
    .split('/')
    .map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** escapeToken escapes one reference token for a pointer. */
export function escapeToken(t: string): string {
  return t.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** parseIndex reads an array index token: digits without leading zeros (or "-" when allowed). */
export function parseIndex(token: string, length: number, allowEnd: boolean): number {
  if (allowEnd && token === '-') return length;
  if (!/^(0|[1-9][0-9]*)$/.test(token)) throw new Error(`Unable to access invalid index: ${token}: invalid index referenced`);
  const i = Number(token);
  if (i > length || (!allowEnd && i === length)) throw new Error(`Unable to access invalid index: ${i}: invalid index referenced`);
  return i;
}
