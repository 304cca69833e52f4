// NodePorts and hostPorts seen from the real machine: for every NodePort a Service holds, and every
// TCP hostPort of a pod on the first node, a real listening port with the same number on the
// host's loopback forwards into that node's IP, so `curl http://127.0.0.1:30001/` (or a browser)
// reaches the app inside the cluster. Node-only.
import type { Clientset } from '../client/kubernetes/clientset.js';
import { newSharedInformerFactory } from '../client/informers/factory.js';
import type { Pod, Service } from '../api/core/v1/types.js';
import type { NetworkNamespace } from '../net/types.js';
import type { Clock } from '../util/clock.js';
import { forwardPort, type PortForward } from './net-port-forward.js';

export interface NodePortExposerOptions {
  client: Clientset;
  clock: Clock;
  /**
   * node is the node whose ports are forwarded (its host namespace, IP and, if known, name); ip is
   * read for each connection, so a getter may move the forwarding to another node.
   */
  node: { netns: NetworkNamespace; ip: string; name?: string };
  listenHost?: string;
  log: (line: string) => void;
}

/**
 * wantedPorts lists the ports to open and what each one is: every Service's NodePort, then the
 * hostPorts of the node's pods. Only what the node answers on its own IP counts: TCP (the real
 * forward is a stream), no host-network pod (its ports are not mapped), no hostIP other than the
 * node's, and no pod that has finished (its sandbox and rules are gone).
 */
export function wantedPorts(services: Service[], pods: Pod[], node: { ip: string; name?: string }): Map<number, string> {
  const wanted = new Map<number, string>();
  for (const svc of services) for (const p of svc.spec?.ports ?? []) if (p.nodePort) wanted.set(p.nodePort, 'NodePort');
  for (const pod of pods) {
    const onNode = node.name ? pod.spec?.nodeName === node.name : pod.status?.hostIP === node.ip;
    if (!onNode || pod.spec?.hostNetwork) continue;
    if (pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed') continue;
    for (const c of pod.spec?.containers ?? []) {
      for (const p of c.ports ?? []) {
        if (!p.hostPort || (p.protocol ?? 'TCP') !== 'TCP') continue;
        if (p.hostIP && p.hostIP !== '0.0.0.0' && p.hostIP !== node.ip) continue;
        if (!wanted.has(p.hostPort)) wanted.set(p.hostPort, `hostPort of pod ${pod.metadata.namespace ?? 'default'}/${pod.metadata.name}`);
      }
    }
  }
  return wanted;
}

/** exposeNodePorts keeps real ports in step with the cluster's NodePorts and the node's hostPorts until signal aborts. */
export async function exposeNodePorts(options: NodePortExposerOptions, signal: AbortSignal): Promise<void> {
  const open = new Map<number, PortForward | 'failed'>();
  const listenHost = options.listenHost ?? '127.0.0.1';
  const factory = newSharedInformerFactory(options.client, options.clock);
  const services = factory.core().v1().services();
  const pods = factory.core().v1().pods();
  const sync = async () => {
    const wanted = wantedPorts(services.lister().list() as Service[], pods.lister().list() as Pod[], options.node);
    for (const [port, what] of wanted) {
      if (open.has(port)) continue;
      try {
        const node = options.node;
        open.set(port, await forwardPort({ netns: node.netns, target: { get host() { return node.ip; }, port }, listenPort: port, listenHost }));
        options.log(`${label(what, port)} is open at http://${listenHost}:${port}\n`);
      } catch (err) {
        // A port below 1024 needs privileges; one taken by another program stays taken.
        open.set(port, 'failed');
        options.log(`${label(what, port)}: cannot listen on the host (${(err as Error).message})\n`);
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
  services.informer().addEventHandler({ onAdd: schedule, onUpdate: schedule, onDelete: schedule });
  pods.informer().addEventHandler({ onAdd: schedule, onUpdate: schedule, onDelete: schedule });
  factory.start(signal);
  await new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
  await chain;
  for (const fwd of open.values()) if (fwd !== 'failed') await fwd.close();
  await factory.shutdown();
}

/** label reads "NodePort 30001" or "hostPort 8080 of pod default/web". */
function label(what: string, port: number): string {
  return what === 'NodePort' ? `NodePort ${port}` : what.replace('hostPort', `hostPort ${port}`);
}
