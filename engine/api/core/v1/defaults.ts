// Mirrors pkg/apis/core/v1/defaults.go (the non-pod kinds) and SetObjectDefaults_* of
// zz_generated.defaults.go. IP families are defaulted here to single-stack IPv4 because this
// engine's clusters are IPv4-only; upstream does it in the service REST storage.
import type {
  Endpoints,
  LimitRange,
  Namespace,
  Node,
  PersistentVolume,
  PersistentVolumeClaim,
  ReplicationController,
  Secret,
  Service,
} from './types.js';
import { setDefaultsPod, setDefaultsPodTemplateSpec } from './defaults-pod.js';

export * from './defaults-pod.js';

/** DefaultClientIPServiceAffinitySeconds is 3 hours. */
export const DefaultClientIPServiceAffinitySeconds = 10800;

/** externallyAccessible mirrors pkg/api/v1/service.ExternallyAccessible. */
export function externallyAccessible(svc: Service): boolean {
  const t = svc.spec?.type;
  return t === 'LoadBalancer' || t === 'NodePort' || (t === 'ClusterIP' && (svc.spec?.externalIPs?.length ?? 0) > 0);
}

export function setDefaultsService(svc: Service): void {
  const spec = (svc.spec ??= {});
  spec.sessionAffinity ||= 'None';
  if (spec.sessionAffinity === 'None') delete spec.sessionAffinityConfig;
  if (spec.sessionAffinity === 'ClientIP' && spec.sessionAffinityConfig?.clientIP?.timeoutSeconds === undefined)
    spec.sessionAffinityConfig = { clientIP: { timeoutSeconds: DefaultClientIPServiceAffinitySeconds } };
  spec.type ||= 'ClusterIP';
  for (const p of spec.ports ?? []) {
    p.protocol ||= 'TCP';
    if (p.targetPort === undefined || p.targetPort === null || p.targetPort === 0 || p.targetPort === '') p.targetPort = p.port;
  }
  if (externallyAccessible(svc) && !spec.externalTrafficPolicy) spec.externalTrafficPolicy = 'Cluster';
  if (!spec.internalTrafficPolicy && spec.type !== 'ExternalName') spec.internalTrafficPolicy = 'Cluster';
  if (spec.type === 'LoadBalancer' && spec.allocateLoadBalancerNodePorts === undefined) spec.allocateLoadBalancerNodePorts = true;
  if (spec.type !== 'ExternalName') {
    spec.ipFamilyPolicy ||= 'SingleStack';
    if (!spec.ipFamilies?.length) spec.ipFamilies = ['IPv4'];
  }
  if (spec.type === 'LoadBalancer')
    for (const ing of svc.status?.loadBalancer?.ingress ?? []) if (ing.ip && !ing.ipMode) ing.ipMode = 'VIP';
}

export function setDefaultsReplicationController(rc: ReplicationController): void {
  const spec = (rc.spec ??= {});
  const labels = spec.template?.metadata?.labels;
  if (labels) {
    if (!spec.selector || Object.keys(spec.selector).length === 0) spec.selector = { ...labels };
    if (!rc.metadata.labels || Object.keys(rc.metadata.labels).length === 0) rc.metadata.labels = { ...labels };
  }
  if (spec.replicas === undefined || spec.replicas === null) spec.replicas = 1;
  setDefaultsPodTemplateSpec(spec.template);
}

export function setDefaultsNamespace(ns: Namespace): void {
  // SetDefaults_Namespace: the name label lets selectors pick namespaces by name.
  if (ns.metadata.name) ns.metadata.labels = { ...ns.metadata.labels, 'kubernetes.io/metadata.name': ns.metadata.name };
  const status = (ns.status ??= {});
  status.phase ||= 'Active';
}

/**
 * namespaceFinalizersForCreate mirrors the namespace strategy's PrepareForCreate: a new namespace
 * always carries the "kubernetes" finalizer. Not a default, because the finalize subresource must
 * be able to remove it.
 */
export function namespaceFinalizersForCreate(ns: Namespace): void {
  const spec = (ns.spec ??= {});
  const set = new Set(spec.finalizers ?? []);
  set.add('kubernetes');
  spec.finalizers = [...set];
}

export function setDefaultsNode(node: Node): void {
  const status = node.status;
  if (status?.capacity && !status.allocatable) status.allocatable = { ...status.capacity };
}

export function setDefaultsSecret(secret: Secret): void {
  secret.type ||= 'Opaque';
}

export function setDefaultsEndpoints(ep: Endpoints): void {
  for (const s of ep.subsets ?? []) for (const p of s.ports ?? []) p.protocol ||= 'TCP';
}

export function setDefaultsLimitRange(lr: LimitRange): void {
  for (const item of lr.spec?.limits ?? []) {
    if (item.type !== 'Container') continue;
    const def = { ...item.default };
    const req = { ...item.defaultRequest };
    for (const [k, v] of Object.entries(item.max ?? {})) if (!(k in def)) def[k] = v;
    for (const [k, v] of Object.entries(def)) if (!(k in req)) req[k] = v;
    for (const [k, v] of Object.entries(item.min ?? {})) if (!(k in req)) req[k] = v;
    if (Object.keys(def).length) item.default = def;
    if (Object.keys(req).length) item.defaultRequest = req;
  }
}

export function setDefaultsPersistentVolume(pv: PersistentVolume): void {
  const status = (pv.status ??= {});
  status.phase ||= 'Pending';
  const spec = (pv.spec ??= {});
  spec.persistentVolumeReclaimPolicy ||= 'Retain';
  spec.volumeMode ||= 'Filesystem';
  if (spec.hostPath && spec.hostPath.type === undefined) spec.hostPath.type = '';
}

export function setDefaultsPersistentVolumeClaim(pvc: PersistentVolumeClaim): void {
  const status = (pvc.status ??= {});
  status.phase ||= 'Pending';
  const spec = (pvc.spec ??= {});
  spec.volumeMode ||= 'Filesystem';
}

/** coreDefaulters maps a core/v1 kind to its SetObjectDefaults function. */
export const coreDefaulters: Record<string, (obj: never) => void> = {
  Pod: setDefaultsPod,
  Service: setDefaultsService,
  ReplicationController: setDefaultsReplicationController,
  Namespace: setDefaultsNamespace,
  Node: setDefaultsNode,
  Secret: setDefaultsSecret,
  Endpoints: setDefaultsEndpoints,
  LimitRange: setDefaultsLimitRange,
  PersistentVolume: setDefaultsPersistentVolume,
  PersistentVolumeClaim: setDefaultsPersistentVolumeClaim,
};
