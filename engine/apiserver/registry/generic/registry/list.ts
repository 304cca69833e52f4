// Mirrors Store.List in k8s.io/apiserver/pkg/registry/generic/registry/store.go together with the
// cacher's GetList and etcd3's paging (continue tokens, resourceVersion/resourceVersionMatch).
// Consistent and "any" reads come from the watch cache; continue pages and Exact reads go to the
// store at the snapshot revision, so a paged list is one consistent snapshot.
import type { KubeObject } from '../../../../apimachinery/apis/meta/v1/types.js';
import { newBadRequest, newInvalid, newTimeout, StatusError } from '../../../../apimachinery/api/errors/errors.js';
import { forbidden, notSupported, type ErrorList } from '../../../../apimachinery/util/validation/field/errors.js';
import type { SelectionPredicate } from '../../../storage/selection-predicate.js';
import type { CacheEntry } from '../../../storage/cacher/watch-cache.js';
import { decode } from '../../../storage/etcd3/store.js';
import type { Store } from './store.js';

export interface ListOptions {
  predicate: SelectionPredicate;
  limit: number;
  continue: string;
  resourceVersion: string;
  resourceVersionMatch: string;
}

/** ListResult holds cache entries (their JSON is reused) or freshly decoded objects. */
export interface ListResult {
  items: (CacheEntry | KubeObject)[];
  resourceVersion: string;
  continue?: string;
  remainingItemCount?: number;
}

const continueExpired =
  'The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list.';

/** validateListOptions mirrors metainternalversion/validation.ValidateListOptions. */
export function validateListOptions(o: ListOptions): void {
  const errs: ErrorList = [];
  const match = o.resourceVersionMatch;
  if (match) {
    if (!o.resourceVersion) errs.push(forbidden('resourceVersionMatch', 'resourceVersionMatch is forbidden unless resourceVersion is provided'));
    if (o.continue) errs.push(forbidden('resourceVersionMatch', 'resourceVersionMatch is forbidden when continue is provided'));
    if (match !== 'Exact' && match !== 'NotOlderThan') errs.push(notSupported('resourceVersionMatch', match, ['Exact', 'NotOlderThan', '']));
    if (match === 'Exact' && o.resourceVersion === '0') {
      errs.push(forbidden('resourceVersionMatch', 'resourceVersionMatch "exact" is forbidden for resourceVersion "0"'));
    }
  }
  if (errs.length) throw newInvalid({ group: 'meta.k8s.io', kind: 'ListOptions' }, '', errs);
}

export function parseResourceVersion(rv: string): number {
  if (!/^\d+$/.test(rv)) throw newBadRequest(`invalid resource version: strconv.ParseUint: parsing "${rv}": invalid syntax`);
  return Number(rv);
}

export function encodeContinue(rv: number, start: string): string {
  return btoa(JSON.stringify({ v: 'meta.k8s.io/v1', rv, start })).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function decodeContinue(token: string): { rv: number; start: string } {
  let parsed: { v?: string; rv?: number; start?: string };
  try {
    parsed = JSON.parse(atob(token.replace(/-/g, '+').replace(/_/g, '/'))) as typeof parsed;
  } catch {
    throw newBadRequest('invalid continue token: continue key is not valid: illegal base64 data');
  }
  if (parsed.v !== 'meta.k8s.io/v1') throw newBadRequest('invalid continue token: continue key is not valid: server does not recognize this encoded key');
  if (typeof parsed.rv !== 'number' || parsed.rv <= 0 || typeof parsed.start !== 'string' || parsed.start.includes('/..')) {
    throw newBadRequest('invalid continue token: continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)');
  }
  return { rv: parsed.rv, start: parsed.start };
}

export async function listObjects(store: Store, namespace: string, o: ListOptions): Promise<ListResult> {
  validateListOptions(o);
  const prefix = store.listPrefix(namespace);
  if (o.continue) {
    if (o.resourceVersion && o.resourceVersion !== '0') throw newBadRequest('specifying resource version is not allowed when using continue');
    const { rv, start } = decodeContinue(o.continue);
    return listFromStorage(store, prefix, prefix + start, rv, o, continueExpired);
  }
  if (o.resourceVersionMatch === 'Exact') {
    const rv = parseResourceVersion(o.resourceVersion);
    return listFromStorage(store, prefix, prefix, rv, o, 'The resourceVersion for the provided list is too old.');
  }
  if (o.resourceVersion === '') await store.cacher.waitUntilFresh();
  else if (o.resourceVersion !== '0') {
    const rv = parseResourceVersion(o.resourceVersion);
    const current = store.storage.kv.currentRevision();
    if (rv > current) throw tooLargeResourceVersion(rv, current);
    await store.cacher.waitUntilFresh(rv);
  }
  const cacheRV = store.cacher.rv;
  const entries = store.cacher.cache(store.def.etcdPrefix).list(prefix);
  const items: CacheEntry[] = [];
  const pred = o.predicate;
  const all = pred.empty();
  let i = 0;
  for (; i < entries.length; i++) {
    const e = entries[i]!;
    if (!all && !pred.matches(e.object)) continue;
    if (o.limit > 0 && items.length === o.limit) break;
    items.push(e);
  }
  const result: ListResult = { items, resourceVersion: String(cacheRV) };
  if (o.limit > 0 && i < entries.length) {
    const last = items[items.length - 1]!;
    result.continue = encodeContinue(cacheRV, last.key.slice(prefix.length) + '\u0000');
    if (all) result.remainingItemCount = entries.length - i;
  }
  return result;
}

function listFromStorage(store: Store, prefix: string, start: string, rv: number, o: ListOptions, expired: string): ListResult {
  const current = store.storage.kv.currentRevision();
  if (rv > current) throw tooLargeResourceVersion(rv, current);
  const items: KubeObject[] = [];
  let from = start;
  let more = false;
  let lastKey = '';
  let remaining: number | undefined;
  for (;;) {
    const chunk = o.limit > 0 ? Math.max(o.limit - items.length, 1) : 0;
    const res = store.storage.listAt(prefix, from, rv, chunk, expired);
    for (const kv of res.kvs) {
      const obj = decode(kv);
      lastKey = kv.key;
      if (o.predicate.matches(obj)) items.push(obj);
    }
    more = res.more;
    if (!more || o.limit === 0 || items.length >= o.limit) {
      if (o.predicate.empty() && more) remaining = res.count - res.kvs.length;
      break;
    }
    from = lastKey + '\u0000';
  }
  const result: ListResult = { items, resourceVersion: String(rv) };
  if (more) {
    result.continue = encodeContinue(rv, lastKey.slice(prefix.length) + '\u0000');
    if (remaining !== undefined) result.remainingItemCount = remaining;
  }
  return result;
}

/** tooLargeResourceVersion mirrors storage.NewTooLargeResourceVersionError (a 504 with a cause). */
export function tooLargeResourceVersion(rv: number, current: number): StatusError {
  const err = newTimeout(`Too large resource version: ${rv}, current: ${current}`, 1);
  err.status.message = `Too large resource version: ${rv}, current: ${current}`;
  err.status.details = { causes: [{ reason: 'ResourceVersionTooLarge', message: 'Too large resource version' }], retryAfterSeconds: 1 };
  return err;
}
