// One service, every dataplane: kube-proxy in iptables and userspace mode, pod networks routed
// between nodes and over the overlay. Two backends on different nodes (told apart by their
// `Server:` header) are both reached through the cluster IP from a pod on a third node and through
// the NodePort of every node from outside, and the node's rules are the mode's own chains.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Pod } from '../../engine/api/core/v1/types.js';
import { Scenario } from './harness.js';

const manifests = `apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  type: NodePort
  selector:
    app: web
  ports:
    - port: 80
      nodePort: 30090
---
apiVersion: v1
kind: Pod
metadata:
  name: web-old
  labels:
    app: web
spec:
  nodeName: node-1
  containers:
    - name: nginx
      image: nginx:1.10.1
---
apiVersion: v1
kind: Pod
metadata:
  name: web-new
  labels:
    app: web
spec:
  nodeName: node-2
  containers:
    - name: nginx
      image: nginx:1.11.9
---
apiVersion: v1
kind: Pod
metadata:
  name: client
spec:
  nodeName: node-3
  containers:
    - name: sh
      image: busybox:1.36
      command: ["sleep", "3600"]
`;

describe.each([
  { proxyMode: 'iptables', network: 'routing', chain: /^:KUBE-SVC-[A-Z0-9]{16} - \[0:0\]$/m },
  { proxyMode: 'iptables', network: 'overlay', chain: /^:KUBE-SVC-[A-Z0-9]{16} - \[0:0\]$/m },
  { proxyMode: 'userspace', network: 'routing', chain: /^:KUBE-PORTALS-CONTAINER - \[0:0\]$/m },
  { proxyMode: 'userspace', network: 'overlay', chain: /^:KUBE-PORTALS-CONTAINER - \[0:0\]$/m },
] as const)('a NodePort service with --proxy-mode=$proxyMode on the $network pod network', ({ proxyMode, network, chain }) => {
  let s: Scenario;
  let client: Pod;
  let clusterIP: string;
  beforeAll(async () => {
    s = await Scenario.start({ proxyMode, network });
    await s.apply('web.yaml', manifests);
    const pods = await s.running('default', '', 3);
    client = pods.find((p) => p.metadata.name === 'client')!;
    clusterIP = (await s.client.coreV1().services('default').get('web')).spec!.clusterIP!;
    await s.waitFor('endpoints', async () => (await s.client.coreV1().endpoints('default').get('web')).subsets?.[0]?.addresses?.length === 2, 30);
    // kube-proxy applies the last endpoints change after its 1s --iptables-min-sync-period.
    await s.idle(2);
  });
  afterAll(async () => {
    await s.stop();
  });

  /** servers curls url n times from netns and counts the Server headers. */
  async function servers(netns: Parameters<Scenario['tool']>[0], url: string, n: number): Promise<Map<string, number>> {
    const seen = new Map<string, number>();
    for (let i = 0; i < n; i++) {
      const r = await s.tool(netns, 'curl', ['-s', '-S', '-I', '-m', '5', url]);
      expect(r.stderr).toBe('');
      expect(r.stdout).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
      const server = /^Server: (\S+)\r$/m.exec(r.stdout)![1]!;
      seen.set(server, (seen.get(server) ?? 0) + 1);
    }
    return seen;
  }

  it('reaches both backends through the cluster IP from a pod on another node', async () => {
    const seen = await servers(s.podNetns(client), `http://${clusterIP}/`, 24);
    expect([...seen.keys()].sort()).toEqual(['nginx/1.10.1', 'nginx/1.11.9']);
  });

  it('reaches the service on the NodePort of every node from outside the cluster', async () => {
    for (const node of s.cluster.nodes.values()) {
      const seen = await servers(s.cluster.master.host, `http://${node.machine.ip}:30090/`, 12);
      expect([...seen.keys()].sort(), node.name).toEqual(['nginx/1.10.1', 'nginx/1.11.9']);
    }
  });

  it("programs the mode's own chains", async () => {
    const rules = await s.tool(s.cluster.nodes.get('node-3')!.machine.host, 'iptables-save', ['-t', 'nat']);
    expect(rules.code).toBe(0);
    expect(rules.stdout).toMatch(chain);
    expect(rules.stdout).toContain('default/web');
  });
});
