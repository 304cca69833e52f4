// Mirrors etcd server/etcdserver/server.go and v3_server.go for a single member: requests are
// proposed, written to the log (group commit: proposals of one turn share one append and fsync),
// then applied in order. Reads and watchers only ever see applied, hence durable, writes.
import type { Clock } from '../../util/clock.js';
import { Lessor } from '../lease/lessor.js';
import { MvccStore } from '../mvcc/kvstore.js';
import { WatchableStore } from '../mvcc/watchable-store.js';
import { resolveEnd } from '../mvcc/key-range.js';
import { decodeSnapshot, encodeSnapshot, restoreSnapshot } from '../snap/snapshotter.js';
import { CompactedError, FutureRevisionError } from '../types.js';
import type {
  DeleteOptions, DeleteResult, KV, LeaseGrant, PutOptions, PutResult, RangeOptions, RangeResult,
  StoreStatus, TxnRequest, TxnResult, WatchBatch, WatchOptions, Watcher,
} from '../types.js';
import type { LogStorage } from '../wal/log-storage.js';
import { decodeFrames, encodeFrames } from '../wal/record.js';
import { Applier } from './apply.js';
import { EtcdError } from './errors.js';
import { decodeRecord, encodeRecord } from './raft-request.js';
import type { InternalRequest } from './raft-request.js';

export interface EtcdServerOptions {
  clock: Clock;
  /** storage persists the log; without it the store lives in memory only. */
  storage?: LogStorage;
  /** snapshotCount is how many applied records trigger a snapshot (etcd's --snapshot-count, default 100,000). */
  snapshotCount?: number;
  progressInterval?: number;
}

/** RecoveryReport tells what opening the store found on storage. */
export interface RecoveryReport {
  snapshotIndex: number;
  snapshotRevision: number;
  recordsReplayed: number;
  /** truncatedBytes counts bytes of a torn or corrupt log tail that were cut off. */
  truncatedBytes: number;
  problems: string[];
  revision: number;
  appliedIndex: number;
}

interface Proposal {
  index: number;
  req: InternalRequest;
  payload: Uint8Array;
  resolve: (v: unknown) => void;
  reject: (e: unknown) => void;
}

export class EtcdServer implements KV {
  readonly kv = new MvccStore();
  readonly watchable: WatchableStore;
  readonly lessor: Lessor;
  private readonly applier: Applier;
  private readonly storage: LogStorage | undefined;
  private readonly snapshotCount: number;
  appliedIndex = 0;
  snapshotIndex = 0;
  private proposedIndex = 0;
  private pending: Proposal[] = [];
  private flushing = false;
  private scheduled = false;
  private failed: Error | undefined;
  private closed = false;
  private idle: (() => void)[] = [];

  constructor(readonly options: EtcdServerOptions) {
    this.storage = options.storage;
    this.snapshotCount = options.snapshotCount ?? 100_000;
    this.watchable = new WatchableStore(this.kv, options.clock, options.progressInterval);
    // An expired lease is revoked through the log, as etcd's leader proposes LeaseRevoke.
    this.lessor = new Lessor(options.clock, (id) => void this.propose({ op: 'leaseRevoke', id }).catch(() => {}));
    this.applier = new Applier(this.kv, this.lessor);
  }

  /** open creates a server and recovers its state from storage (snapshot, then the log). */
  static async open(options: EtcdServerOptions): Promise<{ server: EtcdServer; recovery: RecoveryReport }> {
    const server = new EtcdServer(options);
    const recovery = await server.recover();
    return { server, recovery };
  }

  range(key: string, options?: RangeOptions): RangeResult {
    return this.kv.range(key, options);
  }

  async put(key: string, value: string, options: PutOptions = {}): Promise<PutResult> {
    if (key === '') throw EtcdError.emptyKey();
    const lease = options.lease ?? 0;
    if (lease !== 0 && !this.lessor.has(lease)) throw EtcdError.leaseNotFound();
    const r = (await this.propose({ op: 'put', key, value, lease })) as PutResult;
    return options.prevKv && r.prevKv ? r : { revision: r.revision };
  }

  async delete(key: string, options: DeleteOptions = {}): Promise<DeleteResult> {
    if (key === '') throw EtcdError.emptyKey();
    const end = resolveEnd(key, options);
    const r = (await this.propose(end === undefined ? { op: 'delete', key } : { op: 'delete', key, end })) as DeleteResult;
    return options.prevKv ? r : { ...r, prevKvs: [] };
  }

  async txn(request: TxnRequest): Promise<TxnResult> {
    for (const ops of [request.success, request.failure]) {
      const seen = new Set<string>();
      for (const op of ops) {
        if (op.key === '') throw EtcdError.emptyKey();
        if (op.type === 'range') continue;
        // etcd rejects a txn branch that writes one key twice (simplified: exact keys only).
        if (seen.has(op.key)) throw EtcdError.duplicateKey();
        seen.add(op.key);
      }
    }
    return (await this.propose({ op: 'txn', compare: request.compare, success: request.success, failure: request.failure })) as TxnResult;
  }

  watch(key: string, options: WatchOptions, onBatch: (batch: WatchBatch) => void, onError?: (err: Error) => void): Watcher {
    return this.watchable.watch(key, options, onBatch, onError);
  }

  async leaseGrant(ttlSeconds: number, id = 0): Promise<LeaseGrant> {
    if (id === 0) id = this.newLeaseId();
    if (this.lessor.has(id)) throw EtcdError.leaseExist();
    return (await this.propose({ op: 'leaseGrant', id, ttl: Math.max(1, Math.ceil(ttlSeconds)) })) as LeaseGrant;
  }

  async leaseRevoke(id: number): Promise<void> {
    if (!this.lessor.has(id)) throw EtcdError.leaseNotFound();
    await this.propose({ op: 'leaseRevoke', id });
  }

  /** leaseKeepAlive renews in memory only; like etcd, keepalives are not logged. */
  async leaseKeepAlive(id: number): Promise<LeaseGrant> {
    const lease = this.lessor.renew(id);
    return { id, ttl: lease.ttl };
  }

  /** leaseTimeToLive reports a lease's remaining TTL and keys (etcd's LeaseTimeToLive). */
  leaseTimeToLive(id: number): { id: number; ttl: number; grantedTTL: number; keys: string[] } {
    const lease = this.lessor.lookup(id);
    if (!lease) return { id, ttl: -1, grantedTTL: 0, keys: [] };
    return { id, ttl: this.lessor.remaining(id), grantedTTL: lease.ttl, keys: [...lease.keys].sort() };
  }

  async compact(revision: number): Promise<void> {
    if (revision <= this.kv.compactRevision) throw new CompactedError(revision, this.kv.compactRevision);
    if (revision > this.kv.revision) throw new FutureRevisionError(revision, this.kv.revision);
    await this.propose({ op: 'compact', revision });
  }

  currentRevision(): number {
    return this.kv.revision;
  }

  compactRevision(): number {
    return this.kv.compactRevision;
  }

  status(): StoreStatus {
    return {
      revision: this.kv.revision,
      compactRevision: this.kv.compactRevision,
      keys: this.kv.liveKeys,
      dbSizeBytes: this.kv.sizeBytes,
      raftIndex: this.appliedIndex,
    };
  }

  /** snapshot returns the current state as snapshot bytes (maintenance/snapshot, etcdctl snapshot save). */
  snapshot(): Uint8Array {
    return encodeSnapshot(this.kv, this.lessor, this.appliedIndex);
  }

  /** sync resolves once every proposal made so far has been applied. */
  sync(): Promise<void> {
    if (!this.flushing && !this.scheduled && this.pending.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.idle.push(resolve));
  }

  async close(): Promise<void> {
    if (this.closed) return;
    await this.sync();
    this.closed = true;
    this.watchable.cancelAll();
    this.lessor.stop();
    await this.storage?.close();
  }

  private propose(req: InternalRequest): Promise<unknown> {
    if (this.closed) return Promise.reject(EtcdError.stopped());
    if (this.failed) return Promise.reject(this.failed);
    return new Promise((resolve, reject) => {
      const index = ++this.proposedIndex;
      const payload = this.storage ? encodeRecord({ i: index, r: req }) : new Uint8Array(0);
      this.pending.push({ index, req, payload, resolve, reject });
      if (!this.flushing && !this.scheduled) {
        this.scheduled = true;
        queueMicrotask(() => void this.flush());
      }
    });
  }

  /** flush appends pending proposals as one record batch, then applies them in order. */
  private async flush(): Promise<void> {
    this.scheduled = false;
    this.flushing = true;
    try {
      while (this.pending.length > 0) {
        const batch = this.pending;
        this.pending = [];
        if (this.storage) {
          try {
            await this.storage.append(encodeFrames(batch.map((p) => p.payload)));
          } catch (err) {
            // After a failed append the log's tail is unknown: refuse further writes.
            this.failed = new EtcdError(13, `etcdserver: wal append failed: ${(err as Error).message}`);
            for (const p of [...batch, ...this.pending]) p.reject(this.failed);
            this.pending = [];
            break;
          }
        }
        const events = [];
        for (const p of batch) {
          this.appliedIndex = p.index;
          try {
            const applied = this.applier.apply(p.req);
            for (const ev of applied.events) events.push(ev);
            p.resolve(applied.result);
          } catch (err) {
            p.reject(err);
          }
        }
        this.watchable.notify(events);
        if (this.storage && this.appliedIndex - this.snapshotIndex >= this.snapshotCount) await this.saveSnapshot();
      }
    } finally {
      this.flushing = false;
      const idle = this.idle;
      this.idle = [];
      for (const fn of idle) fn();
    }
  }

  private async saveSnapshot(): Promise<void> {
    const index = this.appliedIndex;
    try {
      await this.storage!.writeSnapshot(encodeSnapshot(this.kv, this.lessor, index), index);
    } catch {
      // The log still holds every record; try again after another snapshotCount records.
    }
    this.snapshotIndex = index;
  }

  private async recover(): Promise<RecoveryReport> {
    const report: RecoveryReport = { snapshotIndex: 0, snapshotRevision: 0, recordsReplayed: 0, truncatedBytes: 0, problems: [], revision: 1, appliedIndex: 0 };
    if (this.storage) {
      const loaded = await this.storage.load();
      if (loaded.snapshot && loaded.snapshot.length > 0) {
        try {
          const data = decodeSnapshot(loaded.snapshot);
          restoreSnapshot(data, this.kv, this.lessor);
          this.appliedIndex = this.snapshotIndex = report.snapshotIndex = data.index;
          report.snapshotRevision = data.revision;
        } catch (err) {
          report.problems.push(`snapshot skipped: ${(err as Error).message}`);
        }
      }
      const decoded = decodeFrames(loaded.log);
      for (const payload of decoded.payloads) {
        const record = decodeRecord(payload);
        // A crash between installing a snapshot and starting a new segment leaves older records.
        if (record.i <= this.appliedIndex) continue;
        if (record.i !== this.appliedIndex + 1) report.problems.push(`log index jumps from ${this.appliedIndex} to ${record.i}`);
        this.appliedIndex = record.i;
        try {
          this.applier.apply(record.r);
        } catch {
          // The request failed when first applied too (its caller got the error).
        }
        report.recordsReplayed++;
      }
      if (decoded.problem) {
        report.truncatedBytes = loaded.log.length - decoded.validLength;
        report.problems.push(`log tail truncated: ${decoded.problem}`);
        await this.storage.truncate(decoded.validLength);
      }
    }
    this.proposedIndex = this.appliedIndex;
    report.revision = this.kv.revision;
    report.appliedIndex = this.appliedIndex;
    return report;
  }

  private newLeaseId(): number {
    const words = new Uint32Array(2);
    for (;;) {
      crypto.getRandomValues(words);
      // 52 random bits keep the id exact as a JS number and as etcd's int64.
      const id = (words[0]! & 0xfffff) * 0x100000000 + words[1]!;
      if (id !== 0 && !this.lessor.has(id)) return id;
    }
  }
}
