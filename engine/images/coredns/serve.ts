// Mirrors what CoreDNS's kubernetes plugin does at start (plugin/kubernetes/setup.go: build the
// client from the in-cluster config or `endpoint`, start the dnsControl informers, then serve):
// shared by the coredns program and the documents' kube2sky. The informers reach the API server
// over the pod's own network, through the `kubernetes` service, like any program in a pod.
import { newForConfig } from '../../client/kubernetes/clientset.js';
import { newSharedInformerFactory } from '../../client/informers/factory.js';
import { inClusterConfig, urlConfig } from '../../client/rest/incluster/in-cluster-config.js';
import type { Config } from '../../client/rest/config.js';
import { startClusterDNS } from '../../dns/cluster-dns.js';
import type { ClusterDNSConfig } from '../../dns/options.js';
import { untilAborted } from '../lib/process-util.js';
import type { ProcessContext } from '../types.js';

/** resolvConfUpstreams reads forward's "/etc/resolv.conf" nameservers, leaving out the cluster DNS itself. */
export function resolvConfUpstreams(ctx: Pick<ProcessContext, 'fs' | 'env'>): string[] {
  let text = '';
  try {
    text = ctx.fs.readText('/etc/resolv.conf');
  } catch {
    return [];
  }
  const self = ctx.env.KUBE_DNS_SERVICE_HOST;
  return [...text.matchAll(/^\s*nameserver\s+(\S+)/gm)].map((m) => m[1]!).filter((ip) => ip !== self && !ip.startsWith('127.'));
}

/** clientConfig is the in-cluster config, or plain HTTP to masterURL when one is configured. */
export function clientConfig(ctx: ProcessContext, masterURL: string, userAgent: string): Config {
  return masterURL ? urlConfig(ctx.net, masterURL, userAgent) : inClusterConfig(ctx, userAgent);
}

/** serveClusterDNS runs the DNS server in the process's network namespace until SIGTERM or a kill. */
export async function serveClusterDNS(ctx: ProcessContext, cfg: ClusterDNSConfig, userAgent: string, log: (line: string) => void): Promise<number> {
  let config: Config;
  try {
    config = clientConfig(ctx, cfg.kubeMasterURL, userAgent);
  } catch (err) {
    log(`[FATAL] plugin/kubernetes: ${(err as Error).message}`);
    return 1;
  }
  const factory = newSharedInformerFactory(newForConfig(config), ctx.clock);
  const stopInformers = new AbortController();
  let dns;
  try {
    dns = await startClusterDNS({ factory, stack: ctx.net, clock: ctx.clock, config: cfg });
  } catch (err) {
    log(`[FATAL] listen udp ${cfg.address === '0.0.0.0' ? '' : cfg.address}:${cfg.port}: ${(err as Error).message}`);
    return 1;
  }
  // Reflector failures go to the container log, as CoreDNS's klog lines do, not to the host console.
  const kinds = { Service: factory.core().v1().services(), Endpoints: factory.core().v1().endpoints(), ...(cfg.pods === 'verified' ? { Pod: factory.core().v1().pods() } : {}) };
  for (const [kind, informer] of Object.entries(kinds)) {
    informer.informer().setWatchErrorHandler((err) => log(`[ERROR] plugin/kubernetes: Failed to watch *v1.${kind}: ${(err as Error).message ?? String(err)}`));
  }
  factory.start(stopInformers.signal);
  let wake = (): void => {};
  ctx.onSignal((signal) => {
    if (signal === 'SIGTERM' || signal === 'SIGINT') {
      log(`[INFO] ${signal}: Shutting down servers then terminating`);
      wake();
    }
  });
  await Promise.race([untilAborted(ctx), new Promise<void>((resolve) => (wake = resolve))]);
  dns.stop();
  stopInformers.abort();
  await factory.shutdown();
  return 0;
}
