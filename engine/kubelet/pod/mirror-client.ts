// Mirrors pkg/kubelet/pod/mirror_client.go and the config annotations of pkg/kubelet/types: a static
// pod (from a manifest file) is shown in the API server as a mirror pod — same name and spec, the
// annotation kubernetes.io/config.mirror holding the static pod's hash, owned by the Node.
import type { Pod } from '../../api/core/v1/types.js';
import type { Clientset } from '../../client/kubernetes/clientset.js';
import { isAlreadyExists, isConflict, isNotFound } from '../../apimachinery/api/errors/errors.js';

export const ConfigSourceAnnotationKey = 'kubernetes.io/config.source';
export const ConfigMirrorAnnotationKey = 'kubernetes.io/config.mirror';
export const ConfigFirstSeenAnnotationKey = 'kubernetes.io/config.seen';
export const ConfigHashAnnotationKey = 'kubernetes.io/config.hash';

/** isMirrorPod reports whether pod is the API server's copy of a static pod. */
export function isMirrorPod(pod: Pod): boolean {
  return pod.metadata.annotations?.[ConfigMirrorAnnotationKey] !== undefined;
}

/** isStaticPod reports whether pod comes from a source other than the API server. */
export function isStaticPod(pod: Pod): boolean {
  const source = pod.metadata.annotations?.[ConfigSourceAnnotationKey];
  return source !== undefined && source !== 'api';
}

/** podHash is a static pod's config hash (its UID). */
export function podHash(pod: Pod): string {
  return pod.metadata.annotations?.[ConfigHashAnnotationKey] ?? '';
}

/** isMirrorPodOf reports whether mirror is the current mirror of the static pod. */
export function isMirrorPodOf(mirror: Pod, pod: Pod): boolean {
  return mirror.metadata.annotations?.[ConfigMirrorAnnotationKey] === podHash(pod);
}

export class MirrorClient {
  constructor(
    private readonly client: Clientset,
    private readonly nodeName: string,
    private readonly nodeUID: () => string | undefined,
  ) {}

  /** createMirrorPod creates the mirror of a static pod; an existing mirror with the same hash is fine. */
  async createMirrorPod(pod: Pod): Promise<void> {
    const nodeUID = this.nodeUID();
    if (!nodeUID) throw new Error(`failed to get node UID of node "${this.nodeName}"`);
    const { uid: _uid, resourceVersion: _rv, ...meta } = pod.metadata;
    void _uid;
    void _rv;
    const copy: Pod = {
      ...pod,
      metadata: {
        ...meta,
        annotations: { ...(pod.metadata.annotations ?? {}), [ConfigMirrorAnnotationKey]: podHash(pod) },
        ownerReferences: [{ apiVersion: 'v1', kind: 'Node', name: this.nodeName, uid: nodeUID, controller: true }],
      },
      status: {},
    };
    try {
      await this.client.coreV1().pods(copy.metadata.namespace ?? 'default').create(copy);
    } catch (err) {
      if (!isAlreadyExists(err)) throw err;
      const existing = await this.client.coreV1().pods(copy.metadata.namespace ?? 'default').get(copy.metadata.name ?? '');
      if (!isMirrorPodOf(existing, pod)) throw err;
    }
  }

  /** deleteMirrorPod deletes a mirror pod at once (grace 0), only if it still is the one with uid. */
  async deleteMirrorPod(namespace: string, name: string, uid?: string): Promise<void> {
    try {
      await this.client.coreV1().pods(namespace).delete(name, { gracePeriodSeconds: 0, ...(uid ? { preconditions: { uid } } : {}) });
    } catch (err) {
      if (!isNotFound(err) && !isConflict(err)) throw err;
    }
  }
}
