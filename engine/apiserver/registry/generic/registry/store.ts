// Mirrors k8s.io/apiserver/pkg/registry/generic/registry/store.go: the generic Create/Get/Update/
// Delete of one resource over the store, driven by the resource's Strategy. Lists and watches are in
// list.ts / watch.ts; graceful deletion and finalizers in delete.ts. Simplified: no decorators, no
// TTL, retries on conflicts instead of GuaranteedUpdate's cached-object dance.
import type { DeleteOptions, KubeObject } from '../../../../apimachinery/apis/meta/v1/types.js';
import {
  newAlreadyExists,
  newBadRequest,
  newConflict,
  newInvalid,
  newNotFound,
  optimisticLockErrorMsg,
} from '../../../../apimachinery/api/errors/errors.js';
import { forbidden, invalid, required, errorString, type ErrorList } from '../../../../apimachinery/util/validation/field/errors.js';
import type { GroupResource } from '../../../../apimachinery/runtime/schema/group-version.js';
import type { Clock } from '../../../../util/clock.js';
import type { RequestContext, ResourceDefinition, Strategy } from '../../rest/resource.js';
import type { EtcdStorage } from '../../../storage/etcd3/store.js';
import type { Cacher } from '../../../storage/cacher/cacher.js';
import { generateName } from '../../../storage/names/generate.js';
import { deleteObject, type DeleteResult } from './delete.js';
import { updateManagedFields } from '../../../endpoints/handlers/fieldmanager/field-manager.js';
import { deepEqual } from '../../../../apimachinery/api/equality/semantic.js';
import { rfc3339 } from '../../../../apimachinery/apis/meta/v1/time.js';

/** AdmitFunc runs admission for a write (object and old object as the operation sees them). */
export type AdmitFunc = (obj: KubeObject | undefined, old: KubeObject | undefined) => void | Promise<void>;

export interface WriteOptions {
  dryRun?: boolean;
  /** fieldManager names the writer in managedFields. */
  fieldManager?: string;
  admit?: AdmitFunc;
  /** keepManagedFields: managedFields were computed by the caller (server-side apply). */
  keepManagedFields?: boolean;
}

export interface UpdateOptions extends WriteOptions {
  /** strategy overrides the resource's strategy (the status subresource uses statusStrategy). */
  strategy?: Strategy;
  forceAllowCreate?: boolean;
  /** managedFieldsDone: the caller (server-side apply) already set managedFields. */
  managedFieldsDone?: boolean;
  /** retryOnConflict: the resourceVersion came from the current object (patches), so retry on a race. */
  retryOnConflict?: boolean;
}

/** UpdatedObjectInfo computes the new object from the current one (undefined when it does not exist). */
export type UpdatedObjectInfo = (old: KubeObject | undefined) => KubeObject | Promise<KubeObject>;

const maxRetries = 8;

export class Store {
  readonly gr: GroupResource;
  constructor(
    readonly def: ResourceDefinition,
    readonly storage: EtcdStorage,
    readonly cacher: Cacher,
    readonly clock: Clock,
  ) {
    this.gr = { group: def.group, resource: def.resource };
  }

  get strategy(): Strategy {
    return this.def.strategy;
  }

  /** keyFor mirrors NamespaceKeyFunc / NoNamespaceKeyFunc. */
  keyFor(namespace: string, name: string): string {
    return this.def.namespaced ? `${this.def.etcdPrefix}/${namespace}/${name}` : `${this.def.etcdPrefix}/${name}`;
  }

  /** listPrefix is the key prefix of one namespace, or of all objects when namespace is ''. */
  listPrefix(namespace: string): string {
    return this.def.namespaced && namespace ? `${this.def.etcdPrefix}/${namespace}/` : `${this.def.etcdPrefix}/`;
  }

  get(ctx: RequestContext, name: string): KubeObject {
    const cur = this.storage.get(this.keyFor(ctx.namespace, name));
    if (!cur) throw newNotFound(this.gr, name);
    return cur.object;
  }

  async create(ctx: RequestContext, obj: KubeObject, opts: WriteOptions = {}): Promise<KubeObject> {
    const strategy = this.strategy;
    obj.metadata ??= {};
    const meta = obj.metadata;
    this.checkNamespace(ctx, obj);
    if (meta.resourceVersion) throw newBadRequest('resourceVersion should not be set on objects to be created');
    // FillObjectMetaSystemFields and the generated name come first, as upstream, so that
    // prepareForCreate already sees them (a Job's selector is built on its uid).
    meta.uid = crypto.randomUUID();
    meta.creationTimestamp = rfc3339(this.clock.now());
    const generated = !meta.name && !!meta.generateName;
    if (generated) meta.name = generateName(meta.generateName!);
    delete meta.deletionTimestamp;
    delete meta.deletionGracePeriodSeconds;
    strategy.defaults?.(obj);
    strategy.prepareForCreate(obj, ctx);
    this.validate(obj, strategy.validate(obj, ctx), validateMetaBasics(obj, this.def.namespaced));
    await opts.admit?.(obj, undefined);
    strategy.beforeCreate?.(obj, ctx);
    try {
      if (!opts.keepManagedFields) updateManagedFields(obj, undefined, { manager: opts.fieldManager, operation: 'Update', time: meta.creationTimestamp, subresource: ctx.subresource });
      if (opts.dryRun) return obj;
      for (let attempt = 0; ; attempt++) {
        const stored = await this.storage.create(this.keyFor(ctx.namespace, meta.name!), obj);
        if (stored) return stored;
        // RetryGenerateName: a generated name that collides is drawn again.
        if (!generated || attempt >= maxRetries) throw newAlreadyExists(this.gr, meta.name!);
        meta.name = generateName(meta.generateName!);
      }
    } catch (err) {
      strategy.afterDelete?.(obj, ctx);
      throw err;
    }
  }

  /** update mirrors Store.Update: optimistic concurrency, create-on-update, delete when finalized. */
  async update(ctx: RequestContext, name: string, objInfo: UpdatedObjectInfo, opts: UpdateOptions = {}): Promise<{ object: KubeObject; created: boolean }> {
    const strategy = opts.strategy ?? this.strategy;
    const key = this.keyFor(ctx.namespace, name);
    for (let attempt = 0; ; attempt++) {
      const cur = this.storage.get(key);
      if (!cur) {
        if (!strategy.allowCreateOnUpdate && !opts.forceAllowCreate) throw newNotFound(this.gr, name);
        const obj = await objInfo(undefined);
        obj.metadata ??= {};
        this.checkName(obj, name);
        delete obj.metadata.resourceVersion;
        return { object: await this.create(ctx, obj, { ...opts, keepManagedFields: opts.managedFieldsDone }), created: true };
      }
      const old = cur.object;
      const obj = await objInfo(cur.copy());
      obj.metadata ??= {};
      this.checkNamespace(ctx, obj);
      this.checkName(obj, name);
      const userRV = obj.metadata.resourceVersion;
      if (!userRV) {
        if (!strategy.allowUnconditionalUpdate) {
          throw newInvalid({ group: this.def.group, kind: this.def.kind }, name, [
            invalid('metadata.resourceVersion', 0, 'must be specified for an update'),
          ]);
        }
        obj.metadata.resourceVersion = old.metadata.resourceVersion;
      } else if (userRV !== old.metadata.resourceVersion) {
        throw newConflict(this.gr, name, optimisticLockErrorMsg);
      }
      // System fields only the server sets.
      obj.metadata.uid ||= old.metadata.uid;
      obj.metadata.creationTimestamp ||= old.metadata.creationTimestamp;
      if (old.metadata.deletionTimestamp) obj.metadata.deletionTimestamp = old.metadata.deletionTimestamp;
      else delete obj.metadata.deletionTimestamp;
      if (old.metadata.deletionGracePeriodSeconds !== undefined) obj.metadata.deletionGracePeriodSeconds = old.metadata.deletionGracePeriodSeconds;
      else delete obj.metadata.deletionGracePeriodSeconds;
      strategy.defaults?.(obj);
      strategy.prepareForUpdate(obj, old, ctx);
      this.validate(obj, strategy.validateUpdate(obj, old, ctx), validateMetaUpdate(obj, old));
      await opts.admit?.(obj, old);
      strategy.beforeUpdate?.(obj, old, ctx);
      if (!opts.managedFieldsDone) {
        updateManagedFields(obj, old, { manager: opts.fieldManager, operation: 'Update', time: rfc3339(this.clock.now()), subresource: ctx.subresource });
      }
      // As upstream, an update of a deleted object that leaves nothing to wait for removes it, even
      // when it changes nothing else.
      if (shouldDeleteDuringUpdate(obj) && (strategy.shouldDeleteDuringUpdate?.(obj) ?? true)) {
        if (opts.dryRun) return { object: obj, created: false };
        const rev = await this.storage.delete(key, cur.modRevision);
        if (rev === undefined) continue;
        strategy.afterDelete?.(obj, ctx);
        return { object: obj, created: false };
      }
      if (sameObject(obj, old)) return { object: old, created: false };
      if (opts.dryRun) return { object: obj, created: false };
      const stored = await this.storage.update(key, obj, cur.modRevision);
      if (stored) return { object: stored, created: false };
      if ((userRV && !opts.retryOnConflict) || attempt >= maxRetries) throw newConflict(this.gr, name, optimisticLockErrorMsg);
    }
  }

  /** checkNamespace mirrors rest.BeforeCreate/BeforeUpdate's namespace rules. */
  private checkNamespace(ctx: RequestContext, obj: KubeObject): void {
    const meta = obj.metadata;
    if (!this.def.namespaced) {
      delete meta.namespace;
      return;
    }
    if (meta.namespace && meta.namespace !== ctx.namespace) {
      throw newBadRequest('the namespace of the provided object does not match the namespace sent on the request');
    }
    meta.namespace = ctx.namespace;
  }

  private checkName(obj: KubeObject, name: string): void {
    const got = obj.metadata.name;
    if (!got) obj.metadata.name = name;
    else if (got !== name) throw newBadRequest(`the name of the object (${got}) does not match the name on the URL (${name})`);
  }

  private validate(obj: KubeObject, ...lists: ErrorList[]): void {
    const seen = new Set<string>();
    const errs = lists.flat().filter((e) => !seen.has(errorString(e)) && seen.add(errorString(e)));
    if (errs.length) throw newInvalid({ group: this.def.group, kind: this.def.kind }, obj.metadata.name ?? '', errs);
  }

  /** delete is in delete.ts (graceful deletion, finalizers, propagation). */
  delete(ctx: RequestContext, name: string, options: DeleteOptions, opts: WriteOptions = {}): Promise<DeleteResult> {
    return deleteObject(this, ctx, name, options, opts);
  }
}

/** validateMetaBasics is the part of ValidateObjectMeta the generic store always enforces: names must be usable as path segments. */
export function validateMetaBasics(obj: KubeObject, namespaced: boolean): ErrorList {
  const meta = obj.metadata;
  const errs: ErrorList = [];
  if (!meta.name) {
    errs.push(required('metadata.name', 'name or generateName is required'));
    return errs;
  }
  for (const msg of pathSegmentNameErrors(meta.name)) errs.push(invalid('metadata.name', meta.name, msg));
  if (namespaced && !meta.namespace) errs.push(required('metadata.namespace'));
  return errs;
}

/** pathSegmentNameErrors mirrors path.IsValidPathSegmentName. */
export function pathSegmentNameErrors(name: string): string[] {
  if (name === '.' || name === '..') return [`may not be '${name}'`];
  const out: string[] = [];
  if (name.includes('/')) out.push("may not contain '/'");
  if (name.includes('%')) out.push("may not contain '%'");
  return out;
}

function validateMetaUpdate(obj: KubeObject, old: KubeObject): ErrorList {
  const errs: ErrorList = [];
  if (obj.metadata.uid !== old.metadata.uid) errs.push(invalid('metadata.uid', obj.metadata.uid, 'field is immutable'));
  if (obj.metadata.creationTimestamp !== old.metadata.creationTimestamp) {
    errs.push(invalid('metadata.creationTimestamp', obj.metadata.creationTimestamp, 'field is immutable'));
  }
  const fin = obj.metadata.finalizers ?? [];
  if (old.metadata.deletionTimestamp && fin.some((f) => !(old.metadata.finalizers ?? []).includes(f))) {
    errs.push(forbidden('metadata.finalizers', 'no new finalizers can be added if the object is being deleted'));
  }
  return errs;
}

/** sameObject reports an update that changes nothing but managedFields timestamps (no write, as upstream). */
function sameObject(a: KubeObject, b: KubeObject): boolean {
  // Field by field, metadata last: most updates differ in status or spec and stop there.
  const ra = a as unknown as Record<string, unknown>;
  const rb = b as unknown as Record<string, unknown>;
  for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) {
    if (k !== 'metadata' && !deepEqual(ra[k], rb[k])) return false;
  }
  const strip = (o: KubeObject) => ({ ...o.metadata, managedFields: (o.metadata.managedFields ?? []).map((m) => ({ ...m, time: undefined })) });
  return deepEqual(strip(a), strip(b));
}

/** shouldDeleteDuringUpdate: a deleted object whose last finalizer went away and whose grace period is over. */
function shouldDeleteDuringUpdate(obj: KubeObject): boolean {
  const m = obj.metadata;
  return !!m.deletionTimestamp && !(m.finalizers?.length) && (m.deletionGracePeriodSeconds ?? 0) === 0;
}
