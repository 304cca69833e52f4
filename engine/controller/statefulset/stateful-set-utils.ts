// Mirrors pkg/controller/statefulset/stateful_set_utils.go: ordinal pod names, the stable identity
// (hostname, subdomain, pod-name and pod-index labels), claims from volumeClaimTemplates, and the
// revision label. Revisions are the template hash (no ControllerRevision objects are kept).
import type { StatefulSet } from '../../api/apps/v1/types.js';
import type { PersistentVolumeClaim, Pod } from '../../api/core/v1/types.js';
import { computeHash, getPodFromTemplate, newControllerRef } from '../controller-utils.js';

export const statefulSetPodNameLabel = 'statefulset.kubernetes.io/pod-name';
export const podIndexLabel = 'apps.kubernetes.io/pod-index';
export const controllerRevisionHashLabel = 'controller-revision-hash';
export const controllerKind = { apiVersion: 'apps/v1', kind: 'StatefulSet' };

/** getPodName is "<set>-<ordinal>". */
export function getPodName(set: StatefulSet, ordinal: number): string {
  return `${set.metadata.name}-${ordinal}`;
}

/** getOrdinal parses the ordinal from a pod's name; -1 when it is not one of the set's. */
export function getOrdinal(pod: Pod, set?: StatefulSet): number {
  const m = /^(.*)-(\d+)$/.exec(pod.metadata.name ?? '');
  if (!m || (set && m[1] !== set.metadata.name)) return -1;
  return Number(m[2]);
}

/** getPersistentVolumeClaimName is "<claim>-<set>-<ordinal>". */
export function getPersistentVolumeClaimName(set: StatefulSet, claim: PersistentVolumeClaim, ordinal: number): string {
  return `${claim.metadata.name}-${set.metadata.name}-${ordinal}`;
}

/** getPersistentVolumeClaims returns the claims the pod at ordinal needs, keyed by template name. */
export function getPersistentVolumeClaims(set: StatefulSet, ordinal: number): Map<string, PersistentVolumeClaim> {
  const claims = new Map<string, PersistentVolumeClaim>();
  for (const tmpl of set.spec?.volumeClaimTemplates ?? []) {
    const claim: PersistentVolumeClaim = {
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: {
        name: getPersistentVolumeClaimName(set, tmpl, ordinal),
        namespace: set.metadata.namespace,
        labels: { ...(set.spec?.selector.matchLabels ?? {}), ...(tmpl.metadata.labels ?? {}) },
        ...(tmpl.metadata.annotations ? { annotations: { ...tmpl.metadata.annotations } } : {}),
      },
      spec: structuredClone(tmpl.spec ?? {}),
    };
    claims.set(tmpl.metadata.name ?? '', claim);
  }
  return claims;
}

/** getUpdateRevision is the revision name of the current template: "<set>-<hash>". Like upstream it hashes
 * with a collision count that defaults to 0, so first writing status.collisionCount does not change it. */
export function getUpdateRevision(set: StatefulSet): string {
  return `${set.metadata.name}-${computeHash(set.spec?.template, set.status?.collisionCount ?? 0)}`;
}

export function getPodRevision(pod: Pod): string {
  return pod.metadata.labels?.[controllerRevisionHashLabel] ?? '';
}

/** newStatefulSetPod builds the pod for ordinal with its stable identity and storage. */
export function newStatefulSetPod(set: StatefulSet, ordinal: number): Pod {
  const pod = getPodFromTemplate(set.spec!.template, set, newControllerRef(set, controllerKind));
  const name = getPodName(set, ordinal);
  pod.metadata.name = name;
  delete pod.metadata.generateName;
  pod.metadata.namespace = set.metadata.namespace;
  pod.metadata.labels = { ...pod.metadata.labels, [statefulSetPodNameLabel]: name, [podIndexLabel]: String(ordinal), [controllerRevisionHashLabel]: getUpdateRevision(set) };
  const spec = pod.spec!;
  spec.hostname = name;
  if (set.spec?.serviceName) spec.subdomain = set.spec.serviceName;
  // Claims replace any template volume of the same name.
  const claims = getPersistentVolumeClaims(set, ordinal);
  const volumes = (spec.volumes ?? []).filter((v) => !claims.has(v.name));
  for (const [volName, claim] of claims) volumes.push({ name: volName, persistentVolumeClaim: { claimName: claim.metadata.name ?? '' } });
  if (volumes.length) spec.volumes = volumes;
  return pod;
}

/** isRunningAndReady: phase Running and condition Ready true. */
export function isRunningAndReady(pod: Pod): boolean {
  return pod.status?.phase === 'Running' && pod.status.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') === true;
}

export function isFailed(pod: Pod): boolean {
  return pod.status?.phase === 'Failed';
}

export function isTerminating(pod: Pod): boolean {
  return !!pod.metadata.deletionTimestamp;
}

/** isHealthy: running, ready and not being deleted. */
export function isHealthy(pod: Pod): boolean {
  return isRunningAndReady(pod) && !isTerminating(pod);
}
