// What kubeadm's node join leaves running on a machine (cmd/kube-proxy and cmd/kubelet with the
// cluster's settings): kube-proxy on the node's host namespace and a kubelet pointed at cluster DNS.
// Shared by the cluster in one process and by a node machine in its own process; leaves out the
// bootstrap token and certificate exchange.
import type { Clientset } from '../client/kubernetes/clientset.js';
import type { SharedInformerFactory } from '../client/informers/factory.js';
import type { Transport } from '../client/transport.js';
import { runKubelet } from '../cmd/kubelet.js';
import type { Kubelet } from '../kubelet/kubelet.js';
import type { Machine } from '../net/machine.js';
import { runProxyServer, type ProxyServer } from '../proxy/server.js';
import type { Clock } from '../util/clock.js';
import { dnsServiceIP } from './addons.js';
import type { NodeAgent } from './cluster.js';

export interface NodeComponentsOptions {
  name: string;
  machine: Machine;
  clock: Clock;
  proxyMode?: 'iptables' | 'userspace';
  onError?: (component: string, err: unknown) => void;
}

/** startKubeProxy runs the node's kube-proxy; informers may be a cache shared by one process's nodes. */
export function startKubeProxy(o: NodeComponentsOptions & { client: Clientset; informers?: SharedInformerFactory }, signal: AbortSignal): ProxyServer {
  return runProxyServer(
    {
      client: o.client,
      clock: o.clock,
      hostname: o.name,
      nodeIP: o.machine.ip,
      netfilter: o.machine.host.netfilter,
      stack: o.machine.host.stack,
      config: { mode: o.proxyMode ?? 'iptables' },
      onError: (err) => o.onError?.(`kube-proxy@${o.name}`, err),
      informers: o.informers,
    },
    signal,
  );
}

/** startKubelet runs the node's kubelet against the API server until signal aborts. */
export function startKubelet(
  o: NodeComponentsOptions & { transport: Transport; kubeletFlags?: string[]; onKubelet: (k: Kubelet) => void },
  signal: AbortSignal,
): NodeAgent {
  const flags = ['--cluster-dns', dnsServiceIP, ...(o.kubeletFlags ?? [])];
  const done = runKubelet(flags, {
    transport: o.transport,
    clock: o.clock,
    machine: o.machine,
    stderr: (s) => o.onError?.(`kubelet@${o.name}`, new Error(s.trimEnd())),
    signal,
    onKubelet: o.onKubelet,
  }).catch((err) => o.onError?.(`kubelet@${o.name}`, err));
  return { stop: async () => void (await done) };
}
