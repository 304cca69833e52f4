// Mirrors cmd/kube-proxy/app/server.go (NewProxyServer, Run): build the informers, the proxier for
// the chosen mode and the service and EndpointSlice configs, then run the sync loop. The command-line entry
// point only parses flags (options.ts) and calls runProxyServer with the node's namespace.
import type { Clientset } from '../client/kubernetes/clientset.js';
import { SharedInformerFactory } from '../client/informers/factory.js';
import type { Netfilter, NetStack } from '../net/types.js';
import type { Clock } from '../util/clock.js';
import type { BaseProxier } from './base-proxier.js';
import { endpointSlicesResource, newEndpointSliceConfig, newServiceConfig } from './config/config.js';
import { Proxier as IptablesProxier } from './iptables/proxier.js';
import { defaultProxyServerConfig, type ProxyServerConfig } from './options.js';
import { Proxier as UserspaceProxier } from './userspace/proxier.js';

export interface ProxyServerOptions {
  client: Clientset;
  clock: Clock;
  /** hostname is the node name (overridden by --hostname-override). */
  hostname: string;
  /** nodeIP is the node's primary address. */
  nodeIP: string;
  netfilter: Netfilter;
  /** stack is the node's host namespace (needed by the userspace mode). */
  stack?: NetStack;
  config?: Partial<ProxyServerConfig>;
  onError?: (err: unknown) => void;
  /**
   * informers, when set, is a factory shared by the kube-proxies of one process (see
   * newSharedProxyInformers): one watch and one cache of services and EndpointSlices instead of one per
   * node, as the controllers of one kube-controller-manager share theirs. Its owner starts and
   * stops it; this server only adds and removes its handlers.
   */
  informers?: SharedInformerFactory;
}

export interface ProxyServer {
  proxier: BaseProxier;
  factory: SharedInformerFactory;
  /** done resolves when the server has stopped. */
  done: Promise<void>;
}

/** runProxyServer starts kube-proxy; abort the signal to stop it. */
export function runProxyServer(options: ProxyServerOptions, signal: AbortSignal): ProxyServer {
  const cfg = { ...defaultProxyServerConfig(), ...options.config };
  const hostname = cfg.hostnameOverride || options.hostname;
  const common = { clock: options.clock, hostname, minSyncPeriod: cfg.minSyncPeriod, syncPeriod: cfg.syncPeriod, onError: options.onError };
  let proxier: BaseProxier;
  if (cfg.mode === 'userspace') {
    if (!options.stack) throw new Error('userspace proxy mode needs the node network namespace');
    proxier = new UserspaceProxier({ ...common, netfilter: options.netfilter, stack: options.stack, hostIP: options.nodeIP, listenIP: cfg.bindAddress, udpIdleTimeout: cfg.udpIdleTimeout });
  } else {
    proxier = new IptablesProxier({
      ...common,
      netfilter: options.netfilter,
      clusterCIDR: cfg.clusterCIDR || undefined,
      masqueradeAll: cfg.masqueradeAll,
      masqueradeBit: cfg.masqueradeBit,
      nodeIP: options.nodeIP,
    });
  }
  const shared = options.informers;
  const factory = shared ?? new SharedInformerFactory(options.client, { clock: options.clock, defaultResync: cfg.configSyncPeriod });
  const serviceConfig = newServiceConfig(factory, proxier);
  const endpointsConfig = newEndpointSliceConfig(factory, proxier);
  if (!shared) factory.start(signal);
  const done = Promise.all([serviceConfig.run(signal), endpointsConfig.run(signal), proxier.syncLoop(signal)]).then(async () => {
    if (!shared) await factory.shutdown();
    if (proxier instanceof UserspaceProxier) proxier.shutdown();
  });
  return { proxier, factory, done };
}

/**
 * newSharedProxyInformers starts the services and EndpointSlices informers that the kube-proxies of one
 * process share (ProxyServerOptions.informers); signal stops them, shutdown() waits for the end.
 */
export function newSharedProxyInformers(client: Clientset, clock: Clock, signal: AbortSignal): SharedInformerFactory {
  const factory = new SharedInformerFactory(client, { clock, defaultResync: defaultProxyServerConfig().configSyncPeriod });
  factory.core().v1().services().informer();
  factory.forResource(endpointSlicesResource).informer();
  factory.start(signal);
  return factory;
}
