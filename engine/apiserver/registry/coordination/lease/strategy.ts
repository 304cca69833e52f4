// Mirrors pkg/registry/coordination/lease/strategy.go: leases have no status and no generation; a
// PUT may create one (AllowCreateOnUpdate), but an update must carry the resourceVersion it read, so
// two candidates renewing the same lease cannot both win (AllowUnconditionalUpdate is false).
import { newStrategy, type StrategyConfig } from '../../core/common/strategy-helpers.js';

const config: StrategyConfig = {
  gvk: { group: 'coordination.k8s.io', version: 'v1', kind: 'Lease' },
  namespaced: true,
  allowCreateOnUpdate: true,
  allowUnconditionalUpdate: false,
};

export const Strategy = newStrategy(config);
