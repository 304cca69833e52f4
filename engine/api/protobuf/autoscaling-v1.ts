// Mirrors k8s.io/api/autoscaling/v1/generated.proto at v1.32, joined with the Go structs' json tags: field number → JSON name, type, flags.
// Derived mechanically from those two sources: follow upstream rather than editing by hand.
import { REP, KEEP, type MessageTable } from '../../apimachinery/runtime/serializer/protobuf/schema.js';
const autoscaling = 'k8s.io.api.autoscaling.v1.';
const meta = 'k8s.io.apimachinery.pkg.apis.meta.v1.';
const resource = 'k8s.io.apimachinery.pkg.api.resource.';

export const autoscalingV1: MessageTable = {
  [autoscaling + 'ContainerResourceMetricSource']: [[1, 'name', 's', KEEP], [2, 'targetAverageUtilization', 'i32', KEEP], [3, 'targetAverageValue', resource + 'Quantity'], [5, 'container', 's', KEEP]],
  [autoscaling + 'ContainerResourceMetricStatus']: [[1, 'name', 's', KEEP], [2, 'currentAverageUtilization', 'i32', KEEP], [3, 'currentAverageValue', resource + 'Quantity'], [4, 'container', 's', KEEP]],
  [autoscaling + 'CrossVersionObjectReference']: [[1, 'kind', 's', KEEP], [2, 'name', 's', KEEP], [3, 'apiVersion', 's']],
  [autoscaling + 'ExternalMetricSource']: [[1, 'metricName', 's', KEEP], [2, 'metricSelector', meta + 'LabelSelector'], [3, 'targetValue', resource + 'Quantity'], [4, 'targetAverageValue', resource + 'Quantity']],
  [autoscaling + 'ExternalMetricStatus']: [[1, 'metricName', 's', KEEP], [2, 'metricSelector', meta + 'LabelSelector'], [3, 'currentValue', resource + 'Quantity'], [4, 'currentAverageValue', resource + 'Quantity']],
  [autoscaling + 'HorizontalPodAutoscaler']: [[1, 'metadata', meta + 'ObjectMeta'], [2, 'spec', autoscaling + 'HorizontalPodAutoscalerSpec'], [3, 'status', autoscaling + 'HorizontalPodAutoscalerStatus']],
  [autoscaling + 'HorizontalPodAutoscalerCondition']: [[1, 'type', 's', KEEP], [2, 'status', 's', KEEP], [3, 'lastTransitionTime', meta + 'Time'], [4, 'reason', 's'], [5, 'message', 's']],
  [autoscaling + 'HorizontalPodAutoscalerList']: [[1, 'metadata', meta + 'ListMeta'], [2, 'items', autoscaling + 'HorizontalPodAutoscaler', REP]],
  [autoscaling + 'HorizontalPodAutoscalerSpec']: [[1, 'scaleTargetRef', autoscaling + 'CrossVersionObjectReference'], [2, 'minReplicas', 'i32', KEEP], [3, 'maxReplicas', 'i32', KEEP], [4, 'targetCPUUtilizationPercentage', 'i32', KEEP]],
  [autoscaling + 'HorizontalPodAutoscalerStatus']: [[1, 'observedGeneration', 'i64', KEEP], [2, 'lastScaleTime', meta + 'Time'], [3, 'currentReplicas', 'i32', KEEP], [4, 'desiredReplicas', 'i32', KEEP], [5, 'currentCPUUtilizationPercentage', 'i32', KEEP]],
  [autoscaling + 'MetricSpec']: [[1, 'type', 's', KEEP], [2, 'object', autoscaling + 'ObjectMetricSource'], [3, 'pods', autoscaling + 'PodsMetricSource'], [4, 'resource', autoscaling + 'ResourceMetricSource'], [5, 'external', autoscaling + 'ExternalMetricSource'], [7, 'containerResource', autoscaling + 'ContainerResourceMetricSource']],
  [autoscaling + 'MetricStatus']: [[1, 'type', 's', KEEP], [2, 'object', autoscaling + 'ObjectMetricStatus'], [3, 'pods', autoscaling + 'PodsMetricStatus'], [4, 'resource', autoscaling + 'ResourceMetricStatus'], [5, 'external', autoscaling + 'ExternalMetricStatus'], [7, 'containerResource', autoscaling + 'ContainerResourceMetricStatus']],
  [autoscaling + 'ObjectMetricSource']: [[1, 'target', autoscaling + 'CrossVersionObjectReference'], [2, 'metricName', 's', KEEP], [3, 'targetValue', resource + 'Quantity'], [4, 'selector', meta + 'LabelSelector'], [5, 'averageValue', resource + 'Quantity']],
  [autoscaling + 'ObjectMetricStatus']: [[1, 'target', autoscaling + 'CrossVersionObjectReference'], [2, 'metricName', 's', KEEP], [3, 'currentValue', resource + 'Quantity'], [4, 'selector', meta + 'LabelSelector'], [5, 'averageValue', resource + 'Quantity']],
  [autoscaling + 'PodsMetricSource']: [[1, 'metricName', 's', KEEP], [2, 'targetAverageValue', resource + 'Quantity'], [3, 'selector', meta + 'LabelSelector']],
  [autoscaling + 'PodsMetricStatus']: [[1, 'metricName', 's', KEEP], [2, 'currentAverageValue', resource + 'Quantity'], [3, 'selector', meta + 'LabelSelector']],
  [autoscaling + 'ResourceMetricSource']: [[1, 'name', 's', KEEP], [2, 'targetAverageUtilization', 'i32', KEEP], [3, 'targetAverageValue', resource + 'Quantity']],
  [autoscaling + 'ResourceMetricStatus']: [[1, 'name', 's', KEEP], [2, 'currentAverageUtilization', 'i32', KEEP], [3, 'currentAverageValue', resource + 'Quantity']],
  [autoscaling + 'Scale']: [[1, 'metadata', meta + 'ObjectMeta'], [2, 'spec', autoscaling + 'ScaleSpec'], [3, 'status', autoscaling + 'ScaleStatus']],
  [autoscaling + 'ScaleSpec']: [[1, 'replicas', 'i32']],
  [autoscaling + 'ScaleStatus']: [[1, 'replicas', 'i32', KEEP], [2, 'selector', 's']],
};
