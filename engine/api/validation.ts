// Mirrors the API server's use of each strategy's Validate/ValidateUpdate: one dispatcher from a
// group/version/kind to the validation of that kind (core, apps, batch, autoscaling Scale).
import type { GroupVersionKind } from '../apimachinery/runtime/schema/group-version.js';
import { Path, type ErrorList } from '../apimachinery/util/validation/field/errors.js';
import { appsValidators } from './apps/validation/validation.js';
import { batchValidators } from './batch/validation/validation.js';
import { coreValidators } from './core/validation/validation.js';

type Validators = Record<string, { create: (obj: never) => ErrorList; update: (obj: never, old: never) => ErrorList }>;

/** validateScale mirrors ValidateScale: replicas must not be negative. */
function validateScale(scale: { spec?: { replicas?: number } }): ErrorList {
  const r = scale.spec?.replicas;
  return r !== undefined && r < 0
    ? [{ type: 'FieldValueInvalid', field: String(Path.root('spec', 'replicas')), badValue: r, detail: 'must be greater than or equal to 0' }]
    : [];
}

const byGroupVersion: Record<string, Validators> = {
  '/v1': coreValidators as Validators,
  'apps/v1': appsValidators as unknown as Validators,
  'batch/v1': batchValidators as unknown as Validators,
  'autoscaling/v1': { Scale: { create: validateScale as (o: never) => ErrorList, update: validateScale as (o: never) => ErrorList } },
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
