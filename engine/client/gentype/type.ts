// Mirrors k8s.io/client-go/gentype/type.go (Client, ClientWithList): one generic client for a
// resource, which every typed client (pods, deployments, …) is an instance of. Apply
// configurations and protobuf are left out.
import type { DeleteOptions, KubeList, ObjectMeta, Status } from '../../apimachinery/apis/meta/v1/types.js';
import type { PatchType, RESTClient } from '../rest/client.js';
import type { RESTRequest } from '../rest/request.js';
import type { Interface as WatchInterface } from '../rest/watch/stream-watcher.js';
import type { CreateOptions, GetOptions, ListOptions, PatchOptions, UpdateOptions } from './options.js';

/** ObjectWithMeta is what a typed client handles: anything with object metadata. */
export interface ObjectWithMeta {
  apiVersion?: string;
  kind?: string;
  metadata: ObjectMeta;
}

/** Client is the typed client of one resource, in one namespace (or cluster-wide). */
export class Client<T extends ObjectWithMeta> {
  /**
   * namespace is the namespace of a namespaced resource ("" lists across all namespaces);
   * undefined marks a cluster-scoped resource.
   */
  constructor(
    readonly client: RESTClient,
    readonly resource: string,
    readonly namespace?: string,
  ) {}

  /** request starts a request scoped to this client's namespace and resource. */
  protected request(req: RESTRequest): RESTRequest {
    if (this.namespace !== undefined) req.namespace(this.namespace);
    return req.resource(this.resource);
  }

  /** namespaceFor writes must name a namespace: the client's, else the object's own. */
  private namespaceFor(obj: T): RESTRequest {
    const req = this.request(this.client.post());
    if (this.namespace !== undefined && !this.namespace && obj.metadata.namespace) req.namespace(obj.metadata.namespace);
    return req;
  }

  get(name: string, opts?: GetOptions, signal?: AbortSignal): Promise<T> {
    return this.request(this.client.get()).name(name).versionedParams(opts).signal(signal).do<T>();
  }

  list(opts?: ListOptions, signal?: AbortSignal): Promise<KubeList<T>> {
    return this.request(this.client.get()).versionedParams(opts).signal(signal).do<KubeList<T>>();
  }

  /** watch starts a watch; iterate the result, and stop() it (or abort the signal) when done. */
  watch(opts?: ListOptions, signal?: AbortSignal): Promise<WatchInterface<T>> {
    return this.request(this.client.get()).versionedParams(opts).signal(signal).watch<T>();
  }

  create(obj: T, opts?: CreateOptions): Promise<T> {
    return this.namespaceFor(obj).versionedParams(opts).body(obj).do<T>();
  }

  update(obj: T, opts?: UpdateOptions): Promise<T> {
    return this.writeNamed(obj, opts);
  }

  /** updateStatus writes only the status subresource (the server ignores spec changes). */
  updateStatus(obj: T, opts?: UpdateOptions): Promise<T> {
    return this.writeNamed(obj, opts, 'status');
  }

  private writeNamed(obj: T, opts: UpdateOptions | undefined, ...subresources: string[]): Promise<T> {
    const req = this.request(this.client.put());
    if (this.namespace === '' && obj.metadata.namespace) req.namespace(obj.metadata.namespace);
    return req.name(obj.metadata.name ?? '').subResource(...subresources).versionedParams(opts).body(obj).do<T>();
  }

  /** patch sends a patch of type pt (merge, strategic merge, JSON patch, apply). */
  patch(name: string, pt: PatchType, data: unknown, opts?: PatchOptions, ...subresources: string[]): Promise<T> {
    return this.request(this.client.patch(pt)).name(name).subResource(...subresources).versionedParams(opts).body(data).do<T>();
  }

  /** delete returns the deleted object, or a Success Status, as the server answers. */
  delete(name: string, opts?: DeleteOptions): Promise<T | Status> {
    return this.request(this.client.delete()).name(name).body(opts ?? {}).do<T | Status>();
  }

  deleteCollection(opts?: DeleteOptions, listOpts?: ListOptions): Promise<KubeList<T> | Status> {
    return this.request(this.client.delete()).versionedParams(listOpts).body(opts ?? {}).do<KubeList<T> | Status>();
  }
}
