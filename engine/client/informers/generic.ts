// Mirrors k8s.io/client-go/informers/generic.go: GenericInformer (an informer plus its lister) and
// the table of resources the factory knows, with whether each is namespaced.
import type { ObjectMeta } from '../../apimachinery/apis/meta/v1/types.js';
import type { GroupVersionResource } from '../../apimachinery/runtime/schema/group-version.js';
import type { Lister } from '../tools/cache/listers.js';
import type { SharedIndexInformer } from '../tools/cache/shared-informer.js';

export interface GenericInformer<T extends { metadata: ObjectMeta }> {
  informer(): SharedIndexInformer<T>;
  lister(): Lister<T>;
}

/** clusterScoped lists the resources without a namespace; everything else is namespaced. */
const clusterScoped = new Set(['nodes', 'namespaces', 'persistentvolumes', 'clusterroles', 'clusterrolebindings', 'storageclasses']);

export function isNamespaced(gvr: GroupVersionResource): boolean {
  return !clusterScoped.has(gvr.resource);
}

export const gvr = (group: string, version: string, resource: string): GroupVersionResource => ({ group, version, resource });
