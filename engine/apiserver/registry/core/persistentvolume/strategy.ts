// Mirrors pkg/registry/core/persistentvolume/strategy.go: a new volume is Pending with the time of
// that phase; persistentvolumes/status records lastPhaseTransitionTime whenever the phase changes.
import type { KubeObject } from '../../../../apimachinery/apis/meta/v1/types.js';
import type { PersistentVolume } from '../../../../api/core/v1/types.js';
import { newStatusStrategy, newStrategy, rfc3339, type StrategyConfig } from '../common/strategy-helpers.js';

const asPV = (obj: KubeObject) => obj as unknown as PersistentVolume;

const config: StrategyConfig = {
  gvk: { group: '', version: 'v1', kind: 'PersistentVolume' },
  namespaced: false,
  initialStatus: () => ({ phase: 'Pending' }),
  prepareForCreate(obj, ctx) {
    asPV(obj).status!.lastPhaseTransitionTime = rfc3339(ctx.clock.now());
  },
};

export const Strategy = newStrategy(config);
export const StatusStrategy = newStatusStrategy(Strategy, config, (obj, old, ctx) => {
  const status = (asPV(obj).status ??= {});
  const oldStatus = asPV(old).status ?? {};
  if (status.phase !== oldStatus.phase) status.lastPhaseTransitionTime = rfc3339(ctx.clock.now());
  else if (oldStatus.lastPhaseTransitionTime && !status.lastPhaseTransitionTime) {
    status.lastPhaseTransitionTime = oldStatus.lastPhaseTransitionTime;
  }
});
