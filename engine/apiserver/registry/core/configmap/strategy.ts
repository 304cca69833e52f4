// Mirrors pkg/registry/core/configmap/strategy.go: no status, nothing to prepare.
import { newStrategy } from '../common/strategy-helpers.js';

export const Strategy = newStrategy({ gvk: { group: '', version: 'v1', kind: 'ConfigMap' }, namespaced: true });
