// Mirrors k8s.io/apiserver/pkg/storage/selection_predicate.go: a label + field selector and the
// attribute function of a resource; used by lists, watches and deletecollection.
import type { KubeObject } from '../../apimachinery/apis/meta/v1/types.js';
import { newBadRequest } from '../../apimachinery/api/errors/errors.js';
import { parse as parseLabelSelector } from '../../apimachinery/labels/parser.js';
import { everything as everythingLabels, type Selector as LabelSelector } from '../../apimachinery/labels/selector.js';
import {
  everything as everythingFields,
  parseAndTransformSelector,
  type Selector as FieldSelector,
} from '../../apimachinery/fields/selector.js';

export type AttrFunc = (obj: KubeObject) => Record<string, string>;

export class SelectionPredicate {
  constructor(
    readonly label: LabelSelector,
    readonly field: FieldSelector,
    private readonly fieldsOf: AttrFunc,
  ) {}

  empty(): boolean {
    return this.label.empty() && this.field.empty();
  }

  matches(obj: KubeObject): boolean {
    if (!this.label.empty() && !this.label.matches(obj.metadata.labels ?? {})) return false;
    if (!this.field.empty() && !this.field.matches(this.fieldsOf(obj))) return false;
    return true;
  }
}

/** knownFieldKeys probes a resource's selectable fields with an empty object. */
export function knownFieldKeys(fieldsOf: AttrFunc): Set<string> {
  const probe = { metadata: { name: '', namespace: '' }, spec: {}, status: {}, involvedObject: {}, source: {} } as KubeObject;
  try {
    return new Set(['metadata.name', 'metadata.namespace', ...Object.keys(fieldsOf(probe))]);
  } catch {
    return new Set(['metadata.name', 'metadata.namespace']);
  }
}

/**
 * parsePredicate reads labelSelector/fieldSelector query values; bad syntax and unknown field keys are
 * 400s ("field label not supported: foo", as the built-in types' field label conversion answers).
 */
export function parsePredicate(labelSelector: string | null, fieldSelector: string | null, fieldsOf: AttrFunc, known: Set<string>): SelectionPredicate {
  let label = everythingLabels();
  let field = everythingFields();
  if (labelSelector) {
    try {
      label = parseLabelSelector(labelSelector);
    } catch (err) {
      throw newBadRequest((err as Error).message);
    }
  }
  if (fieldSelector) {
    try {
      field = parseAndTransformSelector(fieldSelector, (k, v) => {
        if (!known.has(k)) throw new Error(`field label not supported: ${k}`);
        return [k, v];
      });
    } catch (err) {
      throw newBadRequest((err as Error).message);
    }
  }
  return new SelectionPredicate(label, field, fieldsOf);
}
