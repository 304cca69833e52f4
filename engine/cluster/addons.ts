// Cluster add-ons the assembly runs beside the components: the cluster DNS behind the kube-dns
// service (10.254.0.10) and the LoadBalancer address controller (the cloud's part).
// Simplified: DNS runs in the master's host network namespace (like a hostNetwork static pod), and
// its Service has no selector; the assembly writes its Endpoints, as the documents' glusterfs example
// does for servers outside the cluster.
import type { Clientset } from '../client/kubernetes/clientset.js';
import { newSharedInformerFactory } from '../client/informers/factory.js';
import { startClusterDNS, type ClusterDNS } from '../dns/cluster-dns.js';
import type { Machine } from '../net/machine.js';
import { LoadBalancerController } from '../proxy/loadbalancer/controller.js';
import { isAlreadyExists, isNotFound } from '../apimachinery/api/errors/errors.js';
import type { Clock } from '../util/clock.js';

export const dnsServiceIP = '10.254.0.10';

export interface DNSAddon {
  dns: ClusterDNS;
  stop(): Promise<void>;
}

/** startDNSAddon serves cluster DNS on the master and publishes it as kube-system/kube-dns. */
export async function startDNSAddon(client: Clientset, master: Machine, clock: Clock, serviceIP = dnsServiceIP): Promise<DNSAddon> {
  const abort = new AbortController();
  const factory = newSharedInformerFactory(client, clock);
  const dns = await startClusterDNS({ factory, stack: master.host.stack, clock });
  factory.start(abort.signal);
  await ensure(() => client.coreV1().services('kube-system').get('kube-dns'), () =>
    client.coreV1().services('kube-system').create({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'kube-dns', namespace: 'kube-system', labels: { 'k8s-app': 'kube-dns', 'kubernetes.io/name': 'CoreDNS' } },
      spec: {
        clusterIP: serviceIP,
        ports: [
          { name: 'dns', port: 53, protocol: 'UDP', targetPort: 53 },
          { name: 'dns-tcp', port: 53, protocol: 'TCP', targetPort: 53 },
        ],
      },
    }),
  );
  await ensure(() => client.coreV1().endpoints('kube-system').get('kube-dns'), () =>
    client.coreV1().endpoints('kube-system').create({
      apiVersion: 'v1',
      kind: 'Endpoints',
      metadata: { name: 'kube-dns', namespace: 'kube-system', labels: { 'k8s-app': 'kube-dns' } },
      subsets: [{ addresses: [{ ip: master.ip, hostname: master.name }], ports: [{ name: 'dns', port: 53, protocol: 'UDP' }, { name: 'dns-tcp', port: 53, protocol: 'TCP' }] }],
    }),
  );
  return {
    dns,
    async stop() {
      abort.abort();
      dns.stop();
      await factory.shutdown();
    },
  };
}

/** startLoadBalancerController hands out addresses from the pool to LoadBalancer services. */
export function startLoadBalancerController(client: Clientset, clock: Clock, pool: string, signal: AbortSignal): Promise<void> {
  const factory = newSharedInformerFactory(client, clock);
  const controller = new LoadBalancerController({ client, factory, clock, pool, onError: () => undefined });
  factory.start(signal);
  return controller.run(signal).finally(() => factory.shutdown());
}

/**
 * ensure creates an object unless it exists: a service asking for a fixed cluster IP would otherwise
 * fail with "provided IP is already allocated" on a restart, as it does in a real cluster.
 */
async function ensure(get: () => Promise<unknown>, create: () => Promise<unknown>): Promise<void> {
  try {
    await get();
    return;
  } catch (err) {
    if (!isNotFound(err)) throw err;
  }
  try {
    await create();
  } catch (err) {
    if (!isAlreadyExists(err)) throw err;
  }
}
