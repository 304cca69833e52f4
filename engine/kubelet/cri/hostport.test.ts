import { describe, it, expect } from 'vitest';
import { VirtualClock } from '../../util/clock.js';
import { Network } from '../../net/network.js';
import type { Pod } from '../../api/core/v1/types.js';
import { formatChainName, forwardPorts, portMappingsOf, toCNIPortMappings, unforwardPorts, type CNIPortMapping } from './hostport.js';

function node() {
  const clock = new VirtualClock(Date.UTC(2026, 0, 1));
  const network = new Network({ clock, podNetwork: '10.244.0.0/16' });
  return network.addMachine({ name: 'n1', ip: '192.168.1.101/24' }).host.netfilter;
}

const web: CNIPortMapping[] = [{ hostPort: 8080, containerPort: 80, protocol: 'tcp' }];

/** rules drops iptables-save's header and footer lines, keeping chains and rules. */
function rules(save: string): string[] {
  return save.split('\n').filter((l) => l.startsWith(':') || l.startsWith('-A'));
}

describe('portmap', () => {
  it('names the per-container chain from sha512(network + id), cut to 28 characters', async () => {
    // sha512("cbr0abc") starts 64e75f641d11615844d68…
    expect(formatChainName('DN-', 'cbr0', 'abc')).toBe('CNI-DN-64e75f641d11615844d68');
    expect((formatChainName('DN-', 'cbr0', 'abd')).length).toBe(28);
    expect(formatChainName('DN-', 'cbr0', 'abd')).not.toBe('CNI-DN-64e75f641d11615844d68');
  });

  it('programs the nat table as iptables-save shows it on a node', async () => {
    const ipt = node();
    const chain = forwardPorts(ipt, { network: 'cbr0', containerID: 'abc', portMappings: [...web, { hostPort: 53, containerPort: 5353, protocol: 'udp', hostIP: '192.168.1.101' }] }, '10.244.1.2');
    expect(chain).toBe('CNI-DN-64e75f641d11615844d68');
    expect(rules(ipt.save('nat'))).toEqual([
      ':PREROUTING ACCEPT [0:0]',
      ':INPUT ACCEPT [0:0]',
      ':OUTPUT ACCEPT [0:0]',
      ':POSTROUTING ACCEPT [0:0]',
      ':CNI-DN-64e75f641d11615844d68 - [0:0]',
      ':CNI-HOSTPORT-DNAT - [0:0]',
      ':CNI-HOSTPORT-MASQ - [0:0]',
      ':CNI-HOSTPORT-SETMARK - [0:0]',
      '-A PREROUTING -m addrtype --dst-type LOCAL -j CNI-HOSTPORT-DNAT',
      '-A OUTPUT -m addrtype --dst-type LOCAL -j CNI-HOSTPORT-DNAT',
      '-A POSTROUTING -m comment --comment "CNI portfwd requiring masquerade" -j CNI-HOSTPORT-MASQ',
      '-A CNI-DN-64e75f641d11615844d68 -s 10.244.1.2/32 -p tcp -m tcp --dport 8080 -j CNI-HOSTPORT-SETMARK',
      '-A CNI-DN-64e75f641d11615844d68 -s 127.0.0.1/32 -p tcp -m tcp --dport 8080 -j CNI-HOSTPORT-SETMARK',
      '-A CNI-DN-64e75f641d11615844d68 -p tcp -m tcp --dport 8080 -j DNAT --to-destination 10.244.1.2:80',
      '-A CNI-DN-64e75f641d11615844d68 -s 10.244.1.2/32 -d 192.168.1.101/32 -p udp -m udp --dport 53 -j CNI-HOSTPORT-SETMARK',
      '-A CNI-DN-64e75f641d11615844d68 -s 127.0.0.1/32 -d 192.168.1.101/32 -p udp -m udp --dport 53 -j CNI-HOSTPORT-SETMARK',
      '-A CNI-DN-64e75f641d11615844d68 -d 192.168.1.101/32 -p udp -m udp --dport 53 -j DNAT --to-destination 10.244.1.2:5353',
      '-A CNI-HOSTPORT-DNAT -p tcp -m comment --comment "dnat name: \\"cbr0\\" id: \\"abc\\"" -m multiport --dports 8080 -j CNI-DN-64e75f641d11615844d68',
      '-A CNI-HOSTPORT-DNAT -p udp -m comment --comment "dnat name: \\"cbr0\\" id: \\"abc\\"" -m multiport --dports 53 -j CNI-DN-64e75f641d11615844d68',
      '-A CNI-HOSTPORT-MASQ -m mark --mark 0x2000/0x2000 -j MASQUERADE',
      '-A CNI-HOSTPORT-SETMARK -m comment --comment "CNI portfwd masquerade mark" -j MARK --set-xmark 0x2000/0x2000',
    ]);
  });

  it('shares the top-level chains between pods and removes only the deleted pod’s chain', async () => {
    const ipt = node();
    const a = forwardPorts(ipt, { network: 'cbr0', containerID: 'a', portMappings: web }, '10.244.1.2');
    const b = forwardPorts(ipt, { network: 'cbr0', containerID: 'b', portMappings: [{ hostPort: 9090, containerPort: 90, protocol: 'tcp' }] }, '10.244.1.3');
    const save = ipt.save('nat');
    // The shared entry rules are not repeated for the second pod.
    expect(save.match(/-A PREROUTING /g)).toHaveLength(1);
    expect(save.match(/-A CNI-HOSTPORT-SETMARK /g)).toHaveLength(1);
    expect(save.match(/-A CNI-HOSTPORT-DNAT /g)).toHaveLength(2);

    unforwardPorts(ipt, { network: 'cbr0', containerID: 'a' });
    const after = ipt.save('nat');
    expect(after).not.toContain(a!);
    expect(after).not.toContain('--dport 8080');
    expect(after).toContain(`-A CNI-HOSTPORT-DNAT -p tcp -m comment --comment "dnat name: \\"cbr0\\" id: \\"b\\"" -m multiport --dports 9090 -j ${b}`);
    expect(after).toContain('-A PREROUTING -m addrtype --dst-type LOCAL -j CNI-HOSTPORT-DNAT');
    // DEL is idempotent.
    unforwardPorts(ipt, { network: 'cbr0', containerID: 'a' });
    expect(ipt.save('nat')).toBe(after);
  });

  it('does nothing without port mappings and splits multiport lists by 15', async () => {
    const ipt = node();
    const before = ipt.save('nat');
    expect(forwardPorts(ipt, { network: 'cbr0', containerID: 'x', portMappings: [] }, '10.244.1.2')).toBeUndefined();
    expect(ipt.save('nat')).toBe(before);
    const many = Array.from({ length: 17 }, (_, i) => ({ hostPort: 10000 + i, containerPort: 80, protocol: 'tcp' }));
    forwardPorts(ipt, { network: 'cbr0', containerID: 'x', portMappings: many }, '10.244.1.2');
    const entries = ipt.save('nat').split('\n').filter((l) => l.startsWith('-A CNI-HOSTPORT-DNAT'));
    expect(entries.map((l) => l.match(/--dports (\S+)/)![1])).toEqual([
      '10000,10001,10002,10003,10004,10005,10006,10007,10008,10009,10010,10011,10012,10013,10014',
      '10015,10016',
    ]);
  });
});

describe('port mappings', () => {
  const pod = (ports: NonNullable<Pod['spec']>['containers'][number]['ports'][]): Pod => ({
    metadata: { name: 'p' },
    spec: { containers: ports.map((p, i) => ({ name: `c${i}`, image: 'nginx', ports: p })) },
  });

  it.each([
    { name: 'no ports', pod: pod([undefined]), kubelet: [], cni: [] },
    {
      name: 'a hostPort and a plain containerPort',
      pod: pod([[{ containerPort: 80, hostPort: 8080 }, { containerPort: 443 }]]),
      kubelet: [{ protocol: 'TCP', containerPort: 80, hostPort: 8080, hostIp: '' }, { protocol: 'TCP', containerPort: 443, hostPort: 0, hostIp: '' }],
      cni: [{ hostPort: 8080, containerPort: 80, protocol: 'tcp', hostIP: undefined }],
    },
    {
      name: 'UDP with a host IP, across containers',
      pod: pod([[{ containerPort: 53, hostPort: 53, protocol: 'UDP', hostIP: '192.168.1.101' }], [{ containerPort: 9000, hostPort: 9000 }]]),
      kubelet: [{ protocol: 'UDP', containerPort: 53, hostPort: 53, hostIp: '192.168.1.101' }, { protocol: 'TCP', containerPort: 9000, hostPort: 9000, hostIp: '' }],
      cni: [{ hostPort: 53, containerPort: 53, protocol: 'udp', hostIP: '192.168.1.101' }, { hostPort: 9000, containerPort: 9000, protocol: 'tcp', hostIP: undefined }],
    },
    {
      name: 'a port name used twice in one container keeps the first',
      pod: pod([[{ name: 'http', containerPort: 80, hostPort: 8080 }, { name: 'http', containerPort: 81, hostPort: 8081 }]]),
      kubelet: [{ protocol: 'TCP', containerPort: 80, hostPort: 8080, hostIp: '' }],
      cni: [{ hostPort: 8080, containerPort: 80, protocol: 'tcp', hostIP: undefined }],
    },
  ])('$name', ({ pod, kubelet, cni }) => {
    const mappings = portMappingsOf(pod);
    expect(mappings).toEqual(kubelet);
    expect(toCNIPortMappings(mappings)).toEqual(cni);
  });
});
