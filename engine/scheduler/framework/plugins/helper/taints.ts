// Mirrors k8s.io/component-helpers/scheduling/corev1 (FindMatchingUntoleratedTaint) and
// api/v1/toleration.go (ToleratesTaint): does a pod's toleration cover a node's taint.
import type { Taint, Toleration } from '../../../../api/core/v1/types.js';

/** toleratesTaint: an empty effect tolerates every effect; Exists with no key tolerates all. */
export function toleratesTaint(t: Toleration, taint: Taint): boolean {
  if (t.effect && t.effect !== taint.effect) return false;
  if (t.key && t.key !== taint.key) return false;
  if (t.operator === 'Exists') return true;
  return (t.value ?? '') === (taint.value ?? '');
}

export const tolerationsTolerateTaint = (tolerations: Toleration[], taint: Taint): boolean => tolerations.some((t) => toleratesTaint(t, taint));

/** findMatchingUntoleratedTaint returns the first taint passing filter that no toleration covers. */
export function findMatchingUntoleratedTaint(taints: Taint[], tolerations: Toleration[], filter: (t: Taint) => boolean): Taint | undefined {
  return taints.find((taint) => filter(taint) && !tolerationsTolerateTaint(tolerations, taint));
}
