// Mirrors k8s.io/api/policy/v1/types.go: Eviction, the body of pods/<name>/eviction.
// PodDisruptionBudget is left out.
import type { DeleteOptions, ObjectMeta, TypeMeta } from '../../../apimachinery/apis/meta/v1/types.js';

export interface Eviction extends TypeMeta {
  metadata: ObjectMeta;
  deleteOptions?: DeleteOptions;
}
