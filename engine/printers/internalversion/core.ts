// Mirrors printNamespace, printEndpoints (formatEndpoints), printSecret, printConfigMap,
// printServiceAccount, printEvent and printResourceQuota in
// pkg/printers/internalversion/printers.go, and the default table (NAME, CREATED AT) of
// k8s.io/apiserver/pkg/registry/rest/table.go for kinds without a printer (limit ranges).
import type { KubeObject } from '../../apimachinery/apis/meta/v1/types.js';
import type {
  ConfigMap,
  Endpoints,
  Event,
  Namespace,
  ResourceQuota,
  Secret,
  ServiceAccount,
} from '../../api/core/v1/types.js';
import type { TableConvertor } from '../../apiserver/registry/rest/resource.js';
import { ageColumn, col, creationTimestampDescription, nameColumn, nameDescription, objectAge as age, objectName as name, translateTimestampSince } from './helpers.js';


export const namespaceTable: TableConvertor = {
  columns: [nameColumn, col('Status', 'string', 'The status of the namespace'), ageColumn],
  row: (obj, now) => [name(obj), (obj as unknown as Namespace).status?.phase ?? '', age(obj, now)],
};

/** formatEndpoints prints up to three ip:port pairs and "+ N more..." for the rest. */
export function formatEndpoints(ep: Endpoints): string {
  const subsets = ep.subsets ?? [];
  if (subsets.length === 0) return '<none>';
  const max = 3;
  const list: string[] = [];
  let more = false;
  let count = 0;
  for (const ss of subsets) {
    const addrs = ss.addresses ?? [];
    const ports = ss.ports ?? [];
    if (ports.length === 0) {
      // Headless services may have no ports.
      count += addrs.length;
      for (const a of addrs) {
        if (list.length === max) {
          more = true;
          break;
        }
        list.push(a.ip);
      }
      continue;
    }
    for (const port of ports) {
      count += addrs.length;
      for (const a of addrs) {
        if (list.length === max) {
          more = true;
          break;
        }
        list.push(a.ip.includes(':') ? `[${a.ip}]:${port.port}` : `${a.ip}:${port.port}`);
      }
    }
  }
  const ret = list.join(',');
  return more ? `${ret} + ${count - max} more...` : ret;
}

export const endpointsTable: TableConvertor = {
  columns: [
    nameColumn,
    col('Endpoints', 'string', 'The set of all endpoints is the union of all subsets. Addresses are placed into subsets according to the IPs they share. A single address with multiple ports, some of which are ready and some of which are not (because they come from different containers) will result in the address being displayed in different subsets for the different ports. No address will appear in both Addresses and NotReadyAddresses in the same subset. Sets of addresses and ports that comprise a service.'),
    ageColumn,
  ],
  row: (obj, now) => [name(obj), formatEndpoints(obj as unknown as Endpoints), age(obj, now)],
};

export const secretTable: TableConvertor = {
  columns: [
    nameColumn,
    col('Type', 'string', 'Used to facilitate programmatic handling of secret data. More info: https://kubernetes.io/docs/concepts/configuration/secret/#secret-types'),
    col('Data', 'string', "Data contains the secret data. Each key must consist of alphanumeric characters, '-', '_' or '.'. The serialized form of the secret data is a base64 encoded string, representing the arbitrary (possibly non-string) data value here. Described in https://tools.ietf.org/html/rfc4648#section-4"),
    ageColumn,
  ],
  row(obj, now) {
    const s = obj as unknown as Secret;
    return [name(obj), s.type ?? '', Object.keys(s.data ?? {}).length, age(obj, now)];
  },
};

export const configMapTable: TableConvertor = {
  columns: [
    nameColumn,
    col('Data', 'string', "Data contains the configuration data. Each key must consist of alphanumeric characters, '-', '_' or '.'. Values with non-UTF-8 byte sequences must use the BinaryData field. The keys stored in Data must not overlap with the keys in the BinaryData field, this is enforced during validation process."),
    ageColumn,
  ],
  row(obj, now) {
    const cm = obj as unknown as ConfigMap;
    return [name(obj), Object.keys(cm.data ?? {}).length + Object.keys(cm.binaryData ?? {}).length, age(obj, now)];
  },
};

export const serviceAccountTable: TableConvertor = {
  columns: [
    nameColumn,
    col('Secrets', 'string', 'Secrets is a list of the secrets in the same namespace that pods running using this ServiceAccount are allowed to use. Pods are only limited to this list if this service account has a "kubernetes.io/enforce-mountable-secrets" annotation set to "true". The "kubernetes.io/enforce-mountable-secrets" annotation is deprecated since v1.32. Prefer separate namespaces to isolate access to mounted secrets. This field should not be used to find auto-generated service account token secrets for use outside of pods. Instead, tokens can be requested directly using the TokenRequest API, or service account token secrets can be manually created. More info: https://kubernetes.io/docs/concepts/configuration/secret'),
    ageColumn,
  ],
  row: (obj, now) => [name(obj), ((obj as unknown as ServiceAccount).secrets ?? []).length, age(obj, now)],
};

function formatEventSource(ev: Event): string {
  const component = ev.source?.component || ev.reportingComponent || '';
  const instance = ev.source?.host || ev.reportingInstance || '';
  return instance ? `${component}, ${instance}` : component;
}

export function printEvent(ev: Event, now: number): unknown[] {
  let first = translateTimestampSince(ev.firstTimestamp, now);
  if (!ev.firstTimestamp) first = translateTimestampSince(ev.eventTime, now);
  let last = translateTimestampSince(ev.lastTimestamp, now);
  if (!ev.lastTimestamp) last = first;
  let count = ev.count ?? 0;
  if (ev.series) {
    last = translateTimestampSince(ev.series.lastObservedTime, now);
    count = ev.series.count ?? 0;
  } else if (count === 0) {
    // Singleton events of the events.k8s.io API carry no count.
    count = 1;
  }
  const kind = (ev.involvedObject?.kind ?? '').toLowerCase();
  const target = ev.involvedObject?.name ? `${kind}/${ev.involvedObject.name}` : kind;
  return [
    last,
    ev.type ?? '',
    ev.reason ?? '',
    target,
    ev.involvedObject?.fieldPath ?? '',
    formatEventSource(ev),
    (ev.message ?? '').trim(),
    first,
    count,
    name(ev as unknown as KubeObject),
  ];
}

export const eventTable: TableConvertor = {
  columns: [
    col('Last Seen', 'string', 'The time at which the most recent occurrence of this event was recorded.'),
    col('Type', 'string', 'Type of this event (Normal, Warning), new types could be added in the future'),
    col('Reason', 'string', "This should be a short, machine understandable string that gives the reason for the transition into the object's current status."),
    col('Object', 'string', 'The object that this event is about.'),
    col('Subobject', 'string', 'If referring to a piece of an object instead of an entire object, this string should contain a valid JSON/Go field access statement, such as desiredState.manifest.containers[2]. For example, if the object reference is to a container within a pod, this would take on a value like: "spec.containers{name}" (where "name" refers to the name of the container that triggered the event) or if no container name is specified "spec.containers[2]" (container with index 2 in this pod). This syntax is chosen only to have some well-defined way of referencing a part of an object.', 1),
    col('Source', 'string', 'The component reporting this event. Should be a short machine understandable string.', 1),
    col('Message', 'string', 'A human-readable description of the status of this operation.'),
    col('First Seen', 'string', 'The time at which the event was first recorded. (Time of server receipt is in TypeMeta.)', 1),
    col('Count', 'string', 'The number of times this event has occurred.', 1),
    col('Name', 'string', nameDescription, 1, 'name'),
  ],
  row: (obj, now) => printEvent(obj as unknown as Event, now),
};

export function printResourceQuota(rq: ResourceQuota, now: number): unknown[] {
  const hard = rq.status?.hard ?? {};
  const used = rq.status?.used ?? {};
  const request: string[] = [];
  const limit: string[] = [];
  for (const resource of Object.keys(hard).sort()) {
    const pieces = resource.split('.');
    const target = pieces.length > 1 && pieces[0] === 'limits' ? limit : request;
    target.push(`${resource}: ${String(used[resource] ?? '0')}/${String(hard[resource])}`);
  }
  return [name(rq as unknown as KubeObject), request.join(', '), limit.join(', '), age(rq as unknown as KubeObject, now)];
}

export const resourceQuotaTable: TableConvertor = {
  columns: [
    nameColumn,
    col('Request', 'string', 'Request represents a minimum amount of cpu/memory that a container may consume.'),
    col('Limit', 'string', 'Limits control the maximum amount of cpu/memory that a container may use independent of contention on the node.'),
    ageColumn,
  ],
  row: (obj, now) => printResourceQuota(obj as unknown as ResourceQuota, now),
};

/** defaultTable is the API server's table for kinds without a printer: NAME and CREATED AT. */
export const defaultTable: TableConvertor = {
  columns: [
    { name: 'Name', type: 'string', format: 'name', description: nameDescription, priority: 0 },
    { name: 'Created At', type: 'date', format: '', description: creationTimestampDescription, priority: 0 },
  ],
  row: (obj) => [name(obj), obj.metadata.creationTimestamp ?? null],
};
