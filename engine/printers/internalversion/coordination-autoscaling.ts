// Mirrors printLease and printHorizontalPodAutoscaler (with formatHPAMetrics) of
// pkg/printers/internalversion/printers.go: `kubectl get leases` (NAME HOLDER AGE) and `kubectl get hpa`
// (NAME REFERENCE TARGETS MINPODS MAXPODS REPLICAS AGE). Autoscalers print from the storage version
// (autoscaling/v2); an autoscaling/v1 object is converted first, so both versions print alike.
import type { Lease } from '../../api/coordination/v1/types.js';
import type { HorizontalPodAutoscaler as HPAv1 } from '../../api/autoscaling/v1/types.js';
import type { HorizontalPodAutoscaler, MetricSpec, MetricStatus, MetricTarget, MetricValueStatus } from '../../api/autoscaling/v2/types.js';
import { convertV1ToV2 } from '../../api/autoscaling/v1/conversion.js';
import type { TableConvertor } from '../../apiserver/registry/rest/resource.js';
import { ageColumn, col, nameColumn, translateTimestampSince } from './helpers.js';

export const leaseTable: TableConvertor = {
  columns: [nameColumn, col('Holder', 'string', 'HolderIdentity contains the identity of the holder of a current lease.'), ageColumn],
  row: (obj, now) => {
    const lease = obj as unknown as Lease;
    return [lease.metadata.name ?? '', lease.spec?.holderIdentity ?? '', translateTimestampSince(lease.metadata.creationTimestamp, now)];
  },
};

/** maxHPAMetrics is how many metrics TARGETS shows before "+ N more...". */
const maxHPAMetrics = 2;

const orUnknown = (v: string | undefined) => v ?? '<unknown>';
const pct = (v: number | undefined) => (v == null ? undefined : `${v}%`);

/** averageOrValue prints Object and External metrics: an average target gets " (avg)". */
function averageOrValue(target: MetricTarget | undefined, current: MetricValueStatus | undefined): string {
  if (target?.averageValue != null) return `${orUnknown(current?.averageValue)}/${target.averageValue} (avg)`;
  return `${orUnknown(current?.value)}/${target?.value ?? ''}`;
}

/** resourceMetric prints a Resource or ContainerResource metric: "cpu: 35%/50%" or "memory: 10Mi/20Mi". */
function resourceMetric(name: string, target: MetricTarget | undefined, current: MetricValueStatus | undefined): string {
  if (target?.averageValue != null) return `${name}: ${orUnknown(current?.averageValue)}/${target.averageValue}`;
  return `${name}: ${orUnknown(pct(current?.averageUtilization))}/${pct(target?.averageUtilization) ?? '<auto>'}`;
}

function formatMetric(spec: MetricSpec, status: MetricStatus | undefined): string {
  switch (spec.type) {
    case 'External':
      return averageOrValue(spec.external?.target, status?.external?.current);
    case 'Pods':
      return `${orUnknown(status?.pods?.current.averageValue)}/${spec.pods?.target.averageValue ?? ''}`;
    case 'Object':
      return averageOrValue(spec.object?.target, status?.object?.current);
    case 'Resource':
      return resourceMetric(spec.resource?.name ?? '', spec.resource?.target, status?.resource?.current);
    case 'ContainerResource':
      return resourceMetric(spec.containerResource?.name ?? '', spec.containerResource?.target, status?.containerResource?.current);
    default:
      return '<unknown type>';
  }
}

/** formatHPAMetrics lists the first metrics as "current/target", then "+ N more...". */
export function formatHPAMetrics(specs: MetricSpec[] | undefined, statuses: MetricStatus[] | undefined): string {
  if (!specs?.length) return '<none>';
  const list = specs.map((spec, i) => formatMetric(spec, statuses?.[i]));
  if (list.length <= maxHPAMetrics) return list.join(', ');
  return `${list.slice(0, maxHPAMetrics).join(', ')} + ${list.length - maxHPAMetrics} more...`;
}

const hpaColumns = [
  nameColumn,
  col('Reference', 'string', 'scaleTargetRef points to the target resource to scale, and is used to the pods for which metrics should be collected, as well as to actually change the replica count.'),
  col('Targets', 'string', 'metrics contains the specifications for which to use to calculate the desired replica count (the maximum replica count across all metrics will be used).'),
  col('MinPods', 'string', 'minReplicas is the lower limit for the number of replicas to which the autoscaler can scale down.'),
  col('MaxPods', 'integer', 'maxReplicas is the upper limit for the number of replicas to which the autoscaler can scale up. It cannot be less that minReplicas.'),
  col('Replicas', 'integer', 'currentReplicas is current number of replicas of pods managed by this autoscaler, as last seen by the autoscaler.'),
  ageColumn,
];

function hpaRow(hpa: HorizontalPodAutoscaler, now: number): unknown[] {
  const ref = hpa.spec?.scaleTargetRef;
  return [
    hpa.metadata.name ?? '',
    `${ref?.kind ?? ''}/${ref?.name ?? ''}`,
    formatHPAMetrics(hpa.spec?.metrics, hpa.status?.currentMetrics),
    hpa.spec?.minReplicas == null ? '<unset>' : String(hpa.spec.minReplicas),
    hpa.spec?.maxReplicas ?? 0,
    hpa.status?.currentReplicas ?? 0,
    translateTimestampSince(hpa.metadata.creationTimestamp, now),
  ];
}

/** horizontalPodAutoscalerTable prints autoscaling/v2 objects. */
export const horizontalPodAutoscalerTable: TableConvertor = {
  columns: hpaColumns,
  row: (obj, now) => hpaRow(obj as unknown as HorizontalPodAutoscaler, now),
};

/** horizontalPodAutoscalerV1Table prints autoscaling/v1 objects through their v2 form. */
export const horizontalPodAutoscalerV1Table: TableConvertor = {
  columns: hpaColumns,
  row: (obj, now) => hpaRow(convertV1ToV2(obj as unknown as HPAv1), now),
};
