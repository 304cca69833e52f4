// hostPort on a 3-node cluster, on the virtual clock: nginx with hostPort 8080 answers on its node's
// IP from another machine, from the node itself and from a pod on the same node (hairpin); the
// portmap chains show in that node's `iptables-save -t nat` and go away with the pod.
import { afterEach, describe, expect, it } from 'vitest';
import type { Pod } from '../../engine/api/core/v1/types.js';
import { Scenario } from '../scenarios/harness.js';

const web = (name: string, labels = 'app: web') => `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
  labels: {${labels}}
spec:
  containers:
  - name: nginx
    image: nginx:1.25
    ports:
    - containerPort: 80
      hostPort: 8080
`;

describe('hostPort through the portmap plugin', () => {
  let s: Scenario | undefined;
  afterEach(async () => {
    await s?.stop();
    s = undefined;
  });

  async function start(): Promise<Scenario> {
    s = await Scenario.start();
    return s;
  }

  function nodeOf(s: Scenario, pod: Pod) {
    return s.cluster.nodes.get(pod.spec!.nodeName!)!;
  }

  it('answers on <nodeIP>:8080 from another machine and programs the node’s nat table, until the pod is deleted', async () => {
    const s = await start();
    await s.apply('web.yaml', web('web'));
    const [pod] = await s.running('default', 'app=web', 1);
    const node = nodeOf(s, pod!);
    const podIP = pod!.status!.podIP!;

    const page = await s.tool(s.cluster.master.host, 'curl', ['-s', `http://${node.machine.ip}:8080/`]);
    expect(page.code).toBe(0);
    expect(page.stdout).toContain('<title>Welcome to nginx!</title>');
    // Only the pod's node maps the port.
    const other = [...s.cluster.nodes.values()].find((n) => n !== node)!;
    expect((await s.tool(s.cluster.master.host, 'curl', ['-s', `http://${other.machine.ip}:8080/`])).code).toBe(7);

    const sandbox = node.kubelet!.runtime.listPodSandbox({ labelSelector: { 'io.kubernetes.pod.uid': pod!.metadata.uid! } })[0]!;
    const save = (await s.tool(node.machine.host, 'iptables-save', ['-t', 'nat'])).stdout;
    const chain = save.match(/^:(CNI-DN-[0-9a-f]{21}) - \[0:0\]$/m)?.[1];
    expect(chain).toBeDefined();
    expect(save).toContain('-A PREROUTING -m addrtype --dst-type LOCAL -j CNI-HOSTPORT-DNAT\n');
    expect(save).toContain('-A OUTPUT -m addrtype --dst-type LOCAL -j CNI-HOSTPORT-DNAT\n');
    expect(save).toContain('-A POSTROUTING -m comment --comment "CNI portfwd requiring masquerade" -j CNI-HOSTPORT-MASQ\n');
    expect(save).toContain(`-A CNI-HOSTPORT-DNAT -p tcp -m comment --comment "dnat name: \\"cbr0\\" id: \\"${sandbox.id}\\"" -m multiport --dports 8080 -j ${chain}\n`);
    expect(save).toContain(`-A ${chain} -s ${podIP}/32 -p tcp -m tcp --dport 8080 -j CNI-HOSTPORT-SETMARK\n`);
    expect(save).toContain(`-A ${chain} -s 127.0.0.1/32 -p tcp -m tcp --dport 8080 -j CNI-HOSTPORT-SETMARK\n`);
    expect(save).toContain(`-A ${chain} -p tcp -m tcp --dport 8080 -j DNAT --to-destination ${podIP}:80\n`);
    expect(save).toContain('-A CNI-HOSTPORT-MASQ -m mark --mark 0x2000/0x2000 -j MASQUERADE\n');
    expect(save).toContain('-A CNI-HOSTPORT-SETMARK -m comment --comment "CNI portfwd masquerade mark" -j MARK --set-xmark 0x2000/0x2000\n');
    // The other nodes run no hostPort pod, so they have no portmap chains.
    expect((await s.tool(other.machine.host, 'iptables-save', ['-t', 'nat'])).stdout).not.toContain('CNI-');

    await s.ok('delete', 'pod', 'web');
    await s.waitFor('pod web gone', async () => (await s.pods()).length === 0);
    const after = (await s.tool(node.machine.host, 'iptables-save', ['-t', 'nat'])).stdout;
    expect(after).not.toContain(chain!);
    expect(after).not.toContain('--dport 8080');
    // The shared chains stay, as the plugin never deletes them.
    expect(after).toContain(':CNI-HOSTPORT-DNAT - [0:0]');
    expect((await s.tool(s.cluster.master.host, 'curl', ['-s', `http://${node.machine.ip}:8080/`])).code).toBe(7);
  });

  it('reaches the pod from its own node and, through hairpin masquerade, from a pod on that node', async () => {
    const s = await start();
    await s.apply('web.yaml', web('web'));
    const [pod] = await s.running('default', 'app=web', 1);
    const node = nodeOf(s, pod!);
    const local = await s.tool(node.machine.host, 'curl', ['-s', `http://${node.machine.ip}:8080/`]);
    expect(local.stdout).toContain('<title>Welcome to nginx!</title>');
    const self = await s.tool(s.podNetns(pod!), 'curl', ['-s', `http://${node.machine.ip}:8080/`]);
    expect(self.stdout).toContain('<title>Welcome to nginx!</title>');
  });

  it('places two pods asking for hostPort 8080 on different nodes, each answering on its own node', async () => {
    const s = await start();
    await s.apply('a.yaml', web('web-a'));
    await s.apply('b.yaml', web('web-b'));
    const pods = await s.running('default', 'app=web', 2);
    const nodes = pods.map((p) => p.spec!.nodeName);
    expect(new Set(nodes).size).toBe(2);
    for (const p of pods) {
      const r = await s.tool(s.cluster.master.host, 'curl', ['-s', `http://${nodeOf(s, p).machine.ip}:8080/`]);
      expect(r.stdout).toContain('<title>Welcome to nginx!</title>');
    }
  });
});
