// Mirrors the role of k8s.io/client-go/testing/fixture.go (ObjectTracker) but at the HTTP level: an
// in-memory API handler answering list/watch/get/create/update/status/patch/delete for a few
// resources with resourceVersions, so clients are tested over a real Transport. compact() makes
// older resourceVersions answer 410 Expired; closeWatches() ends open watches like a server timeout.
import type { KubeObject, Status, WatchEventType } from '../../apimachinery/apis/meta/v1/types.js';
import {
  newAlreadyExists,
  newConflict,
  newNotFound,
  newResourceExpired,
  optimisticLockErrorMsg,
  statusOf,
  StatusError,
} from '../../apimachinery/api/errors/errors.js';
import { deepCopy } from '../../apimachinery/api/equality/semantic.js';
import { parse as parseLabels } from '../../apimachinery/labels/parser.js';
import { parseSelector as parseFields } from '../../apimachinery/fields/selector.js';
import { mergePatch } from '../../apimachinery/util/jsonmergepatch/patch.js';
import { applyPatch, decodePatch } from '../../apimachinery/util/jsonpatch/patch.js';
import type { Clock } from '../../util/clock.js';
import type { Transport } from '../transport.js';

export interface FakeResource {
  group: string;
  version: string;
  resource: string;
  kind: string;
  namespaced: boolean;
}

export const defaultFakeResources: FakeResource[] = [
  { group: '', version: 'v1', resource: 'pods', kind: 'Pod', namespaced: true },
  { group: '', version: 'v1', resource: 'configmaps', kind: 'ConfigMap', namespaced: true },
  { group: '', version: 'v1', resource: 'endpoints', kind: 'Endpoints', namespaced: true },
  { group: '', version: 'v1', resource: 'events', kind: 'Event', namespaced: true },
  { group: '', version: 'v1', resource: 'nodes', kind: 'Node', namespaced: false },
  { group: 'apps', version: 'v1', resource: 'deployments', kind: 'Deployment', namespaced: true },
];

interface Watcher {
  resource: FakeResource;
  namespace: string;
  matches: (obj: KubeObject) => boolean;
  send: (type: WatchEventType, object: unknown) => void;
  close: () => void;
}

interface HistoryEvent {
  rv: number;
  resource: FakeResource;
  type: WatchEventType;
  object: KubeObject;
}

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

export class FakeAPI {
  rv = 0;
  /** compactedRV is the oldest resourceVersion a watch may start from (exclusive). */
  compactedRV = 0;
  /** requests logs "<METHOD> <path>?<query>" of every request, for assertions. */
  readonly requests: string[] = [];
  private readonly objects = new Map<FakeResource, Map<string, KubeObject>>();
  private readonly history: HistoryEvent[] = [];
  private readonly watchers = new Set<Watcher>();
  private readonly failures: { method: string; status: Status }[] = [];
  private uid = 0;

  readonly transport: Transport = (req) => this.handle(req);

  constructor(
    private readonly clock?: Clock,
    readonly resources: FakeResource[] = defaultFakeResources,
  ) {
    for (const r of resources) this.objects.set(r, new Map());
  }

  /** compact forgets history: watches from older resourceVersions now get 410 Expired. */
  compact(): void {
    this.compactedRV = this.rv;
    this.history.length = 0;
  }

  /** closeWatches ends every open watch stream, as a server-side timeout does. */
  closeWatches(): void {
    for (const w of [...this.watchers]) w.close();
  }

  openWatches(): number {
    return this.watchers.size;
  }

  /** failNext makes the next request with this method answer the given Status. */
  failNext(method: string, status: Status): void {
    this.failures.push({ method, status });
  }

  /** seed stores an object directly (as if created), recording an ADDED event. */
  seed(resource: string, obj: KubeObject): KubeObject {
    return this.createObject(this.find(resource), obj.metadata.namespace ?? '', obj);
  }

  /** objectsOf returns the stored objects of a resource, for assertions. */
  objectsOf(resource: string): KubeObject[] {
    return [...this.objects.get(this.find(resource))!.values()];
  }

  private find(resource: string): FakeResource {
    const r = this.resources.find((x) => x.resource === resource);
    if (!r) throw new Error(`fake api: unknown resource ${resource}`);
    return r;
  }

  private async handle(req: Request): Promise<Response> {
    const url = new URL(req.url);
    this.requests.push(`${req.method} ${url.pathname}${url.search}`);
    try {
      const fail = this.failures.findIndex((f) => f.method === req.method);
      if (fail >= 0) throw new StatusError(this.failures.splice(fail, 1)[0]!.status);
      return await this.route(req, url);
    } catch (err) {
      const status = statusOf(err);
      return json(status.code, status);
    }
  }

  private async route(req: Request, url: URL): Promise<Response> {
    const segs = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
    const [group, version, rest] = segs[0] === 'api' ? ['', segs[1], segs.slice(2)] : [segs[1], segs[2], segs.slice(3)];
    let namespace = '';
    if (rest[0] === 'namespaces' && rest.length >= 3) {
      namespace = rest[1]!;
      rest.splice(0, 2);
    }
    const [resourceName, name, subresource] = rest;
    const resource = this.resources.find((r) => r.group === group && r.version === version && r.resource === resourceName);
    if (!resource) return json(404, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'the server could not find the requested resource', reason: 'NotFound', code: 404 });
    const store = this.objects.get(resource)!;
    const gr = { group, resource: resource.resource };
    const key = `${namespace}/${name ?? ''}`;
    const body = req.method === 'GET' ? undefined : await req.text();
    const current = name ? store.get(key) : undefined;
    const must = () => {
      if (!current) throw newNotFound(gr, name!);
      return current;
    };

    switch (req.method) {
      case 'GET':
        if (name) return json(200, must());
        if (url.searchParams.get('watch') === 'true') return this.watch(req, url, resource, namespace);
        return json(200, { kind: `${resource.kind}List`, apiVersion: group ? `${group}/${version}` : version!, metadata: { resourceVersion: String(this.rv) }, items: this.select(resource, namespace, url) });
      case 'POST': {
        if (subresource === 'binding') {
          const binding = JSON.parse(body!) as { target: { name: string } };
          const pod = deepCopy(must());
          pod.spec = { ...(pod.spec as object), nodeName: binding.target.name };
          this.write(resource, 'MODIFIED', pod);
          return json(201, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code: 201 });
        }
        const obj = JSON.parse(body!) as KubeObject;
        return json(201, this.createObject(resource, namespace, obj));
      }
      case 'PUT': {
        const old = must();
        const obj = JSON.parse(body!) as KubeObject;
        const rv = obj.metadata.resourceVersion;
        if (rv && rv !== old.metadata.resourceVersion) throw newConflict(gr, name!, optimisticLockErrorMsg);
        // As the strategies do: the main resource ignores status, the status subresource takes only status.
        const next = subresource === 'status' ? { ...deepCopy(old), status: obj.status } : { ...obj, status: old.status, metadata: { ...obj.metadata, uid: old.metadata.uid, creationTimestamp: old.metadata.creationTimestamp } };
        if (next.status === undefined) delete next.status;
        return json(200, this.write(resource, 'MODIFIED', next));
      }
      case 'PATCH': {
        const old = must();
        const type = req.headers.get('Content-Type') ?? '';
        const patched = type.startsWith('application/json-patch+json')
          ? applyPatch(deepCopy(old), decodePatch(JSON.parse(body!)))
          : (mergePatch(old, JSON.parse(body!)) as KubeObject);
        return json(200, this.write(resource, 'MODIFIED', patched));
      }
      case 'DELETE': {
        if (!name) {
          const items = this.select(resource, namespace, url);
          for (const item of items) this.remove(resource, item);
          return json(200, { kind: `${resource.kind}List`, apiVersion: 'v1', metadata: {}, items });
        }
        return json(200, this.remove(resource, must()));
      }
    }
    return json(405, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', reason: 'MethodNotAllowed', code: 405 });
  }

  private select(resource: FakeResource, namespace: string, url: URL): KubeObject[] {
    const matches = this.matcher(namespace, url);
    return [...this.objects.get(resource)!.values()].filter(matches).sort((a, b) => keyOf(a).localeCompare(keyOf(b)));
  }

  private matcher(namespace: string, url: URL): (o: KubeObject) => boolean {
    const labels = parseLabels(url.searchParams.get('labelSelector') ?? '');
    const fields = parseFields(url.searchParams.get('fieldSelector') ?? '');
    return (o) =>
      (!namespace || o.metadata.namespace === namespace) &&
      labels.matches(o.metadata.labels ?? {}) &&
      fields.matches({
        'metadata.name': o.metadata.name ?? '',
        'metadata.namespace': o.metadata.namespace ?? '',
        'spec.nodeName': String((o.spec as { nodeName?: string } | undefined)?.nodeName ?? ''),
      });
  }

  private createObject(resource: FakeResource, namespace: string, input: KubeObject): KubeObject {
    const obj = deepCopy(input);
    const gr = { group: resource.group, resource: resource.resource };
    if (!obj.metadata.name && obj.metadata.generateName) obj.metadata.name = `${obj.metadata.generateName}${(++this.uid).toString(36).padStart(5, 'x')}`;
    if (resource.namespaced) obj.metadata.namespace = namespace || obj.metadata.namespace || 'default';
    if (this.objects.get(resource)!.has(keyOf(obj))) throw newAlreadyExists(gr, obj.metadata.name ?? '');
    obj.metadata.uid = `uid-${++this.uid}`;
    obj.metadata.creationTimestamp = new Date(this.clock?.now() ?? 0).toISOString().replace(/\.\d+Z$/, 'Z');
    return this.write(resource, 'ADDED', obj);
  }

  private write(resource: FakeResource, type: WatchEventType, obj: KubeObject): KubeObject {
    obj.metadata.resourceVersion = String(++this.rv);
    obj.kind = resource.kind;
    obj.apiVersion = resource.group ? `${resource.group}/${resource.version}` : resource.version;
    this.objects.get(resource)!.set(keyOf(obj), obj);
    this.notify(resource, type, obj);
    return deepCopy(obj);
  }

  private remove(resource: FakeResource, obj: KubeObject): KubeObject {
    this.objects.get(resource)!.delete(keyOf(obj));
    // The deletion gets its own resourceVersion, as etcd's delete revision does.
    const gone = { ...deepCopy(obj), metadata: { ...obj.metadata, resourceVersion: String(++this.rv) } };
    this.notify(resource, 'DELETED', gone);
    return gone;
  }

  private notify(resource: FakeResource, type: WatchEventType, obj: KubeObject): void {
    this.history.push({ rv: this.rv, resource, type, object: deepCopy(obj) });
    for (const w of this.watchers) {
      if (w.resource === resource && (!w.namespace || w.namespace === obj.metadata.namespace) && w.matches(obj)) w.send(type, obj);
    }
  }

  private watch(req: Request, url: URL, resource: FakeResource, namespace: string): Response {
    const encoder = new TextEncoder();
    const rvText = url.searchParams.get('resourceVersion') ?? '';
    const from = Number(rvText || '0');
    let controller!: ReadableStreamDefaultController<Uint8Array>;
    const stream = new ReadableStream<Uint8Array>({
      start: (c) => void (controller = c),
      cancel: () => close(),
    });
    const watcher: Watcher = {
      resource,
      namespace,
      matches: this.matcher('', url),
      send: (type, object) => controller.enqueue(encoder.encode(JSON.stringify({ type, object }) + '\n')),
      close: () => close(),
    };
    const close = () => {
      if (!this.watchers.delete(watcher)) return;
      try {
        controller.close();
      } catch {
        // already cancelled by the client
      }
    };
    this.watchers.add(watcher);
    req.signal?.addEventListener('abort', close);
    if (rvText !== '' && rvText !== '0' && from < this.compactedRV) {
      const status = newResourceExpired(`too old resource version: ${from} (${this.compactedRV})`).status;
      watcher.send('ERROR', status);
      close();
    } else if (rvText === '' || rvText === '0') {
      // No resourceVersion: start with the current state as ADDED events, as the API server does.
      for (const obj of this.select(resource, namespace, url)) watcher.send('ADDED', obj);
    } else {
      for (const e of this.history) {
        if (e.rv > from && e.resource === resource && (!namespace || e.object.metadata.namespace === namespace) && watcher.matches(e.object)) watcher.send(e.type, e.object);
      }
    }
    return new Response(stream, { status: 200, headers: { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' } });
  }
}

function keyOf(o: KubeObject): string {
  return `${o.metadata.namespace ?? ''}/${o.metadata.name ?? ''}`;
}
