// Mirrors pkg/controller/podautoscaler/metrics/utilization.go: the usage ratio of pods against a
// utilization target (percent of requests) or a plain per-pod target.
import type { PodMetricsInfo } from './interfaces.js';

/**
 * getResourceUtilizationRatio sums usage and requests over the pods that have both, and answers
 * the usage ratio (current / target utilization), the current utilization in percent and the raw
 * average usage. Metrics of pods without a known request are extraneous and skipped.
 */
export function getResourceUtilizationRatio(metrics: PodMetricsInfo, requests: Map<string, number>, targetUtilization: number): { ratio: number; utilization: number; rawAverage: number } {
  let metricsTotal = 0;
  let requestsTotal = 0;
  let entries = 0;
  for (const [name, m] of metrics) {
    const r = requests.get(name);
    if (r === undefined) continue;
    metricsTotal += m.value;
    requestsTotal += r;
    entries++;
  }
  // Requests disjoint from the metrics would leave nothing to divide by.
  if (requestsTotal === 0) throw new Error('no metrics returned matched known pods');
  const utilization = Math.trunc((metricsTotal * 100) / requestsTotal);
  return { ratio: utilization / targetUtilization, utilization, rawAverage: Math.trunc(metricsTotal / entries) };
}

/** getMetricUsageRatio is the average of a plain metric over the pods, against its target. */
export function getMetricUsageRatio(metrics: PodMetricsInfo, targetUsage: number): { ratio: number; usage: number } {
  let total = 0;
  for (const m of metrics.values()) total += m.value;
  const usage = Math.trunc(total / metrics.size);
  return { ratio: usage / targetUsage, usage };
}
