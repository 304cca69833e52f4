// Mirrors k8s.io/apiserver/pkg/storage/etcd3/store.go: objects as JSON under keys, resourceVersion =
// the key's modRevision, creates guarded by create_revision == 0 and updates/deletes by mod_revision.
// Simplified: no transformers (encryption at rest), no retry loop here (the registry store retries).
import type { KubeObject } from '../../../apimachinery/apis/meta/v1/types.js';
import { CompactedError, type Compare, type KeyValue, type KV } from '../../../etcd/types.js';
import { newResourceExpired } from '../../../apimachinery/api/errors/errors.js';

/** StoredObject is a decoded object with the revision it was read at. */
export interface StoredObject {
  object: KubeObject;
  modRevision: number;
  /** copy decodes the stored value again: a private copy for an update to change, as upstream decodes its own. */
  copy(): KubeObject;
}

/** decode parses a stored value and stamps resourceVersion from the key's modRevision. */
export function decode(kv: KeyValue): KubeObject {
  const obj = JSON.parse(kv.value) as KubeObject;
  obj.metadata ??= {};
  obj.metadata.resourceVersion = String(kv.modRevision);
  return obj;
}

/** encode drops resourceVersion (etcd's revision is the truth) before writing. */
export function encode(obj: KubeObject): string {
  const rv = obj.metadata.resourceVersion;
  delete obj.metadata.resourceVersion;
  try {
    return JSON.stringify(obj);
  } finally {
    if (rv !== undefined) obj.metadata.resourceVersion = rv;
  }
}

/** prefixEnd is the first key after every key with this prefix (etcd's GetPrefixRangeEnd). */
export function prefixEnd(prefix: string): string {
  return prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1);
}

/** EtcdStorage is the API server's view of the KV. */
export class EtcdStorage {
  constructor(readonly kv: KV) {}

  get(key: string): StoredObject | undefined {
    const kv = this.kv.range(key).kvs[0];
    return kv ? { object: decode(kv), modRevision: kv.modRevision, copy: () => decode(kv) } : undefined;
  }

  /** create writes obj when the key is absent; returns undefined when it already exists. */
  create(key: string, obj: KubeObject): Promise<KubeObject | undefined> {
    return this.putIf(key, obj, { key, target: 'create', result: '=', value: 0 });
  }

  /** update writes obj if the key is still at modRevision; undefined means someone else wrote first. */
  update(key: string, obj: KubeObject, modRevision: number): Promise<KubeObject | undefined> {
    return this.putIf(key, obj, { key, target: 'mod', result: '=', value: modRevision });
  }

  /** putIf writes obj in a transaction guarded by compare and returns it with its new resourceVersion. */
  private async putIf(key: string, obj: KubeObject, compare: Compare): Promise<KubeObject | undefined> {
    const value = encode(obj);
    const res = await this.kv.txn({ compare: [compare], success: [{ type: 'put', key, value }], failure: [] });
    if (!res.succeeded) return undefined;
    const out = JSON.parse(value) as KubeObject;
    out.metadata.resourceVersion = String(res.revision);
    return out;
  }

  /** delete removes the key if it is still at modRevision; returns the deletion revision or undefined. */
  async delete(key: string, modRevision: number): Promise<number | undefined> {
    const res = await this.kv.txn({
      compare: [{ key, target: 'mod', result: '=', value: modRevision }],
      success: [{ type: 'delete', key }],
      failure: [],
    });
    return res.succeeded ? res.revision : undefined;
  }

  /**
   * listAt reads [start, end of prefix) as of revision, at most limit keys (0 = all). Below the
   * compacted revision it throws 410 Expired with `expiredMessage`.
   */
  listAt(prefix: string, start: string, revision: number, limit: number, expiredMessage: string): { kvs: KeyValue[]; more: boolean; count: number } {
    try {
      const res = this.kv.range(start, { end: prefixEnd(prefix), revision, limit: limit || undefined });
      return { kvs: res.kvs, more: res.more, count: res.count };
    } catch (err) {
      if (err instanceof CompactedError) throw newResourceExpired(expiredMessage);
      throw err;
    }
  }
}
