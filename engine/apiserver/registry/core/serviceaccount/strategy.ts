// Mirrors pkg/registry/core/serviceaccount/strategy.go: no status, nothing to prepare.
import { newStrategy } from '../common/strategy-helpers.js';

export const Strategy = newStrategy({ gvk: { group: '', version: 'v1', kind: 'ServiceAccount' }, namespaced: true });
