// Mirrors pkg/registry/discovery/endpointslice/strategy.go: no status; generation starts at 1 and
// grows with every change of the slice (endpoints, ports or labels, as upstream's
// PrepareForUpdate compares everything but metadata). Leaves out the dropping of disabled fields.
import { deepEqual } from '../../../../apimachinery/api/equality/semantic.js';
import { newStrategy } from '../../core/common/strategy-helpers.js';

export const Strategy = newStrategy({
  gvk: { group: 'discovery.k8s.io', version: 'v1', kind: 'EndpointSlice' },
  namespaced: true,
  prepareForCreate(obj) {
    obj.metadata.generation = 1;
  },
  prepareForUpdate(obj, old) {
    const body = (o: typeof obj) => ({ addressType: o.addressType, endpoints: o.endpoints, ports: o.ports, labels: o.metadata.labels ?? {} });
    const generation = old.metadata.generation ?? 1;
    obj.metadata.generation = deepEqual(body(obj), body(old)) ? generation : generation + 1;
  },
});
