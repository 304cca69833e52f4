// Mirrors the cluster DNS add-on's entry point (CoreDNS's main with a Corefile, or kube-dns's
// server.go): watch services and endpoints through shared informers and serve them on UDP 53 in
// the network namespace the caller gives. Used by the cluster-DNS image and by tests.
import type { SharedInformerFactory } from '../client/informers/factory.js';
import type { NetStack, SocketAddress } from '../net/types.js';
import type { Clock } from '../util/clock.js';
import { exchange } from './client.js';
import { Handler } from './handler.js';
import { informerState, newKubernetes } from './kubernetes.js';
import { defaultClusterDNSConfig, type ClusterDNSConfig } from './options.js';
import { Server } from './server.js';

export interface ClusterDNSOptions {
  factory: SharedInformerFactory;
  stack: NetStack;
  clock: Clock;
  config?: Partial<ClusterDNSConfig>;
}

export interface ClusterDNS {
  server: Server;
  handler: Handler;
  address: SocketAddress;
  stop(): void;
}

/** startClusterDNS registers the informers it needs (start the factory afterwards) and binds the server. */
export async function startClusterDNS(options: ClusterDNSOptions): Promise<ClusterDNS> {
  const cfg = { ...defaultClusterDNSConfig(), ...options.config };
  const kubernetes = newKubernetes(informerState(options.factory, cfg.pods === 'verified'), { zones: cfg.zones, ttl: cfg.ttl, pods: cfg.pods, fallthrough: cfg.fallthrough });
  const upstreams = cfg.upstreams.filter((u) => !u.startsWith('/'));
  const forward = upstreams.length
    ? async (req: Parameters<typeof exchange>[0]) => {
        // forward's default policy is random; trying in order keeps answers deterministic.
        let lastErr: unknown;
        for (const server of upstreams) {
          try {
            return await exchange(req, { stack: options.stack, clock: options.clock, server, timeoutMs: 2000 });
          } catch (err) {
            lastErr = err;
          }
        }
        throw lastErr;
      }
    : undefined;
  const handler = new Handler(kubernetes, { clock: options.clock, forward });
  const server = new Server({ stack: options.stack, handler, port: cfg.port, address: cfg.address });
  const address = await server.start();
  return { server, handler, address, stop: () => server.stop() };
}
