// Mirrors etcd api/etcdserverpb/raft_internal.proto (InternalRaftRequest): the write requests that go
// through the log and are applied in order, so replaying the log rebuilds the same store.
import type { Compare, TxnOp } from '../types.js';

export type InternalRequest =
  | { op: 'put'; key: string; value: string; lease: number }
  | { op: 'delete'; key: string; end?: string }
  | { op: 'txn'; compare: Compare[]; success: TxnOp[]; failure: TxnOp[] }
  | { op: 'leaseGrant'; id: number; ttl: number }
  | { op: 'leaseRevoke'; id: number }
  | { op: 'compact'; revision: number };

/** LogRecord is one entry of the write-ahead log: the request and its log (raft) index. */
export interface LogRecord {
  i: number;
  r: InternalRequest;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export function encodeRecord(record: LogRecord): Uint8Array {
  return encoder.encode(JSON.stringify(record));
}

export function decodeRecord(bytes: Uint8Array): LogRecord {
  const record = JSON.parse(decoder.decode(bytes)) as LogRecord;
  if (typeof record?.i !== 'number' || typeof record.r?.op !== 'string') throw new Error('malformed log record');
  return record;
}
