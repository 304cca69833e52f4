// Mirrors pkg/controller/podautoscaler/horizontal.go over autoscaling/v2: an informer on the
// HorizontalPodAutoscalers queues each one again every sync period; a sync reads the target's
// /scale, computes the replicas each metric proposes (resource metrics from metrics.k8s.io; custom
// and external metrics need an adapter that is not installed), stabilizes and limits the highest,
// writes /scale when it changes, and records the status (current and desired replicas, current
// metrics, last scale time), the AbleToScale / ScalingActive / ScalingLimited conditions and the
// same events as upstream. Simplified: no monitor metrics; the RESTMapper is a table of the
// scalable built-in kinds.
import type { Pod } from '../../api/core/v1/types.js';
import type { Scale } from '../../api/autoscaling/v1/types.js';
import type {
  CrossVersionObjectReference,
  HorizontalPodAutoscaler,
  HorizontalPodAutoscalerCondition,
  HorizontalPodAutoscalerConditionType,
  MetricSpec,
  MetricStatus,
  MetricTarget,
} from '../../api/autoscaling/v2/types.js';
import { isNotFound } from '../../apimachinery/api/errors/errors.js';
import { newMilliQuantity, parseQuantity } from '../../apimachinery/api/resource/quantity.js';
import { deepCopy, deepEqual } from '../../apimachinery/api/equality/semantic.js';
import { rfc3339 } from '../../apimachinery/apis/meta/v1/time.js';
import { labelSelectorAsSelector } from '../../apimachinery/apis/meta/v1/helpers.js';
import { parse as parseSelector } from '../../apimachinery/labels/parser.js';
import type { Selector } from '../../apimachinery/labels/selector.js';
import type { Clientset } from '../../client/kubernetes/clientset.js';
import type { Lister } from '../../client/tools/cache/listers.js';
import { splitMetaNamespaceKey } from '../../client/tools/cache/store.js';
import { EventTypeNormal, EventTypeWarning } from '../../client/tools/record/event.js';
import { newRateLimitingQueue, type RateLimitingType } from '../../client/util/workqueue/rate-limiting-queue.js';
import type { ControllerContext } from '../controller-context.js';
import { errMessage, fromTombstone, keyFunc } from '../controller-utils.js';
import { runWhenSynced } from '../worker.js';
import {
  convertDesiredReplicasWithBehaviorRate,
  convertDesiredReplicasWithRules,
  stabilizeRecommendation,
  stabilizeRecommendationWithBehaviors,
  storeScaleEvent,
  type TimestampedRecommendation,
  type TimestampedScaleEvent,
} from './behavior.js';
import type { MetricsClient } from './metrics/interfaces.js';
import { newRESTMetricsClient } from './metrics/client.js';
import { newDefaultHPARateLimiter } from './rate-limiters.js';
import { ReplicaCalculator } from './replica-calculator.js';

export type { HorizontalPodAutoscaler };

/** ScaleClient reads and writes a workload's /scale subresource (client-go's scale client). */
export interface ScaleClient {
  getScale(namespace: string, ref: CrossVersionObjectReference): Promise<Scale>;
  updateScale(namespace: string, ref: CrossVersionObjectReference, scale: Scale): Promise<Scale>;
}

export interface HorizontalControllerOptions {
  /** syncPeriod is --horizontal-pod-autoscaler-sync-period (ms). */
  syncPeriod: number;
  /** downscaleStabilisationWindow is --horizontal-pod-autoscaler-downscale-stabilization (ms). */
  downscaleStabilisationWindow: number;
  /** tolerance is --horizontal-pod-autoscaler-tolerance. */
  tolerance: number;
  /** cpuInitializationPeriod is --horizontal-pod-autoscaler-cpu-initialization-period (ms). */
  cpuInitializationPeriod: number;
  /** delayOfInitialReadinessStatus is --horizontal-pod-autoscaler-initial-readiness-delay (ms). */
  delayOfInitialReadinessStatus: number;
  /** metricsClient defaults to the metrics APIs through the clientset. */
  metricsClient: MetricsClient;
  /** scaleClient defaults to /scale through the clientset. */
  scaleClient: ScaleClient;
}

export const defaultHorizontalControllerOptions = {
  syncPeriod: 15_000,
  downscaleStabilisationWindow: 5 * 60_000,
  tolerance: 0.1,
  cpuInitializationPeriod: 5 * 60_000,
  delayOfInitialReadinessStatus: 30_000,
};

export const hpaResource = { group: 'autoscaling', version: 'v2', resource: 'horizontalpodautoscalers' };

/** scalableKinds is the RESTMapper's answer for the built-in kinds with a scale subresource. */
const scalableKinds: Record<string, { group: string; resource: string }> = {
  'apps/Deployment': { group: 'apps', resource: 'deployments' },
  'apps/ReplicaSet': { group: 'apps', resource: 'replicasets' },
  'apps/StatefulSet': { group: 'apps', resource: 'statefulsets' },
  '/ReplicationController': { group: '', resource: 'replicationcontrollers' },
};

/** groupOf parses an apiVersion's group ("apps/v1" → "apps", "v1" → ""), as schema.ParseGroupVersion. */
function groupOf(apiVersion: string | undefined): string {
  const v = apiVersion ?? '';
  if (v.split('/').length > 2) throw new Error(`unexpected GroupVersion string: ${v}`);
  return v.includes('/') ? v.split('/')[0]! : '';
}

/** resourceFor maps a reference to its resource, as a RESTMapper would. */
export function resourceFor(ref: CrossVersionObjectReference): { group: string; resource: string } {
  const group = groupOf(ref.apiVersion);
  const r = scalableKinds[`${group}/${ref.kind}`];
  if (!r) throw new Error(`no matches for kind "${ref.kind}" in group "${group}"`);
  return r;
}

/** newScaleClient reads and writes /scale through the clientset. */
export function newScaleClient(cs: Clientset): ScaleClient {
  const req = (verb: 'get' | 'put', ns: string, ref: CrossVersionObjectReference) => {
    const r = resourceFor(ref);
    const rc = cs.resource({ group: r.group, version: 'v1', resource: r.resource }, ns).client;
    return rc[verb]().namespace(ns).resource(r.resource).name(ref.name).subResource('scale');
  };
  return {
    getScale: (ns, ref) => req('get', ns, ref).do<Scale>(),
    updateScale: (ns, ref, scale) => req('put', ns, ref).body(scale).do<Scale>(),
  };
}

/** setCondition sets a condition's status, reason and message; the transition time moves with the status. */
export function setCondition(hpa: HorizontalPodAutoscaler, type: HorizontalPodAutoscalerConditionType, status: 'True' | 'False', reason: string, message: string, now: number): void {
  const status_ = (hpa.status ??= { desiredReplicas: 0 });
  const list = (status_.conditions ??= []);
  let c = list.find((x) => x.type === type);
  if (!c) list.push((c = { type, status: 'Unknown' } as HorizontalPodAutoscalerCondition));
  if (c.status !== status) c.lastTransitionTime = rfc3339(now);
  c.status = status;
  c.reason = reason;
  c.message = message;
}

interface Proposal {
  replicas: number;
  metric: string;
  timestamp: number;
}

/** MetricError carries the ScalingActive condition a failed metric proposes. */
class MetricError extends Error {
  constructor(message: string, readonly condition?: { reason: string; message: string }) {
    super(message);
  }
}

const milli = (q: string | undefined) => (q === undefined ? undefined : parseQuantity(q).milliValue());
const quantity = (m: number) => newMilliQuantity(m).toString();

export class HorizontalController {
  readonly queue: RateLimitingType<string>;
  readonly replicaCalc: ReplicaCalculator;
  readonly hpaLister: Lister<HorizontalPodAutoscaler>;
  readonly podLister: Lister<Pod>;
  readonly opts: typeof defaultHorizontalControllerOptions;
  private readonly scales: ScaleClient;
  private readonly synced: (() => boolean)[];
  /** recommendations are each autoscaler's recent unstabilized recommendations. */
  private readonly recommendations = new Map<string, TimestampedRecommendation[]>();
  private readonly scaleUpEvents = new Map<string, TimestampedScaleEvent[]>();
  private readonly scaleDownEvents = new Map<string, TimestampedScaleEvent[]>();
  /** selectors remember each autoscaler's pod selector, to find pods two autoscalers claim. */
  private readonly selectors = new Map<string, Selector>();
  onError: (err: unknown) => void = () => {};

  constructor(private readonly ctx: ControllerContext<HorizontalControllerOptions>) {
    const o = ctx.options ?? {};
    this.opts = { ...defaultHorizontalControllerOptions };
    for (const k of Object.keys(defaultHorizontalControllerOptions) as (keyof typeof defaultHorizontalControllerOptions)[]) if (o[k] !== undefined) this.opts[k] = o[k];
    this.queue = newRateLimitingQueue<string>(ctx.clock, newDefaultHPARateLimiter(this.opts.syncPeriod));
    const hpas = ctx.informerFactory.forResource<HorizontalPodAutoscaler>(hpaResource);
    const pods = ctx.informerFactory.core().v1().pods();
    this.hpaLister = hpas.lister();
    this.podLister = pods.lister();
    this.synced = [() => hpas.informer().hasSynced(), () => pods.informer().hasSynced()];
    this.replicaCalc = new ReplicaCalculator(o.metricsClient ?? newRESTMetricsClient(ctx.clientset), this.podLister, ctx.clock, this.opts);
    this.scales = o.scaleClient ?? newScaleClient(ctx.clientset);
    hpas.informer().addEventHandler({
      onAdd: (h) => this.enqueueHPA(h),
      onUpdate: (_o, n) => this.enqueueHPA(n),
      onDelete: (h) => this.deleteHPA(fromTombstone(h)),
    });
  }

  /** enqueueHPA adds the autoscaler one sync period from now (an earlier pending add wins). */
  enqueueHPA(hpa: HorizontalPodAutoscaler): void {
    this.queue.addRateLimited(keyFunc(hpa));
  }

  private deleteHPA(hpa: HorizontalPodAutoscaler): void {
    const key = keyFunc(hpa);
    this.queue.forget(key);
    this.selectors.delete(key);
  }

  async run(workers: number, signal: AbortSignal): Promise<void> {
    await runWhenSynced(workers, this.queue, this.ctx.clock, signal, this.synced, () => this.worker());
  }

  private async worker(): Promise<void> {
    while (await this.processNextWorkItem());
  }

  /** processNextWorkItem reconciles one autoscaler and queues it again for the next period. */
  async processNextWorkItem(): Promise<boolean> {
    const [key, quit] = await this.queue.get();
    if (quit || key === undefined) return false;
    try {
      const deleted = await this.reconcileKey(key);
      if (!deleted) this.queue.addRateLimited(key);
    } catch (err) {
      this.onError(err);
      this.queue.addRateLimited(key);
    } finally {
      this.queue.done(key);
    }
    return true;
  }

  /** reconcileKey answers true when the autoscaler is gone (its records are dropped). */
  async reconcileKey(key: string): Promise<boolean> {
    const { namespace, name } = splitMetaNamespaceKey(key);
    let hpa: HorizontalPodAutoscaler;
    try {
      hpa = this.hpaLister.get(namespace, name);
    } catch (err) {
      if (!isNotFound(err)) throw err;
      this.recommendations.delete(key);
      this.scaleUpEvents.delete(key);
      this.scaleDownEvents.delete(key);
      this.selectors.delete(key);
      return true;
    }
    await this.reconcileAutoscaler(hpa, key);
    return false;
  }

  private now(): number {
    return this.ctx.clock.now();
  }

  private condition(hpa: HorizontalPodAutoscaler, type: HorizontalPodAutoscalerConditionType, status: 'True' | 'False', reason: string, message: string): void {
    setCondition(hpa, type, status, reason, message, this.now());
  }

  private warn(hpa: HorizontalPodAutoscaler, reason: string, message: string): void {
    this.ctx.recorder.event(hpa, EventTypeWarning, reason, message);
  }

  /** reconcileAutoscaler runs one autoscaling decision; it answers the autoscaler as written back. */
  async reconcileAutoscaler(shared: HorizontalPodAutoscaler, key = keyFunc(shared)): Promise<HorizontalPodAutoscaler> {
    // A copy: the informer's object is shared.
    const hpa: HorizontalPodAutoscaler = { ...deepCopy(shared), apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler' };
    const original = deepCopy(hpa.status);
    const ns = hpa.metadata.namespace ?? '';
    const ref = hpa.spec.scaleTargetRef;
    const reference = `${ref.kind}/${ns}/${ref.name}`;

    let scale: Scale;
    try {
      scale = await this.scales.getScale(ns, ref);
    } catch (err) {
      this.warn(hpa, 'FailedGetScale', errMessage(err));
      this.condition(hpa, 'AbleToScale', 'False', 'FailedGetScale', `the HPA controller was unable to get the target's current scale: ${errMessage(err)}`);
      await this.updateStatusIfNeeded(original, hpa);
      throw new Error(`failed to query scale subresource for ${reference}: ${errMessage(err)}`);
    }
    this.condition(hpa, 'AbleToScale', 'True', 'SucceededGetScale', "the HPA controller was able to get the target's current scale");
    const currentReplicas = scale.spec?.replicas ?? 0;
    if (!this.recommendations.has(key)) this.recommendations.set(key, [{ recommendation: currentReplicas, timestamp: this.now() }]);

    const minReplicas = hpa.spec.minReplicas ?? 1;
    let desiredReplicas = 0;
    let rescaleReason = '';
    let rescale = true;
    let statuses: MetricStatus[] | undefined;
    if (currentReplicas === 0 && minReplicas !== 0) {
      // Autoscaling is off for a target scaled to zero.
      desiredReplicas = 0;
      rescale = false;
      this.condition(hpa, 'ScalingActive', 'False', 'ScalingDisabled', 'scaling is disabled since the replica count of the target is zero');
    } else if (currentReplicas > hpa.spec.maxReplicas) {
      rescaleReason = 'Current number of replicas above Spec.MaxReplicas';
      desiredReplicas = hpa.spec.maxReplicas;
    } else if (currentReplicas < minReplicas) {
      rescaleReason = 'Current number of replicas below Spec.MinReplicas';
      desiredReplicas = minReplicas;
    } else {
      const computed = await this.computeReplicasForMetrics(hpa, scale, hpa.spec.metrics ?? []);
      statuses = computed.statuses;
      if (computed.error && computed.replicas === -1) {
        this.setStatus(hpa, currentReplicas, hpa.status?.desiredReplicas ?? 0, statuses, false);
        await this.updateStatusIfNeeded(original, hpa);
        this.warn(hpa, 'FailedComputeMetricsReplicas', computed.error);
        throw new Error(`failed to compute desired number of replicas based on listed metrics for ${reference}: ${computed.error}`);
      }
      let rescaleMetric = '';
      if (computed.replicas > desiredReplicas) {
        desiredReplicas = computed.replicas;
        rescaleMetric = computed.metric;
      }
      if (desiredReplicas > currentReplicas) rescaleReason = `${rescaleMetric} above target`;
      if (desiredReplicas < currentReplicas) rescaleReason = 'All metrics below target';
      desiredReplicas = hpa.spec.behavior
        ? this.normalizeDesiredReplicasWithBehaviors(hpa, key, currentReplicas, desiredReplicas, minReplicas)
        : this.normalizeDesiredReplicas(hpa, key, currentReplicas, desiredReplicas, minReplicas);
      rescale = desiredReplicas !== currentReplicas;
    }

    if (rescale) {
      try {
        await this.scales.updateScale(ns, ref, { ...scale, spec: { ...scale.spec, replicas: desiredReplicas } });
      } catch (err) {
        this.warn(hpa, 'FailedRescale', `New size: ${desiredReplicas}; reason: ${rescaleReason}; error: ${errMessage(err)}`);
        this.condition(hpa, 'AbleToScale', 'False', 'FailedUpdateScale', `the HPA controller was unable to update the target scale: ${errMessage(err)}`);
        this.setStatus(hpa, currentReplicas, hpa.status?.desiredReplicas ?? 0, statuses, false);
        await this.updateStatusIfNeeded(original, hpa);
        throw new Error(`failed to rescale ${reference}: ${errMessage(err)}`);
      }
      this.condition(hpa, 'AbleToScale', 'True', 'SucceededRescale', `the HPA controller was able to update the target scale to ${desiredReplicas}`);
      this.ctx.recorder.eventf(hpa, EventTypeNormal, 'SuccessfulRescale', 'New size: %d; reason: %s', desiredReplicas, rescaleReason);
      this.storeScaleEvent(hpa, key, currentReplicas, desiredReplicas);
    } else {
      desiredReplicas = currentReplicas;
    }
    this.setStatus(hpa, currentReplicas, desiredReplicas, statuses, rescale);
    return this.updateStatusIfNeeded(original, hpa);
  }

  /**
   * computeReplicasForMetrics answers the highest proposal of the metrics that could be read; when
   * none could (or some failed and the rest would scale down) replicas is -1 and error says why.
   */
  async computeReplicasForMetrics(hpa: HorizontalPodAutoscaler, scale: Scale, specs: MetricSpec[]): Promise<{ replicas: number; metric: string; statuses: MetricStatus[]; error?: string }> {
    let selector: Selector;
    try {
      selector = this.validateAndParseSelector(hpa, scale.status?.selector ?? '');
    } catch (err) {
      return { replicas: -1, metric: '', statuses: [], error: errMessage(err) };
    }
    const specReplicas = scale.spec?.replicas ?? 0;
    const statusReplicas = scale.status?.replicas ?? 0;
    // Failed metrics leave an empty status in their place, as upstream's zero values.
    const statuses: MetricStatus[] = specs.map(() => ({ type: '' as MetricStatus['type'] }));
    let replicas = 0;
    let metric = '';
    let invalid = 0;
    let firstError: MetricError | undefined;
    for (const [i, spec] of specs.entries()) {
      try {
        const p = await this.computeReplicasForMetric(hpa, spec, specReplicas, statusReplicas, selector, statuses, i);
        if (replicas === 0 || p.replicas > replicas) {
          replicas = p.replicas;
          metric = p.metric;
        }
      } catch (err) {
        if (!firstError) firstError = err instanceof MetricError ? err : new MetricError(errMessage(err));
        invalid++;
      }
    }
    const error = firstError ? `invalid metrics (${invalid} invalid out of ${specs.length}), first error is: ${firstError.message}` : undefined;
    if (invalid >= specs.length || (invalid > 0 && replicas < specReplicas)) {
      const c = firstError?.condition;
      if (c) this.condition(hpa, 'ScalingActive', 'False', c.reason, c.message);
      return { replicas: -1, metric: '', statuses, error };
    }
    this.condition(hpa, 'ScalingActive', 'True', 'ValidMetricFound', `the HPA was able to successfully calculate a replica count from ${metric}`);
    return { replicas, metric, statuses, error };
  }

  /** validateAndParseSelector checks the target's selector, and that no other autoscaler claims its pods. */
  private validateAndParseSelector(hpa: HorizontalPodAutoscaler, text: string): Selector {
    if (!text) {
      this.warn(hpa, 'SelectorRequired', 'selector is required');
      this.condition(hpa, 'ScalingActive', 'False', 'InvalidSelector', "the HPA target's scale is missing a selector");
      throw new Error('selector is required');
    }
    let selector: Selector;
    try {
      selector = parseSelector(text);
    } catch (err) {
      const msg = `couldn't convert selector into a corresponding internal selector object: ${errMessage(err)}`;
      this.warn(hpa, 'InvalidSelector', msg);
      this.condition(hpa, 'ScalingActive', 'False', 'InvalidSelector', msg);
      throw new Error(msg);
    }
    const key = keyFunc(hpa);
    this.selectors.set(key, selector);
    const ns = hpa.metadata.namespace ?? '';
    const pods = this.podLister.byNamespace(ns).list(selector);
    const claiming = [...this.selectors].filter(([k, s]) => k.startsWith(`${ns}/`) && pods.some((p) => s.matches(p.metadata.labels))).map(([k]) => k);
    if (claiming.length > 1) {
      const msg = `pods by selector ${text} are controlled by multiple HPAs: [${claiming.sort().join(' ')}]`;
      this.warn(hpa, 'AmbiguousSelector', msg);
      this.condition(hpa, 'ScalingActive', 'False', 'AmbiguousSelector', msg);
      throw new Error(msg);
    }
    return selector;
  }

  /** unable is getUnableComputeReplicaCountCondition: an event, and the ScalingActive=False it proposes. */
  private unable(hpa: HorizontalPodAutoscaler, reason: string, err: string, wrapped = err): MetricError {
    this.warn(hpa, reason, err);
    return new MetricError(wrapped, { reason, message: `the HPA was unable to compute the replica count: ${err}` });
  }

  private async computeReplicasForMetric(hpa: HorizontalPodAutoscaler, spec: MetricSpec, specReplicas: number, statusReplicas: number, selector: Selector, statuses: MetricStatus[], i: number): Promise<Proposal> {
    const ns = hpa.metadata.namespace ?? '';
    switch (spec.type) {
      case 'Resource':
      case 'ContainerResource': {
        const src = spec.type === 'Resource' ? spec.resource! : spec.containerResource!;
        const container = spec.type === 'ContainerResource' ? spec.containerResource!.container : '';
        const reason = spec.type === 'Resource' ? 'FailedGetResourceMetric' : 'FailedGetContainerResourceMetric';
        try {
          const r = await this.resourceProposal(src.target, src.name, ns, selector, container, specReplicas);
          const current = r.current;
          statuses[i] = spec.type === 'Resource' ? { type: 'Resource', resource: { name: src.name, current } } : { type: 'ContainerResource', containerResource: { name: src.name, current, container } };
          const metric = spec.type === 'ContainerResource' && r.utilization ? `${src.name} container resource utilization (percentage of request)` : r.metric;
          return { replicas: r.replicas, metric, timestamp: r.timestamp };
        } catch (err) {
          const what = spec.type === 'Resource' ? `failed to get ${src.name} resource metric value` : `failed to get ${container} container metric value`;
          throw this.unable(hpa, reason, errMessage(err), `${what}: ${errMessage(err)}`);
        }
      }
      case 'Pods': {
        const src = spec.pods!;
        let metricSelector: Selector;
        try {
          metricSelector = labelSelectorAsSelector(src.metric.selector);
        } catch (err) {
          throw this.unable(hpa, 'FailedGetPodsMetric', errMessage(err), `failed to get pods metric value: ${errMessage(err)}`);
        }
        try {
          const r = await this.replicaCalc.getMetricReplicas(specReplicas, milli(src.target.averageValue) ?? 0, src.metric.name, ns, selector, metricSelector);
          statuses[i] = { type: 'Pods', pods: { metric: src.metric, current: { averageValue: quantity(r.usage) } } };
          return { replicas: r.replicas, metric: `pods metric ${src.metric.name}`, timestamp: r.timestamp };
        } catch (err) {
          throw this.unable(hpa, 'FailedGetPodsMetric', errMessage(err), `failed to get pods metric value: ${errMessage(err)}`);
        }
      }
      case 'Object': {
        const src = spec.object!;
        try {
          if (src.target.value != null) {
            const r = await this.replicaCalc.getObjectMetricReplicas(specReplicas, milli(src.target.value)!, src.metric.name, ns, src.describedObject, selector);
            statuses[i] = { type: 'Object', object: { describedObject: src.describedObject, metric: src.metric, current: { value: quantity(r.usage) } } };
            return { replicas: r.replicas, metric: `${src.describedObject.kind} metric ${src.metric.name}`, timestamp: r.timestamp };
          }
          const r = await this.replicaCalc.getObjectPerPodMetricReplicas(statusReplicas, milli(src.target.averageValue) ?? 0, src.metric.name, ns, src.describedObject);
          statuses[i] = { type: 'Object', object: { describedObject: src.describedObject, metric: src.metric, current: { averageValue: quantity(r.usage) } } };
          return { replicas: r.replicas, metric: `external metric ${src.metric.name}(${JSON.stringify(src.metric.selector ?? null)})`, timestamp: r.timestamp };
        } catch (err) {
          throw this.unable(hpa, 'FailedGetObjectMetric', errMessage(err), `failed to get object metric value: ${errMessage(err)}`);
        }
      }
      case 'External': {
        const src = spec.external!;
        try {
          if (src.target.averageValue != null) {
            const r = await this.replicaCalc.getExternalPerPodMetricReplicas(statusReplicas, milli(src.target.averageValue)!, src.metric.name, ns);
            statuses[i] = { type: 'External', external: { metric: src.metric, current: { averageValue: quantity(r.usage) } } };
            return { replicas: r.replicas, metric: `external metric ${src.metric.name}(${JSON.stringify(src.metric.selector ?? null)})`, timestamp: r.timestamp };
          }
          const r = await this.replicaCalc.getExternalMetricReplicas(specReplicas, milli(src.target.value) ?? 0, src.metric.name, ns, selector);
          statuses[i] = { type: 'External', external: { metric: src.metric, current: { value: quantity(r.usage) } } };
          return { replicas: r.replicas, metric: `external metric ${src.metric.name}(${JSON.stringify(src.metric.selector ?? null)})`, timestamp: r.timestamp };
        } catch (err) {
          throw this.unable(hpa, 'FailedGetExternalMetric', errMessage(err), `failed to get ${src.metric.name} external metric value: ${errMessage(err)}`);
        }
      }
      default:
        throw this.unable(hpa, 'InvalidMetricSourceType', `unknown metric source type "${spec.type}"`);
    }
  }

  /** resourceProposal is computeStatusForResourceMetricGeneric: an average value or a utilization target. */
  private async resourceProposal(target: MetricTarget, resource: string, ns: string, selector: Selector, container: string, currentReplicas: number) {
    if (target.averageValue != null) {
      let r;
      try {
        r = await this.replicaCalc.getRawResourceReplicas(currentReplicas, milli(target.averageValue)!, resource, ns, selector, container);
      } catch (err) {
        throw new Error(`failed to get ${resource} usage: ${errMessage(err)}`);
      }
      return { replicas: r.replicas, timestamp: r.timestamp, metric: `${resource} resource`, utilization: false, current: { averageValue: quantity(r.usage) } };
    }
    if (target.averageUtilization == null) throw new Error('invalid resource metric source: neither an average utilization target nor an average value (usage) target was set');
    let r;
    try {
      r = await this.replicaCalc.getResourceReplicas(currentReplicas, target.averageUtilization, resource, ns, selector, container);
    } catch (err) {
      throw new Error(`failed to get ${resource} utilization: ${errMessage(err)}`);
    }
    return {
      replicas: r.replicas,
      timestamp: r.timestamp,
      metric: `${resource} resource utilization (percentage of request)`,
      utilization: true,
      current: { averageValue: quantity(r.rawUtilization), averageUtilization: r.utilization },
    };
  }

  /** normalizeDesiredReplicas stabilizes scale-downs over the window, then applies min, max and the scale-up limit. */
  normalizeDesiredReplicas(hpa: HorizontalPodAutoscaler, key: string, current: number, proposed: number, min: number): number {
    const recs = this.recommendations.get(key) ?? [];
    this.recommendations.set(key, recs);
    const stabilized = stabilizeRecommendation(recs, proposed, this.now(), this.opts.downscaleStabilisationWindow);
    if (stabilized !== proposed) {
      this.condition(hpa, 'AbleToScale', 'True', 'ScaleDownStabilized', 'recent recommendations were higher than current one, applying the highest recent recommendation');
    } else {
      this.condition(hpa, 'AbleToScale', 'True', 'ReadyForNewScale', 'recommended size matches current size');
    }
    const limited = convertDesiredReplicasWithRules(current, stabilized, min, hpa.spec.maxReplicas);
    this.condition(hpa, 'ScalingLimited', limited.replicas === stabilized ? 'False' : 'True', limited.reason, limited.message);
    return limited.replicas;
  }

  /** normalizeDesiredReplicasWithBehaviors applies spec.behavior: stabilization windows, then the rate policies. */
  normalizeDesiredReplicasWithBehaviors(hpa: HorizontalPodAutoscaler, key: string, current: number, proposed: number, min: number): number {
    const behavior = hpa.spec.behavior!;
    const up = behavior.scaleUp ?? {};
    // The scale-down window defaults to --horizontal-pod-autoscaler-downscale-stabilization.
    const down = { ...behavior.scaleDown, stabilizationWindowSeconds: behavior.scaleDown?.stabilizationWindowSeconds ?? Math.trunc(this.opts.downscaleStabilisationWindow / 1000) };
    const recs = this.recommendations.get(key) ?? [];
    this.recommendations.set(key, recs);
    const now = this.now();
    const stabilized = stabilizeRecommendationWithBehaviors(recs, current, proposed, up, down, now);
    if (stabilized.replicas !== proposed) this.condition(hpa, 'AbleToScale', 'True', stabilized.reason, stabilized.message);
    else this.condition(hpa, 'AbleToScale', 'True', 'ReadyForNewScale', 'recommended size matches current size');
    const limited = convertDesiredReplicasWithBehaviorRate(
      { current, desired: stabilized.replicas, min, max: hpa.spec.maxReplicas, up, down },
      this.scaleUpEvents.get(key) ?? [],
      this.scaleDownEvents.get(key) ?? [],
      now,
    );
    this.condition(hpa, 'ScalingLimited', limited.replicas === stabilized.replicas ? 'False' : 'True', limited.reason, limited.message);
    return limited.replicas;
  }

  /** storeScaleEvent records a rescale for the behavior's rate policies (only with a behavior). */
  private storeScaleEvent(hpa: HorizontalPodAutoscaler, key: string, prev: number, next: number): void {
    const behavior = hpa.spec.behavior;
    if (!behavior) return;
    const map = next > prev ? this.scaleUpEvents : this.scaleDownEvents;
    const events = map.get(key) ?? [];
    map.set(key, events);
    storeScaleEvent(events, next > prev ? behavior.scaleUp : behavior.scaleDown, Math.abs(next - prev), this.now());
  }

  /** setStatus rebuilds the status: replicas, current metrics, and the last scale time when it rescaled. */
  private setStatus(hpa: HorizontalPodAutoscaler, currentReplicas: number, desiredReplicas: number, metrics: MetricStatus[] | undefined, rescale: boolean): void {
    const old = hpa.status;
    const status: NonNullable<HorizontalPodAutoscaler['status']> = { desiredReplicas };
    if (currentReplicas) status.currentReplicas = currentReplicas;
    const last = rescale ? rfc3339(this.now()) : old?.lastScaleTime;
    if (last) status.lastScaleTime = last;
    if (metrics?.length) status.currentMetrics = metrics;
    if (old?.conditions) status.conditions = old.conditions;
    hpa.status = status;
  }

  /** updateStatusIfNeeded writes the status through horizontalpodautoscalers/status when it changed. */
  private async updateStatusIfNeeded(original: HorizontalPodAutoscaler['status'], hpa: HorizontalPodAutoscaler): Promise<HorizontalPodAutoscaler> {
    if (deepEqual(original ?? null, hpa.status ?? null)) return hpa;
    try {
      return await this.ctx.clientset.resource<HorizontalPodAutoscaler>(hpaResource, hpa.metadata.namespace ?? '').updateStatus(hpa);
    } catch (err) {
      this.warn(hpa, 'FailedUpdateStatus', errMessage(err));
      throw new Error(`failed to update status for ${hpa.metadata.name}: ${errMessage(err)}`);
    }
  }
}

/** newHorizontalController is the constructor the controller manager registers as "horizontalpodautoscaling". */
export function newHorizontalController(ctx: ControllerContext<HorizontalControllerOptions>): HorizontalController {
  return new HorizontalController(ctx);
}
