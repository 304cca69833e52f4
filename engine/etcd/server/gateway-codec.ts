// Mirrors the JSON that etcd's grpc-gateway (server/etcdserver/api/v3rpc + grpc-gateway's jsonpb with
// OrigName) speaks: proto field names, bytes as base64, int64 as strings, zero values left out.
import type { Compare, CompareResult, CompareTarget, KeyValue, RangeOptions, TxnOp } from '../types.js';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export type Json = Record<string, unknown>;

export function toBase64(s: string): string {
  const bytes = encoder.encode(s);
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin);
}

export function bytesToBase64(bytes: Uint8Array): string {
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin);
}

export function base64ToBytes(b64: string): Uint8Array {
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

export function fromBase64(b64: unknown): string {
  if (typeof b64 !== 'string' || b64 === '') return '';
  return decoder.decode(base64ToBytes(b64));
}

/** int reads an int64 field sent as a JSON string or number (absent = 0). */
export function int(v: unknown): number {
  if (v === undefined || v === null || v === '') return 0;
  const n = typeof v === 'number' ? v : Number(v);
  if (!Number.isFinite(n)) throw new TypeError(`invalid integer ${JSON.stringify(v)}`);
  return n;
}

/** omitZero drops the fields jsonpb leaves out: 0, "0", false, "" and empty lists. */
export function omitZero(o: Json): Json {
  const out: Json = {};
  for (const [k, v] of Object.entries(o)) {
    if (v === undefined || v === 0 || v === '0' || v === false || v === '' || (Array.isArray(v) && v.length === 0)) continue;
    out[k] = v;
  }
  return out;
}

export function kvToJson(kv: KeyValue): Json {
  return omitZero({
    key: toBase64(kv.key),
    create_revision: String(kv.createRevision),
    mod_revision: String(kv.modRevision),
    version: String(kv.version),
    value: kv.value === '' ? '' : toBase64(kv.value),
    lease: String(kv.lease),
  });
}

/** rangeEnd decodes range_end; etcd's "\0" (base64 "AA==") means every key from key on. */
export function rangeEnd(v: unknown): string | undefined {
  const end = fromBase64(v);
  return end === '' ? undefined : end;
}

export function rangeOptions(body: Json): RangeOptions {
  return {
    end: rangeEnd(body.range_end),
    limit: int(body.limit),
    revision: int(body.revision),
    keysOnly: body.keys_only === true,
    countOnly: body.count_only === true,
  };
}

const compareResults: Record<string, CompareResult> = { EQUAL: '=', GREATER: '>', LESS: '<', NOT_EQUAL: '!=', 0: '=', 1: '>', 2: '<', 3: '!=' };
const compareTargets: Record<string, CompareTarget> = { VERSION: 'version', CREATE: 'create', MOD: 'mod', VALUE: 'value', LEASE: 'lease', 0: 'version', 1: 'create', 2: 'mod', 3: 'value', 4: 'lease' };

export function compareFromJson(c: Json): Compare {
  const result = compareResults[String(c.result ?? 'EQUAL')];
  const target = compareTargets[String(c.target ?? 'VERSION')];
  if (!result || !target) throw new TypeError(`invalid compare ${JSON.stringify(c)}`);
  const key = fromBase64(c.key);
  switch (target) {
    case 'version':
      return { key, target, result, value: int(c.version) };
    case 'create':
      return { key, target, result, value: int(c.create_revision) };
    case 'mod':
      return { key, target, result, value: int(c.mod_revision) };
    case 'lease':
      return { key, target, result, value: int(c.lease) };
    case 'value':
      return { key, target, result, value: fromBase64(c.value) };
  }
}

export function opFromJson(op: Json): TxnOp {
  if (op.request_put) {
    const p = op.request_put as Json;
    return { type: 'put', key: fromBase64(p.key), value: fromBase64(p.value), options: { lease: int(p.lease), prevKv: p.prev_kv === true } };
  }
  if (op.request_delete_range) {
    const d = op.request_delete_range as Json;
    return { type: 'delete', key: fromBase64(d.key), options: { end: rangeEnd(d.range_end), prevKv: d.prev_kv === true } };
  }
  if (op.request_range) {
    const r = op.request_range as Json;
    return { type: 'range', key: fromBase64(r.key), options: rangeOptions(r) };
  }
  throw new TypeError('txn op needs request_range, request_put or request_delete_range');
}
