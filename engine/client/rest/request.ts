// Mirrors k8s.io/client-go/rest/request.go: a request builder (verb, namespace, resource, name,
// subresource, params, body) that ends in do() for a decoded JSON result or watch() for a stream.
// Named RESTRequest so it does not shadow the fetch Request it produces. Retries, rate limiting and
// protobuf are left out.
import type { KubeObject } from '../../apimachinery/apis/meta/v1/types.js';
import { defaultHost, type Config } from './config.js';
import { transformResponse } from './transform-response.js';
import { StreamWatcher } from './watch/stream-watcher.js';

export type Verb = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export class RESTRequest {
  private namespaceSet = false;
  private ns = '';
  private res = '';
  private resName = '';
  private subresource = '';
  private readonly params = new URLSearchParams();
  private readonly headers = new Headers();
  private bodyText: string | undefined;
  private abortSignal: AbortSignal | undefined;

  /** pathPrefix is "/api/v1" or "/apis/<group>/<version>". */
  constructor(
    private readonly config: Config,
    readonly verb: Verb,
    private readonly pathPrefix: string,
  ) {}

  /** namespace scopes the request; an empty namespace means all namespaces. */
  namespace(ns: string | undefined): this {
    this.namespaceSet = true;
    this.ns = ns ?? '';
    return this;
  }

  resource(resource: string): this {
    this.res = resource;
    return this;
  }

  name(name: string): this {
    if (!name) throw new Error('resource name may not be empty');
    this.resName = name;
    return this;
  }

  subResource(...parts: string[]): this {
    this.subresource = parts.filter(Boolean).join('/');
    return this;
  }

  /** param adds a query parameter; undefined and empty values are skipped. */
  param(key: string, value: string | number | boolean | undefined): this {
    if (value === undefined || value === '') return this;
    this.params.append(key, String(value));
    return this;
  }

  /** versionedParams adds every defined field of an options object (ListOptions…) as query parameters. */
  versionedParams(opts: object | undefined): this {
    for (const [k, v] of Object.entries(opts ?? {})) {
      if (Array.isArray(v)) for (const item of v) this.param(k, item as string);
      else this.param(k, v as string | number | boolean | undefined);
    }
    return this;
  }

  setHeader(key: string, value: string): this {
    this.headers.set(key, value);
    return this;
  }

  /** body sets the body (objects are serialized as JSON); Content-Type defaults to JSON. */
  body(obj: unknown, contentType?: string): this {
    this.bodyText = typeof obj === 'string' ? obj : JSON.stringify(obj);
    if (contentType) this.headers.set('Content-Type', contentType);
    else if (!this.headers.has('Content-Type')) this.headers.set('Content-Type', 'application/json');
    return this;
  }

  signal(signal: AbortSignal | undefined): this {
    this.abortSignal = signal;
    return this;
  }

  /** url builds the request URL the way client-go's URL() does. */
  url(): URL {
    const parts = [this.pathPrefix];
    if (this.namespaceSet && this.ns) parts.push('namespaces', encodeURIComponent(this.ns));
    if (this.res) parts.push(this.res);
    if (this.resName) parts.push(encodeURIComponent(this.resName));
    if (this.subresource) parts.push(this.subresource);
    const url = new URL(parts.join('/').replace(/\/+/g, '/'), this.config.host ?? defaultHost);
    url.search = this.params.toString();
    return url;
  }

  private build(signal: AbortSignal | undefined): Request {
    const headers = new Headers(this.headers);
    if (!headers.has('Accept')) headers.set('Accept', 'application/json');
    if (this.config.userAgent) headers.set('User-Agent', this.config.userAgent);
    if (this.config.bearerToken) headers.set('Authorization', `Bearer ${this.config.bearerToken}`);
    return new Request(this.url(), { method: this.verb, headers, body: this.bodyText, signal });
  }

  /** do sends the request and returns the decoded body; failures throw StatusError. */
  async do<T = unknown>(): Promise<T> {
    const res = await this.config.transport(this.build(this.abortSignal));
    return (await transformResponse(res, this.verb, this.res, this.resName)) as T;
  }

  /**
   * watch sends the request with watch=true and returns the event stream. Stopping the watcher or
   * aborting the signal cancels the request.
   */
  async watch<T = KubeObject>(): Promise<StreamWatcher<T>> {
    this.params.set('watch', 'true');
    const controller = new AbortController();
    const outer = this.abortSignal;
    const onAbort = () => controller.abort(outer?.reason);
    if (outer?.aborted) controller.abort(outer.reason);
    else outer?.addEventListener('abort', onAbort, { once: true });
    let res: Response;
    try {
      res = await this.config.transport(this.build(controller.signal));
      if (res.status < 200 || res.status >= 300) await transformResponse(res, this.verb, this.res, this.resName);
    } catch (err) {
      outer?.removeEventListener('abort', onAbort);
      throw err;
    }
    return new StreamWatcher<T>(res.body, () => {
      outer?.removeEventListener('abort', onAbort);
      controller.abort();
    });
  }
}
