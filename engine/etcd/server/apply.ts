// Mirrors etcd server/etcdserver/apply/apply.go (applierV3backend): applies one logged request to the
// MVCC store and the lessor. Applying is deterministic, so the same log always yields the same store.
import type { Lessor } from '../lease/lessor.js';
import type { MvccStore, TxnWrite } from '../mvcc/kvstore.js';
import { resolveEnd } from '../mvcc/key-range.js';
import type { Compare, KeyValue, TxnOp, TxnOpResult, TxnResult, WatchEvent } from '../types.js';
import { EtcdError } from './errors.js';
import type { InternalRequest } from './raft-request.js';

export interface ApplyResult {
  result: unknown;
  events: WatchEvent[];
}

export class Applier {
  constructor(
    private readonly kv: MvccStore,
    private readonly lessor: Lessor,
  ) {}

  apply(req: InternalRequest): ApplyResult {
    switch (req.op) {
      case 'put': {
        this.checkLease(req.lease);
        const w = this.kv.write();
        const prevKv = this.put(w, req.key, req.value, req.lease);
        const events = w.end();
        return { result: { revision: this.kv.revision, prevKv }, events };
      }
      case 'delete': {
        const w = this.kv.write();
        const prevKvs = this.deleteRange(w, req.key, req.end);
        const events = w.end();
        return { result: { revision: this.kv.revision, deleted: prevKvs.length, prevKvs }, events };
      }
      case 'txn':
        return this.txn(req.compare, req.success, req.failure);
      case 'leaseGrant': {
        const lease = this.lessor.grant(req.id, req.ttl);
        return { result: { id: lease.id, ttl: lease.ttl }, events: [] };
      }
      case 'leaseRevoke': {
        // Revoking deletes every attached key in a single revision.
        const keys = this.lessor.revoke(req.id);
        const w = this.kv.write();
        for (const key of keys) this.deleteRange(w, key, undefined);
        return { result: { revision: this.kv.revision }, events: w.end() };
      }
      case 'compact':
        this.kv.compact(req.revision);
        return { result: { revision: this.kv.revision }, events: [] };
    }
  }

  private txn(compare: Compare[], success: TxnOp[], failure: TxnOp[]): ApplyResult {
    const succeeded = compare.every((c) => this.compare(c));
    const ops = succeeded ? success : failure;
    for (const op of ops) if (op.type === 'put') this.checkLease(op.options?.lease ?? 0);
    const w = this.kv.write();
    const responses: TxnOpResult[] = [];
    for (const op of ops) {
      if (op.type === 'put') {
        const lease = op.options?.lease ?? 0;
        const prevKv = this.put(w, op.key, op.value, lease);
        responses.push({ type: 'put', result: { revision: w.rev, ...(op.options?.prevKv && prevKv ? { prevKv } : {}) } });
      } else if (op.type === 'delete') {
        const prevKvs = this.deleteRange(w, op.key, resolveEnd(op.key, op.options));
        responses.push({ type: 'delete', result: { revision: w.rev, deleted: prevKvs.length, prevKvs: op.options?.prevKv ? prevKvs : [] } });
      } else {
        responses.push({ type: 'range', result: this.kv.range(op.key, op.options) });
      }
    }
    const events = w.end();
    // Every response of a txn carries the txn's resulting revision, as in etcd.
    for (const r of responses) r.result.revision = this.kv.revision;
    const result: TxnResult = { succeeded, revision: this.kv.revision, responses };
    return { result, events };
  }

  /** compare mirrors applyCompare: a missing key compares as a zero KeyValue, except on value. */
  private compare(c: Compare): boolean {
    const kv = this.kv.range(c.key, { limit: 1 }).kvs[0];
    if (!kv && c.target === 'value') return false;
    let actual: number | string;
    switch (c.target) {
      case 'version':
        actual = kv?.version ?? 0;
        break;
      case 'create':
        actual = kv?.createRevision ?? 0;
        break;
      case 'mod':
        actual = kv?.modRevision ?? 0;
        break;
      case 'lease':
        actual = kv?.lease ?? 0;
        break;
      case 'value':
        actual = kv!.value;
        break;
    }
    const want = c.value;
    switch (c.result) {
      case '=':
        return actual === want;
      case '!=':
        return actual !== want;
      case '>':
        return actual > want;
      case '<':
        return actual < want;
    }
  }

  private put(w: TxnWrite, key: string, value: string, lease: number): KeyValue | undefined {
    const prev = w.put(key, value, lease);
    if (prev && prev.lease !== 0 && prev.lease !== lease) this.lessor.detach(prev.lease, key);
    if (lease !== 0) this.lessor.attach(lease, key);
    return prev;
  }

  private deleteRange(w: TxnWrite, key: string, end: string | undefined): KeyValue[] {
    const prevKvs = w.deleteRange(key, end);
    for (const kv of prevKvs) if (kv.lease !== 0) this.lessor.detach(kv.lease, kv.key);
    return prevKvs;
  }

  private checkLease(lease: number): void {
    if (lease !== 0 && !this.lessor.has(lease)) throw EtcdError.leaseNotFound();
  }
}
