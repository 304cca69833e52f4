// Mirrors the hashing kube-proxy does with crypto/sha256 + encoding/base32 for chain names
// (pkg/proxy/iptables/proxier.go portProtoHash); the synchronous SHA-256 is the shared util one.

import { sha256 } from '../../util/sha256.js';

export { sha256 };

const base32Alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** base32 encodes like Go's base32.StdEncoding (with '=' padding). */
export function base32(data: Uint8Array): string {
  let out = '';
  let bits = 0;
  let value = 0;
  for (const byte of data) {
    value = ((value << 8) | byte) & 0xffff;
    bits += 8;
    while (bits >= 5) {
      out += base32Alphabet[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += base32Alphabet[(value << (5 - bits)) & 31];
  while (out.length % 8) out += '=';
  return out;
}

/**
 * hashNames remembers recent results: every sync names every endpoint's chain again, and proxiers
 * in one process name the same endpoints (upstream keeps the name in each endpoint's info instead).
 * Bounded, so endpoints that come and go do not pile up.
 */
const hashNames = new Map<string, string>();
const maxHashNames = 200_000;
const encoder = new TextEncoder();

/** hashName is the first 16 base32 characters of sha256(text), the suffix of kube-proxy's chain names. */
export function hashName(text: string): string {
  let name = hashNames.get(text);
  if (name === undefined) {
    name = base32(sha256(encoder.encode(text))).slice(0, 16);
    if (hashNames.size >= maxHashNames) hashNames.clear();
    hashNames.set(text, name);
  }
  return name;
}
