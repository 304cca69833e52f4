import { describe, it, expect } from 'vitest';
import { errorString } from '../../../apimachinery/util/validation/field/errors.js';
import { setObjectDefaults } from '../../defaults.js';
import { validateObject, validateObjectUpdate } from '../../validation.js';

const gvk = { group: 'discovery.k8s.io', version: 'v1', kind: 'EndpointSlice' };

/** check defaults a copy (as the server does) and returns the printed errors. */
function check(obj: any): string[] {
  const o = structuredClone(obj);
  setObjectDefaults(gvk, o);
  return validateObject(gvk, o).map(errorString);
}

const slice = (over: object = {}) => ({
  metadata: { name: 'web-abcde', namespace: 'default', labels: { 'kubernetes.io/service-name': 'web' } },
  addressType: 'IPv4',
  endpoints: [{ addresses: ['10.244.1.5'], conditions: { ready: true }, nodeName: 'node-1' }],
  ports: [{ name: 'http', port: 80 }],
  ...over,
});
const ep = (addresses: string[], over: object = {}) => ({ addresses, ...over });

describe('EndpointSlice defaults', () => {
  it('names and gives a protocol to every port', () => {
    const o: any = slice({ ports: [{ port: 80 }, { name: 'dns', port: 53, protocol: 'UDP' }] });
    setObjectDefaults(gvk, o);
    expect(o.ports).toEqual([{ name: '', protocol: 'TCP', port: 80 }, { name: 'dns', port: 53, protocol: 'UDP' }]);
  });
});

describe('EndpointSlice validation', () => {
  it.each([
    ['a valid slice', slice(), []],
    ['an empty placeholder', slice({ endpoints: [], ports: [] }), []],
    ['no addressType', slice({ addressType: '' }), ['addressType: Required value']],
    ['an unknown addressType', slice({ addressType: 'IP' }), ['addressType: Unsupported value: "IP": supported values: "FQDN", "IPv4", "IPv6"']],
    ['an endpoint without addresses', slice({ endpoints: [ep([])] }), ['endpoints[0].addresses: Required value: must contain at least 1 address']],
    ['an IPv6 address in an IPv4 slice', slice({ endpoints: [ep(['fd00::1'])] }), ['endpoints[0].addresses[0]: Invalid value: "fd00::1": must be a valid IPv4 address']],
    ['a loopback address', slice({ endpoints: [ep(['127.0.0.1'])] }), ['endpoints[0].addresses[0]: Invalid value: "127.0.0.1": may not be in the loopback range (127.0.0.0/8, ::1/128)']],
    ['a link-local address', slice({ endpoints: [ep(['169.254.1.1'])] }), ['endpoints[0].addresses[0]: Invalid value: "169.254.1.1": may not be in the link-local range (169.254.0.0/16, fe80::/10)']],
    ['an IPv6 loopback', slice({ addressType: 'IPv6', endpoints: [ep(['::1'])] }), ['endpoints[0].addresses[0]: Invalid value: "::1": may not be in the loopback range (127.0.0.0/8, ::1/128)']],
    ['a valid IPv6 slice', slice({ addressType: 'IPv6', endpoints: [ep(['fd00:10:244::5'])] }), []],
    ['a valid FQDN', slice({ addressType: 'FQDN', endpoints: [ep(['db.example.com'])] }), []],
    ['a one-label FQDN', slice({ addressType: 'FQDN', endpoints: [ep(['db'])] }), ['endpoints[0].addresses[0]: Invalid value: "db": should be a domain with at least two segments separated by dots']],
    ['a bad hostname', slice({ endpoints: [ep(['10.244.1.5'], { hostname: 'Web_1' })] }), [expect.stringMatching(/^endpoints\[0\]\.hostname: Invalid value: "Web_1": a lowercase RFC 1123 label/)]],
    ['a bad nodeName', slice({ endpoints: [ep(['10.244.1.5'], { nodeName: 'Node 1' })] }), [expect.stringMatching(/^endpoints\[0\]\.nodeName: Invalid value: "Node 1": a lowercase RFC 1123 subdomain/)]],
    ['duplicate port names', slice({ ports: [{ name: 'http', port: 80 }, { name: 'http', port: 8080 }] }), ['ports[1].name: Duplicate value: "http"']],
    ['two unnamed ports', slice({ ports: [{ port: 80 }, { port: 8080 }] }), ['ports[1].name: Duplicate value: ""']],
    ['an unsupported protocol', slice({ ports: [{ name: 'http', port: 80, protocol: 'ICMP' }] }), ['ports[0].protocol: Unsupported value: "ICMP": supported values: "SCTP", "TCP", "UDP"']],
    ['a bad port name', slice({ ports: [{ name: 'HTTP', port: 80 }] }), [expect.stringMatching(/^ports\[0\]\.name: Invalid value: "HTTP": a lowercase RFC 1123 label/)]],
    ['duplicate zone hints', slice({ endpoints: [ep(['10.244.1.5'], { hints: { forZones: [{ name: 'a' }, { name: 'a' }] } })] }), ['endpoints[0].hints.forZones[1].name: Duplicate value: "a"']],
  ])('%s', (_what, obj, errs) => {
    expect(check(obj)).toEqual(errs);
  });

  it('caps endpoints at 1000, addresses at 100 and ports at 100', () => {
    const many = Array.from({ length: 1001 }, (_, i) => ep([`10.244.${i >> 8}.${(i & 255) || 1}`]));
    expect(check(slice({ endpoints: many }))).toEqual(['endpoints: Too many: 1001: must have at most 1000 items']);
    const addrs = Array.from({ length: 101 }, (_, i) => `10.244.0.${i + 1}`);
    expect(check(slice({ endpoints: [ep(addrs)] }))).toEqual(['endpoints[0].addresses: Too many: 101: must have at most 100 items']);
    const ports = Array.from({ length: 101 }, (_, i) => ({ name: `p${i}`, port: 1000 + i }));
    expect(check(slice({ ports }))).toEqual(['ports: Too many: 101: must have at most 100 items']);
    expect(check(slice({ endpoints: many.slice(0, 1000), ports: ports.slice(0, 100) }))).toEqual([]);
  });

  it('keeps addressType immutable', () => {
    // As stored: defaulted.
    const old = { ...slice({ ports: [{ name: 'http', protocol: 'TCP', port: 80 }] }), metadata: { ...slice().metadata, resourceVersion: '5' } };
    const next = { ...old, addressType: 'FQDN', endpoints: [ep(['db.example.com'])] };
    expect(validateObjectUpdate(gvk, next, old).map(errorString)).toEqual(['addressType: Invalid value: "FQDN": field is immutable']);
    expect(validateObjectUpdate(gvk, { ...old, endpoints: [ep(['10.244.1.9'])] }, old)).toEqual([]);
  });
});
