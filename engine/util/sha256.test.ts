import { describe, it, expect } from 'vitest';
import { sha256, sha256Hex } from './sha256.js';

describe('sha256Hex', () => {
  const cases: [string, string][] = [
    ['', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
    ['abc', 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'],
    [
      'abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq',
      '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
    ],
    ['a'.repeat(1000), '41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3'],
  ];
  for (const [input, want] of cases) it(`${input.length} bytes`, () => expect(sha256Hex(input)).toBe(want));
});

describe('sha256', () => {
  it('returns 32 bytes', () => {
    const d = sha256(new TextEncoder().encode('abc'));
    expect(d.length).toBe(32);
    expect(d[0]).toBe(0xba);
    expect(d[31]).toBe(0xad);
  });
});
