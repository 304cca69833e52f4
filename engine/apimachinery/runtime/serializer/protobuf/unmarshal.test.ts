import { describe, it, expect } from 'vitest';
import { INLINE, INT_OR_STRING, KEEP, MAP, MICRO_TIME, QUANTITY, REP, TIME, FIELDS_V1, type MessageTable } from './schema.js';
import { unmarshal } from './unmarshal.js';
import { Writer } from './writer.js';

// A small table shaped like upstream's: Thing has every kind of field.
const table: MessageTable = {
  Thing: [
    [1, 'name', 's'],
    [2, 'replicas', 'i32', KEEP],
    [3, 'paused', 'b'],
    [4, 'labels', 's', MAP],
    [5, 'ports', 'Port', REP],
    [6, 'args', 's', REP],
    [7, 'ids', 'i64', REP],
    [8, 'created', TIME],
    [9, '', 'Source', INLINE],
    [10, 'data', 'bytes', MAP],
    [11, 'target', INT_OR_STRING],
    [12, 'limits', QUANTITY, MAP],
    [13, 'renewed', MICRO_TIME],
    [14, 'fields', FIELDS_V1],
    [15, 'ratio', 'f64'],
    [16, 'spec', 'Port'],
    [17, 'optional', 'b', KEEP],
  ],
  Port: [
    [1, 'port', 'i32', KEEP],
    [2, 'protocol', 's'],
  ],
  Source: [[1, 'hostPath', 'Port']],
};

const thing = (build: (w: Writer) => Writer) => unmarshal(table, 'Thing', build(new Writer()).finish());
const time = (seconds: number, nanos = 0) => new Writer().varint(1, seconds).varint(2, nanos);

describe('unmarshal', () => {
  it.each([
    ['a string', (w: Writer) => w.string(1, 'web'), { name: 'web' }],
    ['an omitempty zero string as absent', (w: Writer) => w.string(1, ''), {}],
    ['a pointer zero (replicas: 0) as present', (w: Writer) => w.varint(2, 0), { replicas: 0 }],
    ['a negative int32', (w: Writer) => w.varint(2, -3), { replicas: -3 }],
    ['an omitempty false as absent', (w: Writer) => w.varint(3, false), {}],
    ['a pointer false as present', (w: Writer) => w.varint(17, false), { optional: false }],
    ['the last of repeated scalars', (w: Writer) => w.string(1, 'a').string(1, 'b'), { name: 'b' }],
    ['a map', (w: Writer) => w.mapEntry(4, 'app', 'web').mapEntry(4, 'tier', ''), { labels: { app: 'web', tier: '' } }],
    ['repeated messages', (w: Writer) => w.bytes(5, new Writer().varint(1, 80)).bytes(5, new Writer().varint(1, 0).string(2, 'UDP')), { ports: [{ port: 80 }, { port: 0, protocol: 'UDP' }] }],
    ['repeated strings', (w: Writer) => w.string(6, 'echo').string(6, ''), { args: ['echo', ''] }],
    ['unpacked repeated varints', (w: Writer) => w.varint(7, 1).varint(7, 2), { ids: [1, 2] }],
    ['packed repeated varints', (w: Writer) => w.bytes(7, Uint8Array.from([0x01, 0xac, 0x02])), { ids: [1, 300] }],
    ['a Time as RFC 3339', (w: Writer) => w.bytes(8, time(1700000000, 5)), { created: '2023-11-14T22:13:20Z' }],
    ['Go’s zero Time as null', (w: Writer) => w.bytes(8, time(-62135596800)), { created: null }],
    ['an empty Time as null', (w: Writer) => w.bytes(8, new Uint8Array(0)), { created: null }],
    ['a MicroTime with microseconds', (w: Writer) => w.bytes(13, time(1700000000, 123456789)), { renewed: '2023-11-14T22:13:20.123456Z' }],
    ['an inline struct into its parent', (w: Writer) => w.string(1, 'v').bytes(9, new Writer().bytes(1, new Writer().varint(1, 1))), { name: 'v', hostPath: { port: 1 } }],
    ['bytes map values as base64 (a missing value is the zero value)', (w: Writer) => w.bytes(10, new Writer().string(1, 'pw')).bytes(10, new Writer().string(1, 'bin').bytes(2, Uint8Array.from([0, 255, 10]))), { data: { pw: '', bin: 'AP8K' } }],
    ['an int IntOrString', (w: Writer) => w.bytes(11, new Writer().varint(1, 0).varint(2, 8080).string(3, '')), { target: 8080 }],
    ['a string IntOrString', (w: Writer) => w.bytes(11, new Writer().varint(1, 1).varint(2, 0).string(3, '25%')), { target: '25%' }],
    ['Quantities by their strings', (w: Writer) => w.mapEntry(12, 'cpu', new Writer().string(1, '500m')), { limits: { cpu: '500m' } }],
    ['FieldsV1 as the JSON it holds', (w: Writer) => w.bytes(14, new Writer().string(1, '{"f:metadata":{}}')), { fields: { 'f:metadata': {} } }],
    ['a double', (w: Writer) => w.double(15, 0.25), { ratio: 0.25 }],
    ['an empty struct as {}', (w: Writer) => w.bytes(16, new Writer()), { spec: {} }],
    ['a repeated singular message by merging', (w: Writer) => w.bytes(16, new Writer().varint(1, 1)).bytes(16, new Writer().string(2, 'TCP')), { spec: { port: 1, protocol: 'TCP' } }],
    ['unknown fields by skipping them', (w: Writer) => w.string(99, 'future').varint(98, 7).string(1, 'x'), { name: 'x' }],
  ])('decodes %s', (_, build, want) => {
    expect(thing(build)).toEqual(want);
  });

  it.each([
    ['a varint where a string belongs', (w: Writer) => w.varint(1, 1), 'proto: wrong wireType = 0 for field Name'],
    ['a string where a message belongs', (w: Writer) => w.varint(5, 1), 'proto: wrong wireType = 0 for field Ports'],
    ['a truncated message', (w: Writer) => w.bytes(16, Uint8Array.from([0x12, 0x09])), 'unexpected EOF'],
  ])('rejects %s', (_, build, message) => {
    expect(() => thing(build)).toThrow(message);
  });

  it('rejects a type the table does not hold', () => {
    expect(() => unmarshal(table, 'Missing', new Uint8Array(0))).toThrow('no message type Missing');
  });
});
