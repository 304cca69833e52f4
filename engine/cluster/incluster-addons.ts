// No single upstream twin: what kube-up / kubeadm do after the control plane is up — make the API
// server reachable on the master's address (where the `kubernetes` service points) and deploy the
// cluster DNS add-on as pods — and what they wait for before calling the cluster ready.
import type { Cluster } from './cluster.js';
import { dnsServiceIP } from './addons.js';
import { serveAPIServer, type ServedAPIServer } from './incluster-apiserver.js';
import { applyDNSAddon, waitForDNS } from './incluster-dns.js';

export interface InClusterAddons {
  apiserver: ServedAPIServer;
  /** waitForDNS resolves once kube-dns answers from a node (false when it did not in time). */
  waitForDNS(): Promise<boolean>;
  stop(): void;
}

/** startInClusterAddons serves the API server on the master and applies the DNS add-on's objects. */
export async function startInClusterAddons(cluster: Cluster, serviceIP = dnsServiceIP): Promise<InClusterAddons> {
  const apiserver = await serveAPIServer(cluster.master.host.stack, cluster.plane);
  const abort = new AbortController();
  await applyDNSAddon(cluster.client, serviceIP);
  return {
    apiserver,
    async waitForDNS() {
      // Only the default kubelets run the DNS pods; other node agents may not run pods at all.
      const first = [...cluster.nodes.values()][0];
      if (!first || cluster.options.nodeAgent) return false;
      const ok = await waitForDNS(first.machine.host.stack, cluster.clock, serviceIP, { signal: abort.signal });
      if (!ok) cluster.options.onError?.('coredns', new Error(`kube-dns (${serviceIP}) did not answer`));
      return ok;
    },
    stop() {
      abort.abort();
      apiserver.close();
    },
  };
}
