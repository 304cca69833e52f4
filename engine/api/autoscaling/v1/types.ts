// Mirrors k8s.io/api/autoscaling/v1/types.go: Scale, the `/scale` subresource's body, and the
// CPU-only HorizontalPodAutoscaler of autoscaling/v1.
import type { ObjectMeta, TypeMeta } from '../../../apimachinery/apis/meta/v1/types.js';

export interface Scale extends TypeMeta {
  metadata: ObjectMeta;
  spec?: { replicas?: number };
  /** status.selector is the label selector in string form ("app=web"). */
  status?: { replicas: number; selector?: string };
}

/** CrossVersionObjectReference names the scaled workload (kind, name, apiVersion). */
export interface CrossVersionObjectReference {
  kind: string;
  name: string;
  apiVersion?: string;
}

export interface HorizontalPodAutoscalerSpec {
  scaleTargetRef: CrossVersionObjectReference;
  minReplicas?: number;
  maxReplicas: number;
  targetCPUUtilizationPercentage?: number;
}

export interface HorizontalPodAutoscalerStatus {
  observedGeneration?: number;
  lastScaleTime?: string;
  currentReplicas: number;
  desiredReplicas: number;
  currentCPUUtilizationPercentage?: number;
}

export interface HorizontalPodAutoscaler extends TypeMeta {
  metadata: ObjectMeta;
  spec: HorizontalPodAutoscalerSpec;
  status?: HorizontalPodAutoscalerStatus;
}
