// Mirrors pkg/controller/util/endpoint/controller_utils.go, which the endpoints and EndpointSlice
// controllers share: which services select a pod, and which of them a pod change can concern.
import type { Pod, Service } from '../../api/core/v1/types.js';
import { deepEqual } from '../../apimachinery/api/equality/semantic.js';
import { selectorFromSet } from '../../apimachinery/labels/selector.js';
import type { Lister } from '../../client/tools/cache/listers.js';
import { keyFunc } from '../controller-utils.js';
import { isPodReady } from '../pod-util.js';

/** getPodServiceMemberships returns the keys of the services whose selector picks the pod (services without one are skipped). */
export function getPodServiceMemberships(services: Lister<Service>, pod: Pod): Set<string> {
  const keys = new Set<string>();
  for (const svc of services.byNamespace(pod.metadata.namespace ?? '').list()) {
    const selector = svc.spec?.selector;
    if (selector && selectorFromSet(selector).matches(pod.metadata.labels ?? {})) keys.add(keyFunc(svc));
  }
  return keys;
}

/**
 * getServicesToUpdateOnPodChange lists the services to sync for a pod update: none when nothing an
 * endpoint shows changed; with the pod changed every service of either version; with only the
 * labels changed, just the services the pod joined or left (determineNeededServiceUpdates).
 */
export function getServicesToUpdateOnPodChange(services: Lister<Service>, oldPod: Pod, newPod: Pod): Set<string> {
  if (oldPod.metadata.resourceVersion === newPod.metadata.resourceVersion) return new Set();
  const { podChanged, labelsChanged } = podEndpointsChanged(oldPod, newPod);
  if (!podChanged && !labelsChanged) return new Set();
  const current = getPodServiceMemberships(services, newPod);
  if (!labelsChanged) return current;
  const old = getPodServiceMemberships(services, oldPod);
  const all = [...current, ...old];
  return new Set(podChanged ? all : all.filter((k) => current.has(k) !== old.has(k)));
}

/**
 * podEndpointsChanged mirrors pkg/controller/util/endpoint's podEndpointsChanged: labelsChanged when
 * the labels, hostname or subdomain differ (service membership or DNS names may change); podChanged
 * when the deletion timestamp, readiness or pod IPs differ. Name, namespace and UID are immutable and
 * nodeName is set before the pod has an IP, so nothing else an Endpoints lists can change — status
 * writes of a starting pod that change none of these queue no sync.
 */
export function podEndpointsChanged(oldPod: Pod, newPod: Pod): { podChanged: boolean; labelsChanged: boolean } {
  const labelsChanged =
    !deepEqual(oldPod.metadata.labels ?? {}, newPod.metadata.labels ?? {}) ||
    (oldPod.spec?.hostname ?? '') !== (newPod.spec?.hostname ?? '') ||
    (oldPod.spec?.subdomain ?? '') !== (newPod.spec?.subdomain ?? '');
  if (oldPod.metadata.deletionTimestamp !== newPod.metadata.deletionTimestamp) return { podChanged: true, labelsChanged };
  if (isPodReady(oldPod) !== isPodReady(newPod)) return { podChanged: true, labelsChanged };
  const oldIPs = podIPsOf(oldPod);
  const newIPs = podIPsOf(newPod);
  if (oldIPs.length !== newIPs.length || oldIPs.some((ip, i) => ip !== newIPs[i])) return { podChanged: true, labelsChanged };
  return { podChanged: false, labelsChanged };
}

/** podIPsOf lists status.podIPs, or status.podIP for a pod written without the list. */
function podIPsOf(pod: Pod): string[] {
  const ips = pod.status?.podIPs?.map((p) => p.ip) ?? [];
  return ips.length ? ips : pod.status?.podIP ? [pod.status.podIP] : [];
}

