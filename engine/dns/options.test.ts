import { describe, it, expect } from 'vitest';
import { defaultClusterDNSConfig, parseCorefile, parseFlags } from './options.js';

describe('cluster DNS options', () => {
  it('maps the kube2sky/skydns flags of the documents', () => {
    const cfg = parseFlags(['--domain=cluster.local', '--kube-master-url=http://192.168.1.100:8080', '-addr=0.0.0.0:53', '-nameservers=8.8.8.8:53,8.8.4.4:53']);
    expect(cfg).toMatchObject({ zones: ['cluster.local.', 'in-addr.arpa.'], kubeMasterURL: 'http://192.168.1.100:8080', port: 53, upstreams: ['8.8.8.8:53', '8.8.4.4:53'] });
    expect(parseFlags(['--domain', 'k8s.lab.', '--dns-port=10053']).zones[0]).toBe('k8s.lab.');
    expect(() => parseFlags(['--bogus'])).toThrow('flag provided but not defined: -bogus');
  });

  it("accepts kube2sky's underscore spelling -kube_master_url", () => {
    expect(parseFlags(['-kube_master_url=http://192.168.1.100:8080', '-domain=cluster.local']).kubeMasterURL).toBe('http://192.168.1.100:8080');
  });

  it('reads the kubernetes and forward plugins of a Corefile', () => {
    const cfg = parseCorefile(`.:53 {
    errors
    health
    kubernetes cluster.local in-addr.arpa ip6.arpa {
       pods insecure
       fallthrough in-addr.arpa ip6.arpa
       ttl 30
    }
    forward . 8.8.8.8 1.1.1.1
    cache 30
}`);
    expect(cfg).toEqual({
      ...defaultClusterDNSConfig(),
      zones: ['cluster.local.', 'in-addr.arpa.', 'ip6.arpa.'],
      pods: 'insecure',
      fallthrough: ['in-addr.arpa.', 'ip6.arpa.'],
      ttl: 30,
      upstreams: ['8.8.8.8', '1.1.1.1'],
    });
  });
});
