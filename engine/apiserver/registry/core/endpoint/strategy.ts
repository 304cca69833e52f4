// Mirrors pkg/registry/core/endpoint/strategy.go: no status; create-on-update is allowed so the
// endpoints controller can write endpoints with PUT.
import { newStrategy } from '../common/strategy-helpers.js';

export const Strategy = newStrategy({
  gvk: { group: '', version: 'v1', kind: 'Endpoints' },
  namespaced: true,
  allowCreateOnUpdate: true,
});
