// Mirrors k8s.io/apimachinery/pkg/apis/meta/v1/helpers.go: converting LabelSelector to a Selector
// and printing it the way kubectl does.
import * as selection from '../../../selection/operator.js';
import type { Operator } from '../../../selection/operator.js';
import { everything, newRequirement, newSelector, nothing, type Requirement, type Selector } from '../../../labels/selector.js';
import type { LabelSelector } from './types.js';

const operators: Record<string, Operator> = {
  In: selection.In,
  NotIn: selection.NotIn,
  Exists: selection.Exists,
  DoesNotExist: selection.DoesNotExist,
};

/**
 * labelSelectorAsSelector converts an API LabelSelector: undefined/null selects nothing, an empty
 * one selects everything. Throws on invalid keys, values or operators.
 */
export function labelSelectorAsSelector(ps: LabelSelector | null | undefined): Selector {
  if (!ps) return nothing();
  const matchLabels = ps.matchLabels ?? {};
  const exprs = ps.matchExpressions ?? [];
  if (Object.keys(matchLabels).length + exprs.length === 0) return everything();
  const reqs: Requirement[] = [];
  for (const [k, v] of Object.entries(matchLabels)) reqs.push(newRequirement(k, selection.Equals, [v]));
  for (const expr of exprs) {
    const op = Object.prototype.hasOwnProperty.call(operators, expr.operator) ? operators[expr.operator] : undefined;
    if (!op) throw new Error(`${JSON.stringify(expr.operator)} is not a valid label selector operator`);
    reqs.push(newRequirement(expr.key, op, [...(expr.values ?? [])]));
  }
  return newSelector().add(...reqs);
}

/** formatLabelSelector is what kubectl prints for a selector: "app=guestbook,tier in (backend)". */
export function formatLabelSelector(ps: LabelSelector | null | undefined): string {
  let s: string;
  try {
    s = labelSelectorAsSelector(ps).toString();
  } catch {
    return '<error>';
  }
  return s === '' ? '<none>' : s;
}

/**
 * labelSelectorAsMap converts a selector with only equality terms to a label map; In with one
 * value counts as equality. Other operators throw.
 */
export function labelSelectorAsMap(ps: LabelSelector | null | undefined): Record<string, string> {
  if (!ps) return {};
  const out: Record<string, string> = { ...(ps.matchLabels ?? {}) };
  for (const expr of ps.matchExpressions ?? []) {
    if (expr.operator === 'In' && expr.values?.length === 1) out[expr.key] = expr.values[0]!;
    else if (expr.operator === 'In') throw new Error(`operator ${JSON.stringify(expr.operator)} without a single value cannot be converted into the old label selector format`);
    else throw new Error(`${JSON.stringify(expr.operator)} is not a valid label selector operator`);
  }
  return out;
}

/** setAsLabelSelector builds a LabelSelector that matches exactly the given labels. */
export function setAsLabelSelector(ls: Record<string, string> | undefined): LabelSelector {
  return { matchLabels: { ...(ls ?? {}) } };
}

/** hasLabelSelector reports whether a selector restricts anything. */
export function isEmptyLabelSelector(ps: LabelSelector | null | undefined): boolean {
  return !!ps && Object.keys(ps.matchLabels ?? {}).length === 0 && (ps.matchExpressions ?? []).length === 0;
}
