// Mirrors cmd/kube-controller-manager/app/controllermanager.go (NewControllerDescriptors) with the
// start functions of apps.go, core.go and batch.go: the registry from a controller's name (as
// --controllers takes it) to the function that builds it from the shared context.
import { controllerContext, type InitContext } from '../controller-context.js';
import type { KubeControllerManagerOptions } from './options.js';
import { newReplicaSetController } from '../replicaset/replica-set.js';
import { newReplicationManager } from '../replication/replication-controller.js';
import { newDeploymentController } from '../deployment/deployment-controller.js';
import { newEndpointController } from '../endpoint/endpoints-controller.js';
import { endpointSlicesResource } from '../endpointslice/reconciler.js';
import { newEndpointSliceController } from '../endpointslice/endpointslice-controller.js';
import { newEndpointSliceMirroringController } from '../endpointslicemirroring/endpointslicemirroring-controller.js';
import type { EndpointSlice } from '../../api/discovery/v1/types.js';
import { newGarbageCollector } from '../garbagecollector/garbagecollector.js';
import { newNamespaceController } from '../namespace/namespace-controller.js';
import { newServiceAccountsController } from '../serviceaccount/serviceaccounts-controller.js';
import { newTokensController } from '../serviceaccount/tokens-controller.js';
// #region other-controllers-imports (constructors written in their own folders)
import { newNodeLifecycleController } from '../nodelifecycle/node-lifecycle-controller.js';
import { newResourceQuotaController } from '../resourcequota/resource-quota-controller.js';
import { newJobController } from '../job/job-controller.js';
import { newCronJobController } from '../cronjob/cronjob-controllerv2.js';
import { newDaemonSetsController } from '../daemon/daemon-controller.js';
import { newStatefulSetController } from '../statefulset/stateful-set.js';
import { newPersistentVolumeController } from '../volume/persistentvolume/pv-controller.js';
import { newHorizontalController } from '../podautoscaler/horizontal.js';
import { newPublisher } from '../certificates/rootcacertpublisher/publisher.js';
// #endregion

/** ManagerContext is what every start function gets: the shared pieces and the manager's options. */
export type ManagerContext = InitContext<KubeControllerManagerOptions>;

/** Controller is a started controller's run loop. */
export interface Controller {
  run(workers: number, signal: AbortSignal): Promise<void>;
}

/** InitFunc builds a controller and says how many workers to run; undefined means "not started". */
export type InitFunc = (ctx: ManagerContext) => { controller: Controller; workers: number } | undefined;

const recorder = (ctx: ManagerContext, component: string) => ctx.broadcaster.newRecorder({ component });

/** newControllerInitializers returns the registry, in start order. */
export function newControllerInitializers(): Map<string, InitFunc> {
  const m = new Map<string, InitFunc>();
  m.set('serviceaccount-token', (ctx) => {
    const f = ctx.informerFactory.core().v1();
    return { controller: newTokensController(f.serviceAccounts(), f.secrets(), ctx.clientset, ctx.clock, { rootCA: ctx.options.rootCA }), workers: ctx.options.concurrentServiceAccountTokenSyncs };
  });
  m.set('endpoint', (ctx) => {
    const f = ctx.informerFactory.core().v1();
    return { controller: newEndpointController(f.pods(), f.services(), f.endpoints(), ctx.clientset, ctx.clock, ctx.options.endpointUpdatesBatchPeriod ?? 0), workers: ctx.options.concurrentEndpointSyncs };
  });
  m.set('endpointslice', (ctx) => {
    const f = ctx.informerFactory.core().v1();
    const slices = ctx.informerFactory.forResource<EndpointSlice>(endpointSlicesResource);
    const options = { maxEndpointsPerSlice: ctx.options.maxEndpointsPerSlice, endpointUpdatesBatchPeriod: ctx.options.endpointSliceUpdatesBatchPeriod ?? 0 };
    return { controller: newEndpointSliceController(f.pods(), f.services(), f.nodes(), slices, ctx.clientset, ctx.clock, options), workers: ctx.options.concurrentServiceEndpointSyncs };
  });
  m.set('endpointslicemirroring', (ctx) => {
    const f = ctx.informerFactory.core().v1();
    const slices = ctx.informerFactory.forResource<EndpointSlice>(endpointSlicesResource);
    return { controller: newEndpointSliceMirroringController(f.endpoints(), f.services(), slices, ctx.clientset, ctx.clock), workers: ctx.options.mirroringConcurrentServiceEndpointSyncs };
  });
  m.set('replicationcontroller', (ctx) => {
    const f = ctx.informerFactory.core().v1();
    return { controller: newReplicationManager(f.replicationControllers(), f.pods(), ctx.clientset, recorder(ctx, 'replication-controller'), ctx.clock), workers: ctx.options.concurrentRCSyncs };
  });
  m.set('replicaset', (ctx) => {
    const f = ctx.informerFactory;
    return { controller: newReplicaSetController(f.apps().v1().replicaSets(), f.core().v1().pods(), ctx.clientset, recorder(ctx, 'replicaset-controller'), ctx.clock), workers: ctx.options.concurrentRSSyncs };
  });
  m.set('deployment', (ctx) => {
    const f = ctx.informerFactory;
    const apps = f.apps().v1();
    return { controller: newDeploymentController(apps.deployments(), apps.replicaSets(), f.core().v1().pods(), ctx.clientset, recorder(ctx, 'deployment-controller'), ctx.clock), workers: ctx.options.concurrentDeploymentSyncs };
  });
  m.set('garbagecollector', (ctx) => {
    if (!ctx.options.enableGarbageCollector) return undefined;
    return { controller: newGarbageCollector(ctx.clientset, ctx.informerFactory, ctx.clock), workers: ctx.options.concurrentGCSyncs };
  });
  m.set('namespace', (ctx) => ({
    controller: newNamespaceController(ctx.clientset, ctx.informerFactory.core().v1().namespaces(), ctx.clock, ctx.options.namespaceSyncPeriod),
    workers: ctx.options.concurrentNamespaceSyncs,
  }));
  // Upstream starts it only with a root CA (--root-ca-file); so do we.
  m.set('root-ca-cert-publisher', (ctx) => {
    if (!ctx.options.rootCA) return undefined;
    const f = ctx.informerFactory.core().v1();
    return { controller: newPublisher(f.configMaps(), f.namespaces(), ctx.clientset, ctx.clock, ctx.options.rootCA), workers: 1 };
  });
  m.set('serviceaccount', (ctx) => {
    const f = ctx.informerFactory.core().v1();
    return { controller: newServiceAccountsController(f.serviceAccounts(), f.namespaces(), ctx.clientset, ctx.clock), workers: 1 };
  });

  // #region other-controllers (registered here by name; each lives in its own folder)
  m.set('nodelifecycle', (ctx) => ({
    controller: newNodeLifecycleController(
      controllerContext(ctx, 'node-controller', {
        nodeMonitorPeriod: ctx.options.nodeMonitorPeriod,
        nodeMonitorGracePeriod: ctx.options.nodeMonitorGracePeriod,
        nodeStartupGracePeriod: ctx.options.nodeStartupGracePeriod,
        podEvictionTimeout: ctx.options.podEvictionTimeout,
      }),
    ),
    workers: 1,
  }));
  m.set('resourcequota', (ctx) => ({ controller: newResourceQuotaController(controllerContext(ctx, 'resourcequota-controller')), workers: ctx.options.concurrentResourceQuotaSyncs }));
  m.set('job', (ctx) => ({ controller: newJobController(controllerContext(ctx, 'job-controller')), workers: ctx.options.concurrentJobSyncs }));
  m.set('cronjob', (ctx) => ({ controller: newCronJobController(controllerContext(ctx, 'cronjob-controller')), workers: ctx.options.concurrentCronJobSyncs }));
  m.set('daemonset', (ctx) => ({ controller: newDaemonSetsController(controllerContext(ctx, 'daemonset-controller')), workers: ctx.options.concurrentDaemonSetSyncs }));
  m.set('statefulset', (ctx) => ({ controller: newStatefulSetController(controllerContext(ctx, 'statefulset-controller')), workers: ctx.options.concurrentStatefulSetSyncs }));
  m.set('persistentvolume-binder', (ctx) => ({ controller: newPersistentVolumeController(controllerContext(ctx, 'persistentvolume-controller')), workers: 1 }));
  // The HPA controller reads resource metrics (metrics.k8s.io) through the API server, as upstream's
  // startHPAControllerWithMetricsClient does with the REST metrics client.
  m.set('horizontalpodautoscaling', (ctx) => ({
    controller: newHorizontalController(
      controllerContext(ctx, 'horizontal-pod-autoscaler', {
        syncPeriod: ctx.options.horizontalPodAutoscalerSyncPeriod,
        downscaleStabilisationWindow: ctx.options.horizontalPodAutoscalerDownscaleStabilizationWindow,
        tolerance: ctx.options.horizontalPodAutoscalerTolerance,
        cpuInitializationPeriod: ctx.options.horizontalPodAutoscalerCPUInitializationPeriod,
        delayOfInitialReadinessStatus: ctx.options.horizontalPodAutoscalerInitialReadinessDelay,
      }),
    ),
    workers: ctx.options.concurrentHorizontalPodAutoscalerSyncs,
  }));
  // #endregion
  return m;
}

/** controllersDisabledByDefault are left out of "*" (none of ours yet). */
export const controllersDisabledByDefault = new Set<string>();

/** isControllerEnabled reads --controllers: "-name" disables, "name" enables, "*" means the defaults. */
export function isControllerEnabled(name: string, controllers: string[]): boolean {
  let hasStar = false;
  for (const c of controllers) {
    if (c === name) return true;
    if (c === `-${name}`) return false;
    if (c === '*') hasStar = true;
  }
  return hasStar && !controllersDisabledByDefault.has(name);
}
