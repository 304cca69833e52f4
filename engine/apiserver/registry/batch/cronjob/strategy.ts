// Mirrors pkg/registry/batch/cronjob/strategy.go: status cleared on create, generation 1 and bumped
// on spec changes; cronjobs/status keeps the spec.
import { newStatusStrategy, newStrategy, type StrategyConfig } from '../../core/common/strategy-helpers.js';

const config: StrategyConfig = {
  gvk: { group: 'batch', version: 'v1', kind: 'CronJob' },
  namespaced: true,
  initialStatus: () => ({}),
  tracksGeneration: true,
};

export const Strategy = newStrategy(config);
export const StatusStrategy = newStatusStrategy(Strategy, config);
