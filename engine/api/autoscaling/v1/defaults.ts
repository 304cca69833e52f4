// Mirrors pkg/apis/autoscaling/v1/defaults.go and the CPU default its conversion applies: minReplicas
// 1, and an autoscaler that names no target aims at 80% CPU utilization (DefaultCPUUtilization).
import type { HorizontalPodAutoscaler } from './types.js';

export const defaultCPUUtilization = 80;

export function setDefaultsHorizontalPodAutoscaler(hpa: HorizontalPodAutoscaler): void {
  const spec = (hpa.spec ??= {} as HorizontalPodAutoscaler['spec']);
  if (spec.minReplicas == null) spec.minReplicas = 1;
  if (spec.targetCPUUtilizationPercentage == null) spec.targetCPUUtilizationPercentage = defaultCPUUtilization;
}

export const autoscalingDefaulters: Record<string, (obj: never) => void> = {
  HorizontalPodAutoscaler: setDefaultsHorizontalPodAutoscaler,
};
