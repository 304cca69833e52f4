// Mirrors the recommendation half of pkg/controller/podautoscaler/horizontal.go: the stabilization
// window of recommendations (stabilizeRecommendation and, with spec.behavior,
// stabilizeRecommendationWithBehaviors), the scale events behind the behavior's rate policies
// (storeScaleEvent, getReplicasChangePerPeriod, calculateScale{Up,Down}LimitWithScalingRules), and
// the rules without behavior (convertDesiredReplicasWithRules: min, max, and at most
// max(2 × current, 4) per step). Times are the clock's milliseconds.
import type { HPAScalingRules } from '../../api/autoscaling/v2/types.js';

export const scaleUpLimitFactor = 2;
export const scaleUpLimitMinimum = 4;

export interface TimestampedRecommendation {
  recommendation: number;
  timestamp: number;
}

export interface TimestampedScaleEvent {
  /** replicaChange is the absolute change (non-negative). */
  replicaChange: number;
  timestamp: number;
  outdated: boolean;
}

/** Limited is a normalized count with the ScalingLimited reason and message explaining it. */
export interface Limited {
  replicas: number;
  reason: string;
  message: string;
}

export const calculateScaleUpLimit = (current: number) => Math.trunc(Math.max(scaleUpLimitFactor * current, scaleUpLimitMinimum));

/** convertDesiredReplicasWithRules clamps to [min, max] and the scale-up limit. */
export function convertDesiredReplicasWithRules(current: number, desired: number, min: number, max: number): Limited {
  const scaleUpLimit = calculateScaleUpLimit(current);
  let maximum: number;
  let reason: string;
  let message: string;
  if (max > scaleUpLimit) {
    maximum = scaleUpLimit;
    reason = 'ScaleUpLimit';
    message = 'the desired replica count is increasing faster than the maximum scale rate';
  } else {
    maximum = max;
    reason = 'TooManyReplicas';
    message = 'the desired replica count is more than the maximum replica count';
  }
  if (desired < min) return { replicas: min, reason: 'TooFewReplicas', message: 'the desired replica count is less than the minimum replica count' };
  if (desired > maximum) return { replicas: maximum, reason, message };
  return { replicas: desired, reason: 'DesiredWithinRange', message: 'the desired count is within the acceptable range' };
}

/**
 * stabilizeRecommendation records the new recommendation (reusing a slot older than the window) and
 * answers the highest recommendation within the window.
 */
export function stabilizeRecommendation(recs: TimestampedRecommendation[], proposed: number, now: number, window: number): number {
  let max = proposed;
  let oldIndex = -1;
  const cutoff = now - window;
  recs.forEach((rec, i) => {
    if (rec.timestamp < cutoff) oldIndex = i;
    else if (rec.recommendation > max) max = rec.recommendation;
  });
  const entry = { recommendation: proposed, timestamp: now };
  if (oldIndex >= 0) recs[oldIndex] = entry;
  else recs.push(entry);
  return max;
}

/**
 * stabilizeRecommendationWithBehaviors keeps the count between the lowest recommendation of the
 * scale-up window and the highest of the scale-down window, and records the new one.
 */
export function stabilizeRecommendationWithBehaviors(recs: TimestampedRecommendation[], current: number, desired: number, up: HPAScalingRules, down: HPAScalingRules, now: number): Limited {
  let upRecommendation = desired;
  let downRecommendation = desired;
  const upCutoff = now - (up.stabilizationWindowSeconds ?? 0) * 1000;
  const downCutoff = now - (down.stabilizationWindowSeconds ?? 0) * 1000;
  let oldIndex = -1;
  recs.forEach((rec, i) => {
    if (rec.timestamp > upCutoff) upRecommendation = Math.min(rec.recommendation, upRecommendation);
    if (rec.timestamp > downCutoff) downRecommendation = Math.max(rec.recommendation, downRecommendation);
    if (rec.timestamp < upCutoff && rec.timestamp < downCutoff) oldIndex = i;
  });
  let recommendation = current;
  if (recommendation < upRecommendation) recommendation = upRecommendation;
  if (recommendation > downRecommendation) recommendation = downRecommendation;
  const entry = { recommendation: desired, timestamp: now };
  if (oldIndex >= 0) recs[oldIndex] = entry;
  else recs.push(entry);
  return desired >= current
    ? { replicas: recommendation, reason: 'ScaleUpStabilized', message: 'recent recommendations were lower than current one, applying the lowest recent recommendation' }
    : { replicas: recommendation, reason: 'ScaleDownStabilized', message: 'recent recommendations were higher than current one, applying the highest recent recommendation' };
}

const longestPolicyPeriod = (rules: HPAScalingRules | undefined) => Math.max(0, ...(rules?.policies ?? []).map((p) => p.periodSeconds));

/** storeScaleEvent records a rescale for the rate policies, reusing a slot that no policy looks at any more. */
export function storeScaleEvent(events: TimestampedScaleEvent[], rules: HPAScalingRules | undefined, change: number, now: number): void {
  const cutoff = now - longestPolicyPeriod(rules) * 1000;
  for (const e of events) if (e.timestamp < cutoff) e.outdated = true;
  const entry = { replicaChange: change, timestamp: now, outdated: false };
  const old = events.findLastIndex((e) => e.outdated);
  if (old >= 0) events[old] = entry;
  else events.push(entry);
}

/** getReplicasChangePerPeriod sums the changes within the last periodSeconds. */
function getReplicasChangePerPeriod(periodSeconds: number, events: TimestampedScaleEvent[], now: number): number {
  const cutoff = now - periodSeconds * 1000;
  return events.filter((e) => e.timestamp > cutoff).reduce((n, e) => n + e.replicaChange, 0);
}

/** calculateScaleUpLimitWithScalingRules is the most pods the policies allow now. */
export function calculateScaleUpLimitWithScalingRules(current: number, upEvents: TimestampedScaleEvent[], downEvents: TimestampedScaleEvent[], rules: HPAScalingRules, now: number): number {
  if (rules.selectPolicy === 'Disabled') return current;
  const pickMin = rules.selectPolicy === 'Min';
  let result = pickMin ? Number.MAX_SAFE_INTEGER : Number.MIN_SAFE_INTEGER;
  for (const policy of rules.policies ?? []) {
    const periodStart = current - getReplicasChangePerPeriod(policy.periodSeconds, upEvents, now) + getReplicasChangePerPeriod(policy.periodSeconds, downEvents, now);
    // A percentage rounds up, or a small target might never grow.
    const proposed = policy.type === 'Pods' ? periodStart + policy.value : Math.ceil(periodStart * (1 + policy.value / 100));
    result = pickMin ? Math.min(result, proposed) : Math.max(result, proposed);
  }
  return result;
}

/** calculateScaleDownLimitWithBehaviors is the fewest pods the policies allow now. */
export function calculateScaleDownLimitWithBehaviors(current: number, upEvents: TimestampedScaleEvent[], downEvents: TimestampedScaleEvent[], rules: HPAScalingRules, now: number): number {
  if (rules.selectPolicy === 'Disabled') return current;
  const pickMin = rules.selectPolicy === 'Min';
  let result = pickMin ? Number.MIN_SAFE_INTEGER : Number.MAX_SAFE_INTEGER;
  for (const policy of rules.policies ?? []) {
    const periodStart = current - getReplicasChangePerPeriod(policy.periodSeconds, upEvents, now) + getReplicasChangePerPeriod(policy.periodSeconds, downEvents, now);
    const proposed = policy.type === 'Pods' ? periodStart - policy.value : Math.trunc(periodStart * (1 - policy.value / 100));
    result = pickMin ? Math.max(result, proposed) : Math.min(result, proposed);
  }
  return result;
}

/** convertDesiredReplicasWithBehaviorRate applies the rate policies and [min, max]. */
export function convertDesiredReplicasWithBehaviorRate(
  a: { current: number; desired: number; min: number; max: number; up: HPAScalingRules; down: HPAScalingRules },
  upEvents: TimestampedScaleEvent[],
  downEvents: TimestampedScaleEvent[],
  now: number,
): Limited {
  if (a.desired > a.current) {
    const scaleUpLimit = Math.max(calculateScaleUpLimitWithScalingRules(a.current, upEvents, downEvents, a.up, now), a.current);
    const limited = a.max > scaleUpLimit;
    const maximum = limited ? scaleUpLimit : a.max;
    if (a.desired > maximum) {
      return limited
        ? { replicas: maximum, reason: 'ScaleUpLimit', message: 'the desired replica count is increasing faster than the maximum scale rate' }
        : { replicas: maximum, reason: 'TooManyReplicas', message: 'the desired replica count is more than the maximum replica count' };
    }
  } else if (a.desired < a.current) {
    const scaleDownLimit = Math.min(calculateScaleDownLimitWithBehaviors(a.current, upEvents, downEvents, a.down, now), a.current);
    const limited = a.min < scaleDownLimit;
    const minimum = limited ? scaleDownLimit : a.min;
    if (a.desired < minimum) {
      return limited
        ? { replicas: minimum, reason: 'ScaleDownLimit', message: 'the desired replica count is decreasing faster than the maximum scale rate' }
        : { replicas: minimum, reason: 'TooFewReplicas', message: 'the desired replica count is less than the minimum replica count' };
    }
  }
  return { replicas: a.desired, reason: 'DesiredWithinRange', message: 'the desired count is within the acceptable range' };
}
