// Mirrors pkg/registry/core/event/strategy.go: no status; recorders create events with PUT too.
import { newStrategy } from '../common/strategy-helpers.js';

export const Strategy = newStrategy({
  gvk: { group: '', version: 'v1', kind: 'Event' },
  namespaced: true,
  allowCreateOnUpdate: true,
});
