// Mirrors pkg/registry/core/resourcequota/strategy.go: status (hard/used) belongs to the quota
// controller; it is cleared on create and only resourcequotas/status changes it.
import { newStatusStrategy, newStrategy, type StrategyConfig } from '../common/strategy-helpers.js';

const config: StrategyConfig = {
  gvk: { group: '', version: 'v1', kind: 'ResourceQuota' },
  namespaced: true,
  initialStatus: () => ({}),
};

export const Strategy = newStrategy(config);
export const StatusStrategy = newStatusStrategy(Strategy, config);
