// Mirrors printEndpointSlice (formatDiscoveryPorts, formatDiscoveryEndpoints, listWithMoreString) of
// pkg/printers/internalversion/printers.go: `kubectl get endpointslices` prints NAME ADDRESSTYPE
// PORTS ENDPOINTS AGE, the first three ports and addresses and "+ N more..." for the rest.
import type { EndpointSlice, Endpoint, EndpointPort } from '../../api/discovery/v1/types.js';
import type { TableConvertor } from '../../apiserver/registry/rest/resource.js';
import { ageColumn, col, nameColumn, objectAge as age, objectName as name } from './helpers.js';

const max = 3;

/** listWithMoreString joins the shown items, adds "+ N more..." past max, and prints "<unset>" for none. */
function listWithMoreString(list: string[], count: number): string {
  const ret = list.join(',');
  if (count > max) return `${ret} + ${count - max} more...`;
  return ret === '' ? '<unset>' : ret;
}

/** formatDiscoveryPorts prints port numbers; a port without a number prints its name, or "*". */
export function formatDiscoveryPorts(ports: EndpointPort[] | undefined): string {
  const list = (ports ?? []).slice(0, max).map((p) => (p.port != null ? String(p.port) : p.name != null ? p.name : '*'));
  return listWithMoreString(list, ports?.length ?? 0);
}

/** formatDiscoveryEndpoints prints the addresses of every endpoint, three at most. */
export function formatDiscoveryEndpoints(endpoints: Endpoint[] | undefined): string {
  const list: string[] = [];
  let count = 0;
  for (const ep of endpoints ?? []) {
    for (const address of ep.addresses ?? []) {
      if (list.length < max) list.push(address);
      count++;
    }
  }
  return listWithMoreString(list, count);
}

export const endpointSliceTable: TableConvertor = {
  columns: [
    nameColumn,
    col('AddressType', 'string', 'addressType specifies the type of address carried by this EndpointSlice. All addresses in this slice must be the same type. This field is immutable after creation. The following address types are currently supported: * IPv4: Represents an IPv4 Address. * IPv6: Represents an IPv6 Address. * FQDN: Represents a Fully Qualified Domain Name.'),
    col('Ports', 'string', 'ports specifies the list of network ports exposed by each endpoint in this slice. Each port must have a unique name. When ports is empty, it indicates that there are no defined ports. When a port is defined with a nil port value, it indicates "all ports". Each slice may include a maximum of 100 ports.'),
    col('Endpoints', 'string', 'endpoints is a list of unique endpoints in this slice. Each slice may include a maximum of 1000 endpoints.'),
    ageColumn,
  ],
  row: (obj, now) => {
    const slice = obj as unknown as EndpointSlice;
    return [name(obj), slice.addressType ?? '', formatDiscoveryPorts(slice.ports), formatDiscoveryEndpoints(slice.endpoints), age(obj, now)];
  },
};
