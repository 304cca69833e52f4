import { describe, it, expect } from 'vitest';
import { sha512, sha512Hex } from './sha512.js';

describe('sha512Hex', () => {
  const cases: [string, string, string][] = [
    ['the empty string', '', 'cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e'],
    ['"abc"', 'abc', 'ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f'],
    [
      'the two-block FIPS 180-4 message',
      'abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu',
      '8e959b75dae313da8cf4f72814fc143f8f7779c6eb9f7fa17299aeadb6889018501d289e4900f7e4331b99dec4b5433ac7d329eeb6dd26545e96e55b874be909',
    ],
    ['111 bytes (padding fits one block)', 'a'.repeat(111), 'fa9121c7b32b9e01733d034cfc78cbf67f926c7ed83e82200ef86818196921760b4beff48404df811b953828274461673c68d04e297b0eb7b2b4d60fc6b566a2'],
    ['112 bytes (padding spills into a second block)', 'a'.repeat(112), 'c01d080efd492776a1c43bd23dd99d0a2e626d481e16782e75d54c2503b5dc32bd05f0f1ba33e568b88fd2d970929b719ecbb152f58f130a407c8830604b70ca'],
  ];
  it.each(cases)('%s', (_name, input, want) => expect(sha512Hex(input)).toBe(want));
});

describe('sha512', () => {
  it('returns 64 bytes', () => {
    const d = sha512(new TextEncoder().encode('abc'));
    expect(d.length).toBe(64);
    expect(d[0]).toBe(0xdd);
    expect(d[63]).toBe(0x9f);
  });
});
