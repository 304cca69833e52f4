// Mirrors pkg/apis/core/helper/qos/qos.go GetPodQOS: Guaranteed when every container limits cpu
// and memory with requests equal to limits, BestEffort when nothing is requested or limited,
// Burstable otherwise. Quantities are compared numerically with a small parser.
import type { Container, Pod, PodQOSClass } from '../../../../api/core/v1/types.js';

const suffixes: Record<string, number> = {
  n: 1e-9, u: 1e-6, m: 1e-3, '': 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18,
  Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60,
};

/** quantityValue reads "100m", "128Mi", "1e3" or a number; NaN when it cannot. */
export function quantityValue(q: string | number | undefined): number {
  if (q === undefined) return NaN;
  if (typeof q === 'number') return q;
  const m = /^([+-]?[0-9.]+)(?:([eE][-+]?[0-9]+)|([a-zA-Z]*))$/.exec(q.trim());
  if (!m) return NaN;
  const base = Number(m[1]);
  if (m[2]) return base * 10 ** Number(m[2].slice(1));
  const mult = suffixes[m[3] ?? ''];
  return mult === undefined ? NaN : base * mult;
}

const computeResources = ['cpu', 'memory'];

/** getPodQOS classifies a pod; init containers count like regular ones. */
export function getPodQOS(pod: Pod): PodQOSClass {
  const containers: Container[] = [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])];
  const requests = new Map<string, number>();
  const limits = new Map<string, number>();
  let isGuaranteed = true;
  for (const c of containers) {
    for (const [name, q] of Object.entries(c.resources?.requests ?? {})) {
      const v = quantityValue(q);
      if (!computeResources.includes(name) || !(v > 0)) continue;
      requests.set(name, (requests.get(name) ?? 0) + v);
    }
    const limited = new Set<string>();
    for (const [name, q] of Object.entries(c.resources?.limits ?? {})) {
      const v = quantityValue(q);
      if (!computeResources.includes(name) || !(v > 0)) continue;
      limited.add(name);
      limits.set(name, (limits.get(name) ?? 0) + v);
    }
    if (!computeResources.every((r) => limited.has(r))) isGuaranteed = false;
  }
  if (requests.size === 0 && limits.size === 0) return 'BestEffort';
  if (isGuaranteed) {
    for (const [name, req] of requests) {
      if (limits.get(name) !== req) {
        isGuaranteed = false;
        break;
      }
    }
  }
  return isGuaranteed && limits.size === requests.size ? 'Guaranteed' : 'Burstable';
}
