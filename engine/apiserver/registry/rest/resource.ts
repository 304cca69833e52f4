// Mirrors k8s.io/apiserver/pkg/registry/rest (create.go, update.go, delete.go) and the per-resource
// wiring of pkg/registry/<group>/<resource>/storage: what the generic store needs to know to serve a
// resource — its identity for discovery, its Strategy, its subresources and how it prints as a Table.
import type { DeleteOptions, KubeObject, TableColumnDefinition } from '../../../apimachinery/apis/meta/v1/types.js';
import type { ErrorList } from '../../../apimachinery/util/validation/field/errors.js';
import type { Clock } from '../../../util/clock.js';

/** RequestContext is what a strategy may know of the request being served. */
export interface RequestContext {
  namespace: string;
  /** user is the authenticated user's name ("system:anonymous" on the insecure port). */
  user: string;
  clock: Clock;
  /** subresource is "status", "scale", … when the request targets one. */
  subresource?: string;
  /** services hands strategies the shared allocators and lookups (service IPs, node ports, reads). */
  services: StrategyServices;
}

/** StrategyServices are the cluster-wide helpers some strategies need (services allocate IPs). */
export interface StrategyServices {
  serviceIPs: Allocator<string>;
  nodePorts: Allocator<number>;
  /** get reads another object through the store (e.g. admission-like checks); undefined when missing. */
  get(resource: string, namespace: string, name: string): KubeObject | undefined;
}

/**
 * Allocator mirrors pkg/registry/core/service/ipallocator and portallocator: `allocate` takes a
 * specific value (throws a field error message via the returned string when out of range or taken),
 * `allocateNext` picks a free one, `release` frees one.
 */
export interface Allocator<T> {
  /** allocate reserves value; returns an error detail ("provided IP is already allocated") or ''. */
  allocate(value: T): string;
  allocateNext(): T | undefined;
  release(value: T): void;
  has(value: T): boolean;
  /** rangeText is "10.254.0.0/16" or "30000-32767", as messages print it. */
  rangeText(): string;
}

/**
 * Strategy mirrors RESTCreateStrategy + RESTUpdateStrategy + RESTDeleteStrategy. The generic store
 * calls, for a create: defaults → prepareForCreate → validate (+ ObjectMeta) → beforeCreate →
 * write; for an update: defaults → prepareForUpdate → validateUpdate → beforeUpdate → write; for a
 * delete: beforeDelete (keep?) → checkGracefulDelete → (set deletionTimestamp or remove) → afterDelete.
 */
export interface Strategy<T extends KubeObject = KubeObject> {
  namespaceScoped: boolean;
  /** defaults applies the versioned defaults (SetObjectDefaults) to an incoming object. */
  defaults?(obj: T): void;
  /** prepareForCreate clears fields users may not set (status) and sets generation. */
  prepareForCreate(obj: T, ctx: RequestContext): void;
  validate(obj: T, ctx: RequestContext): ErrorList;
  /** beforeCreate runs after validation: allocation (cluster IPs, node ports). May throw StatusError. */
  beforeCreate?(obj: T, ctx: RequestContext): void;
  allowCreateOnUpdate: boolean;
  allowUnconditionalUpdate: boolean;
  /** prepareForUpdate keeps what an update may not change (status on the main resource, spec on status) and bumps generation. */
  prepareForUpdate(obj: T, old: T, ctx: RequestContext): void;
  validateUpdate(obj: T, old: T, ctx: RequestContext): ErrorList;
  beforeUpdate?(obj: T, old: T, ctx: RequestContext): void;
  /**
   * checkGracefulDelete returns the grace period to use (seconds) when the object should be
   * deleted gracefully (pods), or undefined to delete at once.
   */
  checkGracefulDelete?(obj: T, options: DeleteOptions): number | undefined;
  /**
   * beforeDelete lets a resource keep an object a DELETE asks to remove, as the namespace REST's own
   * Delete does: it gets a copy of the stored object, may mark it (deletionTimestamp, phase
   * Terminating) and answers 'keep' to store that copy and answer 200 with it, or 'delete' to go on
   * with the generic deletion (grace period, finalizers, removal).
   */
  beforeDelete?(obj: T, ctx: RequestContext): 'keep' | 'delete';
  /**
   * shouldDeleteDuringUpdate adds a resource's own condition to the generic one (deleted, no
   * finalizers left) under which an update removes the object: namespaces also need empty spec.finalizers.
   */
  shouldDeleteDuringUpdate?(obj: T): boolean;
  /** afterDelete releases what the object held (its cluster IP, node ports). */
  afterDelete?(obj: T, ctx: RequestContext): void;
  /** defaultGarbageCollectionPolicy: upstream keeps "OrphanDependents" for RCs/RSs/Deployments in extensions; apps/v1 is DeleteDependents. */
  defaultGarbageCollectionPolicy?: 'DeleteDependents' | 'OrphanDependents';
}

/** TableConvertor turns objects into Table rows, with the columns `kubectl get` prints. */
export interface TableConvertor<T extends KubeObject = KubeObject> {
  columns: TableColumnDefinition[];
  /** row returns the cells for one object (same order as columns); `now` is for AGE. */
  row(obj: T, now: number): unknown[];
}

/** ScaleAccess maps a resource to autoscaling/v1 Scale (spec.replicas, status.replicas, selector). */
export interface ScaleAccess<T extends KubeObject = KubeObject> {
  specReplicas(obj: T): number;
  setSpecReplicas(obj: T, replicas: number): void;
  statusReplicas(obj: T): number;
  /** selector returns the label selector as a string ("app=web,tier in (a)"). */
  selector(obj: T): string;
}

/**
 * VersionConversion serves a resource in a version other than the one it is stored in
 * (autoscaling/v1 over stored autoscaling/v2 objects), as the scheme's conversions do upstream.
 */
export interface VersionConversion {
  /** storageVersion is the version whose store holds the objects. */
  storageVersion: string;
  /** toStorage converts an object of this version; old is the stored object a write replaces, for what this version cannot carry. */
  toStorage(obj: KubeObject, old: KubeObject | undefined): KubeObject;
  /** fromStorage converts a stored object into this version. */
  fromStorage(obj: KubeObject): KubeObject;
}

/** ResourceDefinition is everything the API server serves for one resource. */
export interface ResourceDefinition<T extends KubeObject = KubeObject> {
  group: string;
  version: string;
  kind: string;
  listKind: string;
  /** resource is the plural lower-case name ("pods"). */
  resource: string;
  singular: string;
  shortNames: string[];
  categories: string[];
  namespaced: boolean;
  verbs: string[];
  strategy: Strategy<T>;
  /** statusStrategy serves `<resource>/status` when present. */
  statusStrategy?: Strategy<T>;
  /** finalizeStrategy serves PUT `<resource>/finalize` when present (namespaces: spec.finalizers only). */
  finalizeStrategy?: Strategy<T>;
  /**
   * returnDeletedObject mirrors the Store field of that name: a DELETE that removes the object answers
   * with the object instead of a Success Status (pods, services, namespaces, nodes, volumes, claims).
   */
  returnDeletedObject?: boolean;
  scale?: ScaleAccess<T>;
  table: TableConvertor<T>;
  /**
   * selectableFields returns the fields a fieldSelector may use (metadata.name, metadata.namespace
   * and per-resource ones like spec.nodeName, status.phase, involvedObject.*). Other keys → 400.
   */
  selectableFields(obj: T): Record<string, string>;
  /** etcdPrefix is the registry key prefix ("/registry/pods"; services use "/registry/services/specs"). */
  etcdPrefix: string;
  /** conversion, when set, serves this version from the storage version's store (no store of its own). */
  conversion?: VersionConversion;
}
