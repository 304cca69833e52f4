// The runtime's CNI hook: a sandbox with port mappings gets portmap's chains on its node's nat table,
// stopping the sandbox removes them, and a failing portmap ADD undoes the bridge plugin's work.
import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../engine/util/clock.js';
import { Network } from '../../engine/net/network.js';
import { ContainerdRuntime } from '../../engine/kubelet/cri/runtime-service.js';
import { LocalImageService } from '../../engine/kubelet/cri/image-service.js';
import type { PodSandboxConfig } from '../../engine/kubelet/cri/api.js';
import type { PodSandboxPorts, PortMapping } from '../../engine/kubelet/cri/hostport.js';

function setup() {
  const clock = new VirtualClock(Date.UTC(2026, 0, 1));
  const network = new Network({ clock, podNetwork: '10.244.0.0/16' });
  const machine = network.addMachine({ name: 'n1', ip: '192.168.1.101/24' });
  const rt = new ContainerdRuntime(machine, new LocalImageService(), clock);
  const config = (name: string, portMappings?: PortMapping[], hostNetwork = false): PodSandboxConfig & PodSandboxPorts => ({
    metadata: { name, uid: `uid-${name}`, namespace: 'default', attempt: 0 },
    hostname: name,
    logDirectory: '',
    hostNetwork,
    labels: {},
    annotations: {},
    portMappings,
  });
  const nat = () => machine.host.netfilter.save('nat');
  return { machine, rt, config, nat };
}

describe('ContainerdRuntime hostPorts', () => {
  it('maps the hostPorts of a sandbox while it is ready and unmaps them when it stops', async () => {
    const { rt, config, nat } = setup();
    const id = await rt.runPodSandbox(config('web', [{ protocol: 'TCP', containerPort: 80, hostPort: 8080 }, { protocol: 'TCP', containerPort: 443, hostPort: 0 }]));
    const ip = rt.podSandboxStatus(id).network.ip;
    expect(nat()).toContain(`-p tcp -m tcp --dport 8080 -j DNAT --to-destination ${ip}:80\n`);
    expect(nat()).toContain(`id: \\"${id}\\"" -m multiport --dports 8080 -j CNI-DN-`);
    // A port without hostPort is not mapped.
    expect(nat()).not.toContain(':443');
    await rt.stopPodSandbox(id);
    expect(nat()).not.toContain('CNI-DN-');
    expect(nat()).not.toContain('--dport 8080');
    await rt.removePodSandbox(id);
    expect(rt.listPodSandbox()).toEqual([]);
  });

  it.each([
    { name: 'no port mappings', mappings: undefined, hostNetwork: false },
    { name: 'only container ports', mappings: [{ protocol: 'TCP' as const, containerPort: 80, hostPort: 0 }], hostNetwork: false },
    { name: 'host network (no CNI at all)', mappings: [{ protocol: 'TCP' as const, containerPort: 80, hostPort: 80 }], hostNetwork: true },
  ])('leaves the nat table alone with $name', async ({ mappings, hostNetwork }) => {
    const { rt, config, nat } = setup();
    const before = nat();
    const id = await rt.runPodSandbox(config('p', mappings, hostNetwork));
    expect(nat()).toBe(before);
    await rt.removePodSandbox(id);
    expect(nat()).toBe(before);
  });

  it('fails the sandbox when portmap fails and releases its network', async () => {
    const { rt, config, machine, nat } = setup();
    await expect(rt.runPodSandbox(config('bad', [{ protocol: 'TCP', containerPort: 80, hostPort: 8080, hostIp: 'no-such-host' }]))).rejects.toThrow(
      /^rpc error: code = Unknown desc = failed to setup network for sandbox "[0-9a-f]{64}": plugin type="portmap" failed \(add\): .*host\/network `no-such-host' not found/,
    );
    expect(machine.podNetworks()).toEqual([]);
    expect(nat()).not.toContain('CNI-DN-');
    expect(rt.listPodSandbox()).toEqual([]);
  });
});
