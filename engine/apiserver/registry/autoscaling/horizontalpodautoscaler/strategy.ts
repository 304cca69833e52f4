// Mirrors pkg/registry/autoscaling/horizontalpodautoscaler/strategy.go: status is the controller's
// (cleared on create, kept on spec updates), generation starts at 1 and follows spec changes so
// status.observedGeneration means something; horizontalpodautoscalers/status keeps the spec.
import { newStatusStrategy, newStrategy, type StrategyConfig } from '../../core/common/strategy-helpers.js';

const config: StrategyConfig = {
  gvk: { group: 'autoscaling', version: 'v1', kind: 'HorizontalPodAutoscaler' },
  namespaced: true,
  initialStatus: () => ({ currentReplicas: 0, desiredReplicas: 0 }),
  tracksGeneration: true,
};

export const Strategy = newStrategy(config);
export const StatusStrategy = newStatusStrategy(Strategy, config);
