// Mirrors pkg/controller/podautoscaler/replica_calculator.go (GetResourceReplicas) and
// metrics/interfaces.go: desired = ceil(ready pods × usage / target) when the usage ratio is
// outside the tolerance, with missing metrics counted as 100% (scale down) or 0% (scale up) and
// not-yet-ready pods as 0% when scaling up, so a fresh rollout does not trigger more scaling.
import type { Pod } from '../../api/core/v1/types.js';
import { parseQuantity } from '../../apimachinery/api/resource/quantity.js';

/** PodMetricsInfo maps pod names to usage in milli-units (CPU millicores). */
export type PodMetricsInfo = Map<string, number>;

/** MetricsClient is where per-pod resource usage comes from (metrics-server upstream). */
export interface MetricsClient {
  getResourceMetric(resource: string, namespace: string, pods: Pod[]): Promise<{ metrics: PodMetricsInfo; timestamp: number }>;
}

/** defaultTolerance is --horizontal-pod-autoscaler-tolerance. */
export const defaultTolerance = 0.1;

export class ReplicaCalculatorError extends Error {}

/** calculatePodRequests sums each pod's container requests for resource (milli-units). */
export function calculatePodRequests(pods: Pod[], resource: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const pod of pods) {
    let sum = 0;
    for (const c of pod.spec?.containers ?? []) {
      const r = c.resources?.requests?.[resource];
      if (r === undefined) throw new ReplicaCalculatorError(`missing request for ${resource} in container ${c.name} of Pod ${pod.metadata.name}`);
      sum += parseQuantity(r).milliValue();
    }
    out.set(pod.metadata.name ?? '', sum);
  }
  return out;
}

/** getResourceUtilizationRatio: usage over requests of the pods that have metrics, against target %. */
export function getResourceUtilizationRatio(metrics: PodMetricsInfo, requests: Map<string, number>, targetUtilization: number): { ratio: number; utilization: number; rawAverage: number } {
  let usage = 0;
  let request = 0;
  for (const [name, m] of metrics) {
    const r = requests.get(name);
    if (r === undefined) continue;
    usage += m;
    request += r;
  }
  if (request === 0) throw new ReplicaCalculatorError('no metrics returned matched known pods');
  const utilization = Math.trunc((usage * 100) / request);
  return { ratio: utilization / targetUtilization, utilization, rawAverage: Math.trunc(usage / metrics.size) };
}

const isReady = (p: Pod) => p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') === true;

export class ReplicaCalculator {
  constructor(
    private readonly metrics: MetricsClient,
    readonly tolerance = defaultTolerance,
  ) {}

  /** getResourceReplicas returns the replica count for a utilization target (percent of requests). */
  async getResourceReplicas(currentReplicas: number, targetUtilization: number, resource: string, namespace: string, pods: Pod[]): Promise<{ replicas: number; utilization: number; rawAverage: number; timestamp: number }> {
    const live = pods.filter((p) => !p.metadata.deletionTimestamp && p.status?.phase !== 'Failed');
    if (live.length === 0) throw new ReplicaCalculatorError('no pods returned by selector while calculating replica count');
    const { metrics, timestamp } = await this.metrics.getResourceMetric(resource, namespace, live);
    const requests = calculatePodRequests(live, resource);
    const ready: Pod[] = [];
    const unready: Pod[] = [];
    const missing: Pod[] = [];
    for (const p of live) {
      if (!metrics.has(p.metadata.name ?? '')) missing.push(p);
      else if (p.status?.phase === 'Pending' || !isReady(p)) unready.push(p);
      else ready.push(p);
    }
    // Unready pods' samples are set aside (and re-added as 0% when scaling up).
    for (const p of unready) metrics.delete(p.metadata.name ?? '');
    if (metrics.size === 0) throw new ReplicaCalculatorError('did not receive metrics for targeted pods (pods might be unready)');
    const { ratio, utilization, rawAverage } = getResourceUtilizationRatio(metrics, requests, targetUtilization);
    const scaleUpWithUnready = unready.length > 0 && ratio > 1;
    if (!scaleUpWithUnready && missing.length === 0) {
      if (Math.abs(1 - ratio) <= this.tolerance) return { replicas: currentReplicas, utilization, rawAverage, timestamp };
      return { replicas: Math.ceil(ratio * metrics.size), utilization, rawAverage, timestamp };
    }
    for (const p of missing) metrics.set(p.metadata.name ?? '', ratio < 1 ? (requests.get(p.metadata.name ?? '') ?? 0) : 0);
    if (scaleUpWithUnready) for (const p of unready) metrics.set(p.metadata.name ?? '', 0);
    const recomputed = getResourceUtilizationRatio(metrics, requests, targetUtilization);
    // Stay put when the fill-in makes the change small, or turns it around.
    if (Math.abs(1 - recomputed.ratio) <= this.tolerance || (ratio < 1 && recomputed.ratio > 1) || (ratio > 1 && recomputed.ratio < 1)) {
      return { replicas: currentReplicas, utilization, rawAverage, timestamp };
    }
    const replicas = Math.ceil(recomputed.ratio * metrics.size);
    if ((recomputed.ratio < 1 && replicas > currentReplicas) || (recomputed.ratio > 1 && replicas < currentReplicas)) return { replicas: currentReplicas, utilization, rawAverage, timestamp };
    return { replicas, utilization, rawAverage, timestamp };
  }
}
