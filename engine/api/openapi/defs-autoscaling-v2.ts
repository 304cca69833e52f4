// Mirrors the generated OpenAPI definitions of k8s.io/api autoscaling/v2 (HorizontalPodAutoscaler
// with metrics, behavior and conditions). Field sets match engine/api/autoscaling/v2/types.ts.
import {
  META,
  QUANTITY,
  T,
  apiVersionField,
  gvk,
  int32,
  int64,
  kindField,
  listDef,
  listOf,
  metadataField,
  ref,
  refP,
  str,
  struct,
  timeField,
  type TypeDef,
} from './builder.js';

export const AUTOSCALING_V2 = 'io.k8s.api.autoscaling.v2.';
const a = (n: string) => AUTOSCALING_V2 + n;
const quantity = (d: string) => ref(QUANTITY, d);
const metricTypes = ['ContainerResource', 'External', 'Object', 'Pods', 'Resource'];

const sourcePair = (what: string, target: boolean) => ({
  ...(target
    ? { target: ref(a('MetricTarget'), `Target value for the ${what}.`, { required: true }) }
    : { current: ref(a('MetricValueStatus'), `Current value of the ${what}.`, { required: true }) }),
});

export const autoscalingV2Defs: TypeDef[] = [
  struct(a('HorizontalPodAutoscaler'), 'Automatically manages the replica count of any resource with a scale subresource, from the metrics given.', {
    apiVersion: apiVersionField(),
    kind: kindField(),
    metadata: metadataField(),
    spec: ref(a('HorizontalPodAutoscalerSpec'), 'Desired behaviour of the autoscaler.'),
    status: ref(a('HorizontalPodAutoscalerStatus'), 'Current information about the autoscaler.'),
  }, [gvk('autoscaling', 'v2', 'HorizontalPodAutoscaler')]),
  struct(a('HorizontalPodAutoscalerSpec'), 'Desired behaviour of an autoscaler.', {
    scaleTargetRef: ref(a('CrossVersionObjectReference'), 'The workload to scale; its pods provide the metrics.', { required: true }),
    minReplicas: int32('Lower limit of replicas. Default 1.'),
    maxReplicas: int32('Upper limit of replicas; not less than minReplicas.', { required: true }),
    metrics: listOf(T.ref(a('MetricSpec')), 'Metrics whose highest proposed replica count wins. Default: 80% average CPU utilization.', { listType: 'atomic' }),
    behavior: refP(a('HorizontalPodAutoscalerBehavior'), 'Scaling behavior up and down; default rules when not set.'),
  }),
  struct(a('CrossVersionObjectReference'), 'Identifies the referred resource.', {
    apiVersion: str('API version of the referent.'),
    kind: str('Kind of the referent.', { required: true }),
    name: str('Name of the referent.', { required: true }),
  }),
  struct(a('MetricSpec'), 'One metric to scale on; type names the one source that is set.', {
    type: str('Object, Pods, Resource, ContainerResource or External.', { required: true, enum: metricTypes }),
    object: refP(a('ObjectMetricSource'), 'A metric describing one object.'),
    pods: refP(a('PodsMetricSource'), 'A metric averaged over the pods.'),
    resource: refP(a('ResourceMetricSource'), 'A resource metric (cpu, memory) of the pods, as the kubelet reports it.'),
    containerResource: refP(a('ContainerResourceMetricSource'), 'A resource metric of one container of each pod.'),
    external: refP(a('ExternalMetricSource'), 'A metric from outside the cluster.'),
  }),
  struct(a('MetricTarget'), 'Target value of a metric.', {
    type: str('Utilization, Value or AverageValue.', { required: true }),
    value: quantity('Target value of the metric.'),
    averageValue: quantity('Target value of the average over the pods.'),
    averageUtilization: int32('Target average over the pods, as a percentage of the requested resource.'),
  }),
  struct(a('MetricValueStatus'), 'Current value of a metric.', {
    value: quantity('Current value of the metric.'),
    averageValue: quantity('Current average over the pods.'),
    averageUtilization: int32('Current average over the pods, as a percentage of the requested resource.'),
  }),
  struct(a('MetricIdentifier'), 'Names a metric and optionally narrows it by labels.', {
    name: str('Name of the metric.', { required: true }),
    selector: refP(META + 'LabelSelector', 'Label selector passed to the metrics server.'),
  }),
  struct(a('ResourceMetricSource'), 'A resource metric known to Kubernetes, averaged over the pods.', {
    name: str('Name of the resource.', { required: true }),
    ...sourcePair('resource', true),
  }),
  struct(a('ContainerResourceMetricSource'), 'A resource metric of one container, averaged over the pods.', {
    name: str('Name of the resource.', { required: true }),
    ...sourcePair('resource', true),
    container: str('Name of the container in the pods.', { required: true }),
  }),
  struct(a('PodsMetricSource'), 'A metric averaged over the pods.', {
    metric: ref(a('MetricIdentifier'), 'The metric.', { required: true }),
    ...sourcePair('metric', true),
  }),
  struct(a('ObjectMetricSource'), 'A metric describing one object.', {
    describedObject: ref(a('CrossVersionObjectReference'), 'The object.', { required: true }),
    ...sourcePair('metric', true),
    metric: ref(a('MetricIdentifier'), 'The metric.', { required: true }),
  }),
  struct(a('ExternalMetricSource'), 'A metric from outside the cluster.', {
    metric: ref(a('MetricIdentifier'), 'The metric.', { required: true }),
    ...sourcePair('metric', true),
  }),
  struct(a('HorizontalPodAutoscalerBehavior'), 'Scaling behavior in both directions.', {
    scaleUp: refP(a('HPAScalingRules'), 'Rules for scaling up.'),
    scaleDown: refP(a('HPAScalingRules'), 'Rules for scaling down.'),
  }),
  struct(a('HPAScalingRules'), 'Rules for one direction of scaling.', {
    stabilizationWindowSeconds: int32('Seconds of past recommendations to consider (0–3600).'),
    selectPolicy: str('Which policy applies: Max, Min or Disabled.'),
    policies: listOf(T.ref(a('HPAScalingPolicy')), 'Policies that limit the change per period.', { listType: 'atomic' }),
  }),
  struct(a('HPAScalingPolicy'), 'A limit on the change in one period.', {
    type: str('Pods or Percent.', { required: true }),
    value: int32('Amount of change allowed.', { required: true }),
    periodSeconds: int32('Window the policy holds over (1–1800 seconds).', { required: true }),
  }),
  struct(a('HorizontalPodAutoscalerStatus'), 'Current status of an autoscaler.', {
    observedGeneration: int64('Most recent generation observed by the autoscaler.'),
    lastScaleTime: timeField('When the autoscaler last scaled the workload.'),
    currentReplicas: int32('Current number of replicas, as last seen by the autoscaler.'),
    desiredReplicas: int32('Desired number of replicas, as last computed by the autoscaler.', { required: true }),
    currentMetrics: listOf(T.ref(a('MetricStatus')), 'Last read state of the metrics.', { listType: 'atomic' }),
    conditions: listOf(T.ref(a('HorizontalPodAutoscalerCondition')), 'Conditions needed to scale, and whether they hold.', {
      strategy: 'merge',
      mergeKey: 'type',
      listType: 'map',
      mapKeys: ['type'],
    }),
  }),
  struct(a('MetricStatus'), 'Last read state of one metric.', {
    type: str('Object, Pods, Resource, ContainerResource or External.', { required: true, enum: metricTypes }),
    object: refP(a('ObjectMetricStatus'), 'An object metric.'),
    pods: refP(a('PodsMetricStatus'), 'A pods metric.'),
    resource: refP(a('ResourceMetricStatus'), 'A resource metric.'),
    containerResource: refP(a('ContainerResourceMetricStatus'), 'A container resource metric.'),
    external: refP(a('ExternalMetricStatus'), 'An external metric.'),
  }),
  struct(a('ResourceMetricStatus'), 'Current value of a resource metric.', { name: str('Name of the resource.', { required: true }), ...sourcePair('resource', false) }),
  struct(a('ContainerResourceMetricStatus'), 'Current value of a container resource metric.', {
    name: str('Name of the resource.', { required: true }),
    ...sourcePair('resource', false),
    container: str('Name of the container.', { required: true }),
  }),
  struct(a('PodsMetricStatus'), 'Current value of a pods metric.', { metric: ref(a('MetricIdentifier'), 'The metric.', { required: true }), ...sourcePair('metric', false) }),
  struct(a('ObjectMetricStatus'), 'Current value of an object metric.', {
    metric: ref(a('MetricIdentifier'), 'The metric.', { required: true }),
    ...sourcePair('metric', false),
    describedObject: ref(a('CrossVersionObjectReference'), 'The object.', { required: true }),
  }),
  struct(a('ExternalMetricStatus'), 'Current value of an external metric.', { metric: ref(a('MetricIdentifier'), 'The metric.', { required: true }), ...sourcePair('metric', false) }),
  struct(a('HorizontalPodAutoscalerCondition'), 'A condition of an autoscaler.', {
    type: str('AbleToScale, ScalingActive or ScalingLimited.', { required: true }),
    status: str('True, False or Unknown.', { required: true }),
    lastTransitionTime: timeField('Last time the condition changed.'),
    reason: str('CamelCase reason of the last transition.'),
    message: str('Human-readable details.'),
  }),
  listDef(AUTOSCALING_V2, 'HorizontalPodAutoscaler', 'autoscaling', 'v2', 'horizontal pod autoscalers'),
];
