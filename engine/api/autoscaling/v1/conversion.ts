// Mirrors pkg/apis/autoscaling/v1/conversion.go between autoscaling/v1 and the storage version
// (autoscaling/v2): targetCPUUtilizationPercentage is the Resource cpu metric with an
// averageUtilization target, currentCPUUtilizationPercentage its current averageUtilization.
// Upstream carries what v1 cannot say (other metrics, behavior, conditions) in annotations; here
// they are carried over from the stored object instead, so a v1 client never sees them and a v1
// write never loses them.
import { deepCopy } from '../../../apimachinery/api/equality/semantic.js';
import type { HorizontalPodAutoscaler as V1 } from './types.js';
import type { HorizontalPodAutoscaler as V2, MetricSpec, MetricStatus } from '../v2/types.js';
import { setDefaultsHorizontalPodAutoscaler as setV1Defaults } from './defaults.js';

/** isCPUUtilization is the metric v1's targetCPUUtilizationPercentage stands for. */
const isCPUUtilization = (m: MetricSpec) => m.type === 'Resource' && m.resource?.name === 'cpu' && m.resource.target?.averageUtilization != null;
const isCPUStatus = (m: MetricStatus) => m.type === 'Resource' && m.resource?.name === 'cpu';

/** convertV2ToV1 is Convert_autoscaling_HorizontalPodAutoscaler_To_v1_HorizontalPodAutoscaler. */
export function convertV2ToV1(hpa: V2): V1 {
  const { spec, status } = hpa;
  const out: V1 = {
    apiVersion: 'autoscaling/v1',
    kind: 'HorizontalPodAutoscaler',
    metadata: deepCopy(hpa.metadata),
    spec: { scaleTargetRef: deepCopy(spec.scaleTargetRef), maxReplicas: spec.maxReplicas },
  };
  if (spec.minReplicas != null) out.spec.minReplicas = spec.minReplicas;
  const cpu = spec.metrics?.find(isCPUUtilization);
  if (cpu) out.spec.targetCPUUtilizationPercentage = cpu.resource!.target.averageUtilization;
  if (status) {
    out.status = { currentReplicas: status.currentReplicas ?? 0, desiredReplicas: status.desiredReplicas ?? 0 };
    if (status.observedGeneration != null) out.status.observedGeneration = status.observedGeneration;
    if (status.lastScaleTime) out.status.lastScaleTime = status.lastScaleTime;
    const current = status.currentMetrics?.find(isCPUStatus)?.resource?.current.averageUtilization;
    if (current != null) out.status.currentCPUUtilizationPercentage = current;
  }
  return out;
}

/**
 * convertV1ToV2 is Convert_v1_HorizontalPodAutoscaler_To_autoscaling_HorizontalPodAutoscaler with
 * v1's defaults applied first. old is the stored object a write replaces: its other metrics,
 * behavior, conditions and other current metrics are kept.
 */
export function convertV1ToV2(input: V1, old?: V2): V2 {
  const hpa = deepCopy(input);
  setV1Defaults(hpa);
  const spec = hpa.spec;
  const out: V2 = {
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    metadata: hpa.metadata ?? {},
    spec: { scaleTargetRef: spec.scaleTargetRef, maxReplicas: spec.maxReplicas },
  };
  if (spec.minReplicas != null) out.spec.minReplicas = spec.minReplicas;
  const others = (old?.spec.metrics ?? []).filter((m) => !isCPUUtilization(m));
  const metrics = deepCopy(others);
  if (spec.targetCPUUtilizationPercentage != null) {
    const cpu: MetricSpec = { type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: spec.targetCPUUtilizationPercentage } } };
    const at = old?.spec.metrics?.findIndex(isCPUUtilization) ?? -1;
    metrics.splice(at >= 0 ? at : metrics.length, 0, cpu);
  }
  if (metrics.length) out.spec.metrics = metrics;
  if (old?.spec.behavior) out.spec.behavior = deepCopy(old.spec.behavior);
  if (hpa.status) {
    const s = hpa.status;
    out.status = { desiredReplicas: s.desiredReplicas ?? 0 };
    if (s.currentReplicas) out.status.currentReplicas = s.currentReplicas;
    if (s.observedGeneration != null) out.status.observedGeneration = s.observedGeneration;
    if (s.lastScaleTime) out.status.lastScaleTime = s.lastScaleTime;
    const oldMetrics = old?.status?.currentMetrics ?? [];
    const current: MetricStatus[] = deepCopy(oldMetrics.filter((m) => !isCPUStatus(m)));
    const u = s.currentCPUUtilizationPercentage;
    if (u != null) {
      // The stored cpu status says more (its average value); keep it when v1 shows the same figure.
      const kept = oldMetrics.find(isCPUStatus);
      current.unshift(kept?.resource?.current.averageUtilization === u ? deepCopy(kept) : { type: 'Resource', resource: { name: 'cpu', current: { averageUtilization: u } } });
    }
    if (current.length) out.status.currentMetrics = current;
    if (old?.status?.conditions) out.status.conditions = deepCopy(old.status.conditions);
  }
  return out;
}
