// Mirrors pkg/controller/podautoscaler/metrics/client.go (the REST metrics client): resource metrics
// come from metrics.k8s.io/v1beta1 PodMetrics through the API server — per pod the sum over its
// containers, or one container's — with the sample's timestamp and window. Custom and external
// metrics need an adapter serving custom.metrics.k8s.io or external.metrics.k8s.io; none is
// installed, so those report what a cluster without one reports.
import { parseQuantity } from '../../../apimachinery/api/resource/quantity.js';
import type { Selector } from '../../../apimachinery/labels/selector.js';
import type { Clientset } from '../../../client/kubernetes/clientset.js';
import { parseDuration } from '../../manager/options.js';
import type { MetricsClient, PodMetricsInfo } from './interfaces.js';
import { errMessage } from '../../controller-utils.js';

/** PodMetrics is metrics.k8s.io/v1beta1's shape, as far as the controller reads it. */
interface PodMetrics {
  metadata: { name?: string; namespace?: string };
  timestamp: string;
  window: string;
  containers?: { name: string; usage: Record<string, string> }[];
}

const podMetricsResource = { group: 'metrics.k8s.io', version: 'v1beta1', resource: 'pods' };

/** podMetricsOf sums each pod's containers; a pod with a container missing the resource is left out. */
export function podMetricsOf(items: PodMetrics[], resource: string, container: string): PodMetricsInfo {
  const out: PodMetricsInfo = new Map();
  for (const m of items) {
    const containers = container ? (m.containers ?? []).filter((c) => c.name === container) : (m.containers ?? []);
    if (container && containers.length === 0) throw new Error(`container ${container} not present in metrics for pod ${m.metadata.namespace}/${m.metadata.name}`);
    let sum = 0;
    let missing = containers.length === 0;
    for (const c of containers) {
      const q = c.usage[resource];
      if (q === undefined) {
        missing = true;
        break;
      }
      sum += parseQuantity(q).milliValue();
    }
    if (!missing) out.set(m.metadata.name ?? '', { timestamp: Date.parse(m.timestamp), window: parseDuration(m.window || '0'), value: sum });
  }
  return out;
}

/** newRESTMetricsClient reads the metrics APIs through cs. */
export function newRESTMetricsClient(cs: Clientset): MetricsClient {
  return {
    async getResourceMetric(resource: string, namespace: string, selector: Selector, container: string) {
      let items: PodMetrics[];
      try {
        items = (await cs.resource<PodMetrics & { metadata: object }>(podMetricsResource, namespace).list({ labelSelector: selector.toString() })).items;
      } catch (err) {
        throw new Error(`unable to fetch metrics from resource metrics API: ${errMessage(err)}`);
      }
      if (items.length === 0) throw new Error('no metrics returned from resource metrics API');
      let metrics: PodMetricsInfo;
      try {
        metrics = podMetricsOf(items, resource, container);
      } catch (err) {
        throw new Error(`failed to get container metrics: ${errMessage(err)}`);
      }
      return { metrics, timestamp: Date.parse(items[0]!.timestamp) };
    },
    async getRawMetric() {
      throw new Error('unable to fetch metrics from custom metrics API: no custom metrics API (custom.metrics.k8s.io) registered');
    },
    async getObjectMetric() {
      throw new Error('unable to fetch metrics from custom metrics API: no custom metrics API (custom.metrics.k8s.io) registered');
    },
    async getExternalMetric() {
      throw new Error('unable to fetch metrics from external metrics API: no external metrics API (external.metrics.k8s.io) registered');
    },
  };
}
