// Mirrors the API server's use of each strategy's Validate/ValidateUpdate: one dispatcher from a
// group/version/kind to the validation of that kind (core, apps, batch, autoscaling, coordination, discovery).
import type { GroupVersionKind } from '../apimachinery/runtime/schema/group-version.js';
import type { ErrorList } from '../apimachinery/util/validation/field/errors.js';
import { appsValidators } from './apps/validation/validation.js';
import { batchValidators } from './batch/validation/validation.js';
import { coreValidators } from './core/validation/validation.js';
import { autoscalingV2Validators, autoscalingValidators } from './autoscaling/validation/validation.js';
import { coordinationValidators } from './coordination/validation/validation.js';
import { discoveryValidators } from './discovery/validation/validation.js';

type Validators = Record<string, { create: (obj: never) => ErrorList; update: (obj: never, old: never) => ErrorList }>;

const byGroupVersion: Record<string, Validators> = {
  '/v1': coreValidators as Validators,
  'apps/v1': appsValidators as unknown as Validators,
  'batch/v1': batchValidators as unknown as Validators,
  'autoscaling/v1': autoscalingValidators as unknown as Validators,
  'autoscaling/v2': autoscalingV2Validators as unknown as Validators,
  'coordination.k8s.io/v1': coordinationValidators as unknown as Validators,
  'discovery.k8s.io/v1': discoveryValidators as unknown as Validators,
};

const lookup = (gvk: GroupVersionKind) => byGroupVersion[`${gvk.group}/${gvk.version}`]?.[gvk.kind];

/** hasValidation reports whether the kind has its own validation. */
export function hasValidation(gvk: GroupVersionKind): boolean {
  return lookup(gvk) !== undefined;
}

/** validateObject returns the field errors of a create (after defaults), or [] for kinds without rules. */
export function validateObject(gvk: GroupVersionKind, obj: unknown): ErrorList {
  const v = lookup(gvk);
  return v ? v.create(obj as never) : [];
}

/** validateObjectUpdate returns the field errors of an update of old into obj. */
export function validateObjectUpdate(gvk: GroupVersionKind, obj: unknown, old: unknown): ErrorList {
  const v = lookup(gvk);
  return v ? v.update(obj as never, old as never) : [];
}
