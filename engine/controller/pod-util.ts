// Mirrors pkg/api/v1/pod/util.go (IsPodReady, GetPodReadyCondition, IsPodAvailable) and
// FindPort, the helpers controllers use to read a pod's readiness and ports.
import type { Pod, PodCondition, ServicePort } from '../api/core/v1/types.js';

export function getPodReadyCondition(pod: Pod): PodCondition | undefined {
  return pod.status?.conditions?.find((c) => c.type === 'Ready');
}

/** isPodReady: the pod's Ready condition is True. */
export function isPodReady(pod: Pod): boolean {
  return getPodReadyCondition(pod)?.status === 'True';
}

/** podReadyTime is when the pod last became ready (0 if unknown). */
export function podReadyTime(pod: Pod): number {
  const t = getPodReadyCondition(pod)?.lastTransitionTime;
  return t ? Date.parse(t) : 0;
}

/** isPodAvailable: ready for at least minReadySeconds as of now (ms). */
export function isPodAvailable(pod: Pod, minReadySeconds: number, now: number): boolean {
  if (!isPodReady(pod)) return false;
  if (minReadySeconds <= 0) return true;
  const since = podReadyTime(pod);
  return since > 0 && since + minReadySeconds * 1000 <= now;
}

/**
 * findPort resolves a service port's targetPort against a pod: a number is used as is, a name is
 * looked up among the containers' ports with the same protocol.
 */
export function findPort(pod: Pod, svcPort: ServicePort): number {
  const target = svcPort.targetPort ?? svcPort.port;
  if (typeof target === 'number') return target;
  if (/^\d+$/.test(target)) return Number(target);
  const protocol = svcPort.protocol ?? 'TCP';
  for (const c of pod.spec?.containers ?? []) {
    for (const p of c.ports ?? []) if (p.name === target && (p.protocol ?? 'TCP') === protocol) return p.containerPort;
  }
  throw new Error(`no suitable port for manifest: ${pod.metadata.uid ?? ''}`);
}
