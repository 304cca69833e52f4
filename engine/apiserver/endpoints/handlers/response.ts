// Mirrors k8s.io/apiserver/pkg/endpoints/handlers/response.go (transformResponseObject) and
// rest/table.go: objects and lists as themselves, or as a meta.k8s.io/v1 Table whose rows carry
// PartialObjectMetadata (includeObject=Metadata, the default), the whole object, or nothing.
import type { KubeObject, ListMeta, Table, TableRow } from '../../../apimachinery/apis/meta/v1/types.js';
import { newBadRequest } from '../../../apimachinery/api/errors/errors.js';
import type { ResourceDefinition } from '../../registry/rest/resource.js';

export type IncludeObject = 'None' | 'Metadata' | 'Object';

export function includeObjectOf(url: URL): IncludeObject {
  const v = url.searchParams.get('includeObject') ?? '';
  if (v === '' || v === 'Metadata') return 'Metadata';
  if (v === 'None' || v === 'Object') return v;
  throw newBadRequest(`includeObject: Unsupported value: "${v}": supported values: "None", "Metadata", "Object"`);
}

function partialObjectMetadata(obj: KubeObject) {
  return { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: obj.metadata };
}

/** toTable prints objects with the resource's TableConvertor. */
export function toTable(def: ResourceDefinition, objects: KubeObject[], listMeta: ListMeta, include: IncludeObject, now: number, withColumns = true): Table {
  const rows: TableRow[] = objects.map((obj) => {
    const row: TableRow = { cells: def.table.row(obj, now) };
    if (include === 'Metadata') row.object = partialObjectMetadata(obj);
    else if (include === 'Object') row.object = obj;
    return row;
  });
  return {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata: listMeta,
    columnDefinitions: withColumns ? def.table.columns : [],
    rows,
  };
}
