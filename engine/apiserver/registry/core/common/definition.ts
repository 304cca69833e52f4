// Mirrors what pkg/registry/<group>/<resource>/storage/storage.go sets on genericregistry.Store
// (names, short names, categories, key prefix) and generic.ObjectMetaFieldsSet, the field-selector
// fields every object has.
import type { KubeObject } from '../../../../apimachinery/apis/meta/v1/types.js';
import type { ResourceDefinition } from '../../rest/resource.js';

/** standardVerbs are the verbs of a resource served by the generic store. */
export const standardVerbs = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];

/**
 * objectMetaFieldsSet is generic.ObjectMetaFieldsSet: metadata.name, plus metadata.namespace for
 * namespaced resources.
 */
export function objectMetaFieldsSet(obj: KubeObject, namespaced: boolean): Record<string, string> {
  const fields: Record<string, string> = { 'metadata.name': obj.metadata.name ?? '' };
  if (namespaced) fields['metadata.namespace'] = obj.metadata.namespace ?? '';
  return fields;
}

type Definition = Omit<ResourceDefinition, 'verbs' | 'shortNames' | 'categories' | 'selectableFields'> &
  Partial<Pick<ResourceDefinition, 'verbs' | 'shortNames' | 'categories'>> & {
    /** fields adds the resource's own selectable fields to the metadata ones. */
    fields?: (obj: KubeObject) => Record<string, string>;
  };

/** defineResource fills the usual defaults (standard verbs, metadata field selectors). */
export function defineResource(def: Definition): ResourceDefinition {
  const { fields, ...rest } = def;
  return {
    verbs: standardVerbs,
    shortNames: [],
    categories: [],
    ...rest,
    selectableFields: (obj) => ({ ...objectMetaFieldsSet(obj, def.namespaced), ...(fields ? fields(obj) : {}) }),
  };
}
