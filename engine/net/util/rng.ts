// Mirrors the kernel's prandom (lib/random32.c) only in role: a small seedable generator so
// `-m statistic --mode random`, ephemeral ports and MAC addresses are reproducible under test.

/** Rng returns floats in [0, 1). */
export type Rng = () => number;

/** newRng returns a mulberry32 generator; the same seed gives the same sequence. */
export function newRng(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** randomInt returns an integer in [min, max]. */
export function randomInt(rng: Rng, min: number, max: number): number {
  return min + Math.floor(rng() * (max - min + 1));
}
