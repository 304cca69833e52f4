// Mirrors k8s.io/apiserver/pkg/storage/names/generate.go: generateName plus a 5-character random
// suffix from the alphabet of k8s.io/apimachinery/pkg/util/rand (no vowels, no confusable digits).
const alphanums = 'bcdfghjklmnpqrstvwxz2456789';
const maxNameLength = 63;
const randomLength = 5;
const maxGeneratedNameLength = maxNameLength - randomLength;

/** randomString returns n characters from the alphabet, using the platform's crypto source. */
export function randomString(n: number): string {
  const bytes = new Uint8Array(n);
  crypto.getRandomValues(bytes);
  let s = '';
  for (const b of bytes) s += alphanums[b % alphanums.length];
  return s;
}

/** generateName truncates the base to 58 characters and appends the suffix, as upstream does. */
export function generateName(base: string): string {
  if (base.length > maxGeneratedNameLength) base = base.slice(0, maxGeneratedNameLength);
  return base + randomString(randomLength);
}
