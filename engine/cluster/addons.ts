// Add-on settings and the LoadBalancer address controller (the cloud's part of a cluster). The DNS
// add-on runs as pods: see incluster-addons.ts.
import type { Clientset } from '../client/kubernetes/clientset.js';
import { newSharedInformerFactory } from '../client/informers/factory.js';
import { LoadBalancerController } from '../proxy/loadbalancer/controller.js';
import type { Clock } from '../util/clock.js';

/** dnsServiceIP is the kube-dns service's cluster IP (the kubelets' --cluster-dns). */
export const dnsServiceIP = '10.254.0.10';

/** startLoadBalancerController hands out addresses from the pool to LoadBalancer services. */
export function startLoadBalancerController(client: Clientset, clock: Clock, pool: string, signal: AbortSignal): Promise<void> {
  const factory = newSharedInformerFactory(client, clock);
  const controller = new LoadBalancerController({ client, factory, clock, pool, onError: () => undefined });
  factory.start(signal);
  return controller.run(signal).finally(() => factory.shutdown());
}
