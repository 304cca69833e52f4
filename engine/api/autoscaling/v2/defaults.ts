// Mirrors pkg/apis/autoscaling/v2/defaults.go: minReplicas 1, a CPU utilization metric at 80% when
// no metric is named, and — only when behavior is given — its missing scale-up and scale-down rules
// filled from the defaults (scale down keeps no stabilization window: the controller's
// --horizontal-pod-autoscaler-downscale-stabilization applies).
import type { HPAScalingRules, HorizontalPodAutoscaler } from './types.js';

/** defaultCPUUtilization is autoscaling.DefaultCPUUtilization. */
export const defaultCPUUtilization = 80;

/** hpaScaleUpRules are the default scale-up rules: 4 pods or 100% per 15 s, whichever is more, at once. */
export function hpaScaleUpRules(): HPAScalingRules {
  return {
    stabilizationWindowSeconds: 0,
    selectPolicy: 'Max',
    policies: [
      { type: 'Pods', value: 4, periodSeconds: 15 },
      { type: 'Percent', value: 100, periodSeconds: 15 },
    ],
  };
}

/** hpaScaleDownRules are the default scale-down rules: down to nothing per 15 s, after the window. */
export function hpaScaleDownRules(): HPAScalingRules {
  return { selectPolicy: 'Max', policies: [{ type: 'Percent', value: 100, periodSeconds: 15 }] };
}

/** generateRules fills the missing parts of rules from defaults (GenerateHPAScale{Up,Down}Rules). */
function generateRules(rules: HPAScalingRules | undefined, defaults: HPAScalingRules): HPAScalingRules {
  if (!rules) return defaults;
  if (rules.stabilizationWindowSeconds == null && defaults.stabilizationWindowSeconds != null) rules.stabilizationWindowSeconds = defaults.stabilizationWindowSeconds;
  if (rules.selectPolicy == null) rules.selectPolicy = defaults.selectPolicy;
  if (rules.policies == null) rules.policies = defaults.policies;
  return rules;
}

export function setDefaultsHorizontalPodAutoscaler(hpa: HorizontalPodAutoscaler): void {
  const spec = (hpa.spec ??= {} as HorizontalPodAutoscaler['spec']);
  if (spec.minReplicas == null) spec.minReplicas = 1;
  if (!spec.metrics?.length) {
    spec.metrics = [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: defaultCPUUtilization } } }];
  }
  if (spec.behavior) {
    spec.behavior.scaleUp = generateRules(spec.behavior.scaleUp, hpaScaleUpRules());
    spec.behavior.scaleDown = generateRules(spec.behavior.scaleDown, hpaScaleDownRules());
  }
}

export const autoscalingV2Defaulters: Record<string, (obj: never) => void> = {
  HorizontalPodAutoscaler: setDefaultsHorizontalPodAutoscaler,
};
