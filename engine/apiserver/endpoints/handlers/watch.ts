// Mirrors k8s.io/apiserver/pkg/endpoints/handlers/watch.go (serveWatch): a chunked stream of
// newline-delimited watch events — objects or Tables — with periodic BOOKMARKs when asked, ended by
// timeoutSeconds, by the client going away, or by an ERROR event.
import type { KubeObject, Status, WatchEventType } from '../../../apimachinery/apis/meta/v1/types.js';
import { newBadRequest } from '../../../apimachinery/api/errors/errors.js';
import { apiVersionOf } from '../../../apimachinery/runtime/schema/group-version.js';
import type { Timer } from '../../../util/clock.js';
import { watchObjects, type WatchHandle } from '../../registry/generic/registry/watch.js';
import { listOptionsOf } from './get.js';
import { outputOf, toRequestVersion, type RequestScope, type RequestState } from './rest.js';
import { includeObjectOf, toTable } from './response.js';

/** defaultMinRequestTimeoutSeconds mirrors --min-request-timeout: watches last 30–60 minutes. */
const defaultMinRequestTimeoutSeconds = 1800;

const encoder = new TextEncoder();
/**
 * encodedEvents keeps each cached object's encoded event per type, so an event fanned out to many
 * watchers (every kube-proxy watches every Endpoints) is serialized once, as upstream's
 * cachingObject does. Cached objects are not mutated; the resourceVersion guards against reuse.
 */
const encodedEvents = new WeakMap<KubeObject, { rv: string | undefined; bytes: Map<WatchEventType, Uint8Array> }>();

/** encodeEvent serializes one watch event line, reusing an earlier encoding of the same object. */
export function encodeEvent(type: WatchEventType, object: KubeObject): Uint8Array {
  let cached = encodedEvents.get(object);
  if (!cached || cached.rv !== object.metadata.resourceVersion) encodedEvents.set(object, (cached = { rv: object.metadata.resourceVersion, bytes: new Map() }));
  let bytes = cached.bytes.get(type);
  if (!bytes) cached.bytes.set(type, (bytes = encoder.encode(JSON.stringify({ type, object }) + '\n')));
  return bytes;
}

export async function watchResource(scope: RequestScope, st: RequestState): Promise<Response> {
  const out = outputOf(st, true);
  const q = st.url.searchParams;
  const opts = listOptionsOf(scope, st.url);
  const timeoutText = q.get('timeoutSeconds');
  if (timeoutText !== null && !/^\d+$/.test(timeoutText)) throw newBadRequest(`timeoutSeconds: Invalid value: "${timeoutText}": must be an integer`);
  const timeoutSeconds = timeoutText !== null ? Number(timeoutText) : defaultMinRequestTimeoutSeconds * (1 + Math.random());
  const bookmarks = q.get('allowWatchBookmarks') === 'true';
  const include = includeObjectOf(st.url);
  // A watch on /watch/…/name or with a name selects one object, as upstream rewrites it to a field selector.
  const name = st.info.name;
  const filterName = (o: KubeObject) => !name || o.metadata.name === name;

  let controller!: ReadableStreamDefaultController<Uint8Array>;
  let handle: WatchHandle | undefined;
  let timeout: Timer | undefined;
  let bookmarkTimer: Timer | undefined;
  let closed = false;
  let firstTable = true;
  const close = () => {
    if (closed) return;
    closed = true;
    handle?.stop();
    timeout?.stop();
    bookmarkTimer?.stop();
    st.req.signal?.removeEventListener('abort', close);
    try {
      controller.close();
    } catch {
      // already closed or cancelled
    }
  };
  const send = (type: WatchEventType, object: unknown) => {
    if (closed) return;
    controller.enqueue(encoder.encode(JSON.stringify({ type, object }) + '\n'));
  };
  const sendObject = (type: WatchEventType, stored: KubeObject) => {
    if (!filterName(stored)) return;
    const obj = toRequestVersion(scope, stored);
    if (out.as === 'Table' && type !== 'BOOKMARK') {
      send(type, toTable(scope.def, [obj], { resourceVersion: obj.metadata.resourceVersion }, include, scope.clock.now(), firstTable));
      firstTable = false;
    } else if (!closed) controller.enqueue(encodeEvent(type, obj));
  };

  const stream = new ReadableStream<Uint8Array>({
    start(c) {
      controller = c;
    },
    cancel() {
      close();
    },
  });
  handle = await watchObjects(scope.store, st.info.namespace, { predicate: opts.predicate, resourceVersion: opts.resourceVersion }, sendObject, (status: Status) => {
    send('ERROR', status);
    close();
  });
  if (closed) handle.stop();
  st.req.signal?.addEventListener('abort', close);
  timeout = scope.clock.setTimer(timeoutSeconds * 1000, close);
  if (bookmarks) {
    const bookmark = () => {
      if (closed) return;
      const head = { kind: scope.def.kind, apiVersion: apiVersionOf(scope.def) };
      send('BOOKMARK', { ...head, metadata: { resourceVersion: String(scope.store.cacher.rv) } });
      bookmarkTimer = scope.clock.setTimer(scope.bookmarkIntervalMs, bookmark);
    };
    bookmarkTimer = scope.clock.setTimer(scope.bookmarkIntervalMs, bookmark);
  }
  return new Response(stream, { status: 200, headers: { 'Content-Type': 'application/json'} });
}
