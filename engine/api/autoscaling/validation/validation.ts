// Mirrors pkg/apis/autoscaling/validation/validation.go for autoscaling/v1: replica bounds, the
// scale target reference and the CPU target (reported at the internal metrics path, as upstream
// validates the converted object), Scale's replicas, and the status update.
import { nameIsDNSSubdomain } from '../../../apimachinery/api/validation/generic.js';
import { validateObjectMetaUpdate } from '../../../apimachinery/api/validation/objectmeta.js';
import { Path, invalid, required, type ErrorList } from '../../../apimachinery/util/validation/field/errors.js';
import { validateObjectMeta } from '../../core/validation/common.js';
import type { CrossVersionObjectReference, HorizontalPodAutoscaler, HorizontalPodAutoscalerSpec } from '../v1/types.js';

const meta = Path.root('metadata');

/** minReplicasLowerBound is 1 while the HPAScaleToZero gate is off (its default). */
const minReplicasLowerBound = 1;

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

function validateSpec(spec: HorizontalPodAutoscalerSpec | undefined, p: Path): ErrorList {
  const s = spec ?? ({} as HorizontalPodAutoscalerSpec);
  const errs: ErrorList = [];
  if (s.minReplicas != null && s.minReplicas < minReplicasLowerBound) {
    errs.push(invalid(p.child('minReplicas'), s.minReplicas, `must be greater than or equal to ${minReplicasLowerBound}`));
  }
  const max = s.maxReplicas ?? 0;
  if (max < 1) errs.push(invalid(p.child('maxReplicas'), max, 'must be greater than 0'));
  if (s.minReplicas != null && max < s.minReplicas) errs.push(invalid(p.child('maxReplicas'), max, 'must be greater than or equal to `minReplicas`'));
  errs.push(...validateCrossVersionObjectReference(s.scaleTargetRef, p.child('scaleTargetRef')));
  const cpu = s.targetCPUUtilizationPercentage;
  if (cpu != null && cpu <= 0) {
    errs.push(invalid(p.child('metrics').index(0).child('resource', 'target', 'averageUtilization'), cpu, 'must be greater than 0'));
  }
  return errs;
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

export const autoscalingValidators = {
  Scale: { create: validateScale, update: validateScale },
  HorizontalPodAutoscaler: { create: validateHorizontalPodAutoscaler, update: validateHorizontalPodAutoscalerUpdate },
};
