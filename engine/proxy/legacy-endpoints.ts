// Mirrors what pkg/controller/endpointslicemirroring writes for an Endpoints object: each subset as
// an IPv4 EndpointSlice of the same service (ready addresses ready, not-ready ones neither ready nor
// serving). kube-proxy reads only slices; this lets a proxier still be fed legacy Endpoints (the
// proxier tests do). Conversions are cached per object so repeated feeds share slice identities.
import type { Endpoints } from '../api/core/v1/types.js';
import type { Endpoint, EndpointSlice } from '../api/discovery/v1/types.js';
import { LabelServiceName } from './endpointslicecache.js';

const converted = new WeakMap<Endpoints, EndpointSlice[]>();

/** endpointsToSlices turns subset i into the slice "<name>-<i>" of the service <name>. */
export function endpointsToSlices(endpoints: Endpoints): EndpointSlice[] {
  let slices = converted.get(endpoints);
  if (slices) return slices;
  const name = endpoints.metadata.name ?? '';
  slices = (endpoints.subsets ?? []).map((subset, i) => {
    const eps: Endpoint[] = [];
    for (const [list, ready] of [[subset.addresses, true], [subset.notReadyAddresses, false]] as const) {
      for (const a of list ?? []) {
        if (!a.ip) continue;
        const ep: Endpoint = { addresses: [a.ip], conditions: { ready, serving: ready, terminating: false } };
        if (a.nodeName) ep.nodeName = a.nodeName;
        if (a.hostname) ep.hostname = a.hostname;
        eps.push(ep);
      }
    }
    const rv = endpoints.metadata.resourceVersion;
    return {
      apiVersion: 'discovery.k8s.io/v1',
      kind: 'EndpointSlice',
      metadata: {
        name: `${name}-${i}`,
        namespace: endpoints.metadata.namespace ?? 'default',
        labels: { [LabelServiceName]: name },
        ...(rv ? { resourceVersion: rv } : {}),
        ...(endpoints.metadata.uid ? { uid: `${endpoints.metadata.uid}-${i}` } : {}),
      },
      addressType: 'IPv4',
      endpoints: eps,
      ports: (subset.ports ?? []).map((p) => ({ name: p.name ?? '', protocol: p.protocol ?? 'TCP', port: p.port })),
    } satisfies EndpointSlice;
  });
  converted.set(endpoints, slices);
  return slices;
}
