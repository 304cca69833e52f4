// Mirrors pkg/controller/podautoscaler/horizontal.go for autoscaling/v1 (targetCPUUtilizationPercentage):
// every sync period, read the target's /scale, compute the desired replicas from pod CPU usage,
// stabilize scale-downs over a window, clamp to min/max and the scale-up limit, write /scale and
// the autoscaler's status. The HorizontalPodAutoscaler resource is not served yet, so autoscalers
// come from an injected store; metrics come from an injected MetricsClient.
import type { Pod } from '../../api/core/v1/types.js';
import type { Scale } from '../../api/autoscaling/v1/types.js';
import type { ObjectMeta } from '../../apimachinery/apis/meta/v1/types.js';
import { rfc3339 } from '../../apimachinery/apis/meta/v1/time.js';
import { parse as parseSelector } from '../../apimachinery/labels/parser.js';
import type { Clientset } from '../../client/kubernetes/clientset.js';
import type { Lister } from '../../client/tools/cache/listers.js';
import { sleep } from '../../client/tools/cache/reflector.js';
import { EventTypeNormal, EventTypeWarning } from '../../client/tools/record/event.js';
import type { ControllerContext } from '../controller-context.js';
import { errMessage } from '../controller-utils.js';
import { defaultTolerance, ReplicaCalculator, type MetricsClient } from './replica-calculator.js';

/** HorizontalPodAutoscaler is autoscaling/v1's shape. */
export interface HorizontalPodAutoscaler {
  apiVersion?: string;
  kind?: string;
  metadata: ObjectMeta;
  spec: {
    scaleTargetRef: { apiVersion?: string; kind: string; name: string };
    minReplicas?: number;
    maxReplicas: number;
    targetCPUUtilizationPercentage?: number;
  };
  status?: {
    observedGeneration?: number;
    lastScaleTime?: string;
    currentReplicas: number;
    desiredReplicas: number;
    currentCPUUtilizationPercentage?: number;
  };
}

/** HPAStore is where autoscalers are read and their status written (the HPA informer and client upstream). */
export interface HPAStore {
  list(): HorizontalPodAutoscaler[];
  updateStatus(hpa: HorizontalPodAutoscaler): Promise<void>;
}

/** ScaleClient reads and writes a workload's /scale subresource. */
export interface ScaleClient {
  getScale(namespace: string, ref: HorizontalPodAutoscaler['spec']['scaleTargetRef']): Promise<Scale>;
  updateScale(namespace: string, ref: HorizontalPodAutoscaler['spec']['scaleTargetRef'], scale: Scale): Promise<Scale>;
}

export interface HorizontalControllerOptions {
  /** syncPeriod is --horizontal-pod-autoscaler-sync-period (ms). */
  syncPeriod: number;
  /** downscaleStabilisationWindow is --horizontal-pod-autoscaler-downscale-stabilization (ms). */
  downscaleStabilisationWindow: number;
  tolerance: number;
  metricsClient: MetricsClient;
  hpaStore: HPAStore;
  scaleClient: ScaleClient;
}

const resourceOfKind: Record<string, { group: string; resource: string }> = {
  Deployment: { group: 'apps', resource: 'deployments' },
  ReplicaSet: { group: 'apps', resource: 'replicasets' },
  StatefulSet: { group: 'apps', resource: 'statefulsets' },
  ReplicationController: { group: '', resource: 'replicationcontrollers' },
};

/** newScaleClient reads and writes /scale through the clientset. */
export function newScaleClient(cs: Clientset): ScaleClient {
  const req = (verb: 'get' | 'put', ns: string, ref: HorizontalPodAutoscaler['spec']['scaleTargetRef']) => {
    const r = resourceOfKind[ref.kind];
    if (!r) throw new Error(`unrecognized resource kind ${ref.kind}`);
    const rc = cs.resource({ group: r.group, version: 'v1', resource: r.resource }, ns).client;
    return rc[verb]().namespace(ns).resource(r.resource).name(ref.name).subResource('scale');
  };
  return {
    getScale: (ns, ref) => req('get', ns, ref).do<Scale>(),
    updateScale: (ns, ref, scale) => req('put', ns, ref).body(scale).do<Scale>(),
  };
}

interface Recommendation {
  replicas: number;
  at: number;
}

export class HorizontalController {
  readonly replicaCalc: ReplicaCalculator;
  readonly podLister: Lister<Pod>;
  private readonly recommendations = new Map<string, Recommendation[]>();
  readonly opts: Omit<HorizontalControllerOptions, 'metricsClient' | 'hpaStore' | 'scaleClient'>;
  private readonly store: HPAStore;
  private readonly scales: ScaleClient;

  constructor(private readonly ctx: ControllerContext<HorizontalControllerOptions>) {
    const o = ctx.options ?? {};
    if (!o.metricsClient || !o.hpaStore) throw new Error('horizontal pod autoscaler needs a metricsClient and an hpaStore');
    this.opts = { syncPeriod: o.syncPeriod ?? 15_000, downscaleStabilisationWindow: o.downscaleStabilisationWindow ?? 300_000, tolerance: o.tolerance ?? defaultTolerance };
    this.replicaCalc = new ReplicaCalculator(o.metricsClient, this.opts.tolerance);
    this.store = o.hpaStore;
    this.scales = o.scaleClient ?? newScaleClient(ctx.clientset);
    this.podLister = ctx.informerFactory.core().v1().pods().lister();
  }

  /** run reconciles every autoscaler once per sync period. */
  async run(_workers: number, signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      await sleep(this.ctx.clock, this.opts.syncPeriod, signal);
      for (const hpa of this.store.list()) {
        try {
          await this.reconcileAutoscaler(hpa);
        } catch {
          // Reported as events in reconcileAutoscaler; try again next period.
        }
      }
    }
  }

  /** reconcileAutoscaler runs one autoscaling decision for hpa. */
  async reconcileAutoscaler(hpa: HorizontalPodAutoscaler): Promise<HorizontalPodAutoscaler> {
    const ns = hpa.metadata.namespace ?? 'default';
    const key = `${ns}/${hpa.metadata.name}`;
    const ref = hpa.spec.scaleTargetRef;
    let scale: Scale;
    try {
      scale = await this.scales.getScale(ns, ref);
    } catch (err) {
      this.ctx.recorder.eventf(hpa, EventTypeWarning, 'FailedGetScale', '%v', errMessage(err));
      throw err;
    }
    const currentReplicas = scale.spec?.replicas ?? 0;
    const minReplicas = hpa.spec.minReplicas ?? 1;
    let desired = currentReplicas;
    let utilization: number | undefined;
    let reason = '';
    if (currentReplicas === 0 && minReplicas !== 0) {
      // Scaling is disabled for a target scaled to zero.
      desired = 0;
    } else {
      const selector = parseSelector(scale.status?.selector ?? '');
      const pods = this.podLister.byNamespace(ns).list(selector);
      try {
        const r = await this.replicaCalc.getResourceReplicas(currentReplicas, hpa.spec.targetCPUUtilizationPercentage ?? 80, 'cpu', ns, pods);
        utilization = r.utilization;
        desired = this.normalizeDesiredReplicas(key, currentReplicas, r.replicas, minReplicas, hpa.spec.maxReplicas);
        reason = desired > currentReplicas ? 'cpu resource utilization (percentage of request) above target' : 'All metrics below target';
      } catch (err) {
        this.ctx.recorder.eventf(hpa, EventTypeWarning, 'FailedGetResourceMetric', '%v', errMessage(err));
        desired = Math.min(Math.max(currentReplicas, minReplicas), hpa.spec.maxReplicas);
      }
    }
    const now = this.ctx.clock.now();
    const status: NonNullable<HorizontalPodAutoscaler['status']> = { ...hpa.status, currentReplicas, desiredReplicas: desired, observedGeneration: hpa.metadata.generation };
    if (utilization !== undefined) status.currentCPUUtilizationPercentage = utilization;
    if (desired !== currentReplicas) {
      await this.scales.updateScale(ns, ref, { ...scale, spec: { ...scale.spec, replicas: desired } });
      this.ctx.recorder.eventf(hpa, EventTypeNormal, 'SuccessfulRescale', 'New size: %d; reason: %s', desired, reason);
      status.lastScaleTime = rfc3339(now);
    }
    const updated = { ...hpa, status };
    await this.store.updateStatus(updated);
    return updated;
  }

  /**
   * normalizeDesiredReplicas keeps the highest recommendation of the stabilization window (so a
   * brief dip does not scale down), then clamps to [min, max] and the scale-up limit.
   */
  normalizeDesiredReplicas(key: string, current: number, proposed: number, min: number, max: number): number {
    const now = this.ctx.clock.now();
    const window = this.opts.downscaleStabilisationWindow;
    const recs = (this.recommendations.get(key) ?? []).filter((r) => r.at > now - window);
    recs.push({ replicas: proposed, at: now });
    this.recommendations.set(key, recs);
    let stabilized = proposed;
    for (const r of recs) stabilized = Math.max(stabilized, r.replicas);
    // Never scale up because of old recommendations.
    if (stabilized > current && proposed <= current) stabilized = current;
    const scaleUpLimit = Math.max(2 * current, 4);
    return Math.max(min, Math.min(stabilized, max, scaleUpLimit));
  }
}

/** newHorizontalController is the constructor the controller manager registers as "horizontalpodautoscaling". */
export function newHorizontalController(ctx: ControllerContext<HorizontalControllerOptions>): HorizontalController {
  return new HorizontalController(ctx);
}
