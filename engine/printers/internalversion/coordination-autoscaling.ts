// Mirrors printLease and printHorizontalPodAutoscaler (with formatHPAMetrics) of
// pkg/printers/internalversion/printers.go: `kubectl get leases` (NAME HOLDER AGE) and `kubectl get hpa`
// (NAME REFERENCE TARGETS MINPODS MAXPODS REPLICAS AGE). autoscaling/v1's CPU target is printed as
// the single Resource metric it converts to ("cpu: 45%/80%").
import type { Lease } from '../../api/coordination/v1/types.js';
import type { HorizontalPodAutoscaler } from '../../api/autoscaling/v1/types.js';
import type { TableConvertor } from '../../apiserver/registry/rest/resource.js';
import { ageColumn, col, nameColumn, translateTimestampSince } from './helpers.js';

export const leaseTable: TableConvertor = {
  columns: [nameColumn, col('Holder', 'string', 'HolderIdentity contains the identity of the holder of a current lease.'), ageColumn],
  row: (obj, now) => {
    const lease = obj as unknown as Lease;
    return [lease.metadata.name ?? '', lease.spec?.holderIdentity ?? '', translateTimestampSince(lease.metadata.creationTimestamp, now)];
  },
};

/** formatHPAMetrics prints the v1 CPU target as formatHPAMetrics prints its Resource metric. */
export function formatHPAMetrics(hpa: HorizontalPodAutoscaler): string {
  const target = hpa.spec?.targetCPUUtilizationPercentage;
  if (target == null) return '<none>';
  const current = hpa.status?.currentCPUUtilizationPercentage;
  return `cpu: ${current == null ? '<unknown>' : `${current}%`}/${target}%`;
}

export const horizontalPodAutoscalerTable: TableConvertor = {
  columns: [
    nameColumn,
    col('Reference', 'string', 'scaleTargetRef points to the target resource to scale, and is used to the pods for which metrics should be collected, as well as to actually change the replica count.'),
    col('Targets', 'string', 'metrics contains the specifications for which to use to calculate the desired replica count (the maximum replica count across all metrics will be used).'),
    col('MinPods', 'string', 'minReplicas is the lower limit for the number of replicas to which the autoscaler can scale down.'),
    col('MaxPods', 'integer', 'maxReplicas is the upper limit for the number of replicas to which the autoscaler can scale up. It cannot be less that minReplicas.'),
    col('Replicas', 'integer', 'currentReplicas is current number of replicas of pods managed by this autoscaler, as last seen by the autoscaler.'),
    ageColumn,
  ],
  row: (obj, now) => {
    const hpa = obj as unknown as HorizontalPodAutoscaler;
    const ref = hpa.spec?.scaleTargetRef;
    return [
      hpa.metadata.name ?? '',
      `${ref?.kind ?? ''}/${ref?.name ?? ''}`,
      formatHPAMetrics(hpa),
      hpa.spec?.minReplicas == null ? '<unset>' : String(hpa.spec.minReplicas),
      hpa.spec?.maxReplicas ?? 0,
      hpa.status?.currentReplicas ?? 0,
      translateTimestampSince(hpa.metadata.creationTimestamp, now),
    ];
  },
};
