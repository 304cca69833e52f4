// Mirrors pkg/controller/job/backoff_utils.go: how long a job waits before it replaces a failed pod
// — 10s doubled for every failure, capped at 6 minutes. Failure times come from the pods' own
// status (container finishedAt, else the Ready condition's transition) instead of a backoff store.
import type { Pod } from '../../api/core/v1/types.js';

/** DefaultJobPodFailureBackOff and MaxJobPodFailureBackOff, as upstream. */
export const defaultJobPodFailureBackOff = 10_000;
export const maxJobPodFailureBackOff = 360_000;

/** failureTime is when a failed pod finished, as well as the pod's status says. */
export function failureTime(pod: Pod): number | undefined {
  let latest: number | undefined;
  for (const cs of pod.status?.containerStatuses ?? []) {
    const t = cs.state?.terminated?.finishedAt;
    if (t) latest = Math.max(latest ?? 0, Date.parse(t));
  }
  if (latest !== undefined) return latest;
  const ready = pod.status?.conditions?.find((c) => c.type === 'Ready')?.lastTransitionTime;
  return ready ? Date.parse(ready) : undefined;
}

/** backoffDuration is the delay after the n-th consecutive failure (n >= 1). */
export function backoffDuration(failures: number, base = defaultJobPodFailureBackOff, max = maxJobPodFailureBackOff): number {
  if (failures <= 0) return 0;
  const d = base * 2 ** Math.min(failures - 1, 30);
  return Math.min(d, max);
}

/**
 * getRemainingBackoff says how long to wait before creating a replacement pod: 0 when the back-off
 * after the latest failure has passed (or there were no failures).
 */
export function getRemainingBackoff(failedPods: Pod[], now: number, base?: number, max?: number): number {
  if (failedPods.length === 0) return 0;
  let last: number | undefined;
  for (const p of failedPods) {
    const t = failureTime(p);
    if (t !== undefined) last = Math.max(last ?? 0, t);
  }
  if (last === undefined) return 0;
  return Math.max(0, last + backoffDuration(failedPods.length, base, max) - now);
}
