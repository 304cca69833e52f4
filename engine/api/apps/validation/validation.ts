// Mirrors pkg/apis/apps/validation/validation.go: Deployment, ReplicaSet, DaemonSet and StatefulSet
// specs, their pod templates against their selectors, and the apps/v1 immutable selector.
import { nameIsDNSSubdomain } from '../../../apimachinery/api/validation/generic.js';
import { validateAnnotations, validateImmutableField, validateLabels, validateObjectMetaUpdate } from '../../../apimachinery/api/validation/objectmeta.js';
import { semanticDeepEqual } from '../../../apimachinery/api/equality/semantic.js';
import type { LabelSelector, ObjectMeta } from '../../../apimachinery/apis/meta/v1/types.js';
import { Path, forbidden, invalid, notSupported, required, type ErrorList } from '../../../apimachinery/util/validation/field/errors.js';
import { isValidPercent } from '../../../apimachinery/util/validation/validation.js';
import type { IntOrString, PodTemplateSpec } from '../../core/v1/types.js';
import { isEmptyLabelSelector } from '../../../apimachinery/apis/meta/v1/helpers.js';
import { selectorMismatch, validateLabelSelector, validateObjectMeta } from '../../core/validation/common.js';
import { validatePodTemplateSpec } from '../../core/validation/validation-pod.js';
import type { DaemonSet, Deployment, ReplicaSet, StatefulSet } from '../v1/types.js';

const meta = Path.root('metadata');
const spec = Path.root('spec');
const nonneg = (v: number | undefined, p: Path): ErrorList => (v !== undefined && v !== null && v < 0 ? [invalid(p, v, 'must be greater than or equal to 0')] : []);

function validateSelector(sel: LabelSelector | undefined, p: Path, what: string): ErrorList {
  if (!sel) return [required(p, '')];
  const errs = validateLabelSelector(sel, p);
  if (isEmptyLabelSelector(sel)) errs.push(invalid(p, sel, `empty selector is invalid for ${what}`));
  return errs;
}

/** validatePodTemplateSpecForReplicaSet mirrors the upstream helper of the same name. */
function validateTemplate(t: PodTemplateSpec | undefined, sel: LabelSelector | undefined, p: Path, restartAlways = true): ErrorList {
  if (!t) return [required(p, '')];
  const errs: ErrorList = [];
  if (sel && selectorMismatch(sel, t.metadata?.labels))
    errs.push(invalid(p.child('metadata', 'labels'), t.metadata?.labels ?? {}, '`selector` does not match template `labels`'));
  errs.push(...validatePodTemplateSpec(t, p));
  const rp = t.spec?.restartPolicy;
  if (restartAlways && rp && rp !== 'Always') errs.push(notSupported(p.child('spec', 'restartPolicy'), rp, ['Always']));
  if (t.spec?.activeDeadlineSeconds !== undefined)
    errs.push(invalid(p.child('spec', 'activeDeadlineSeconds'), t.spec.activeDeadlineSeconds, 'must not be specified'));
  return errs;
}

function intOrPercentValue(v: IntOrString | undefined): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && v.endsWith('%')) return Number(v.slice(0, -1));
  return 0;
}

function validatePositiveIntOrPercent(v: IntOrString | undefined, p: Path): ErrorList {
  if (typeof v === 'string') return isValidPercent(v).map((m) => invalid(p, v, m));
  return nonneg(v, p);
}

function validateRollingUpdate(ru: { maxUnavailable?: IntOrString; maxSurge?: IntOrString }, p: Path): ErrorList {
  const errs = [...validatePositiveIntOrPercent(ru.maxUnavailable, p.child('maxUnavailable')), ...validatePositiveIntOrPercent(ru.maxSurge, p.child('maxSurge'))];
  if (intOrPercentValue(ru.maxUnavailable) === 0 && intOrPercentValue(ru.maxSurge) === 0)
    errs.push(invalid(p.child('maxUnavailable'), ru.maxUnavailable ?? 0, 'may not be 0 when `maxSurge` is 0'));
  if (typeof ru.maxUnavailable === 'string' && intOrPercentValue(ru.maxUnavailable) > 100)
    errs.push(invalid(p.child('maxUnavailable'), ru.maxUnavailable, 'must not be greater than 100%'));
  return errs;
}

export function validateDeployment(d: Deployment): ErrorList {
  const errs = validateObjectMeta(d.metadata, true, nameIsDNSSubdomain, meta);
  const s = d.spec ?? ({} as NonNullable<Deployment['spec']>);
  errs.push(...nonneg(s.replicas, spec.child('replicas')));
  errs.push(...validateSelector(s.selector, spec.child('selector'), 'deployment'));
  errs.push(...validateTemplate(s.template, s.selector, spec.child('template')));
  const st = s.strategy ?? {};
  const sp = spec.child('strategy');
  if (st.type === 'Recreate') {
    if (st.rollingUpdate) errs.push(forbidden(sp.child('rollingUpdate'), "may not be specified when strategy `type` is 'Recreate'"));
  } else if (st.type === 'RollingUpdate') {
    if (!st.rollingUpdate) errs.push(required(sp.child('rollingUpdate'), 'this should be defaulted and never be nil'));
    else errs.push(...validateRollingUpdate(st.rollingUpdate, sp.child('rollingUpdate')));
  } else {
    errs.push(notSupported(sp, st, ['Recreate', 'RollingUpdate']));
  }
  errs.push(...nonneg(s.minReadySeconds, spec.child('minReadySeconds')));
  errs.push(...nonneg(s.revisionHistoryLimit, spec.child('revisionHistoryLimit')));
  if (s.progressDeadlineSeconds !== undefined) {
    errs.push(...nonneg(s.progressDeadlineSeconds, spec.child('progressDeadlineSeconds')));
    if (s.progressDeadlineSeconds <= (s.minReadySeconds ?? 0))
      errs.push(invalid(spec.child('progressDeadlineSeconds'), s.progressDeadlineSeconds, 'must be greater than minReadySeconds'));
  }
  return errs;
}

export function validateReplicaSet(rs: ReplicaSet): ErrorList {
  const errs = validateObjectMeta(rs.metadata, true, nameIsDNSSubdomain, meta);
  const s = rs.spec ?? ({} as NonNullable<ReplicaSet['spec']>);
  errs.push(...nonneg(s.replicas, spec.child('replicas')));
  errs.push(...nonneg(s.minReadySeconds, spec.child('minReadySeconds')));
  errs.push(...validateSelector(s.selector, spec.child('selector'), 'deployment'));
  errs.push(...validateTemplate(s.template, s.selector, spec.child('template')));
  return errs;
}

export function validateDaemonSet(ds: DaemonSet): ErrorList {
  const errs = validateObjectMeta(ds.metadata, true, nameIsDNSSubdomain, meta);
  const s = ds.spec ?? ({} as NonNullable<DaemonSet['spec']>);
  errs.push(...validateSelector(s.selector, spec.child('selector'), 'daemonset'));
  errs.push(...validateTemplate(s.template, s.selector, spec.child('template')));
  const st = s.updateStrategy ?? {};
  const sp = spec.child('updateStrategy');
  if (!st.type) errs.push(required(sp.child('type'), ''));
  else if (st.type !== 'OnDelete' && st.type !== 'RollingUpdate') errs.push(notSupported(sp.child('type'), st.type, ['OnDelete', 'RollingUpdate']));
  if (st.type === 'RollingUpdate' && st.rollingUpdate) errs.push(...validateRollingUpdate(st.rollingUpdate, sp.child('rollingUpdate')));
  errs.push(...nonneg(s.minReadySeconds, spec.child('minReadySeconds')));
  errs.push(...nonneg(s.revisionHistoryLimit, spec.child('revisionHistoryLimit')));
  return errs;
}

export function validateStatefulSet(ss: StatefulSet): ErrorList {
  const errs = validateObjectMeta(ss.metadata, true, nameIsDNSSubdomain, meta);
  const s = ss.spec ?? ({} as NonNullable<StatefulSet['spec']>);
  const pmp = s.podManagementPolicy;
  if (!pmp) errs.push(required(spec.child('podManagementPolicy'), ''));
  else if (pmp !== 'OrderedReady' && pmp !== 'Parallel')
    errs.push(invalid(spec.child('podManagementPolicy'), pmp, `must be 'OrderedReady' or 'Parallel'`));
  const st = s.updateStrategy ?? {};
  if (st.type !== 'RollingUpdate' && st.type !== 'OnDelete')
    errs.push(st.type ? invalid(spec.child('updateStrategy'), st, 'must be \'RollingUpdate\' or \'OnDelete\'') : required(spec.child('updateStrategy'), ''));
  if (st.rollingUpdate?.partition !== undefined) errs.push(...nonneg(st.rollingUpdate.partition, spec.child('updateStrategy', 'rollingUpdate', 'partition')));
  errs.push(...nonneg(s.replicas, spec.child('replicas')));
  errs.push(...nonneg(s.minReadySeconds, spec.child('minReadySeconds')));
  errs.push(...validateSelector(s.selector, spec.child('selector'), 'statefulset'));
  errs.push(...validateStatefulSetTemplate(s.template, s.selector, spec.child('template')));
  return errs;
}

/**
 * validateStatefulSetTemplate mirrors ValidatePodTemplateSpecForStatefulSet: only labels, annotations and
 * the selector match are checked, because containers may mount volumes that the set's
 * volumeClaimTemplates provide; the pods themselves are validated when they are created.
 */
function validateStatefulSetTemplate(t: PodTemplateSpec | undefined, sel: LabelSelector | undefined, p: Path): ErrorList {
  if (!t) return [required(p, '')];
  const errs: ErrorList = [];
  if (sel && selectorMismatch(sel, t.metadata?.labels))
    errs.push(invalid(p.child('metadata', 'labels'), t.metadata?.labels ?? {}, '`selector` does not match template `labels`'));
  errs.push(...validateLabels(t.metadata?.labels, p.child('labels')));
  errs.push(...validateAnnotations(t.metadata?.annotations, p.child('annotations')));
  return errs;
}

/** updateWith validates ObjectMeta update rules, the immutable selector, then the new object. */
function updateWith<T extends { metadata: ObjectMeta; spec?: { selector?: LabelSelector } }>(create: (o: T) => ErrorList) {
  return (obj: T, old: T): ErrorList => [
    ...validateObjectMetaUpdate(obj.metadata, old.metadata, meta),
    ...validateImmutableField(obj.spec?.selector, old.spec?.selector, spec.child('selector')),
    ...create(obj).filter((e) => !e.field.startsWith('metadata')),
  ];
}

export const validateDeploymentUpdate = updateWith(validateDeployment);
export const validateReplicaSetUpdate = updateWith(validateReplicaSet);
export const validateDaemonSetUpdate = updateWith(validateDaemonSet);

const statefulSetMutable = ['replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy', 'minReadySeconds'];

export function validateStatefulSetUpdate(ss: StatefulSet, old: StatefulSet): ErrorList {
  const errs = updateWith(validateStatefulSet)(ss, old).filter((e) => e.field !== 'spec.selector');
  const strip = (s: StatefulSet['spec']) => Object.fromEntries(Object.entries(s ?? {}).filter(([k]) => !statefulSetMutable.includes(k)));
  if (!semanticDeepEqual(strip(ss.spec), strip(old.spec)))
    errs.push(
      forbidden(spec, "updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden"),
    );
  return errs;
}

export const appsValidators = {
  Deployment: { create: validateDeployment, update: validateDeploymentUpdate },
  ReplicaSet: { create: validateReplicaSet, update: validateReplicaSetUpdate },
  DaemonSet: { create: validateDaemonSet, update: validateDaemonSetUpdate },
  StatefulSet: { create: validateStatefulSet, update: validateStatefulSetUpdate },
};
