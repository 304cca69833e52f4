// Mirrors pkg/registry/autoscaling/horizontalpodautoscaler/strategy.go over the storage version
// (autoscaling/v2): status is the controller's (cleared on create, kept on spec updates),
// generation starts at 1 and follows spec changes so status.observedGeneration means something;
// horizontalpodautoscalers/status keeps the spec.
import { newStatusStrategy, newStrategy, type StrategyConfig } from '../../core/common/strategy-helpers.js';

const config: StrategyConfig = {
  gvk: { group: 'autoscaling', version: 'v2', kind: 'HorizontalPodAutoscaler' },
  namespaced: true,
  initialStatus: () => ({ desiredReplicas: 0 }),
  tracksGeneration: true,
};

export const Strategy = newStrategy(config);
export const StatusStrategy = newStatusStrategy(Strategy, config);
