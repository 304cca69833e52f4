import { describe, it, expect } from 'vitest';
import { ProtoError, Reader, toInt } from './wire.js';
import { Writer } from './writer.js';

describe('Reader.varint', () => {
  it.each([
    ['zero', [0x00], 0],
    ['one byte', [0x7f], 127],
    ['two bytes', [0xac, 0x02], 300],
    ['2^49 - 1 stays a number', [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f], 2 ** 49 - 1],
    ['2^56 is a bigint', [0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01], 2n ** 56n],
  ] as const)('%s', (_, bytes, want) => {
    expect(new Reader(Uint8Array.from(bytes)).varint()).toBe(want);
  });

  it('fails on a truncated varint', () => {
    expect(() => new Reader(Uint8Array.from([0x80])).varint()).toThrow('unexpected EOF');
  });
});

describe('toInt', () => {
  it.each([
    ['-1 as int32', -1, 32, true],
    ['-1 as int64', -1, 64, true],
    ['int32 min', -(2 ** 31), 32, true],
    ['int64 -2^40', -(2 ** 40), 64, true],
    ['uint32 max', 2 ** 32 - 1, 32, false],
  ] as const)('round-trips %s through Go’s ten-byte encoding', (_, v, bits, signed) => {
    const r = new Reader(new Writer().varint(1, v).finish());
    r.tag();
    expect(toInt(r.varint(), bits, signed)).toBe(v);
  });
});

describe('Reader', () => {
  it('reads tags, length-delimited fields and doubles', () => {
    const r = new Reader(new Writer().string(3, 'hé').double(4, 1.5).finish());
    expect(r.tag()).toEqual([3, 2]);
    expect(new TextDecoder().decode(r.bytes())).toBe('hé');
    expect(r.tag()).toEqual([4, 1]);
    expect(r.fixed64().getFloat64(0, true)).toBe(1.5);
    expect(r.done()).toBe(true);
  });

  it('skips every wire type', () => {
    const data = new Writer().varint(1, 5).string(2, 'x').double(3, 2).finish();
    const withFixed32 = Uint8Array.from([...data, (4 << 3) | 5, 1, 2, 3, 4]);
    const r = new Reader(withFixed32);
    for (let i = 0; i < 4; i++) r.skip(r.tag()[1]);
    expect(r.done()).toBe(true);
  });

  it.each([
    ['a length past the end', [0x0a, 0x05, 0x61], 'unexpected EOF'],
    ['field number zero', [0x02, 0x00], 'illegal tag 0'],
    ['a group wire type', [0x0b], 'illegal wireType 3'],
  ] as const)('rejects %s', (_, bytes, message) => {
    const r = new Reader(Uint8Array.from(bytes));
    expect(() => {
      const [, wire] = r.tag();
      r.skip(wire);
    }).toThrow(new ProtoError(message).message);
  });
});
