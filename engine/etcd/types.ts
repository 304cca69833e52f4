// The store's public contract, shaped like etcd's v3 KV/Watch/Lease API (server/etcdserver/api/v3rpc,
// mvcc). The API server depends on this interface only; `engine/etcd` implements it in memory with a
// pluggable write-ahead log, and `etcdctl` reaches it over etcd's JSON gateway.

export interface KeyValue {
  key: string;
  /** value is the stored bytes as text (the API server stores JSON). */
  value: string;
  createRevision: number;
  modRevision: number;
  version: number;
  lease: number;
}

export interface RangeOptions {
  /** prefix reads every key starting with `key`. */
  prefix?: boolean;
  /** end reads [key, end) when given (etcd's range_end); overrides prefix. */
  end?: string;
  /** revision reads the store as it was at this revision (0 = current). */
  revision?: number;
  limit?: number;
  keysOnly?: boolean;
  countOnly?: boolean;
}

export interface RangeResult {
  kvs: KeyValue[];
  count: number;
  more: boolean;
  /** revision is the store revision the read observed. */
  revision: number;
}

export interface PutOptions {
  lease?: number;
  prevKv?: boolean;
}

export interface PutResult {
  revision: number;
  prevKv?: KeyValue;
}

export interface DeleteOptions {
  prefix?: boolean;
  end?: string;
  prevKv?: boolean;
}

export interface DeleteResult {
  revision: number;
  deleted: number;
  prevKvs: KeyValue[];
}

export type CompareTarget = 'version' | 'create' | 'mod' | 'value' | 'lease';
export type CompareResult = '=' | '!=' | '>' | '<';

export interface Compare {
  key: string;
  target: CompareTarget;
  result: CompareResult;
  /** a number for version/create/mod/lease, a string for value. */
  value: number | string;
}

export type TxnOp =
  | { type: 'put'; key: string; value: string; options?: PutOptions }
  | { type: 'delete'; key: string; options?: DeleteOptions }
  | { type: 'range'; key: string; options?: RangeOptions };

export type TxnOpResult =
  | { type: 'put'; result: PutResult }
  | { type: 'delete'; result: DeleteResult }
  | { type: 'range'; result: RangeResult };

export interface TxnRequest {
  compare: Compare[];
  success: TxnOp[];
  failure: TxnOp[];
}

export interface TxnResult {
  succeeded: boolean;
  revision: number;
  responses: TxnOpResult[];
}

export interface WatchEvent {
  type: 'PUT' | 'DELETE';
  kv: KeyValue;
  prevKv?: KeyValue;
}

export interface WatchOptions {
  prefix?: boolean;
  end?: string;
  /** startRevision delivers every event with modRevision >= startRevision first (0 = from now). */
  startRevision?: number;
  prevKv?: boolean;
  /** progressNotify asks for empty batches now and then carrying the current revision. */
  progressNotify?: boolean;
}

export interface WatchBatch {
  events: WatchEvent[];
  /** revision is the store revision when the batch was sent (events are at or below it). */
  revision: number;
}

export interface Watcher {
  cancel(): void;
}

export interface LeaseGrant {
  id: number;
  ttl: number;
}

export interface StoreStatus {
  revision: number;
  compactRevision: number;
  keys: number;
  dbSizeBytes: number;
  raftIndex: number;
}

/** CompactedError is thrown (or given to a watcher) when a revision below the compacted one is asked. */
export class CompactedError extends Error {
  constructor(readonly requested: number, readonly compactRevision: number) {
    super(`mvcc: required revision has been compacted`);
    this.name = 'CompactedError';
  }
}

/** FutureRevisionError is thrown when a read or watch asks for a revision the store has not reached. */
export class FutureRevisionError extends Error {
  constructor(readonly requested: number, readonly current: number) {
    super('mvcc: required revision is a future revision');
    this.name = 'FutureRevisionError';
  }
}

/**
 * KV is what the API server needs from the store. Writes resolve only once durable in the
 * write-ahead log; reads are served from memory. Watch callbacks receive batches in revision
 * order with no gaps or duplicates, or an error (CompactedError) after which the watch is over.
 */
export interface KV {
  range(key: string, options?: RangeOptions): RangeResult;
  put(key: string, value: string, options?: PutOptions): Promise<PutResult>;
  delete(key: string, options?: DeleteOptions): Promise<DeleteResult>;
  txn(request: TxnRequest): Promise<TxnResult>;
  watch(key: string, options: WatchOptions, onBatch: (batch: WatchBatch) => void, onError?: (err: Error) => void): Watcher;
  leaseGrant(ttlSeconds: number, id?: number): Promise<LeaseGrant>;
  leaseRevoke(id: number): Promise<void>;
  leaseKeepAlive(id: number): Promise<LeaseGrant>;
  compact(revision: number): Promise<void>;
  currentRevision(): number;
  compactRevision(): number;
  status(): StoreStatus;
  close(): Promise<void>;
}
