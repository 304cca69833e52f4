// Mirrors pkg/controller/daemon/update.go (rollingUpdate): replace pods of an old template hash,
// never leaving more than maxUnavailable nodes without an available daemon pod. Old pods that are
// already unavailable go first. maxSurge is left out.
import type { DaemonSet } from '../../api/apps/v1/types.js';
import type { Pod } from '../../api/core/v1/types.js';
import { getScaledValueFromIntOrPercent } from '../../apimachinery/util/intstr/intstr.js';
import { isPodAvailable } from '../controller-utils.js';
import { defaultDaemonSetUniqueLabelKey } from './util/daemonset-util.js';

/**
 * podsToDeleteForRollingUpdate picks old pods to delete now. nodeToPods maps each node that should
 * run the daemon to its pods.
 */
export function podsToDeleteForRollingUpdate(ds: DaemonSet, nodeToPods: Map<string, Pod[]>, hash: string, now: number): Pod[] {
  const desired = nodeToPods.size;
  const maxUnavailable = Math.max(getScaledValueFromIntOrPercent(ds.spec?.updateStrategy?.rollingUpdate?.maxUnavailable ?? 1, desired, true), 1);
  const minReady = ds.spec?.minReadySeconds ?? 0;
  let unavailable = 0;
  const oldAvailable: Pod[] = [];
  const oldUnavailable: Pod[] = [];
  for (const pods of nodeToPods.values()) {
    const live = pods.filter((p) => !p.metadata.deletionTimestamp);
    const available = live.some((p) => isPodAvailable(p, minReady, now));
    if (!available) unavailable++;
    for (const p of live) {
      if (p.metadata.labels?.[defaultDaemonSetUniqueLabelKey] === hash) continue;
      (isPodAvailable(p, minReady, now) ? oldAvailable : oldUnavailable).push(p);
    }
  }
  const out = [...oldUnavailable];
  for (const p of oldAvailable) {
    if (unavailable >= maxUnavailable) break;
    out.push(p);
    unavailable++;
  }
  return out;
}
