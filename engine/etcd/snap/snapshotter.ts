// Mirrors etcd server/etcdserver/api/snap/snapshotter.go plus the backend snapshot: the whole
// retained state in one CRC-framed record. Instead of a bbolt file it holds the values alive just
// below the compacted revision and every change since, so history and watches survive a restart.
import type { Lessor } from '../lease/lessor.js';
import type { MvccStore } from '../mvcc/kvstore.js';
import type { KeyValue, WatchEvent } from '../types.js';
import { crc32 } from '../wal/crc32.js';
import { decodeFrames, encodeFrames } from '../wal/record.js';

/** A stored value: [key, value, createRevision, modRevision, version, lease]. */
type KvTuple = [string, string, number, number, number, number];
/** A change: a put as a KvTuple, or a delete as [key, modRevision]. */
type ChangeTuple = KvTuple | [string, number];

export interface SnapshotData {
  v: 1;
  /** index is the log index the snapshot covers (records up to it are inside). */
  index: number;
  revision: number;
  compactRevision: number;
  base: KvTuple[];
  changes: ChangeTuple[];
  leases: { id: number; ttl: number }[];
}

export interface SnapshotInfo {
  hash: number;
  revision: number;
  totalKeys: number;
  totalSize: number;
  index: number;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export function encodeSnapshot(kv: MvccStore, lessor: Lessor, index: number): Uint8Array {
  const base: KvTuple[] = [];
  // Entries below the compacted revision are at most one live value per key (see KeyIndex.compact).
  kv.index.visit('', '\0', (ki) => {
    for (let i = 0; i < ki.revs.length && ki.revs[i]! < kv.compactRevision; i++) {
      const v = ki.kvs[i];
      if (v) base.push(tuple(v));
    }
  });
  const changes: ChangeTuple[] = kv.changes.map((ev) => (ev.type === 'PUT' ? tuple(ev.kv) : [ev.kv.key, ev.kv.modRevision]));
  const leases = lessor.ids().map((id) => ({ id, ttl: lessor.lookup(id)!.ttl }));
  const data: SnapshotData = { v: 1, index, revision: kv.revision, compactRevision: kv.compactRevision, base, changes, leases };
  return encodeFrames([encoder.encode(JSON.stringify(data))]);
}

/** decodeSnapshot checks the frame and parses the snapshot; it throws on corruption. */
export function decodeSnapshot(bytes: Uint8Array): SnapshotData {
  const { payloads, problem } = decodeFrames(bytes);
  if (problem || payloads.length !== 1) throw new Error(`snapshot corrupt: ${problem ?? 'unexpected record count'}`);
  const data = JSON.parse(decoder.decode(payloads[0]!)) as SnapshotData;
  if (data.v !== 1) throw new Error(`snapshot version ${String(data.v)} not supported`);
  return data;
}

/** snapshotInfo summarizes a snapshot file as `etcdctl snapshot status` does. */
export function snapshotInfo(bytes: Uint8Array): SnapshotInfo {
  const data = decodeSnapshot(bytes);
  return {
    hash: crc32(bytes),
    revision: data.revision,
    totalKeys: data.base.length + data.changes.length,
    totalSize: bytes.length,
    index: data.index,
  };
}

/** restoreSnapshot loads a snapshot into an empty store and lessor. */
export function restoreSnapshot(data: SnapshotData, kv: MvccStore, lessor: Lessor): void {
  for (const l of data.leases) lessor.grant(l.id, l.ttl);
  for (const t of data.base) {
    const v = fromTuple(t);
    kv.index.ensure(v.key).push(v.modRevision, v);
    kv.liveKeys++;
    kv.sizeBytes += v.key.length + v.value.length;
  }
  const changes: WatchEvent[] = [];
  for (const t of data.changes) {
    const ki = kv.index.ensure(t[0]);
    const prev = ki.latest() ?? undefined;
    let ev: WatchEvent;
    if (t.length === 2) {
      const rev = t[1];
      ev = { type: 'DELETE', kv: Object.freeze({ key: t[0], value: '', createRevision: 0, modRevision: rev, version: 0, lease: 0 }) };
      ki.push(rev, null);
      if (prev) kv.liveKeys--;
    } else {
      ev = { type: 'PUT', kv: fromTuple(t) };
      ki.push(ev.kv.modRevision, ev.kv);
      if (!prev) kv.liveKeys++;
    }
    if (prev) ev.prevKv = prev;
    kv.sizeBytes += ev.kv.key.length + ev.kv.value.length;
    changes.push(ev);
  }
  kv.changes = changes;
  kv.revision = data.revision;
  kv.compactRevision = data.compactRevision;
  kv.index.visit('', '\0', (ki) => {
    const v = ki.latest();
    if (v && v.lease !== 0) lessor.attach(v.lease, v.key);
  });
}

function tuple(v: KeyValue): KvTuple {
  return [v.key, v.value, v.createRevision, v.modRevision, v.version, v.lease];
}

function fromTuple(t: KvTuple): KeyValue {
  return Object.freeze({ key: t[0], value: t[1], createRevision: t[2], modRevision: t[3], version: t[4], lease: t[5] });
}
