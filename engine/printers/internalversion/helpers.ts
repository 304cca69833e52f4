// Mirrors the helpers of pkg/printers/internalversion/printers.go: timestamps as ages, container
// cells for -o wide, and the column definitions every table shares.
import type { KubeObject, TableColumnDefinition } from '../../apimachinery/apis/meta/v1/types.js';
import type { Container } from '../../api/core/v1/types.js';
import { humanDuration } from '../../apimachinery/util/duration/duration.js';

/** translateTimestampSince prints how long ago an RFC 3339 time was, or "<unknown>" when unset. */
export function translateTimestampSince(timestamp: string | null | undefined, now: number): string {
  if (!timestamp) return '<unknown>';
  const t = Date.parse(timestamp);
  if (Number.isNaN(t)) return '<unknown>';
  return humanDuration(now - t);
}

/** layoutContainerCells joins container names and images with commas (CONTAINERS, IMAGES). */
export function layoutContainerCells(containers: Container[] | undefined): [string, string] {
  const list = containers ?? [];
  return [list.map((c) => c.name).join(','), list.map((c) => c.image ?? '').join(',')];
}

/** printBoolPtr prints an optional boolean as Go's printers do ("True", "False", "<unset>"). */
export function printBoolPtr(value: boolean | undefined): string {
  if (value === undefined) return '<unset>';
  return value ? 'True' : 'False';
}

export const nameDescription =
  'Name must be unique within a namespace. Is required when creating resources, although some resources may allow a client to request the generation of an appropriate name automatically. Name is primarily intended for creation idempotence and configuration definition. Cannot be updated. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names';

export const creationTimestampDescription =
  'CreationTimestamp is a timestamp representing the server time when this object was created. It is not guaranteed to be set in happens-before order across separate operations. Clients may not set this value. It is represented in RFC3339 form and is in UTC.\n\nPopulated by the system. Read-only. Null for lists. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata';

/** col builds a column definition; priority 1 columns only show with -o wide. */
export function col(name: string, type: string, description: string, priority = 0, format = ''): TableColumnDefinition {
  return { name, type, format, description, priority };
}

export const nameColumn = col('Name', 'string', nameDescription, 0, 'name');
export const ageColumn = col('Age', 'string', creationTimestampDescription);
export const containersColumn = col('Containers', 'string', 'Names of each container in the template.', 1);
export const imagesColumn = col('Images', 'string', 'Images referenced by each container in the template.', 1);

/** selectorColumn is the wide-only SELECTOR column; each resource describes its own selector. */
export function selectorColumn(description: string): TableColumnDefinition {
  return col('Selector', 'string', description, 1);
}

/** podTemplateColumns are AGE, CONTAINERS and IMAGES, which every pod-template workload prints in a row. */
export const podTemplateColumns: TableColumnDefinition[] = [ageColumn, containersColumn, imagesColumn];

/** objectName is the NAME cell. */
export function objectName(obj: KubeObject): string {
  return obj.metadata.name ?? '';
}

/** objectAge is the AGE cell: the time since the object was created. */
export function objectAge(obj: KubeObject, now: number): string {
  return translateTimestampSince(obj.metadata.creationTimestamp, now);
}

/** podTemplateCells fills podTemplateColumns for an object whose pod template has these containers. */
export function podTemplateCells(obj: KubeObject, containers: Container[] | undefined, now: number): [string, string, string] {
  const [names, images] = layoutContainerCells(containers);
  return [objectAge(obj, now), names, images];
}
