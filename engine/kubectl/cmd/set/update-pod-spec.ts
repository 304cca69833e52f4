// Mirrors k8s.io/kubectl/pkg/polymorphichelpers/updatepodspec.go: where each workload keeps its pod
// spec (pods: spec; controllers: spec.template.spec; cron jobs: spec.jobTemplate.spec.template.spec).

/** podSpecPath returns the path of kind's pod spec, or undefined when it has none. */
export function podSpecPath(kind: string): string[] | undefined {
  switch (kind) {
    case 'Pod':
      return ['spec'];
    case 'ReplicationController':
    case 'Deployment':
    case 'ReplicaSet':
    case 'DaemonSet':
    case 'StatefulSet':
    case 'Job':
      return ['spec', 'template', 'spec'];
    case 'CronJob':
      return ['spec', 'jobTemplate', 'spec', 'template', 'spec'];
    default:
      return undefined;
  }
}

export interface ContainerLike {
  name: string;
  image?: string;
  env?: Array<{ name: string; value?: string; valueFrom?: unknown }>;
  resources?: { limits?: Record<string, string>; requests?: Record<string, string> };
}

export interface PodSpecLike {
  containers?: ContainerLike[];
  initContainers?: ContainerLike[];
}

/** podSpecOf reads the pod spec of obj (a copy is not made: callers mutate it in place). */
export function podSpecOf(obj: Record<string, unknown>, kind: string): PodSpecLike {
  const path = podSpecPath(kind);
  if (!path) throw new Error(`*v1.${kind} is not a pod or does not have a pod template`);
  let cur: Record<string, unknown> = obj;
  for (const p of path) cur = (cur[p] ??= {}) as Record<string, unknown>;
  return cur as PodSpecLike;
}

/** nestPatch wraps a pod spec patch in the object's path to the pod spec. */
export function nestPatch(kind: string, podSpecPatch: Record<string, unknown>): Record<string, unknown> {
  const path = podSpecPath(kind)!;
  return path.reduceRight<Record<string, unknown>>((inner, key) => ({ [key]: inner }), podSpecPatch);
}
