// Mirrors pkg/registry/core/node/strategy.go: nodes register with their status (the kubelet sends
// it on create), updates keep status and nodes/status keeps spec.
import { newStatusStrategy, newStrategy, type StrategyConfig } from '../common/strategy-helpers.js';

const config: StrategyConfig = {
  gvk: { group: '', version: 'v1', kind: 'Node' },
  namespaced: false,
  initialStatus: 'keep',
};

export const Strategy = newStrategy(config);
export const StatusStrategy = newStatusStrategy(Strategy, config);
