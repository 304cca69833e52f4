// Mirrors the shared shape of pkg/registry/<group>/<resource>/strategy.go: most strategies clear status
// on create, keep status on update (and spec on the status subresource), start metadata.generation
// at 1 and bump it when the spec changes. newStrategy/newStatusStrategy build those from a few facts
// so each resource's strategy.ts only states what is particular to it.
import type { KubeObject } from '../../../../apimachinery/apis/meta/v1/types.js';
import type { GroupVersionKind } from '../../../../apimachinery/runtime/schema/group-version.js';
import type { RequestContext, Strategy } from '../../rest/resource.js';
import { setObjectDefaults } from '../../../../api/defaults.js';
import { validateObject, validateObjectUpdate } from '../../../../api/validation.js';
import { deepCopy, deepEqual } from '../../../../apimachinery/api/equality/semantic.js';
export { rfc3339 } from '../../../../apimachinery/apis/meta/v1/time.js';

/** setField sets obj[key] to a copy of value, or removes the key when value is undefined. */
export function setField(obj: Record<string, unknown>, key: string, value: unknown): void {
  if (value === undefined) delete obj[key];
  else obj[key] = deepCopy(value);
}

export interface StrategyConfig {
  gvk: GroupVersionKind;
  namespaced: boolean;
  /**
   * initialStatus is the status a created object starts with (upstream clears it); 'keep' leaves
   * what the client sent (nodes register with their status); omitted means the kind has no status.
   */
  initialStatus?: ((obj: KubeObject) => Record<string, unknown>) | 'keep';
  /** tracksGeneration: metadata.generation starts at 1 and grows with every spec change. */
  tracksGeneration?: boolean;
  /** generationAlsoWatches lists more top-level fields whose change bumps generation. */
  generationAlsoWatches?: (obj: KubeObject) => unknown;
  allowCreateOnUpdate?: boolean;
  allowUnconditionalUpdate?: boolean;
  defaultGarbageCollectionPolicy?: Strategy['defaultGarbageCollectionPolicy'];
  prepareForCreate?(obj: KubeObject, ctx: RequestContext): void;
  prepareForUpdate?(obj: KubeObject, old: KubeObject, ctx: RequestContext): void;
}

/** newStrategy builds the main-resource strategy; `extra` adds or overrides hooks (allocation, grace). */
export function newStrategy(cfg: StrategyConfig, extra: Partial<Strategy> = {}): Strategy {
  const hasStatus = cfg.initialStatus !== undefined;
  const base: Strategy = {
    namespaceScoped: cfg.namespaced,
    allowCreateOnUpdate: cfg.allowCreateOnUpdate ?? false,
    allowUnconditionalUpdate: cfg.allowUnconditionalUpdate ?? true,
    defaults: (obj) => setObjectDefaults(cfg.gvk, obj),
    prepareForCreate(obj, ctx) {
      if (typeof cfg.initialStatus === 'function') obj.status = cfg.initialStatus(obj);
      if (cfg.tracksGeneration) obj.metadata.generation = 1;
      cfg.prepareForCreate?.(obj, ctx);
    },
    validate: (obj) => validateObject(cfg.gvk, obj),
    prepareForUpdate(obj, old, ctx) {
      // Updates through the main resource may not change status.
      if (hasStatus) setField(obj, 'status', old.status);
      if (cfg.tracksGeneration) {
        const generation = old.metadata.generation ?? 1;
        const changed =
          !deepEqual(obj.spec, old.spec) ||
          (cfg.generationAlsoWatches !== undefined &&
            !deepEqual(cfg.generationAlsoWatches(obj), cfg.generationAlsoWatches(old)));
        obj.metadata.generation = changed ? generation + 1 : generation;
      }
      cfg.prepareForUpdate?.(obj, old, ctx);
    },
    validateUpdate: (obj, old) => validateObjectUpdate(cfg.gvk, obj, old),
  };
  if (cfg.defaultGarbageCollectionPolicy) base.defaultGarbageCollectionPolicy = cfg.defaultGarbageCollectionPolicy;
  return { ...base, ...extra };
}

/**
 * newStatusStrategy builds the strategy of `<resource>/status`: the spec (and generation) stay as
 * stored, only status and ordinary metadata may change. `keep` names more fields to preserve.
 */
export function newStatusStrategy(
  main: Strategy,
  cfg: StrategyConfig,
  keep?: (obj: KubeObject, old: KubeObject, ctx: RequestContext) => void,
): Strategy {
  return {
    ...main,
    prepareForUpdate(obj, old, ctx) {
      setField(obj, 'spec', old.spec);
      if (old.metadata.generation !== undefined) obj.metadata.generation = old.metadata.generation;
      else delete obj.metadata.generation;
      keep?.(obj, old, ctx);
    },
    validateUpdate: (obj, old) => validateObjectUpdate(cfg.gvk, obj, old),
    beforeCreate: undefined,
    beforeUpdate: undefined,
    afterDelete: undefined,
  };
}

