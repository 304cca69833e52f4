// Mirrors k8s.io/client-go/tools/cache/listers.go (ListAll, ListAllByNamespace, GenericLister) and the
// shape of the generated listers (PodLister.List, PodLister.Pods(ns).Get): reads served from an
// informer's indexer, never from the API server. Returned objects are the cache's: do not mutate.
import type { ObjectMeta } from '../../../apimachinery/apis/meta/v1/types.js';
import { newNotFound } from '../../../apimachinery/api/errors/errors.js';
import { everything, type Selector } from '../../../apimachinery/labels/selector.js';
import type { GroupResource } from '../../../apimachinery/runtime/schema/group-version.js';
import { NamespaceIndex, type Indexer } from './index.js';

type Obj = { metadata: ObjectMeta };

/** listAll returns the objects in the store whose labels match selector. */
export function listAll<T extends Obj>(store: Pick<Indexer<T>, 'list'>, selector: Selector): T[] {
  const all = store.list();
  return selector.empty() ? all : all.filter((o) => selector.matches(o.metadata.labels ?? {}));
}

/** listAllByNamespace uses the namespace index when there is one ("" means all namespaces). */
export function listAllByNamespace<T extends Obj>(indexer: Indexer<T>, namespace: string, selector: Selector): T[] {
  if (!namespace) return listAll(indexer, selector);
  const items = NamespaceIndex in indexer.getIndexers()
    ? indexer.byIndex(NamespaceIndex, namespace)
    : indexer.list().filter((o) => o.metadata.namespace === namespace);
  return selector.empty() ? items : items.filter((o) => selector.matches(o.metadata.labels ?? {}));
}

/** NamespaceLister lists and gets objects of one namespace. */
export class NamespaceLister<T extends Obj> {
  constructor(
    private readonly indexer: Indexer<T>,
    private readonly resource: GroupResource,
    readonly namespace: string,
  ) {}

  list(selector: Selector = everything()): T[] {
    return listAllByNamespace(this.indexer, this.namespace, selector);
  }

  /** get returns the object or throws a NotFound StatusError, as generated listers do. */
  get(name: string): T {
    const obj = this.indexer.getByKey(this.namespace ? `${this.namespace}/${name}` : name);
    if (!obj) throw newNotFound(this.resource, name);
    return obj;
  }
}

/** Lister reads one resource from an informer's cache (GenericLister with typed results). */
export class Lister<T extends Obj> {
  constructor(
    private readonly indexer: Indexer<T>,
    readonly resource: GroupResource,
  ) {}

  /** list returns matching objects across all namespaces. */
  list(selector: Selector = everything()): T[] {
    return listAll(this.indexer, selector);
  }

  /** get finds one object; namespace is "" for cluster-scoped resources. Throws NotFound. */
  get(namespace: string, name: string): T {
    return this.byNamespace(namespace).get(name);
  }

  /** byNamespace narrows to one namespace (PodLister.Pods(ns) upstream). */
  byNamespace(namespace: string): NamespaceLister<T> {
    return new NamespaceLister(this.indexer, this.resource, namespace);
  }
}
