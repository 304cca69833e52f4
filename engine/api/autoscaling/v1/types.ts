// Mirrors k8s.io/api/autoscaling/v1/types.go: Scale, the `/scale` subresource's body.
// HorizontalPodAutoscaler is left out.
import type { ObjectMeta, TypeMeta } from '../../../apimachinery/apis/meta/v1/types.js';

export interface Scale extends TypeMeta {
  metadata: ObjectMeta;
  spec?: { replicas?: number };
  /** status.selector is the label selector in string form ("app=web"). */
  status?: { replicas: number; selector?: string };
}
