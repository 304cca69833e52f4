// Mirrors pkg/registry/core/limitrange/strategy.go: no status; create-on-update allowed.
import { newStrategy } from '../common/strategy-helpers.js';

export const Strategy = newStrategy({
  gvk: { group: '', version: 'v1', kind: 'LimitRange' },
  namespaced: true,
  allowCreateOnUpdate: true,
});
