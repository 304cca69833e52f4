// Mirrors pkg/registry/apps/deployment/strategy.go: status cleared on create, generation 1, bumped
// on spec or annotation changes (rollbacks were requested by annotation); deployments/status keeps
// the spec and labels.
import { newStatusStrategy, newStrategy, setField, type StrategyConfig } from '../../core/common/strategy-helpers.js';

const config: StrategyConfig = {
  gvk: { group: 'apps', version: 'v1', kind: 'Deployment' },
  namespaced: true,
  initialStatus: () => ({}),
  tracksGeneration: true,
  generationAlsoWatches: (obj) => obj.metadata.annotations ?? {},
  defaultGarbageCollectionPolicy: 'DeleteDependents',
};

export const Strategy = newStrategy(config);
export const StatusStrategy = newStatusStrategy(Strategy, config, (obj, old) =>
  setField(obj.metadata as Record<string, unknown>, 'labels', old.metadata.labels),
);
