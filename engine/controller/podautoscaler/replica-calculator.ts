// Mirrors pkg/controller/podautoscaler/replica_calculator.go (GetResourceReplicas,
// GetRawResourceReplicas, GetMetricReplicas, GetObjectMetricReplicas, GetExternal*Replicas, groupPods):
// desired = ceil(ready pods × usage / target) when the usage ratio leaves the tolerance. Pods that
// are deleted or failed are ignored; pending pods, and — for CPU — pods still starting
// (--horizontal-pod-autoscaler-cpu-initialization-period, --horizontal-pod-autoscaler-initial-readiness-delay)
// are unready: their samples are set aside and count as 0% on a scale-up; pods without metrics
// count as 100% of their request on a scale-down and 0% on a scale-up, so a rollout does not
// trigger more scaling. Pod-level requests are not modelled.
import type { Pod } from '../../api/core/v1/types.js';
import type { CrossVersionObjectReference } from '../../api/autoscaling/v2/types.js';
import { parseQuantity } from '../../apimachinery/api/resource/quantity.js';
import type { Selector } from '../../apimachinery/labels/selector.js';
import type { Lister } from '../../client/tools/cache/listers.js';
import type { Clock } from '../../util/clock.js';
import { errMessage } from '../controller-utils.js';
import type { MetricsClient, PodMetricsInfo } from './metrics/interfaces.js';
import { getMetricUsageRatio, getResourceUtilizationRatio } from './metrics/utilization.js';

export interface ReplicaCalculatorOptions {
  /** tolerance is --horizontal-pod-autoscaler-tolerance. */
  tolerance: number;
  /** cpuInitializationPeriod is --horizontal-pod-autoscaler-cpu-initialization-period (ms). */
  cpuInitializationPeriod: number;
  /** delayOfInitialReadinessStatus is --horizontal-pod-autoscaler-initial-readiness-delay (ms). */
  delayOfInitialReadinessStatus: number;
}

export const defaultReplicaCalculatorOptions: ReplicaCalculatorOptions = { tolerance: 0.1, cpuInitializationPeriod: 5 * 60_000, delayOfInitialReadinessStatus: 30_000 };

const readyCondition = (p: Pod) => p.status?.conditions?.find((c) => c.type === 'Ready');
const time = (s: string | null | undefined) => (s ? Date.parse(s) : NaN);

/** calculatePodRequests sums each pod's requests of resource (milli-units), or one container's. */
export function calculatePodRequests(pods: Pod[], container: string, resource: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const pod of pods) {
    const containers = [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? []).filter((c) => (c as { restartPolicy?: string }).restartPolicy === 'Always')];
    let sum = 0;
    let found = !container;
    for (const c of containers) {
      if (container && c.name !== container) continue;
      const r = c.resources?.requests?.[resource];
      if (r === undefined) throw new Error(`missing request for ${resource} in container ${c.name} of Pod ${pod.metadata.name}`);
      sum += parseQuantity(r).milliValue();
      found = true;
    }
    if (!found) throw new Error(`container ${container} not found in Pod ${pod.metadata.name}`);
    out.set(pod.metadata.name ?? '', sum);
  }
  return out;
}

export class ReplicaCalculator {
  readonly options: ReplicaCalculatorOptions;
  constructor(
    private readonly metricsClient: MetricsClient,
    private readonly podLister: Lister<Pod>,
    private readonly clock: Clock,
    options: Partial<ReplicaCalculatorOptions> = {},
  ) {
    this.options = { ...defaultReplicaCalculatorOptions, ...options };
  }

  private within(ratio: number): boolean {
    return Math.abs(1 - ratio) <= this.options.tolerance;
  }

  private pods(namespace: string, selector: Selector): Pod[] {
    const pods = this.podLister.byNamespace(namespace).list(selector);
    if (pods.length === 0) throw new Error('no pods returned by selector while calculating replica count');
    return pods;
  }

  /** groupPods sorts pods into ready (counted), unready, missing (no sample) and ignored. */
  groupPods(pods: Pod[], metrics: PodMetricsInfo, resource: string): { readyPodCount: number; unready: Set<string>; missing: Set<string>; ignored: Set<string> } {
    const unready = new Set<string>();
    const missing = new Set<string>();
    const ignored = new Set<string>();
    let readyPodCount = 0;
    const now = this.clock.now();
    for (const pod of pods) {
      const name = pod.metadata.name ?? '';
      if (pod.metadata.deletionTimestamp || pod.status?.phase === 'Failed') {
        ignored.add(name);
        continue;
      }
      if (pod.status?.phase === 'Pending') {
        unready.add(name);
        continue;
      }
      const metric = metrics.get(name);
      if (!metric) {
        missing.add(name);
        continue;
      }
      if (resource === 'cpu') {
        const condition = readyCondition(pod);
        const start = time(pod.status?.startTime);
        let isUnready: boolean;
        if (!condition || Number.isNaN(start)) isUnready = true;
        else if (start + this.options.cpuInitializationPeriod > now) {
          // Still starting: a sample counts only once one window was collected since the pod became ready.
          isUnready = condition.status === 'False' || metric.timestamp < time(condition.lastTransitionTime) + metric.window;
        } else {
          // Past the initialization period, only a pod that never became ready is set aside.
          isUnready = condition.status === 'False' && start + this.options.delayOfInitialReadinessStatus > time(condition.lastTransitionTime);
        }
        if (isUnready) {
          unready.add(name);
          continue;
        }
      }
      readyPodCount++;
    }
    return { readyPodCount, unready, missing, ignored };
  }

  /** getResourceReplicas answers the replicas for a utilization target (percent of requests). */
  async getResourceReplicas(currentReplicas: number, targetUtilization: number, resource: string, namespace: string, selector: Selector, container: string): Promise<{ replicas: number; utilization: number; rawUtilization: number; timestamp: number }> {
    let fetched;
    try {
      fetched = await this.metricsClient.getResourceMetric(resource, namespace, selector, container);
    } catch (err) {
      throw new Error(`unable to get metrics for resource ${resource}: ${errMessage(err)}`);
    }
    const { metrics, timestamp } = fetched;
    const pods = this.pods(namespace, selector);
    const { readyPodCount, unready, missing, ignored } = this.groupPods(pods, metrics, resource);
    for (const name of [...ignored, ...unready]) metrics.delete(name);
    if (metrics.size === 0) throw new Error('did not receive metrics for targeted pods (pods might be unready)');
    const requests = calculatePodRequests(pods, container, resource);
    const { ratio, utilization, rawAverage } = getResourceUtilizationRatio(metrics, requests, targetUtilization);
    const result = (replicas: number) => ({ replicas, utilization, rawUtilization: rawAverage, timestamp });

    const scaleUpWithUnready = unready.size > 0 && ratio > 1;
    if (!scaleUpWithUnready && missing.size === 0) {
      if (this.within(ratio)) return result(currentReplicas);
      return result(Math.ceil(ratio * readyPodCount));
    }
    if (missing.size > 0) {
      // On a scale-down a pod without metrics counts as using its whole request (or the target when
      // that is above 100%); on a scale-up as using nothing.
      const fallback = Math.max(100, targetUtilization);
      for (const name of missing) metrics.set(name, { timestamp: 0, window: 0, value: ratio < 1 ? Math.trunc(((requests.get(name) ?? 0) * fallback) / 100) : 0 });
    }
    if (scaleUpWithUnready) for (const name of unready) metrics.set(name, { timestamp: 0, window: 0, value: 0 });
    const next = getResourceUtilizationRatio(metrics, requests, targetUtilization).ratio;
    // Stay put when the fill-in makes the change small or turns its direction around.
    if (this.within(next) || (ratio < 1 && next > 1) || (ratio > 1 && next < 1)) return result(currentReplicas);
    const replicas = Math.ceil(next * metrics.size);
    if ((next < 1 && replicas > currentReplicas) || (next > 1 && replicas < currentReplicas)) return result(currentReplicas);
    return result(replicas);
  }

  /** getRawResourceReplicas answers the replicas for an average-value target of a resource. */
  async getRawResourceReplicas(currentReplicas: number, targetUsage: number, resource: string, namespace: string, selector: Selector, container: string): Promise<{ replicas: number; usage: number; timestamp: number }> {
    let fetched;
    try {
      fetched = await this.metricsClient.getResourceMetric(resource, namespace, selector, container);
    } catch (err) {
      throw new Error(`unable to get metrics for resource ${resource}: ${errMessage(err)}`);
    }
    return { ...this.calcPlainMetricReplicas(fetched.metrics, currentReplicas, targetUsage, namespace, selector, resource), timestamp: fetched.timestamp };
  }

  /** getMetricReplicas answers the replicas for a custom per-pod metric. */
  async getMetricReplicas(currentReplicas: number, targetUsage: number, metricName: string, namespace: string, selector: Selector, metricSelector: Selector): Promise<{ replicas: number; usage: number; timestamp: number }> {
    let fetched;
    try {
      fetched = await this.metricsClient.getRawMetric(metricName, namespace, selector, metricSelector);
    } catch (err) {
      throw new Error(`unable to get metric ${metricName}: ${errMessage(err)}`);
    }
    return { ...this.calcPlainMetricReplicas(fetched.metrics, currentReplicas, targetUsage, namespace, selector, ''), timestamp: fetched.timestamp };
  }

  /** calcPlainMetricReplicas is getResourceReplicas for plain (not percentage) targets. */
  private calcPlainMetricReplicas(metrics: PodMetricsInfo, currentReplicas: number, targetUsage: number, namespace: string, selector: Selector, resource: string): { replicas: number; usage: number } {
    const pods = this.pods(namespace, selector);
    const { readyPodCount, unready, missing, ignored } = this.groupPods(pods, metrics, resource);
    for (const name of [...ignored, ...unready]) metrics.delete(name);
    if (metrics.size === 0) throw new Error('did not receive metrics for targeted pods (pods might be unready)');
    const { ratio, usage } = getMetricUsageRatio(metrics, targetUsage);
    const scaleUpWithUnready = unready.size > 0 && ratio > 1;
    if (!scaleUpWithUnready && missing.size === 0) {
      if (this.within(ratio)) return { replicas: currentReplicas, usage };
      return { replicas: Math.ceil(ratio * readyPodCount), usage };
    }
    if (missing.size > 0) for (const name of missing) metrics.set(name, { timestamp: 0, window: 0, value: ratio < 1 ? targetUsage : 0 });
    if (scaleUpWithUnready) for (const name of unready) metrics.set(name, { timestamp: 0, window: 0, value: 0 });
    const next = getMetricUsageRatio(metrics, targetUsage).ratio;
    if (this.within(next) || (ratio < 1 && next > 1) || (ratio > 1 && next < 1)) return { replicas: currentReplicas, usage };
    const replicas = Math.ceil(next * metrics.size);
    if ((next < 1 && replicas > currentReplicas) || (next > 1 && replicas < currentReplicas)) return { replicas: currentReplicas, usage };
    return { replicas, usage };
  }

  /** getObjectMetricReplicas answers the replicas for an object metric's value target. */
  async getObjectMetricReplicas(currentReplicas: number, targetUsage: number, metricName: string, namespace: string, ref: CrossVersionObjectReference, selector: Selector): Promise<{ replicas: number; usage: number; timestamp: number }> {
    let fetched;
    try {
      fetched = await this.metricsClient.getObjectMetric(metricName, namespace, ref);
    } catch (err) {
      throw new Error(`unable to get metric ${metricName}: ${errMessage(err)} on ${ref.kind} ${namespace}/${ref.name}`);
    }
    return { replicas: this.usageRatioReplicaCount(currentReplicas, fetched.value / targetUsage, namespace, selector), usage: fetched.value, timestamp: fetched.timestamp };
  }

  /** getExternalMetricReplicas answers the replicas for an external metric's total value target. */
  async getExternalMetricReplicas(currentReplicas: number, targetUsage: number, metricName: string, namespace: string, selector: Selector): Promise<{ replicas: number; usage: number; timestamp: number }> {
    let fetched;
    try {
      fetched = await this.metricsClient.getExternalMetric(metricName, namespace);
    } catch (err) {
      throw new Error(`unable to get external metric ${namespace}/${metricName}/nil: ${errMessage(err)}`);
    }
    const usage = fetched.values.reduce((a, b) => a + b, 0);
    return { replicas: this.usageRatioReplicaCount(currentReplicas, usage / targetUsage, namespace, selector), usage, timestamp: fetched.timestamp };
  }

  /** getObjectPerPodMetricReplicas answers the replicas for an object metric's average-per-pod target. */
  async getObjectPerPodMetricReplicas(statusReplicas: number, targetAverage: number, metricName: string, namespace: string, ref: CrossVersionObjectReference): Promise<{ replicas: number; usage: number; timestamp: number }> {
    let fetched;
    try {
      fetched = await this.metricsClient.getObjectMetric(metricName, namespace, ref);
    } catch (err) {
      throw new Error(`unable to get metric ${metricName}: ${errMessage(err)} on ${ref.kind} ${namespace}/${ref.name}`);
    }
    return { ...this.perPod(statusReplicas, fetched.value, targetAverage), timestamp: fetched.timestamp };
  }

  /** getExternalPerPodMetricReplicas answers the replicas for an external metric's average-per-pod target. */
  async getExternalPerPodMetricReplicas(statusReplicas: number, targetAverage: number, metricName: string, namespace: string): Promise<{ replicas: number; usage: number; timestamp: number }> {
    let fetched;
    try {
      fetched = await this.metricsClient.getExternalMetric(metricName, namespace);
    } catch (err) {
      throw new Error(`unable to get external metric ${namespace}/${metricName}/nil: ${errMessage(err)}`);
    }
    return { ...this.perPod(statusReplicas, fetched.values.reduce((a, b) => a + b, 0), targetAverage), timestamp: fetched.timestamp };
  }

  /** perPod divides a total among the replicas: a new count when the average leaves the tolerance. */
  private perPod(statusReplicas: number, total: number, targetAverage: number): { replicas: number; usage: number } {
    const ratio = total / (targetAverage * statusReplicas);
    const replicas = this.within(ratio) ? statusReplicas : Math.ceil(total / targetAverage);
    return { replicas, usage: Math.ceil(total / statusReplicas) };
  }

  /** usageRatioReplicaCount scales the ready pods by the ratio; from zero replicas, by the ratio alone. */
  private usageRatioReplicaCount(currentReplicas: number, ratio: number, namespace: string, selector: Selector): number {
    if (currentReplicas === 0) return Math.ceil(ratio);
    if (this.within(ratio)) return currentReplicas;
    const ready = this.pods(namespace, selector).filter((p) => p.status?.phase === 'Running' && readyCondition(p)?.status === 'True').length;
    return Math.ceil(ratio * ready);
  }
}
