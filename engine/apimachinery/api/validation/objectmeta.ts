// Mirrors k8s.io/apimachinery/pkg/api/validation/objectmeta.go and meta/v1/validation (labels):
// ObjectMeta on create and update, with upstream's paths and messages. Managed fields are not checked.
import type { ObjectMeta, OwnerReference } from '../../apis/meta/v1/types.js';
import { parseAPIVersion } from '../../runtime/schema/group-version.js';
import { semanticDeepEqual } from '../equality/semantic.js';
import { forbidden, invalid, required, tooLong, type ErrorList, type Path } from '../../util/validation/field/errors.js';
import { isQualifiedName, isValidLabelValue } from '../../util/validation/validation.js';
import { validateNamespaceName, validateNonnegativeField, type ValidateNameFunc } from './generic.js';

export const FieldImmutableErrorMsg = 'field is immutable';
export const TotalAnnotationSizeLimitB = 256 * (1 << 10);
export const FinalizerOrphanDependents = 'orphan';
export const FinalizerDeleteDependents = 'foregroundDeletion';

const byteLength = (s: string) => new TextEncoder().encode(s).length;

export function validateLabelName(labelName: string, fldPath: Path): ErrorList {
  return isQualifiedName(labelName).map((msg) => invalid(fldPath, labelName, msg));
}

/** validateLabels mirrors metav1validation.ValidateLabels (errors carry the map's path). */
export function validateLabels(labels: Record<string, string> | undefined, fldPath: Path): ErrorList {
  const errs: ErrorList = [];
  for (const [k, v] of Object.entries(labels ?? {})) {
    errs.push(...validateLabelName(k, fldPath));
    for (const msg of isValidLabelValue(String(v))) errs.push(invalid(fldPath, v, msg));
  }
  return errs;
}

export function validateAnnotations(annotations: Record<string, string> | undefined, fldPath: Path): ErrorList {
  const errs: ErrorList = [];
  let size = 0;
  for (const [k, v] of Object.entries(annotations ?? {})) {
    // The rule is QualifiedName except that case does not matter.
    for (const msg of isQualifiedName(k.toLowerCase())) errs.push(invalid(fldPath, k, msg));
    size += byteLength(k) + byteLength(String(v));
  }
  if (size > TotalAnnotationSizeLimitB) errs.push(tooLong(fldPath, '', TotalAnnotationSizeLimitB));
  return errs;
}

function validateOwnerReference(ref: OwnerReference, fldPath: Path): ErrorList {
  const errs: ErrorList = [];
  const gv = parseAPIVersion(ref.apiVersion ?? '');
  if (!gv.version) errs.push(invalid(fldPath.child('apiVersion'), ref.apiVersion ?? '', 'version must not be empty'));
  if (!ref.kind) errs.push(invalid(fldPath.child('kind'), ref.kind ?? '', 'kind must not be empty'));
  if (!ref.name) errs.push(invalid(fldPath.child('name'), ref.name ?? '', 'name must not be empty'));
  if (!ref.uid) errs.push(invalid(fldPath.child('uid'), ref.uid ?? '', 'uid must not be empty'));
  return errs;
}

export function validateOwnerReferences(refs: OwnerReference[] | undefined, fldPath: Path): ErrorList {
  const errs: ErrorList = [];
  let firstController = '';
  for (const ref of refs ?? []) {
    errs.push(...validateOwnerReference(ref, fldPath));
    if (ref.controller) {
      const current = `${ref.kind}/${ref.name}`;
      if (firstController)
        errs.push(
          invalid(fldPath, refs, `Only one reference can have Controller set to true. Found "true" in references for ${firstController} and ${current}`),
        );
      else firstController = current;
    }
  }
  return errs;
}

export function validateFinalizers(finalizers: string[] | undefined, fldPath: Path): ErrorList {
  const errs: ErrorList = [];
  for (const f of finalizers ?? []) for (const msg of isQualifiedName(f)) errs.push(invalid(fldPath, f, msg));
  if (finalizers?.includes(FinalizerOrphanDependents) && finalizers.includes(FinalizerDeleteDependents))
    errs.push(invalid(fldPath, finalizers, `finalizer ${FinalizerOrphanDependents} and ${FinalizerDeleteDependents} cannot be both set`));
  return errs;
}

/**
 * validateObjectMeta mirrors ValidateObjectMeta. The registry generates a name from generateName
 * before validation, so an empty name here means neither was given.
 */
export function validateObjectMeta(meta: ObjectMeta, requiresNamespace: boolean, nameFn: ValidateNameFunc, fldPath: Path): ErrorList {
  const errs: ErrorList = [];
  if (meta.generateName) for (const msg of nameFn(meta.generateName, true)) errs.push(invalid(fldPath.child('generateName'), meta.generateName, msg));
  if (!meta.name) errs.push(required(fldPath.child('name'), 'name or generateName is required'));
  else for (const msg of nameFn(meta.name, false)) errs.push(invalid(fldPath.child('name'), meta.name, msg));
  if (requiresNamespace) {
    if (!meta.namespace) errs.push(required(fldPath.child('namespace'), ''));
    else for (const msg of validateNamespaceName(meta.namespace, false)) errs.push(invalid(fldPath.child('namespace'), meta.namespace, msg));
  } else if (meta.namespace) {
    errs.push(forbidden(fldPath.child('namespace'), 'not allowed on this type'));
  }
  errs.push(...validateNonnegativeField(meta.generation ?? 0, fldPath.child('generation')));
  errs.push(...validateLabels(meta.labels, fldPath.child('labels')));
  errs.push(...validateAnnotations(meta.annotations, fldPath.child('annotations')));
  errs.push(...validateOwnerReferences(meta.ownerReferences, fldPath.child('ownerReferences')));
  errs.push(...validateFinalizers(meta.finalizers, fldPath.child('finalizers')));
  return errs;
}

/** validateImmutableField mirrors ValidateImmutableField (deep equality, undefined == null). */
export function validateImmutableField(newVal: unknown, oldVal: unknown, fldPath: Path): ErrorList {
  return semanticDeepEqual(newVal, oldVal) ? [] : [invalid(fldPath, newVal, FieldImmutableErrorMsg)];
}

export function validateObjectMetaUpdate(meta: ObjectMeta, old: ObjectMeta, fldPath: Path): ErrorList {
  const errs: ErrorList = [];
  if (old.deletionTimestamp) {
    const extra = (meta.finalizers ?? []).filter((f) => !(old.finalizers ?? []).includes(f));
    if (extra.length)
      errs.push(
        forbidden(fldPath.child('finalizers'), `no new finalizers can be added if the object is being deleted, found new finalizers []string{${extra.map((f) => JSON.stringify(f)).join(', ')}}`),
      );
  }
  if (!meta.resourceVersion) errs.push(invalid(fldPath.child('resourceVersion'), meta.resourceVersion ?? '', 'must be specified for an update'));
  if ((meta.generation ?? 0) < (old.generation ?? 0)) errs.push(invalid(fldPath.child('generation'), meta.generation ?? 0, 'must not be decremented'));
  errs.push(...validateImmutableField(meta.name ?? '', old.name ?? '', fldPath.child('name')));
  errs.push(...validateImmutableField(meta.namespace ?? '', old.namespace ?? '', fldPath.child('namespace')));
  errs.push(...validateImmutableField(meta.uid ?? '', old.uid ?? '', fldPath.child('uid')));
  errs.push(...validateImmutableField(meta.creationTimestamp, old.creationTimestamp, fldPath.child('creationTimestamp')));
  errs.push(...validateImmutableField(meta.deletionTimestamp, old.deletionTimestamp, fldPath.child('deletionTimestamp')));
  errs.push(...validateImmutableField(meta.deletionGracePeriodSeconds, old.deletionGracePeriodSeconds, fldPath.child('deletionGracePeriodSeconds')));
  errs.push(...validateLabels(meta.labels, fldPath.child('labels')));
  errs.push(...validateAnnotations(meta.annotations, fldPath.child('annotations')));
  errs.push(...validateOwnerReferences(meta.ownerReferences, fldPath.child('ownerReferences')));
  return errs;
}
