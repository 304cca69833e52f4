// Mirrors the meta/v1 part of k8s.io/apimachinery's generated OpenAPI definitions: ObjectMeta,
// ListMeta, Status, DeleteOptions, LabelSelector, Table and the special string types.
import {
  INT_OR_STRING,
  META,
  QUANTITY,
  RAW_EXTENSION,
  T,
  apiVersionField,
  bool,
  int32,
  int64,
  kindField,
  listMetaField,
  listOf,
  ref,
  refP,
  special,
  str,
  strList,
  strMap,
  struct,
  type TypeDef,
  timeField,
} from './builder.js';


export const metaDefs: TypeDef[] = [
  special(INT_OR_STRING, 'Holds either an int32 or a string; JSON carries whichever was written (a port number or a port name, a count or a percentage).', 'IntOrString'),
  special(QUANTITY, 'A fixed-point amount such as "100m" CPU or "64Mi" memory: a number followed by an optional SI (k, M, G…) or binary (Ki, Mi, Gi…) suffix.', 'Quantity'),
  special(META + 'Time', 'A timestamp in RFC 3339 form with second precision, e.g. "2024-01-02T15:04:05Z".', 'Time'),
  special(META + 'MicroTime', 'A timestamp in RFC 3339 form with microsecond precision.', 'MicroTime'),
  special(META + 'FieldsV1', 'The set of fields a manager owns, in the compact trie form of server-side apply.', 'FieldsV1'),
  special(RAW_EXTENSION, 'An embedded object of any kind, kept as JSON.', 'RawExtension'),

  struct(META + 'ObjectMeta', 'Metadata that every persisted resource carries.', {
    name: str('Unique name within the namespace. Required on create unless generateName is set; cannot be changed.'),
    generateName: str('Prefix the server uses to generate a unique name when name is empty.'),
    namespace: str('Namespace the object lives in; empty means "default" for namespaced kinds. Cannot be changed.'),
    selfLink: str('Deprecated; always empty.'),
    uid: str('Unique identity assigned by the server at creation; read-only.'),
    resourceVersion: str('Opaque version of this object for optimistic concurrency and watches; read-only.'),
    generation: int64('Sequence number of a specific generation of the desired state; set by the server.'),
    creationTimestamp: timeField('When the server created this object; read-only.'),
    deletionTimestamp: timeField('When this object will be deleted; set by the server on a graceful delete.'),
    deletionGracePeriodSeconds: int64('Seconds the object is allowed to terminate gracefully; read-only.'),
    labels: strMap('Key/value pairs used to organise and select objects.'),
    annotations: strMap('Arbitrary non-identifying key/value metadata for tools and people.'),
    ownerReferences: listOf(T.ref(META + 'OwnerReference'), 'Objects this one depends on; when all owners are gone it is garbage collected.', {
      strategy: 'merge',
      mergeKey: 'uid',
      listType: 'map',
      mapKeys: ['uid'],
    }),
    finalizers: listOf(T.str, 'Keys that must be removed before the object is deleted from the store.', {
      strategy: 'merge',
      listType: 'set',
    }),
    managedFields: listOf(T.ref(META + 'ManagedFieldsEntry'), 'Which manager owns which fields; maintained by the server.', { listType: 'atomic' }),
  }),

  struct(META + 'ListMeta', 'Metadata of a list response.', {
    selfLink: str('Deprecated; always empty.'),
    resourceVersion: str('Version of the collection, usable to start a watch.'),
    continue: str('Token to fetch the next page when the list was limited.'),
    remainingItemCount: int64('Number of items after this page, when known.'),
  }),

  struct(META + 'OwnerReference', 'Points to an owning object in the same namespace.', {
    apiVersion: str('API version of the owner.', { required: true }),
    kind: str('Kind of the owner.', { required: true }),
    name: str('Name of the owner.', { required: true }),
    uid: str('UID of the owner.', { required: true }),
    controller: bool('True when the owner is the managing controller; at most one owner may be.'),
    blockOwnerDeletion: bool('When true, foreground deletion of the owner waits for this object.'),
  }),

  struct(META + 'ManagedFieldsEntry', 'One manager and the fields it set.', {
    manager: str('Name of the workflow managing these fields.'),
    operation: str('"Apply" or "Update".'),
    apiVersion: str('Version of the fields set.'),
    time: timeField('When the fields were last changed.'),
    fieldsType: str('Format of fieldsV1; only "FieldsV1".'),
    fieldsV1: ref(META + 'FieldsV1', 'The owned field set.'),
    subresource: str('Subresource used for the update, if any.'),
  }),

  struct(META + 'LabelSelector', 'A label query: matchLabels and matchExpressions are ANDed; empty matches everything.', {
    matchLabels: strMap('Exact key=value matches.'),
    matchExpressions: listOf(T.ref(META + 'LabelSelectorRequirement'), 'Set-based requirements.', { listType: 'atomic' }),
  }),

  struct(META + 'LabelSelectorRequirement', 'A key, an operator and values.', {
    key: str('Label key the selector applies to.', { required: true }),
    operator: str('In, NotIn, Exists or DoesNotExist.', { required: true }),
    values: strList('Values for In/NotIn; must be empty for Exists/DoesNotExist.'),
  }),

  struct(META + 'Status', 'The result of an operation that does not return an object, or any error.', {
    apiVersion: apiVersionField(),
    kind: kindField(),
    metadata: listMetaField(),
    status: str('"Success" or "Failure".'),
    message: str('Human-readable description of the result.'),
    reason: str('Machine-readable reason such as NotFound or Invalid.'),
    details: refP(META + 'StatusDetails', 'Extra data about the reason.'),
    code: int32('HTTP status code.'),
  }, [{ group: '', version: 'v1', kind: 'Status' }]),

  struct(META + 'StatusDetails', 'Details of a failure.', {
    name: str('Name of the resource concerned.'),
    group: str('Group of the resource concerned.'),
    kind: str('Kind of the resource concerned.'),
    uid: str('UID of the resource concerned.'),
    causes: listOf(T.ref(META + 'StatusCause'), 'Individual causes, e.g. one per invalid field.', { listType: 'atomic' }),
    retryAfterSeconds: int32('Seconds to wait before retrying.'),
  }),

  struct(META + 'StatusCause', 'One cause of a failure.', {
    reason: str('Machine-readable cause, e.g. FieldValueInvalid.'),
    message: str('Human-readable cause.'),
    field: str('Field path of the cause, e.g. spec.containers[0].name.'),
  }),

  struct(META + 'Preconditions', 'Must hold before a delete is carried out.', {
    uid: str('Target UID.'),
    resourceVersion: str('Target resourceVersion.'),
  }),

  struct(META + 'DeleteOptions', 'Options for a delete request.', {
    apiVersion: apiVersionField(),
    kind: kindField(),
    gracePeriodSeconds: int64('Seconds before the object is deleted; 0 deletes at once.'),
    preconditions: refP(META + 'Preconditions', 'Must hold or the delete is refused with a Conflict.'),
    orphanDependents: bool('Deprecated: use propagationPolicy.'),
    propagationPolicy: str('How dependents are garbage collected: Orphan, Background or Foreground.'),
    dryRun: strList('When present, nothing is persisted. Only "All".'),
  }, [
    { group: '', version: 'v1', kind: 'DeleteOptions' },
    { group: 'apps', version: 'v1', kind: 'DeleteOptions' },
    { group: 'batch', version: 'v1', kind: 'DeleteOptions' },
    { group: 'autoscaling', version: 'v1', kind: 'DeleteOptions' },
    { group: 'autoscaling', version: 'v2', kind: 'DeleteOptions' },
    { group: 'policy', version: 'v1', kind: 'DeleteOptions' },
  ]),

  struct(META + 'WatchEvent', 'One event of a watch stream.', {
    type: str('ADDED, MODIFIED, DELETED, BOOKMARK or ERROR.', { required: true }),
    object: ref(RAW_EXTENSION, 'The object, or a Status for ERROR.', { required: true }),
  }, [
    { group: '', version: 'v1', kind: 'WatchEvent' },
    { group: 'apps', version: 'v1', kind: 'WatchEvent' },
    { group: 'batch', version: 'v1', kind: 'WatchEvent' },
    { group: 'autoscaling', version: 'v1', kind: 'WatchEvent' },
    { group: 'autoscaling', version: 'v2', kind: 'WatchEvent' },
    { group: 'policy', version: 'v1', kind: 'WatchEvent' },
  ]),

  struct(META + 'Table', 'A tabular view of objects, as `kubectl get` prints it.', {
    apiVersion: apiVersionField(),
    kind: kindField(),
    metadata: listMetaField(),
    columnDefinitions: listOf(T.ref(META + 'TableColumnDefinition'), 'The columns.', { listType: 'atomic' }, { required: true }),
    rows: listOf(T.ref(META + 'TableRow'), 'One row per object.', { listType: 'atomic' }, { required: true }),
  }, [{ group: 'meta.k8s.io', version: 'v1', kind: 'Table' }]),

  struct(META + 'TableColumnDefinition', 'One column of a Table.', {
    name: str('Column header.', { required: true }),
    type: str('OpenAPI type of the cells.', { required: true }),
    format: str('OpenAPI format of the cells (e.g. "name").', { required: true }),
    description: str('What the column shows.', { required: true }),
    priority: int32('0 for columns shown by default; higher for -o wide.', { required: true }),
  }),

  struct(META + 'TableRow', 'One row of a Table.', {
    cells: listOf({ t: 'object' }, 'Cell values, in column order.', { listType: 'atomic' }, { required: true }),
    conditions: listOf(T.ref(META + 'TableRowCondition'), 'Row conditions (e.g. Completed).', { listType: 'atomic' }),
    object: ref(RAW_EXTENSION, 'The object or its metadata, when requested.'),
  }),

  struct(META + 'TableRowCondition', 'A condition of a row.', {
    type: str('Condition type.', { required: true }),
    status: str('True, False or Unknown.', { required: true }),
    reason: str('Machine-readable reason.'),
    message: str('Human-readable message.'),
  }),
];

