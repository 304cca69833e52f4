// Mirrors pkg/registry/apps/daemonset/strategy.go: status cleared on create, generation 1 and
// bumped on spec changes; daemonsets/status keeps the spec and labels.
import { newStatusStrategy, newStrategy, setField, type StrategyConfig } from '../../core/common/strategy-helpers.js';

const config: StrategyConfig = {
  gvk: { group: 'apps', version: 'v1', kind: 'DaemonSet' },
  namespaced: true,
  initialStatus: () => ({ currentNumberScheduled: 0, numberMisscheduled: 0, desiredNumberScheduled: 0, numberReady: 0 }),
  tracksGeneration: true,
  defaultGarbageCollectionPolicy: 'DeleteDependents',
};

export const Strategy = newStrategy(config);
export const StatusStrategy = newStatusStrategy(Strategy, config, (obj, old) =>
  setField(obj.metadata as Record<string, unknown>, 'labels', old.metadata.labels),
);
