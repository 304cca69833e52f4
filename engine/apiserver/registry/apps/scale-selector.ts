// Mirrors how pkg/registry/apps/*/storage/storage.go fill autoscaling/v1 Scale.status.selector:
// the spec's LabelSelector as a selector string ("app=web,tier in (a)").
import type { LabelSelector } from '../../../apimachinery/apis/meta/v1/types.js';
import { labelSelectorAsSelector } from '../../../apimachinery/apis/meta/v1/helpers.js';

export function selectorString(selector: LabelSelector | undefined): string {
  try {
    return labelSelectorAsSelector(selector).toString();
  } catch {
    return '';
  }
}
