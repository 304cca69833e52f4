// Mirrors pkg/registry/core/service/strategy.go (and the allocation hooks of storage/rest.go):
// status is cleared on create and kept on update; cluster IPs and node ports are allocated after
// validation and released on delete or when a type change no longer needs them.
import { newStatusStrategy, newStrategy, type StrategyConfig } from '../common/strategy-helpers.js';
import { allocateForCreate, allocateForUpdate, asService, patchAllocatedValues, releaseAllocations } from './alloc.js';

const config: StrategyConfig = {
  gvk: { group: '', version: 'v1', kind: 'Service' },
  namespaced: true,
  initialStatus: () => ({ loadBalancer: {} }),
  allowCreateOnUpdate: true,
  // Keep the allocated values an update left out, before validation sees them.
  prepareForUpdate: (obj, old) => patchAllocatedValues(asService(obj), asService(old)),
};

/** Strategy is the service strategy with the allocation hooks. */
export const Strategy = newStrategy(config, {
  beforeCreate: (obj, ctx) => allocateForCreate(asService(obj), ctx.services),
  beforeUpdate: (obj, old, ctx) => allocateForUpdate(asService(obj), asService(old), ctx.services),
  afterDelete: (obj, ctx) => releaseAllocations(asService(obj), ctx.services),
});

/** StatusStrategy serves services/status (load balancer ingress, conditions). */
export const StatusStrategy = newStatusStrategy(Strategy, config);
