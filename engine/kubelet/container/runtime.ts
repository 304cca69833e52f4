// Mirrors pkg/kubelet/container/runtime.go and cache: the kubelet's runtime-neutral view of a pod
// (PodStatus with its sandboxes and every container instance, newest first) and the reason cache
// (pkg/kubelet/reason_cache.go) that remembers why a container last failed to start.
import type { ContainerStatus as CRIContainerStatus, PodSandboxStatus } from '../cri/api.js';

export interface PodStatus {
  uid: string;
  name: string;
  namespace: string;
  /** ips of the latest ready sandbox. */
  ips: string[];
  /** sandboxStatuses are newest first. */
  sandboxStatuses: PodSandboxStatus[];
  /** containerStatuses are every instance of every container, newest first. */
  containerStatuses: CRIContainerStatus[];
}

/** findContainerStatuses returns a container's instances, newest first. */
export function findContainerStatuses(status: PodStatus, name: string): CRIContainerStatus[] {
  return status.containerStatuses.filter((c) => c.metadata.name === name);
}

export interface ReasonEntry {
  reason: string;
  message: string;
}

/** ReasonCache keeps the last start failure of each container of each pod. */
export class ReasonCache {
  private readonly cache = new Map<string, ReasonEntry>();

  private key(uid: string, name: string): string {
    return `${uid}_${name}`;
  }

  add(uid: string, name: string, reason: string, message: string): void {
    this.cache.set(this.key(uid, name), { reason, message });
  }

  remove(uid: string, name: string): void {
    this.cache.delete(this.key(uid, name));
  }

  get(uid: string, name: string): ReasonEntry | undefined {
    return this.cache.get(this.key(uid, name));
  }

  removePod(uid: string): void {
    for (const k of [...this.cache.keys()]) if (k.startsWith(`${uid}_`)) this.cache.delete(k);
  }
}
