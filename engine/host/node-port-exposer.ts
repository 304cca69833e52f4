// NodePorts seen from the real machine: for every NodePort a Service holds, a real listening port
// with the same number on the host's loopback forwards into the first node's NodePort, so
// `curl http://127.0.0.1:30001/` (or a browser) reaches the app inside the cluster. Node-only.
import type { Clientset } from '../client/kubernetes/clientset.js';
import { newSharedInformerFactory } from '../client/informers/factory.js';
import type { Service } from '../api/core/v1/types.js';
import type { NetworkNamespace } from '../net/types.js';
import type { Clock } from '../util/clock.js';
import { forwardPort, type PortForward } from './net-port-forward.js';

export interface NodePortExposerOptions {
  client: Clientset;
  clock: Clock;
  /** node is the node whose NodePorts are forwarded (its host namespace and IP). */
  node: { netns: NetworkNamespace; ip: string };
  listenHost?: string;
  log: (line: string) => void;
}

/** exposeNodePorts keeps real ports in step with the cluster's NodePorts until signal aborts. */
export async function exposeNodePorts(options: NodePortExposerOptions, signal: AbortSignal): Promise<void> {
  const open = new Map<number, PortForward | 'failed'>();
  const factory = newSharedInformerFactory(options.client, options.clock);
  const informer = factory.core().v1().services().informer();
  const lister = factory.core().v1().services().lister();
  const sync = async () => {
    const wanted = new Set<number>();
    for (const svc of lister.list() as Service[]) for (const p of svc.spec?.ports ?? []) if (p.nodePort) wanted.add(p.nodePort);
    for (const port of wanted) {
      if (open.has(port)) continue;
      try {
        open.set(port, await forwardPort({ netns: options.node.netns, target: { host: options.node.ip, port }, listenPort: port, listenHost: options.listenHost ?? '127.0.0.1' }));
        options.log(`NodePort ${port} is open at http://${options.listenHost ?? '127.0.0.1'}:${port}\n`);
      } catch (err) {
        open.set(port, 'failed');
        options.log(`NodePort ${port}: cannot listen on the host (${(err as Error).message})\n`);
      }
    }
    for (const [port, fwd] of open) {
      if (wanted.has(port)) continue;
      open.delete(port);
      if (fwd !== 'failed') await fwd.close();
    }
  };
  let chain = Promise.resolve();
  const schedule = () => void (chain = chain.then(sync, sync));
  informer.addEventHandler({ onAdd: schedule, onUpdate: schedule, onDelete: schedule });
  factory.start(signal);
  await new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
  await chain;
  for (const fwd of open.values()) if (fwd !== 'failed') await fwd.close();
  await factory.shutdown();
}
