// Mirrors k8s.io/kubectl/pkg/drain/filters.go: the filters that decide, pod by pod, whether drain
// may remove it (DaemonSet-managed, mirror, local storage, unmanaged) and the errors and warnings
// it reports. Groups keep first-seen order where Go's map order is random.
export interface PodLike {
  metadata: {
    name?: string;
    namespace?: string;
    uid?: string;
    annotations?: Record<string, string>;
    deletionTimestamp?: string;
    ownerReferences?: Array<{ kind: string; name: string; controller?: boolean }>;
  };
  spec?: { volumes?: Array<{ emptyDir?: unknown }> };
  status?: { phase?: string };
}

export const daemonSetFatal = 'DaemonSet-managed Pods (use --ignore-daemonsets to ignore)';
export const daemonSetWarning = 'ignoring DaemonSet-managed Pods';
export const localStorageFatal = 'Pods with local storage (use --delete-emptydir-data to override)';
export const localStorageWarning = 'deleting Pods with local storage';
export const unmanagedFatal = 'cannot delete Pods that declare no controller (use --force to override)';
export const unmanagedWarning = 'deleting Pods that declare no controller';

export type Reason = 'Okay' | 'Skip' | 'Warning' | 'Error';

export interface PodDeleteStatus {
  delete: boolean;
  reason: Reason;
  message?: string;
}

export interface PodDelete {
  pod: PodLike;
  status: PodDeleteStatus;
}

export const okay = (): PodDeleteStatus => ({ delete: true, reason: 'Okay' });
export const skip = (): PodDeleteStatus => ({ delete: false, reason: 'Skip' });
export const warning = (del: boolean, message: string): PodDeleteStatus => ({ delete: del, reason: 'Warning', message });
export const fatal = (message: string): PodDeleteStatus => ({ delete: false, reason: 'Error', message });

export type PodFilter = (pod: PodLike) => Promise<PodDeleteStatus> | PodDeleteStatus;

export function controllerOf(pod: PodLike) {
  return pod.metadata.ownerReferences?.find((r) => r.controller);
}

const finished = (pod: PodLike) => pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';
const ref = (p: PodLike) => `${p.metadata.namespace}/${p.metadata.name}`;

export interface FilterOptions {
  force: boolean;
  ignoreAllDaemonSets: boolean;
  deleteEmptyDirData: boolean;
  /** daemonSetExists answers whether the controlling DaemonSet exists (a NotFound error text otherwise). */
  daemonSetError(namespace: string, name: string): Promise<{ notFound: boolean; message: string } | undefined>;
}

/** makeFilters returns the filters in upstream's order; only the last status of a pod is kept. */
export function makeFilters(o: FilterOptions): PodFilter[] {
  const daemonSetFilter: PodFilter = async (pod) => {
    const cr = controllerOf(pod);
    if (!cr || cr.kind !== 'DaemonSet') return okay();
    if (finished(pod)) return okay();
    const err = await o.daemonSetError(pod.metadata.namespace ?? '', cr.name);
    if (err) return err.notFound && o.force ? warning(true, err.message) : fatal(err.message);
    if (!o.ignoreAllDaemonSets) return fatal(daemonSetFatal);
    return warning(false, daemonSetWarning);
  };
  const mirrorPodFilter: PodFilter = (pod) => (pod.metadata.annotations?.['kubernetes.io/config.mirror'] !== undefined ? skip() : okay());
  const localStorageFilter: PodFilter = (pod) => {
    if (!pod.spec?.volumes?.some((v) => v.emptyDir)) return okay();
    if (finished(pod)) return okay();
    if (!o.deleteEmptyDirData) return fatal(localStorageFatal);
    return warning(true, localStorageWarning);
  };
  const unreplicatedFilter: PodFilter = (pod) => {
    if (finished(pod)) return okay();
    if (controllerOf(pod)) return okay();
    if (o.force) return warning(true, unmanagedWarning);
    return fatal(unmanagedFatal);
  };
  return [daemonSetFilter, mirrorPodFilter, localStorageFilter, unreplicatedFilter];
}

/** PodDeleteList is the filtered pods with their verdicts. */
export class PodDeleteList {
  constructor(readonly items: PodDelete[]) {}

  pods(): PodLike[] {
    return this.items.filter((i) => i.status.delete).map((i) => i.pod);
  }

  /** warnings joins "message: ns/a, ns/b" groups with "; ". */
  warnings(): string {
    return grouped(this.items, 'Warning')
      .map(([msg, pods]) => `${msg}: ${pods.join(', ')}`)
      .join('; ');
  }

  /** errors is one error per message, each naming its pods ("cannot delete <msg>: ns/a, ns/b"). */
  errors(): Error[] {
    return grouped(this.items, 'Error').map(([msg, pods]) => new Error(`cannot delete ${msg || 'unexpected error'}: ${pods.join(', ')}`));
  }
}

function grouped(items: PodDelete[], reason: Reason): Array<[string, string[]]> {
  const by = new Map<string, string[]>();
  for (const i of items) {
    if (i.status.reason !== reason) continue;
    const msg = i.status.message ?? '';
    by.set(msg, [...(by.get(msg) ?? []), ref(i.pod)]);
  }
  return [...by];
}
