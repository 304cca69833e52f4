// Mirrors Go's crypto/sha512 (FIPS 180-4) as the CNI portmap plugin uses it for chain names;
// synchronous because Web Crypto's digest is async and resolves outside the virtual clock, while a
// CNI ADD must finish inside the sandbox's setup. Leaves out SHA-384 and the truncated variants.

const mask64 = (1n << 64n) - 1n;

// The round constants are derived as the standard defines them: the first 64 fractional bits of the
// cube roots of the first 80 primes (initial hash: square roots of the first 8).
const primes = (() => {
  const out: number[] = [];
  for (let n = 2; out.length < 80; n++) if (out.every((p) => n % p !== 0)) out.push(n);
  return out;
})();
const K = primes.map((p) => iroot(BigInt(p) << 192n, 3n) & mask64);
const H0 = primes.slice(0, 8).map((p) => iroot(BigInt(p) << 128n, 2n) & mask64);

/** iroot is the integer k-th root (Newton's method from above). */
function iroot(n: bigint, k: bigint): bigint {
  let x = 1n << (BigInt(n.toString(2).length) / k + 1n);
  for (;;) {
    const y = ((k - 1n) * x + n / x ** (k - 1n)) / k;
    if (y >= x) return x;
    x = y;
  }
}

/** sha512 returns the 64-byte SHA-512 digest of data. */
export function sha512(data: Uint8Array): Uint8Array {
  const padded = new Uint8Array(((data.length + 17 + 127) >> 7) << 7);
  padded.set(data);
  padded[data.length] = 0x80;
  const view = new DataView(padded.buffer);
  view.setBigUint64(padded.length - 8, BigInt(data.length * 8));
  const h = [...H0];
  const w: bigint[] = new Array(80);
  const rotr = (x: bigint, n: bigint) => ((x >> n) | (x << (64n - n))) & mask64;
  for (let off = 0; off < padded.length; off += 128) {
    for (let i = 0; i < 16; i++) w[i] = view.getBigUint64(off + i * 8);
    for (let i = 16; i < 80; i++) {
      const s0 = rotr(w[i - 15]!, 1n) ^ rotr(w[i - 15]!, 8n) ^ (w[i - 15]! >> 7n);
      const s1 = rotr(w[i - 2]!, 19n) ^ rotr(w[i - 2]!, 61n) ^ (w[i - 2]! >> 6n);
      w[i] = (w[i - 16]! + s0 + w[i - 7]! + s1) & mask64;
    }
    let [a, b, c, d, e, f, g, hh] = h as [bigint, bigint, bigint, bigint, bigint, bigint, bigint, bigint];
    for (let i = 0; i < 80; i++) {
      const t1 = (hh + (rotr(e, 14n) ^ rotr(e, 18n) ^ rotr(e, 41n)) + ((e & f) ^ (~e & mask64 & g)) + K[i]! + w[i]!) & mask64;
      const t2 = ((rotr(a, 28n) ^ rotr(a, 34n) ^ rotr(a, 39n)) + ((a & b) ^ (a & c) ^ (b & c))) & mask64;
      [hh, g, f, e, d, c, b, a] = [g, f, e, (d + t1) & mask64, c, b, a, (t1 + t2) & mask64];
    }
    [a, b, c, d, e, f, g, hh].forEach((v, i) => (h[i] = (h[i]! + v) & mask64));
  }
  const out = new Uint8Array(64);
  const outView = new DataView(out.buffer);
  h.forEach((v, i) => outView.setBigUint64(i * 8, v));
  return out;
}

/** sha512Hex returns the lowercase hex SHA-512 of a string's UTF-8 bytes. */
export function sha512Hex(input: string): string {
  return [...sha512(new TextEncoder().encode(input))].map((b) => b.toString(16).padStart(2, '0')).join('');
}
