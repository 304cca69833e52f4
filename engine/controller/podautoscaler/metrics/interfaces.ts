// Mirrors pkg/controller/podautoscaler/metrics/interfaces.go: what the replica calculator asks of
// the metrics APIs — per-pod samples (value in milli-units, with the time and window they cover).
import type { Selector } from '../../../apimachinery/labels/selector.js';
import type { CrossVersionObjectReference } from '../../../api/autoscaling/v2/types.js';

/** PodMetric is one pod's sample: value in milli-units (CPU millicores), timestamp and window in ms. */
export interface PodMetric {
  timestamp: number;
  window: number;
  value: number;
}

/** PodMetricsInfo maps pod names to their samples. */
export type PodMetricsInfo = Map<string, PodMetric>;

export interface MetricsClient {
  /** getResourceMetric reads a resource (cpu, memory) of the selected pods, or of one container in each. */
  getResourceMetric(resource: string, namespace: string, selector: Selector, container: string): Promise<{ metrics: PodMetricsInfo; timestamp: number }>;
  /** getRawMetric reads a custom per-pod metric (custom.metrics.k8s.io), narrowed by metricSelector. */
  getRawMetric(metricName: string, namespace: string, selector: Selector, metricSelector: Selector): Promise<{ metrics: PodMetricsInfo; timestamp: number }>;
  /** getObjectMetric reads a custom metric of one object (custom.metrics.k8s.io). */
  getObjectMetric(metricName: string, namespace: string, ref: CrossVersionObjectReference): Promise<{ value: number; timestamp: number }>;
  /** getExternalMetric reads an external metric's values (external.metrics.k8s.io). */
  getExternalMetric(metricName: string, namespace: string): Promise<{ values: number[]; timestamp: number }>;
}
