// Mirrors k8s.io/api/discovery/v1/generated.proto at v1.32, joined with the Go structs' json tags: field number → JSON name, type, flags.
// Derived mechanically from those two sources: follow upstream rather than editing by hand.
import { REP, MAP, KEEP, type MessageTable } from '../../apimachinery/runtime/serializer/protobuf/schema.js';
const core = 'k8s.io.api.core.v1.';
const discovery = 'k8s.io.api.discovery.v1.';
const meta = 'k8s.io.apimachinery.pkg.apis.meta.v1.';

export const discoveryV1: MessageTable = {
  [discovery + 'Endpoint']: [[1, 'addresses', 's', REP], [2, 'conditions', discovery + 'EndpointConditions'], [3, 'hostname', 's', KEEP], [4, 'targetRef', core + 'ObjectReference'], [5, 'deprecatedTopology', 's', MAP], [6, 'nodeName', 's', KEEP], [7, 'zone', 's', KEEP], [8, 'hints', discovery + 'EndpointHints']],
  [discovery + 'EndpointConditions']: [[1, 'ready', 'b', KEEP], [2, 'serving', 'b', KEEP], [3, 'terminating', 'b', KEEP]],
  [discovery + 'EndpointHints']: [[1, 'forZones', discovery + 'ForZone', REP]],
  [discovery + 'EndpointPort']: [[1, 'name', 's', KEEP], [2, 'protocol', 's', KEEP], [3, 'port', 'i32', KEEP], [4, 'appProtocol', 's', KEEP]],
  [discovery + 'EndpointSlice']: [[1, 'metadata', meta + 'ObjectMeta'], [2, 'endpoints', discovery + 'Endpoint', REP], [3, 'ports', discovery + 'EndpointPort', REP], [4, 'addressType', 's', KEEP]],
  [discovery + 'EndpointSliceList']: [[1, 'metadata', meta + 'ListMeta'], [2, 'items', discovery + 'EndpointSlice', REP]],
  [discovery + 'ForZone']: [[1, 'name', 's', KEEP]],
};
