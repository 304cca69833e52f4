// Mirrors k8s.io/apimachinery/pkg/util/rand/rand.go: random suffixes for generated names, from an
// alphabet without vowels (no bad words) and without confusable characters. Uses Web Crypto.

/** alphanums is upstream's alphabet: consonants and digits, minus vowels and 0/1/3. */
export const alphanums = 'bcdfghjklmnpqrstvwxz2456789';

/** string returns n random characters from alphanums (as generateName's 5-character suffix). */
export function string(n: number): string {
  const out: string[] = [];
  // Reject bytes beyond the largest multiple of the alphabet size, so every character is equally likely.
  const limit = 256 - (256 % alphanums.length);
  while (out.length < n) {
    const buf = new Uint8Array(Math.max(16, (n - out.length) * 2));
    crypto.getRandomValues(buf);
    for (const b of buf) {
      if (b < limit && out.length < n) out.push(alphanums[b % alphanums.length]!);
    }
  }
  return out.join('');
}

/** intn returns a random integer in [0, max). */
export function intn(max: number): number {
  if (max <= 0) throw new Error('invalid argument to intn');
  const buf = new Uint32Array(1);
  const limit = 0x100000000 - (0x100000000 % max);
  for (;;) {
    crypto.getRandomValues(buf);
    if (buf[0]! < limit) return buf[0]! % max;
  }
}

/** safeEncodeString maps arbitrary text onto alphanums, as pod-template hashes are encoded. */
export function safeEncodeString(s: string): string {
  let r = '';
  for (let i = 0; i < s.length; i++) r += alphanums[s.charCodeAt(i) % alphanums.length];
  return r;
}
