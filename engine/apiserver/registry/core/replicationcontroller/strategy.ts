// Mirrors pkg/registry/core/replicationcontroller/strategy.go: status cleared on create, generation
// starts at 1 and grows with spec changes; replicationcontrollers/status keeps the spec.
import { newStatusStrategy, newStrategy, type StrategyConfig } from '../common/strategy-helpers.js';

const config: StrategyConfig = {
  gvk: { group: '', version: 'v1', kind: 'ReplicationController' },
  namespaced: true,
  initialStatus: () => ({ replicas: 0 }),
  tracksGeneration: true,
};

export const Strategy = newStrategy(config);
export const StatusStrategy = newStatusStrategy(Strategy, config);
