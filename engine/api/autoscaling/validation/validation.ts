// Mirrors pkg/apis/autoscaling/validation/validation.go: replica bounds, the scale target reference,
// each metric source with its target, and the scaling behavior — checked on the storage version
// (autoscaling/v2), so a v1 object's CPU target is reported at its v2 path — plus Scale's replicas
// and the status update. Simplified: resource names are checked against the standard container
// resources and the extended-resource form only.
import { nameIsDNSSubdomain } from '../../../apimachinery/api/validation/generic.js';
import { validateObjectMetaUpdate } from '../../../apimachinery/api/validation/objectmeta.js';
import { parseQuantity } from '../../../apimachinery/api/resource/quantity.js';
import { isDNS1123Label, isQualifiedName } from '../../../apimachinery/util/validation/validation.js';
import { Path, forbidden, invalid, notSupported, required, type ErrorList } from '../../../apimachinery/util/validation/field/errors.js';
import { validateObjectMeta } from '../../core/validation/common.js';
import type { CrossVersionObjectReference } from '../v1/types.js';
import type { HPAScalingRules, HorizontalPodAutoscaler, HorizontalPodAutoscalerSpec, MetricIdentifier, MetricSpec, MetricTarget } from '../v2/types.js';

const meta = Path.root('metadata');

/** minReplicasLowerBound is 1 while the HPAScaleToZero gate is off (its default). */
const minReplicasLowerBound = 1;
export const maxPeriodSeconds = 1800;
export const maxStabilizationWindowSeconds = 3600;

/** pathSegmentNameErrors mirrors path.IsValidPathSegmentName. */
function pathSegmentNameErrors(name: string): string[] {
  if (name === '.' || name === '..') return [`may not be '${name}'`];
  const out: string[] = [];
  for (const c of ['/', '%']) if (name.includes(c)) out.push(`may not contain '${c}'`);
  return out;
}

export function validateCrossVersionObjectReference(ref: CrossVersionObjectReference | undefined, p: Path): ErrorList {
  const errs: ErrorList = [];
  for (const f of ['kind', 'name'] as const) {
    const v = ref?.[f];
    if (!v) errs.push(required(p.child(f), ''));
    else for (const msg of pathSegmentNameErrors(v)) errs.push(invalid(p.child(f), v, msg));
  }
  return errs;
}

/** validateContainerResourceName mirrors corevalidation.ValidateContainerResourceName. */
function validateContainerResourceName(name: string, p: Path): ErrorList {
  if (!name.includes('/')) {
    return ['cpu', 'memory', 'ephemeral-storage'].includes(name) || name.startsWith('hugepages-') ? [] : [invalid(p, name, 'must be a standard resource for containers')];
  }
  return isQualifiedName(name).map((msg) => invalid(p, name, msg));
}

const positive = (q: string) => {
  try {
    return parseQuantity(q).sign() === 1;
  } catch {
    return false;
  }
};

function validateMetricTarget(t: MetricTarget | undefined, p: Path): ErrorList {
  const errs: ErrorList = [];
  const mt = t ?? ({} as MetricTarget);
  if (!mt.type) errs.push(required(p.child('type'), 'must specify a metric target type'));
  if (!['Utilization', 'Value', 'AverageValue'].includes(mt.type)) errs.push(invalid(p.child('type'), mt.type ?? '', 'must be either Utilization, Value, or AverageValue'));
  if (mt.averageUtilization != null && mt.averageUtilization < 1) errs.push(invalid(p.child('averageUtilization'), mt.averageUtilization, 'must be greater than 0'));
  if (mt.value != null && !positive(mt.value)) errs.push(invalid(p.child('value'), mt.value, 'must be positive'));
  if (mt.averageValue != null && !positive(mt.averageValue)) errs.push(invalid(p.child('averageValue'), mt.averageValue, 'must be positive'));
  return errs;
}

function validateMetricIdentifier(id: MetricIdentifier | undefined, p: Path): ErrorList {
  if (!id?.name) return [required(p.child('name'), 'must specify a metric name')];
  return pathSegmentNameErrors(id.name).map((msg) => invalid(p.child('name'), id.name, msg));
}

function validateResourceTarget(t: MetricTarget | undefined, p: Path): ErrorList {
  const errs: ErrorList = [];
  if (t?.averageUtilization == null && t?.averageValue == null) errs.push(required(p.child('averageUtilization'), 'must set either a target raw value or a target utilization'));
  if (t?.averageUtilization != null && t.averageValue != null) errs.push(forbidden(p.child('averageValue'), 'may not set both a target raw value and a target utilization'));
  return errs;
}

/** sources names each metric source field and how it is validated. */
const sources: Record<string, { type: MetricSpec['type']; validate: (src: never, p: Path) => ErrorList }> = {
  object: {
    type: 'Object',
    validate: (src: NonNullable<MetricSpec['object']>, p: Path) => [
      ...validateCrossVersionObjectReference(src.describedObject, p.child('describedObject')),
      ...validateMetricIdentifier(src.metric, p.child('metric')),
      ...validateMetricTarget(src.target, p.child('target')),
      ...(src.target?.value == null && src.target?.averageValue == null ? [required(p.child('target', 'averageValue'), 'must set either a target value or averageValue')] : []),
    ],
  },
  pods: {
    type: 'Pods',
    validate: (src: NonNullable<MetricSpec['pods']>, p: Path) => [
      ...validateMetricIdentifier(src.metric, p.child('metric')),
      ...validateMetricTarget(src.target, p.child('target')),
      ...(src.target?.averageValue == null ? [required(p.child('target', 'averageValue'), 'must specify a positive target averageValue')] : []),
    ],
  },
  resource: {
    type: 'Resource',
    validate: (src: NonNullable<MetricSpec['resource']>, p: Path) => [
      ...(src.name ? validateContainerResourceName(src.name, p.child('name')) : [required(p.child('name'), 'must specify a resource name')]),
      ...validateMetricTarget(src.target, p.child('target')),
      ...validateResourceTarget(src.target, p.child('target')),
    ],
  },
  containerResource: {
    type: 'ContainerResource',
    validate: (src: NonNullable<MetricSpec['containerResource']>, p: Path) => [
      ...(src.name ? validateContainerResourceName(src.name, p.child('name')) : [required(p.child('name'), 'must specify a resource name')]),
      ...(src.container ? isDNS1123Label(src.container).map((m) => invalid(p.child('container'), src.container, m)) : [required(p.child('container'), 'must specify a container')]),
      ...validateMetricTarget(src.target, p.child('target')),
      ...validateResourceTarget(src.target, p.child('target')),
    ],
  },
  external: {
    type: 'External',
    validate: (src: NonNullable<MetricSpec['external']>, p: Path) => [
      ...validateMetricIdentifier(src.metric, p.child('metric')),
      ...validateMetricTarget(src.target, p.child('target')),
      ...(src.target?.value == null && src.target?.averageValue == null ? [required(p.child('target', 'averageValue'), 'must set either a target value for metric or a per-pod target')] : []),
      ...(src.target?.value != null && src.target.averageValue != null ? [forbidden(p.child('target', 'value'), 'may not set both a target value for metric and a per-pod target')] : []),
    ],
  },
};
const validMetricSourceTypes = ['ContainerResource', 'External', 'Object', 'Pods', 'Resource'];

/** validateMetricSpec checks that the type names one populated source and validates it. */
function validateMetricSpec(spec: MetricSpec, p: Path): ErrorList {
  const errs: ErrorList = [];
  if (!spec.type) errs.push(required(p.child('type'), 'must specify a metric source type'));
  if (!validMetricSourceTypes.includes(spec.type)) errs.push(notSupported(p.child('type'), spec.type ?? '', validMetricSourceTypes));
  const present = Object.keys(sources).filter((f) => spec[f as keyof MetricSpec] != null);
  if (present.length === 1) errs.push(...sources[present[0]!]!.validate(spec[present[0] as keyof MetricSpec] as never, p.child(present[0]!)));
  const expected = Object.keys(sources).find((f) => sources[f]!.type === spec.type);
  if (expected && spec[expected as keyof MetricSpec] == null) errs.push(required(p.child(expected), 'must populate information for the given metric source'));
  if (present.length !== 1) for (const f of present.filter((f) => f !== expected)) errs.push(forbidden(p.child(f), 'must populate the given metric source only'));
  return errs;
}

function validateMetrics(metrics: MetricSpec[] | undefined, p: Path, minReplicas: number | undefined): ErrorList {
  const errs = (metrics ?? []).flatMap((m, i) => validateMetricSpec(m, p.index(i)));
  if (minReplicas === 0 && !(metrics ?? []).some((m) => m.type === 'Object' || m.type === 'External')) {
    errs.push(forbidden(p, 'must specify at least one Object or External metric to support scaling to zero replicas'));
  }
  return errs;
}

function validateScalingRules(rules: HPAScalingRules | undefined, p: Path): ErrorList {
  if (!rules) return [];
  const errs: ErrorList = [];
  const w = rules.stabilizationWindowSeconds;
  if (w != null && w < 0) errs.push(invalid(p.child('stabilizationWindowSeconds'), w, 'must be greater than or equal to zero'));
  if (w != null && w > maxStabilizationWindowSeconds) errs.push(invalid(p.child('stabilizationWindowSeconds'), w, `must be less than or equal to ${maxStabilizationWindowSeconds}`));
  if (rules.selectPolicy != null && !['Disabled', 'Max', 'Min'].includes(rules.selectPolicy)) errs.push(notSupported(p.child('selectPolicy'), rules.selectPolicy, ['Disabled', 'Max', 'Min']));
  if (!rules.policies?.length) errs.push(required(p.child('policies'), 'must specify at least one Policy'));
  (rules.policies ?? []).forEach((policy, i) => {
    const pp = p.child('policies').index(i);
    if (policy.type !== 'Pods' && policy.type !== 'Percent') errs.push(notSupported(pp.child('type'), policy.type ?? '', ['Percent', 'Pods']));
    if (!(policy.value > 0)) errs.push(invalid(pp.child('value'), policy.value ?? 0, 'must be greater than zero'));
    if (!(policy.periodSeconds > 0)) errs.push(invalid(pp.child('periodSeconds'), policy.periodSeconds ?? 0, 'must be greater than zero'));
    if (policy.periodSeconds > maxPeriodSeconds) errs.push(invalid(pp.child('periodSeconds'), policy.periodSeconds, `must be less than or equal to ${maxPeriodSeconds}`));
  });
  return errs;
}

function validateSpec(spec: HorizontalPodAutoscalerSpec | undefined, p: Path): ErrorList {
  const s = spec ?? ({} as HorizontalPodAutoscalerSpec);
  const errs: ErrorList = [];
  if (s.minReplicas != null && s.minReplicas < minReplicasLowerBound) {
    errs.push(invalid(p.child('minReplicas'), s.minReplicas, `must be greater than or equal to ${minReplicasLowerBound}`));
  }
  const max = s.maxReplicas ?? 0;
  if (max < 1) errs.push(invalid(p.child('maxReplicas'), max, 'must be greater than 0'));
  if (s.minReplicas != null && max < s.minReplicas) errs.push(invalid(p.child('maxReplicas'), max, 'must be greater than or equal to `minReplicas`'));
  // As upstream: metrics are checked only with a valid reference, behavior only with valid metrics.
  let more = validateCrossVersionObjectReference(s.scaleTargetRef, p.child('scaleTargetRef'));
  if (!more.length) more = validateMetrics(s.metrics, p.child('metrics'), s.minReplicas);
  if (!more.length && s.behavior) more = [...validateScalingRules(s.behavior.scaleUp, p.child('behavior', 'scaleUp')), ...validateScalingRules(s.behavior.scaleDown, p.child('behavior', 'scaleDown'))];
  return [...errs, ...more];
}

export function validateHorizontalPodAutoscaler(hpa: HorizontalPodAutoscaler): ErrorList {
  return [...validateObjectMeta(hpa.metadata, true, nameIsDNSSubdomain, meta), ...validateSpec(hpa.spec, Path.root('spec'))];
}

export function validateHorizontalPodAutoscalerUpdate(hpa: HorizontalPodAutoscaler, old: HorizontalPodAutoscaler): ErrorList {
  const errs = [...validateObjectMetaUpdate(hpa.metadata, old.metadata, meta), ...validateSpec(hpa.spec, Path.root('spec'))];
  // ValidateHorizontalPodAutoscalerStatusUpdate's checks; status writers are the controller.
  const p = Path.root('status');
  for (const f of ['currentReplicas', 'desiredReplicas'] as const) {
    const v = hpa.status?.[f];
    if (v != null && v < 0) errs.push(invalid(p.child(f), v, 'must be greater than or equal to 0'));
  }
  return errs;
}

/** validateScale mirrors ValidateScale: replicas must not be negative. */
export function validateScale(scale: { spec?: { replicas?: number } }): ErrorList {
  const r = scale.spec?.replicas;
  return r != null && r < 0 ? [invalid(Path.root('spec', 'replicas'), r, 'must be greater than or equal to 0')] : [];
}

/** autoscalingValidators: Scale is autoscaling/v1's; the autoscaler is validated in its storage version. */
export const autoscalingValidators = {
  Scale: { create: validateScale, update: validateScale },
};

export const autoscalingV2Validators = {
  HorizontalPodAutoscaler: { create: validateHorizontalPodAutoscaler, update: validateHorizontalPodAutoscalerUpdate },
};
