// Mirrors pkg/registry/core/secret/strategy.go: no status; immutability and type rules are
// validation's (engine/api).
import { newStrategy } from '../common/strategy-helpers.js';

export const Strategy = newStrategy({ gvk: { group: '', version: 'v1', kind: 'Secret' }, namespaced: true });
