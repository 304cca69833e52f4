// Mirrors pkg/controller/nodelifecycle/scheduler/taint_manager.go (now pkg/controller/tainteviction):
// pods on a node with NoExecute taints are deleted once no toleration covers the taint any more.
// Simplified: checked on each node-monitor pass instead of a timed queue per pod; pods that lack
// a toleration for the node-lifecycle taints get --pod-eviction-timeout, which the
// DefaultTolerationSeconds admission plugin would have written into them upstream.
import type { Pod, Taint, Toleration } from '../../../api/core/v1/types.js';

export const taintNodeNotReady = 'node.kubernetes.io/not-ready';
export const taintNodeUnreachable = 'node.kubernetes.io/unreachable';

/** tolerationToleratesTaint mirrors Toleration.ToleratesTaint. */
export function toleratesTaint(t: Toleration, taint: Taint): boolean {
  if (t.effect && t.effect !== taint.effect) return false;
  if (t.key && t.key !== taint.key) return false;
  if (!t.key && t.operator !== 'Exists') return false;
  switch (t.operator ?? 'Equal') {
    case 'Exists':
      return true;
    case 'Equal':
      return (t.value ?? '') === (taint.value ?? '');
    default:
      return false;
  }
}

/** getMatchingTolerations returns, per taint, the toleration that tolerates it; undefined if one is not tolerated. */
export function getMatchingTolerations(taints: Taint[], tolerations: Toleration[]): Toleration[] | undefined {
  const out: Toleration[] = [];
  for (const taint of taints) {
    const t = tolerations.find((tol) => toleratesTaint(tol, taint));
    if (!t) return undefined;
    out.push(t);
  }
  return out;
}

/**
 * getMinTolerationTime returns the shortest tolerationSeconds (ms) of the matching tolerations;
 * -1 means tolerated forever.
 */
export function getMinTolerationTime(tolerations: Toleration[]): number {
  let min = -1;
  for (const t of tolerations) {
    if (t.tolerationSeconds == null) continue;
    const ms = Math.max(0, t.tolerationSeconds) * 1000;
    if (min < 0 || ms < min) min = ms;
  }
  return min;
}

/** defaultTolerations are what DefaultTolerationSeconds adds to pods that lack them. */
export function defaultTolerations(seconds: number): Toleration[] {
  return [
    { key: taintNodeNotReady, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: seconds },
    { key: taintNodeUnreachable, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: seconds },
  ];
}

/** effectiveTolerations adds the default not-ready/unreachable tolerations a pod does not already have. */
export function effectiveTolerations(pod: Pod, defaultSeconds: number): Toleration[] {
  const own = pod.spec?.tolerations ?? [];
  const extra = defaultTolerations(defaultSeconds).filter(
    (d) => !own.some((t) => (t.key === d.key || (!t.key && t.operator === 'Exists')) && (!t.effect || t.effect === 'NoExecute')),
  );
  return [...own, ...extra];
}

/**
 * evictionTime says when pod must go from a node with these taints: undefined if never, else the
 * time in ms (the earliest taint's timeAdded plus the shortest matching toleration).
 */
export function evictionTime(pod: Pod, taints: Taint[], defaultSeconds: number): number | undefined {
  const noExecute = taints.filter((t) => t.effect === 'NoExecute');
  if (noExecute.length === 0) return undefined;
  const matching = getMatchingTolerations(noExecute, effectiveTolerations(pod, defaultSeconds));
  const added = Math.min(...noExecute.map((t) => (t.timeAdded ? Date.parse(t.timeAdded) : 0)));
  if (!matching) return added; // not tolerated: evict now
  const min = getMinTolerationTime(matching);
  return min < 0 ? undefined : added + min;
}
