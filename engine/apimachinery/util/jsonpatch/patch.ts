// Mirrors github.com/evanphx/json-patch (patch.go), the RFC 6902 JSON Patch the API server applies
// for application/json-patch+json: add, remove, replace, move, copy, test, with its error texts.
import { deepCopy, deepEqual, isObject } from '../../api/equality/semantic.js';
import { parseIndex, parsePointer } from './pointer.js';

export interface Operation {
  op: 'add' | 'remove' | 'replace' | 'move' | 'copy' | 'test' | string;
  path: string;
  from?: string;
  value?: unknown;
}

type Container = Record<string, unknown> | unknown[];

/** decodePatch checks that a parsed body is a JSON Patch document (an array of operations). */
export function decodePatch(body: unknown): Operation[] {
  if (!Array.isArray(body)) throw new Error('json: cannot unmarshal object into Go value of type jsonpatch.Patch');
  for (const op of body) {
    if (!isObject(op)) throw new Error('json: cannot unmarshal non-object into Go value of type jsonpatch.Operation');
  }
  return body as Operation[];
}

// locate returns the container holding the last token of path, and that token.
function locate(doc: unknown, tokens: string[], what: string, path: string): { parent: Container; key: string } {
  let cur: unknown = doc;
  for (const t of tokens.slice(0, -1)) {
    if (Array.isArray(cur)) {
      const i = /^(0|[1-9][0-9]*)$/.test(t) ? Number(t) : -1;
      cur = i >= 0 && i < cur.length ? cur[i] : undefined;
    } else if (isObject(cur)) {
      cur = Object.prototype.hasOwnProperty.call(cur, t) ? cur[t] : undefined;
    } else cur = undefined;
    if (cur === undefined) break;
  }
  if (!Array.isArray(cur) && !isObject(cur)) throw new Error(`${what} operation does not apply: doc is missing path: ${JSON.stringify(path)}: missing value`);
  return { parent: cur, key: tokens[tokens.length - 1]! };
}

function get(doc: unknown, path: string): unknown {
  let cur = doc;
  for (const t of parsePointer(path)) {
    if (Array.isArray(cur)) {
      const i = /^(0|[1-9][0-9]*)$/.test(t) ? Number(t) : -1;
      cur = i >= 0 && i < cur.length ? cur[i] : undefined;
    } else if (isObject(cur)) {
      cur = Object.prototype.hasOwnProperty.call(cur, t) ? cur[t] : undefined;
    } else return undefined;
    if (cur === undefined) return undefined;
  }
  return cur;
}

function add(doc: unknown, path: string, value: unknown, what = 'add'): unknown {
  const tokens = parsePointer(path);
  if (tokens.length === 0) return value;
  const { parent, key } = locate(doc, tokens, what, path);
  if (Array.isArray(parent)) parent.splice(parseIndex(key, parent.length, true), 0, value);
  else parent[key] = value;
  return doc;
}

function remove(doc: unknown, path: string, what = 'remove'): { doc: unknown; removed: unknown } {
  const tokens = parsePointer(path);
  if (tokens.length === 0) return { doc: null, removed: doc };
  const { parent, key } = locate(doc, tokens, what, path);
  if (Array.isArray(parent)) {
    const i = parseIndex(key, parent.length, false);
    return { doc, removed: parent.splice(i, 1)[0] };
  }
  if (!Object.prototype.hasOwnProperty.call(parent, key)) throw new Error(`Unable to remove nonexistent key: ${key}: missing value`);
  const removed = parent[key];
  delete parent[key];
  return { doc, removed };
}

function replace(doc: unknown, path: string, value: unknown): unknown {
  const tokens = parsePointer(path);
  if (tokens.length === 0) return value;
  const { parent, key } = locate(doc, tokens, 'replace', path);
  if (Array.isArray(parent)) {
    const i = parseIndex(key, parent.length, false);
    parent[i] = value;
  } else {
    if (!Object.prototype.hasOwnProperty.call(parent, key)) {
      throw new Error(`replace operation does not apply: doc is missing key: ${path}: missing value`);
    }
    parent[key] = value;
  }
  return doc;
}

function required(op: Operation, field: 'path' | 'from'): string {
  const v = op[field];
  if (typeof v !== 'string') throw new Error(`${op.op} operation failed to decode ${field}: operation missing ${field} field`);
  return v;
}

/**
 * applyPatch applies operations in order to a copy of doc and returns the result; the input is
 * never modified, so a failed patch leaves nothing half-applied.
 */
export function applyPatch<T>(doc: T, ops: readonly Operation[]): T {
  let out: unknown = deepCopy(doc);
  for (const op of ops) {
    switch (op.op) {
      case 'add':
        if (!('value' in op)) throw new Error('add operation failed to decode value: operation missing value field');
        out = add(out, required(op, 'path'), deepCopy(op.value));
        break;
      case 'remove':
        out = remove(out, required(op, 'path')).doc;
        break;
      case 'replace':
        if (!('value' in op)) throw new Error('replace operation failed to decode value: operation missing value field');
        out = replace(out, required(op, 'path'), deepCopy(op.value));
        break;
      case 'move': {
        const from = required(op, 'from');
        const path = required(op, 'path');
        if (path !== from && path.startsWith(`${from}/`)) throw new Error(`move operation does not apply: "from" ${from} is a prefix of "path" ${path}`);
        if (get(out, from) === undefined) throw new Error(`move operation does not apply: doc is missing from path: ${from}: missing value`);
        const r = remove(out, from, 'move');
        out = add(r.doc, path, r.removed, 'move');
        break;
      }
      case 'copy': {
        const from = required(op, 'from');
        const v = get(out, from);
        if (v === undefined) throw new Error(`copy operation does not apply: doc is missing from path: ${from}: missing value`);
        out = add(out, required(op, 'path'), deepCopy(v), 'copy');
        break;
      }
      case 'test': {
        const path = required(op, 'path');
        const v = get(out, path);
        const want = op.value === undefined ? null : op.value;
        if (!deepEqual(v === undefined ? null : v, want) || (v === undefined && op.value !== null && op.value !== undefined)) {
          throw new Error(`testing value ${path} failed: test failed`);
        }
        break;
      }
      default:
        throw new Error(`Unexpected kind: ${op.op === undefined ? 'unknown' : op.op}`);
    }
  }
  return out as T;
}
