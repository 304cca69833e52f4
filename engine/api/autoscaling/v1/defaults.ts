// Mirrors pkg/apis/autoscaling/v1/defaults.go: minReplicas 1. The CPU target is not defaulted here:
// as upstream, an autoscaler that names none gets the 80% CPU metric when it is converted to the
// storage version (autoscaling/v2 defaults, see conversion.ts).
import type { HorizontalPodAutoscaler } from './types.js';

export function setDefaultsHorizontalPodAutoscaler(hpa: HorizontalPodAutoscaler): void {
  const spec = (hpa.spec ??= {} as HorizontalPodAutoscaler['spec']);
  if (spec.minReplicas == null) spec.minReplicas = 1;
}

export const autoscalingDefaulters: Record<string, (obj: never) => void> = {
  HorizontalPodAutoscaler: setDefaultsHorizontalPodAutoscaler,
};
