// Mirrors controller.ComputeHash (pkg/controller/controller_utils.go) with hashutil.DeepHashObject
// and rand.SafeEncodeString: an fnv-32a hash of the pod template (plus the collision count, as
// four little-endian bytes), printed in decimal and mapped onto a vowel-free alphabet. Go hashes
// its spew dump of the struct; we hash canonical JSON (sorted keys), so values differ from a real
// cluster's but keep their shape and stability.
import type { PodTemplateSpec } from '../../../api/core/v1/types.js';

const fnvOffset32 = 0x811c9dc5;
const fnvPrime32 = 0x01000193;

/** fnv32a hashes bytes with FNV-1a, 32 bits. */
export function fnv32a(bytes: Uint8Array, seed = fnvOffset32): number {
  let h = seed >>> 0;
  for (const b of bytes) {
    h ^= b;
    h = Math.imul(h, fnvPrime32) >>> 0;
  }
  return h >>> 0;
}

/** alphanums has no vowels (no words by accident) and no 0/1/3 (look like letters). */
const alphanums = 'bcdfghjklmnpqrstvwxz2456789';

/** safeEncodeString maps each byte of s onto alphanums (rand.SafeEncodeString). */
export function safeEncodeString(s: string): string {
  let out = '';
  for (const b of new TextEncoder().encode(s)) out += alphanums[b % alphanums.length];
  return out;
}

/** canonicalJSON prints a value with object keys sorted, so equal templates hash equally. */
export function canonicalJSON(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonicalJSON).join(',')}]`;
  if (v && typeof v === 'object') {
    const entries = Object.entries(v as Record<string, unknown>).filter(([, x]) => x !== undefined);
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, x]) => `${JSON.stringify(k)}:${canonicalJSON(x)}`).join(',')}}`;
  }
  return JSON.stringify(v);
}

/** computeHash is the pod-template-hash of a template and the deployment's collisionCount. */
export function computeHash(template: PodTemplateSpec, collisionCount?: number): string {
  const bytes = new TextEncoder().encode(canonicalJSON(template));
  let h = fnv32a(bytes);
  if (collisionCount !== undefined) {
    const extra = new Uint8Array(4);
    new DataView(extra.buffer).setUint32(0, collisionCount >>> 0, true);
    h = fnv32a(extra, h);
  }
  return safeEncodeString(String(h));
}
