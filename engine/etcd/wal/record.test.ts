import { describe, it, expect } from 'vitest';
import { crc32 } from './crc32.js';
import { decodeFrames, encodeFrames } from './record.js';

const enc = new TextEncoder();

describe('crc32', () => {
  it('matches the IEEE check value', () => {
    expect(crc32(enc.encode('123456789')).toString(16)).toBe('cbf43926');
  });
});

describe('decodeFrames', () => {
  const good = encodeFrames([enc.encode('one'), enc.encode('two'), enc.encode('three')]);
  const cases: { name: string; bytes: Uint8Array; records: number; validLength: number; problem?: RegExp }[] = [
    { name: 'intact log', bytes: good, records: 3, validLength: good.length },
    { name: 'torn payload', bytes: good.slice(0, good.length - 2), records: 2, validLength: 22, problem: /torn record/ },
    { name: 'torn header', bytes: good.slice(0, 25), records: 2, validLength: 22, problem: /torn record header/ },
    {
      name: 'corrupt byte in last record',
      bytes: (() => {
        const b = good.slice();
        b[b.length - 1] ^= 0xff;
        return b;
      })(),
      records: 2,
      validLength: 22,
      problem: /crc mismatch/,
    },
    { name: 'zero-filled tail', bytes: new Uint8Array([...good, 0, 0, 0, 0, 0, 0, 0, 0]), records: 3, validLength: good.length, problem: /empty record/ },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const r = decodeFrames(c.bytes);
      expect(r.payloads.length).toBe(c.records);
      expect(r.validLength).toBe(c.validLength);
      if (c.problem) expect(r.problem).toMatch(c.problem);
      else expect(r.problem).toBeUndefined();
    });
  }
});
