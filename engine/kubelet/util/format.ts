// Mirrors pkg/kubelet/util/format/pod.go and the time formats the kubelet writes into the API.
import type { Pod } from '../../api/core/v1/types.js';

/** formatPod is format.Pod: "name_namespace(uid)", used in messages and logs. */
export function formatPod(pod: Pod): string {
  return `${pod.metadata.name ?? ''}_${pod.metadata.namespace ?? ''}(${pod.metadata.uid ?? ''})`;
}

/** rfc3339 is metav1.Time's wire form: whole seconds, UTC. */
export function rfc3339(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d+Z$/, 'Z');
}

/** podFullName is kubecontainer.GetPodFullName: "name_namespace". */
export function podFullName(pod: Pod): string {
  return `${pod.metadata.name ?? ''}_${pod.metadata.namespace ?? ''}`;
}
