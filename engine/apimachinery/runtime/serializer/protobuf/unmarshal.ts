// Mirrors the Unmarshal methods of the generated.pb.go files (gogo/protobuf) followed by encoding/json's
// Marshal of the result: a protobuf message goes straight to the JSON object the Go struct would print,
// driven by a MessageTable instead of generated code. Unknown fields are skipped, as gogo does.
import { INLINE, KEEP, MAP, REP, isScalar, type FieldEntry, type MessageTable } from './schema.js';
import { FIELDS_V1, INT_OR_STRING, MICRO_TIME, QUANTITY, RAW_EXTENSION, TIME } from './schema.js';
import { ProtoError, Reader, WireType, toInt } from './wire.js';

type JSONObject = Record<string, unknown>;

const utf8 = new TextDecoder();

/** unmarshal decodes one message of the named type into its JSON form. */
export function unmarshal(table: MessageTable, type: string, data: Uint8Array): JSONObject {
  const out: JSONObject = {};
  decodeInto(table, type, data, out);
  return out;
}

function decodeInto(table: MessageTable, type: string, data: Uint8Array, out: JSONObject): void {
  const fields = table[type];
  if (!fields) throw new ProtoError(`proto: no message type ${type}`);
  const byNumber = new Map<number, FieldEntry>();
  for (const f of fields) byNumber.set(f[0], f);
  const r = new Reader(data);
  while (!r.done()) {
    const [no, wire] = r.tag();
    const field = byNumber.get(no);
    if (!field) {
      r.skip(wire);
      continue;
    }
    readField(table, field, wire, r, out);
  }
}

function goName(json: string): string {
  return json.charAt(0).toUpperCase() + json.slice(1);
}

function readField(table: MessageTable, field: FieldEntry, wire: number, r: Reader, out: JSONObject): void {
  const [, json, type, flags = 0] = field;
  const wrongWire = () => new ProtoError(`proto: wrong wireType = ${wire} for field ${goName(json)}`);
  if (flags & MAP) {
    if (wire !== WireType.Bytes) throw wrongWire();
    const [key, value] = readMapEntry(table, type, r.bytes());
    const map = ((out[json] as JSONObject | undefined) ??= {});
    map[key] = value;
    return;
  }
  if (flags & REP) {
    const list = ((out[json] as unknown[] | undefined) ??= []);
    if (isScalar(type) && wire === WireType.Bytes && type !== 's' && type !== 'bytes') {
      // Packed repeated scalars: one length-delimited run of values.
      const packed = new Reader(r.bytes());
      while (!packed.done()) list.push(readScalar(type, expectedWire(type), packed));
      return;
    }
    if (wire !== expectedWire(type)) throw wrongWire();
    list.push(isScalar(type) ? readScalar(type, wire, r) : readMessage(table, type, r.bytes()));
    return;
  }
  if (wire !== expectedWire(type)) throw wrongWire();
  if (!isScalar(type)) {
    const bytes = r.bytes();
    if (flags & INLINE) return decodeInto(table, type, bytes, out);
    const current = out[json];
    // A repeated occurrence of a singular message merges into the first, as Unmarshal does.
    if (table[type] && typeof current === 'object' && current !== null) decodeInto(table, type, bytes, current as JSONObject);
    else out[json] = readMessage(table, type, bytes);
    return;
  }
  const value = readScalar(type, wire, r);
  if (isZero(value) && !(flags & KEEP)) delete out[json];
  else out[json] = value;
}

function expectedWire(type: string): number {
  switch (type) {
    case 'f64':
      return WireType.Fixed64;
    case 'f32':
      return WireType.Fixed32;
    case 'b':
    case 'i32':
    case 'i64':
    case 'u32':
    case 'u64':
      return WireType.Varint;
    default:
      return WireType.Bytes;
  }
}

function isZero(v: unknown): boolean {
  return v === '' || v === 0 || v === false;
}

function readScalar(type: string, wire: number, r: Reader): unknown {
  if (wire !== expectedWire(type)) throw new ProtoError(`proto: wrong wireType = ${wire} for a ${type} value`);
  switch (type) {
    case 's':
      return utf8.decode(r.bytes());
    case 'bytes':
      return base64(r.bytes());
    case 'b':
      return r.varint() !== 0;
    case 'i32':
      return toInt(r.varint(), 32, true);
    case 'u32':
      return toInt(r.varint(), 32, false);
    case 'i64':
      return toInt(r.varint(), 64, true);
    case 'u64':
      return toInt(r.varint(), 64, false);
    case 'f64':
      return r.fixed64().getFloat64(0, true);
    default:
      return r.fixed32().getFloat32(0, true);
  }
}

/** readMapEntry decodes one map entry message {key = 1, value = 2}; missing parts are zero values. */
function readMapEntry(table: MessageTable, valueType: string, data: Uint8Array): [string, unknown] {
  const r = new Reader(data);
  let key = '';
  let value: unknown;
  while (!r.done()) {
    const [no, wire] = r.tag();
    if (no === 1 && wire === WireType.Bytes) key = utf8.decode(r.bytes());
    else if (no === 2 && wire === expectedWire(valueType)) value = isScalar(valueType) ? readScalar(valueType, wire, r) : readMessage(table, valueType, r.bytes());
    else r.skip(wire);
  }
  if (value === undefined) value = isScalar(valueType) ? zeroOf(valueType) : readMessage(table, valueType, new Uint8Array(0));
  return [key, value];
}

function zeroOf(type: string): unknown {
  if (type === 's' || type === 'bytes') return '';
  return type === 'b' ? false : 0;
}

/** readMessage decodes a nested message, turning apimachinery's special types into their JSON forms. */
function readMessage(table: MessageTable, type: string, data: Uint8Array): unknown {
  switch (type) {
    case TIME:
      return timeJSON(data, false);
    case MICRO_TIME:
      return timeJSON(data, true);
    case INT_OR_STRING: {
      const f = plain(data);
      return f.get(1) === 1 ? (f.get(3) ?? '') : toInt((f.get(2) as number | bigint | undefined) ?? 0, 32, true);
    }
    case QUANTITY:
      // resource.Quantity travels as its canonical string.
      return plain(data).get(1) ?? '0';
    case FIELDS_V1:
    case RAW_EXTENSION: {
      const raw = plainBytes(data, 1);
      return raw && raw.length ? JSON.parse(utf8.decode(raw)) : null;
    }
    default:
      return unmarshal(table, type, data);
  }
}

/** zeroTimeSeconds is Go's zero time.Time (year 1) in Unix seconds; JSON prints it as null. */
const zeroTimeSeconds = -62135596800;

/** timeJSON mirrors metav1.Time / MicroTime: Timestamp {seconds = 1, nanos = 2} to RFC 3339 in UTC. */
function timeJSON(data: Uint8Array, micro: boolean): string | null {
  if (data.length === 0) return null;
  const f = plain(data);
  const seconds = toInt((f.get(1) as number | bigint | undefined) ?? 0, 64, true);
  const nanos = toInt((f.get(2) as number | bigint | undefined) ?? 0, 32, true);
  if (seconds === zeroTimeSeconds && nanos === 0) return null;
  const iso = new Date(seconds * 1000).toISOString().slice(0, 19);
  if (!micro) return iso + 'Z';
  return `${iso}.${String(Math.floor(nanos / 1000)).padStart(6, '0')}Z`;
}

/** plain reads a small message of varints and strings by field number (the special types). */
function plain(data: Uint8Array): Map<number, unknown> {
  const out = new Map<number, unknown>();
  const r = new Reader(data);
  while (!r.done()) {
    const [no, wire] = r.tag();
    if (wire === WireType.Varint) out.set(no, r.varint());
    else if (wire === WireType.Bytes) out.set(no, utf8.decode(r.bytes()));
    else r.skip(wire);
  }
  return out;
}

function plainBytes(data: Uint8Array, field: number): Uint8Array | undefined {
  const r = new Reader(data);
  let out: Uint8Array | undefined;
  while (!r.done()) {
    const [no, wire] = r.tag();
    if (no === field && wire === WireType.Bytes) out = r.bytes();
    else r.skip(wire);
  }
  return out;
}

/** base64 is []byte's JSON form: standard encoding with padding. */
function base64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}
