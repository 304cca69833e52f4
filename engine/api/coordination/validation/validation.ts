// Mirrors pkg/apis/coordination/validation/validation.go: lease names are DNS subdomains, durations
// positive, transitions non-negative, preferredHolder only with a strategy.
import { nameIsDNSSubdomain } from '../../../apimachinery/api/validation/generic.js';
import { validateObjectMetaUpdate } from '../../../apimachinery/api/validation/objectmeta.js';
import { Path, forbidden, invalid, notSupported, type ErrorList } from '../../../apimachinery/util/validation/field/errors.js';
import { validateObjectMeta } from '../../core/validation/common.js';
import type { Lease, LeaseSpec } from '../v1/types.js';

const strategies = ['OldestEmulationVersion'];

export function validateLeaseSpec(spec: LeaseSpec | undefined, p: Path): ErrorList {
  const s = spec ?? {};
  const errs: ErrorList = [];
  if (s.leaseDurationSeconds != null && s.leaseDurationSeconds <= 0) errs.push(invalid(p.child('leaseDurationSeconds'), s.leaseDurationSeconds, 'must be greater than 0'));
  if (s.leaseTransitions != null && s.leaseTransitions < 0) errs.push(invalid(p.child('leaseTransitions'), s.leaseTransitions, 'must be greater than or equal to 0'));
  if (s.strategy && !strategies.includes(s.strategy)) errs.push(notSupported(p.child('strategy'), s.strategy, strategies));
  if (s.preferredHolder && !s.strategy) errs.push(forbidden(p.child('preferredHolder'), 'may only be specified if `strategy` is defined'));
  return errs;
}

export function validateLease(lease: Lease): ErrorList {
  return [...validateObjectMeta(lease.metadata, true, nameIsDNSSubdomain, Path.root('metadata')), ...validateLeaseSpec(lease.spec, Path.root('spec'))];
}

export function validateLeaseUpdate(lease: Lease, old: Lease): ErrorList {
  return [...validateObjectMetaUpdate(lease.metadata, old.metadata, Path.root('metadata')), ...validateLeaseSpec(lease.spec, Path.root('spec'))];
}

export const coordinationValidators = {
  Lease: { create: validateLease, update: validateLeaseUpdate },
};
