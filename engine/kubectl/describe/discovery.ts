// Mirrors the EndpointSliceDescriber (describeEndpointSliceV1) of k8s.io/kubectl/pkg/describe/describe.go:
// address type, a ports table, and each endpoint's addresses, readiness, hostname, target, node and zone.
import type { KubeObject } from '../../apimachinery/apis/meta/v1/types.js';
import { PrefixWriter, describeEvents, printAnnotations, printMap, type Any } from './describe.js';

const orUnset = (v: string | undefined | null) => (v == null ? '<unset>' : v);

export function describeEndpointSlice(eps: KubeObject & Any, events: Any[] | undefined, now: number): string {
  const w = new PrefixWriter();
  w.write(0, `Name:\t${eps.metadata.name}\n`);
  w.write(0, `Namespace:\t${eps.metadata.namespace ?? ''}\n`);
  printMap(w, 0, 'Labels', eps.metadata.labels);
  printAnnotations(w, 0, eps.metadata.annotations);
  w.write(0, `AddressType:\t${eps.addressType ?? ''}\n`);
  const ports: Any[] = eps.ports ?? [];
  if (!ports.length) w.write(0, 'Ports: <unset>\n');
  else {
    w.write(0, 'Ports:\n');
    w.write(1, 'Name\tPort\tProtocol\n');
    w.write(1, '----\t----\t--------\n');
    for (const p of ports) w.write(1, `${p.name ? p.name : '<unset>'}\t${p.port == null ? '<unset>' : String(p.port)}\t${p.protocol ?? ''}\n`);
  }
  const endpoints: Any[] = eps.endpoints ?? [];
  if (!endpoints.length) w.write(0, 'Endpoints: <none>\n');
  else {
    w.write(0, 'Endpoints:\n');
    for (const ep of endpoints) {
      w.write(1, `- Addresses:\t${(ep.addresses ?? []).join(', ') || '<none>'}\n`);
      w.write(2, 'Conditions:\n');
      w.write(3, `Ready:\t${ep.conditions?.ready == null ? '<unset>' : String(ep.conditions.ready)}\n`);
      w.write(2, `Hostname:\t${orUnset(ep.hostname)}\n`);
      if (ep.targetRef) w.write(2, `TargetRef:\t${ep.targetRef.kind ?? ''}/${ep.targetRef.name ?? ''}\n`);
      w.write(2, `NodeName:\t${orUnset(ep.nodeName)}\n`);
      w.write(2, `Zone:\t${orUnset(ep.zone)}\n`);
    }
  }
  if (events) describeEvents(w, events, now);
  return w.done();
}
