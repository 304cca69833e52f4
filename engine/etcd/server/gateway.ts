// Mirrors etcd's v3 JSON gateway (server/embed/serve.go registering grpc-gateway handlers): POST
// /v3/kv/*, /v3/watch, /v3/lease/*, /v3/maintenance/* as a fetch-style handler. Streaming calls
// answer with newline-delimited {"result": …} objects as grpc-gateway does.
import type { KeyValue, RangeResult, TxnOpResult, WatchBatch } from '../types.js';
import type { EtcdServer } from './etcd-server.js';
import { EtcdError, GrpcCode } from './errors.js';
import {
  bytesToBase64, compareFromJson, fromBase64, int, kvToJson, omitZero, opFromJson, rangeEnd, rangeOptions, toBase64,
} from './gateway-codec.js';
import type { Json } from './gateway-codec.js';

export interface GatewayOptions {
  /** clusterId and memberId are decimal uint64 strings (etcd's single-member defaults). */
  clusterId?: string;
  memberId?: string;
  version?: string;
  raftTerm?: number;
}

export const defaultClusterId = '14841639068965178418';
export const defaultMemberId = '10276657743932975437';
export const etcdVersion = '3.5.0';

const encoder = new TextEncoder();
const snapshotChunk = 64 * 1024;

/** newGateway returns the v3 JSON gateway for a store member. */
export function newGateway(server: EtcdServer, options: GatewayOptions = {}): (request: Request) => Promise<Response> {
  const clusterId = options.clusterId ?? defaultClusterId;
  const memberId = options.memberId ?? defaultMemberId;
  const raftTerm = options.raftTerm ?? 2;
  const header = (revision = server.currentRevision()) => ({ cluster_id: clusterId, member_id: memberId, revision: String(revision), raft_term: String(raftTerm) });

  const rangeJson = (r: RangeResult): Json => omitZero({ header: header(r.revision), kvs: r.kvs.map(kvToJson), more: r.more, count: String(r.count) });
  const prevKvs = (kvs: KeyValue[]) => kvs.map(kvToJson);
  const opResultJson = (r: TxnOpResult): Json => {
    switch (r.type) {
      case 'range':
        return { response_range: rangeJson(r.result) };
      case 'put':
        return { response_put: omitZero({ header: header(r.result.revision), prev_kv: r.result.prevKv && kvToJson(r.result.prevKv) }) };
      case 'delete':
        return { response_delete_range: omitZero({ header: header(r.result.revision), deleted: String(r.result.deleted), prev_kvs: prevKvs(r.result.prevKvs) }) };
    }
  };

  const unary: Record<string, (body: Json) => Promise<Json> | Json> = {
    '/v3/kv/range': (b) => rangeJson(server.range(fromBase64(b.key), rangeOptions(b))),
    '/v3/kv/put': async (b) => {
      const r = await server.put(fromBase64(b.key), fromBase64(b.value), { lease: int(b.lease), prevKv: b.prev_kv === true });
      return omitZero({ header: header(r.revision), prev_kv: r.prevKv && kvToJson(r.prevKv) });
    },
    '/v3/kv/deleterange': async (b) => {
      const r = await server.delete(fromBase64(b.key), { end: rangeEnd(b.range_end), prevKv: b.prev_kv === true });
      return omitZero({ header: header(r.revision), deleted: String(r.deleted), prev_kvs: prevKvs(r.prevKvs) });
    },
    '/v3/kv/txn': async (b) => {
      const list = (v: unknown) => (Array.isArray(v) ? (v as Json[]) : []);
      const r = await server.txn({ compare: list(b.compare).map(compareFromJson), success: list(b.success).map(opFromJson), failure: list(b.failure).map(opFromJson) });
      return omitZero({ header: header(r.revision), succeeded: r.succeeded, responses: r.responses.map(opResultJson) });
    },
    '/v3/kv/compaction': async (b) => {
      await server.compact(int(b.revision));
      return { header: header() };
    },
    '/v3/lease/grant': async (b) => {
      const g = await server.leaseGrant(int(b.TTL), int(b.ID));
      return { header: header(), ID: String(g.id), TTL: String(g.ttl) };
    },
    '/v3/lease/revoke': async (b) => {
      await server.leaseRevoke(int(b.ID));
      return { header: header() };
    },
    '/v3/lease/timetolive': (b) => {
      const t = server.leaseTimeToLive(int(b.ID));
      return omitZero({ header: header(), ID: String(t.id), TTL: String(t.ttl), grantedTTL: String(t.grantedTTL), keys: b.keys === true ? t.keys.map(toBase64) : [] });
    },
    '/v3/lease/leases': () => omitZero({ header: header(), leases: server.lessor.ids().map((id) => ({ ID: String(id) })) }),
    '/v3/maintenance/status': () => {
      const s = server.status();
      return omitZero({
        header: header(),
        version: options.version ?? etcdVersion,
        // StatusResponse's proto fields are camelCase (dbSize, raftIndex…), unlike most of the API.
        dbSize: String(s.dbSizeBytes),
        leader: memberId,
        raftIndex: String(s.raftIndex),
        raftTerm: String(raftTerm),
        raftAppliedIndex: String(s.raftIndex),
        dbSizeInUse: String(s.dbSizeBytes),
      });
    },
  };

  const watch = (b: Json, signal: AbortSignal): Response => {
    const c = (b.create_request ?? {}) as Json;
    const key = fromBase64(c.key);
    let cancel = () => {};
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        let open = true;
        const send = (result: Json) => open && controller.enqueue(encoder.encode(JSON.stringify({ result }) + '\n'));
        const close = () => {
          if (!open) return;
          open = false;
          watcher.cancel();
          try {
            controller.close();
          } catch {
            // The reader already canceled the stream.
          }
        };
        send({ header: header(), created: true });
        const watcher = server.watch(
          key,
          { end: rangeEnd(c.range_end), startRevision: int(c.start_revision), prevKv: c.prev_kv === true, progressNotify: c.progress_notify === true },
          (batch: WatchBatch) =>
            send(omitZero({
              header: header(batch.revision),
              events: batch.events.map((e) => omitZero({ type: e.type === 'DELETE' ? 'DELETE' : undefined, kv: kvToJson(e.kv), prev_kv: e.prevKv && kvToJson(e.prevKv) })),
            })),
          (err) => {
            const e = EtcdError.from(err);
            send({ header: header(), canceled: true, compact_revision: String(server.compactRevision()), cancel_reason: e.message });
            close();
          },
        );
        cancel = close;
        if (signal.aborted) close();
        else signal.addEventListener('abort', close, { once: true });
      },
      cancel() {
        cancel();
      },
    });
    return new Response(body, { headers: { 'content-type': 'application/json' } });
  };

  const snapshot = (): Response => {
    const bytes = server.snapshot();
    const lines: string[] = [];
    for (let off = 0; off < bytes.length || off === 0; off += snapshotChunk) {
      const chunk = bytes.subarray(off, off + snapshotChunk);
      const remaining = Math.max(0, bytes.length - off - chunk.length);
      lines.push(JSON.stringify({ result: omitZero({ header: header(), remaining_bytes: String(remaining), blob: bytesToBase64(chunk) }) }));
      if (bytes.length === 0) break;
    }
    return new Response(lines.join('\n') + '\n', { headers: { 'content-type': 'application/json' } });
  };

  return async (request: Request): Promise<Response> => {
    const path = new URL(request.url).pathname;
    if (request.method !== 'POST') return errorResponse(405, new EtcdError(12, 'Method Not Allowed'));
    let body: Json;
    try {
      const text = await request.text();
      body = text.trim() === '' ? {} : (JSON.parse(text) as Json);
    } catch {
      return errorResponse(400, new EtcdError(GrpcCode.InvalidArgument, 'invalid character in request body'));
    }
    try {
      if (path === '/v3/watch') return watch(body, request.signal);
      if (path === '/v3/maintenance/snapshot') return snapshot();
      if (path === '/v3/lease/keepalive') {
        const g = await server.leaseKeepAlive(int(body.ID));
        return json(200, { result: { header: header(), ID: String(g.id), TTL: String(g.ttl) } });
      }
      const handler = unary[path];
      if (!handler) return errorResponse(404, new EtcdError(5, 'Not Found'));
      return json(200, await handler(body));
    } catch (err) {
      if (err instanceof TypeError) return errorResponse(400, new EtcdError(GrpcCode.InvalidArgument, err.message));
      const e = EtcdError.from(err);
      return errorResponse(httpStatus(e.code), e);
    }
  };
}

/** httpStatus mirrors grpc-gateway's HTTPStatusFromCode for the codes etcd returns. */
function httpStatus(code: number): number {
  switch (code) {
    case GrpcCode.InvalidArgument:
    case GrpcCode.FailedPrecondition:
    case GrpcCode.OutOfRange:
      return 400;
    case GrpcCode.NotFound:
      return 404;
    case GrpcCode.Unavailable:
      return 503;
    default:
      return 500;
  }
}

function errorResponse(status: number, e: EtcdError): Response {
  return json(status, { error: e.message, code: e.code, message: e.message });
}

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}
