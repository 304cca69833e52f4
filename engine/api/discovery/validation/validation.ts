// Mirrors pkg/apis/discovery/validation/validation.go: an EndpointSlice has an address type (fixed
// once created), at most 1000 endpoints of 1 to 100 addresses of that type, at most 100 ports with
// unique DNS-label names, and DNS-label hostnames. Leaves out deprecatedTopology (not in our types).
import { nameIsDNSSubdomain } from '../../../apimachinery/api/validation/generic.js';
import { validateImmutableField, validateObjectMetaUpdate } from '../../../apimachinery/api/validation/objectmeta.js';
import { Path, duplicate, invalid, notSupported, required, tooMany, type ErrorList } from '../../../apimachinery/util/validation/field/errors.js';
import { isDNS1123Label, isDNS1123Subdomain, isIP, isQualifiedName, isValidLabelValue, parseIPv4 } from '../../../apimachinery/util/validation/validation.js';
import { validateObjectMeta } from '../../core/validation/common.js';
import type { Endpoint, EndpointPort, EndpointSlice } from '../v1/types.js';

const supportedAddressTypes = ['FQDN', 'IPv4', 'IPv6'];
const supportedPortProtocols = ['SCTP', 'TCP', 'UDP'];
const maxAddresses = 100;
const maxPorts = 100;
const maxEndpoints = 1000;
const maxZoneHints = 8;

/** ipv6Words expands an IPv6 address into its eight 16-bit words, or undefined. */
function ipv6Words(value: string): number[] | undefined {
  if (!value.includes(':') || !isIP(value)) return undefined;
  const [head, tail] = value.split('::') as [string, string | undefined];
  const parse = (s: string) =>
    s === ''
      ? []
      : s.split(':').flatMap((g) => {
          const v4 = parseIPv4(g);
          return v4 ? [(v4[0]! << 8) | v4[1]!, (v4[2]! << 8) | v4[3]!] : [parseInt(g, 16)];
        });
  const a = parse(head);
  const b = tail === undefined ? [] : parse(tail);
  return [...a, ...new Array<number>(8 - a.length - b.length).fill(0), ...b];
}

/** validateNonSpecialIP mirrors core validation's ValidateNonSpecialIP: no unspecified, loopback or link-local address. */
export function validateNonSpecialIP(address: string, p: Path): ErrorList {
  const errs: ErrorList = [];
  const v4 = parseIPv4(address);
  const v6 = v4 ? undefined : ipv6Words(address);
  if (!v4 && !v6) return [invalid(p, address, 'must be a valid IP address')];
  const unspecified = v4 ? v4.every((o) => o === 0) : v6!.every((w) => w === 0);
  const loopback = v4 ? v4[0] === 127 : v6!.slice(0, 7).every((w) => w === 0) && v6![7] === 1;
  const linkLocal = v4 ? v4[0] === 169 && v4[1] === 254 : (v6![0]! & 0xffc0) === 0xfe80;
  const linkLocalMulticast = v4 ? v4[0] === 224 && v4[1] === 0 && v4[2] === 0 : (v6![0]! & 0xff0f) === 0xff02;
  if (unspecified) errs.push(invalid(p, address, `may not be unspecified (${address})`));
  if (loopback) errs.push(invalid(p, address, 'may not be in the loopback range (127.0.0.0/8, ::1/128)'));
  if (linkLocal) errs.push(invalid(p, address, 'may not be in the link-local range (169.254.0.0/16, fe80::/10)'));
  if (linkLocalMulticast) errs.push(invalid(p, address, 'may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)'));
  return errs;
}

/** isFullyQualifiedDomainName mirrors apimachinery's IsFullyQualifiedDomainName. */
export function isFullyQualifiedDomainName(p: Path, value: string): ErrorList {
  if (!value) return [required(p, '')];
  const name = value.endsWith('.') ? value.slice(0, -1) : value;
  const sub = isDNS1123Subdomain(name);
  if (sub.length) return [invalid(p, name, sub.join(','))];
  const labels = name.split('.');
  if (labels.length < 2) return [invalid(p, name, 'should be a domain with at least two segments separated by dots')];
  for (const label of labels) {
    const errs = isDNS1123Label(label);
    if (errs.length) return [invalid(p, label, errs.join(','))];
  }
  return [];
}

function validateAddress(address: string, addressType: string, p: Path): ErrorList {
  switch (addressType) {
    case 'IPv4':
      return parseIPv4(address) ? validateNonSpecialIP(address, p) : [invalid(p, address, 'must be a valid IPv4 address')];
    case 'IPv6':
      return ipv6Words(address) ? validateNonSpecialIP(address, p) : [invalid(p, address, 'must be a valid IPv6 address')];
    case 'FQDN':
      return isFullyQualifiedDomainName(p, address);
    default:
      return []; // unsupported types are reported once, on addressType
  }
}

function validateEndpoints(endpoints: Endpoint[] | undefined, addressType: string, p: Path): ErrorList {
  const list = endpoints ?? [];
  if (list.length > maxEndpoints) return [tooMany(p, list.length, maxEndpoints)];
  const errs: ErrorList = [];
  list.forEach((ep, i) => {
    const ip = p.index(i);
    const ap = ip.child('addresses');
    const addresses = ep.addresses ?? [];
    if (!addresses.length) errs.push(required(ap, 'must contain at least 1 address'));
    else if (addresses.length > maxAddresses) errs.push(tooMany(ap, addresses.length, maxAddresses));
    addresses.forEach((a, j) => errs.push(...validateAddress(a, addressType, ap.index(j))));
    if (ep.nodeName != null) for (const m of nameIsDNSSubdomain(ep.nodeName, false)) errs.push(invalid(ip.child('nodeName'), ep.nodeName, m));
    if (ep.hostname != null) for (const m of isDNS1123Label(ep.hostname)) errs.push(invalid(ip.child('hostname'), ep.hostname, m));
    if (ep.hints) {
      const fz = ip.child('hints', 'forZones');
      const zones = ep.hints.forZones ?? [];
      if (zones.length > maxZoneHints) errs.push(tooMany(fz, zones.length, maxZoneHints));
      else {
        const seen = new Set<string>();
        zones.forEach((z, k) => {
          const zp = fz.index(k).child('name');
          if (seen.has(z.name)) errs.push(duplicate(zp, z.name));
          else seen.add(z.name);
          for (const m of isValidLabelValue(z.name)) errs.push(invalid(zp, z.name, m));
        });
      }
    }
  });
  return errs;
}

function validatePorts(ports: EndpointPort[] | undefined, p: Path): ErrorList {
  const list = ports ?? [];
  if (list.length > maxPorts) return [tooMany(p, list.length, maxPorts)];
  const errs: ErrorList = [];
  const names = new Set<string>();
  list.forEach((port, i) => {
    const pp = p.index(i);
    const name = port.name ?? '';
    if (name) for (const m of isDNS1123Label(name)) errs.push(invalid(pp.child('name'), name, m));
    if (names.has(name)) errs.push(duplicate(pp.child('name'), name));
    else names.add(name);
    if (port.protocol == null) errs.push(required(pp.child('protocol'), ''));
    else if (!supportedPortProtocols.includes(port.protocol)) errs.push(notSupported(pp.child('protocol'), port.protocol, supportedPortProtocols));
    if (port.appProtocol != null) for (const m of isQualifiedName(port.appProtocol)) errs.push(invalid(pp.child('appProtocol'), port.appProtocol, m));
  });
  return errs;
}

function validateAddressType(addressType: string | undefined): ErrorList {
  const p = Path.root('addressType');
  if (!addressType) return [required(p, '')];
  if (!supportedAddressTypes.includes(addressType)) return [notSupported(p, addressType, supportedAddressTypes)];
  return [];
}

function validateSliceBody(slice: EndpointSlice): ErrorList {
  return [
    ...validateAddressType(slice.addressType),
    ...validateEndpoints(slice.endpoints, slice.addressType, Path.root('endpoints')),
    ...validatePorts(slice.ports, Path.root('ports')),
  ];
}

/** validateEndpointSlice mirrors ValidateEndpointSliceCreate. */
export function validateEndpointSlice(slice: EndpointSlice): ErrorList {
  return [...validateObjectMeta(slice.metadata, true, nameIsDNSSubdomain, Path.root('metadata')), ...validateSliceBody(slice)];
}

/** validateEndpointSliceUpdate mirrors ValidateEndpointSliceUpdate: addressType is immutable. */
export function validateEndpointSliceUpdate(slice: EndpointSlice, old: EndpointSlice): ErrorList {
  return [
    ...validateObjectMetaUpdate(slice.metadata, old.metadata, Path.root('metadata')),
    ...validateSliceBody(slice),
    ...validateImmutableField(slice.addressType, old.addressType, Path.root('addressType')),
  ];
}

export const discoveryValidators = {
  EndpointSlice: { create: validateEndpointSlice, update: validateEndpointSliceUpdate },
};
