// Mirrors pkg/registry/core/persistentvolumeclaim/strategy.go: a new claim is Pending (the phase
// upstream's defaulting gives a cleared status); the binder writes status through the subresource.
import { newStatusStrategy, newStrategy, type StrategyConfig } from '../common/strategy-helpers.js';

const config: StrategyConfig = {
  gvk: { group: '', version: 'v1', kind: 'PersistentVolumeClaim' },
  namespaced: true,
  initialStatus: () => ({ phase: 'Pending' }),
};

export const Strategy = newStrategy(config);
export const StatusStrategy = newStatusStrategy(Strategy, config);
