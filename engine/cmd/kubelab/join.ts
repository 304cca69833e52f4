// `kubelab join NAME …`: one node machine in this process, what `kubelab up --processes` starts for
// every node (kubeadm join's role): the machine dials the master's underlay, its kubelet and
// kube-proxy reach the API server over HTTP, and its kubelet server and node shell listen on a
// loopback port, printed as one JSON line {name, url, pid} once it serves. Runs until interrupted
// (or, with --exit-with-stdin, until its parent goes away).
import { httpTransport } from '../../client/transport.js';
import { startNodeMachine } from '../../cluster/node-process.js';
import { serve } from '../../host/http-server.js';
import { httpDialer } from '../../host/underlay-http.js';
import { tcpDialer } from '../../host/underlay-tcp.js';
import { mustParseCIDR, parseCIDR } from '../../net/ip/addr.js';
import { ReplicatedLeaseStore } from '../../net/link/replicated-lease-store.js';
import { StreamUnderlay } from '../../net/link/stream-underlay.js';
import { Network } from '../../net/network.js';
import { RealClock } from '../../util/clock.js';
import { parseFlags, portFlag } from './flags.js';

export const joinUsage = `Run one node machine of a cluster in this process: its network stack on the cluster's underlay,
a kubelet and a kube-proxy talking to the API server. "kubelab up --processes" runs one per node.

Options:
  --node-ip IP/BITS              the machine's address, e.g. 192.168.1.102/24 (required)
  --server URL                   the API server (required)
  --underlay URL                 the master's underlay: tcp://HOST:PORT or http://HOST:PORT (required)
  --pod-cidr CIDR                the node's pod subnet (routing mode; the overlay leases one)
  --network routing|overlay      how pods on different nodes reach each other (default routing)
  --pod-network CIDR             the cluster's pod network (default 172.17.0.0/16)
  --service-cluster-ip-range CIDR
  --proxy-mode iptables|userspace
  --address IP  --port N         where the kubelet server listens (default 127.0.0.1, a free port)
  --exit-with-stdin              stop when standard input closes (the parent's lifeline)
  -- FLAGS…                      kubelet flags (e.g. --node-status-update-frequency 2s)

Usage:
  kubelab join NAME --node-ip IP/BITS --server URL --underlay URL [options] [-- KUBELET FLAGS…]
`;

export interface JoinIO {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  /** untilStopped resolves on Ctrl-C or SIGTERM. */
  untilStopped: Promise<void>;
}

/** stdinClosed resolves when this process's standard input ends (its parent died or closed it). */
function stdinClosed(): Promise<void> {
  return new Promise((resolve) => {
    process.stdin.on('end', () => resolve()).on('close', () => resolve()).on('error', () => resolve());
    process.stdin.resume();
  });
}

export async function join(argv: string[], io: JoinIO): Promise<number> {
  if (argv.includes('-h') || argv.includes('--help')) return io.stdout(joinUsage), 0;
  const sep = argv.indexOf('--');
  const kubeletFlags = sep < 0 ? [] : argv.slice(sep + 1);
  const flags = parseFlags(sep < 0 ? argv : argv.slice(0, sep), {
    values: ['node-ip', 'server', 'underlay', 'pod-cidr', 'network', 'pod-network', 'service-cluster-ip-range', 'proxy-mode', 'address', 'port'],
    booleans: ['exit-with-stdin'],
  });
  const [name, ...extra] = flags.positional;
  const need = (k: string): string => {
    const v = flags.values.get(k);
    if (v === undefined) throw new Error(`--${k} is required\nSee 'kubelab join --help'.`);
    return v;
  };
  if (!name) throw new Error(`kubelab join needs a node name\nSee 'kubelab join --help'.`);
  if (extra.length) throw new Error(`unexpected argument "${extra[0]}"\nSee 'kubelab join --help'.`);
  const ip = need('node-ip');
  if (!parseCIDR(ip)) throw new Error(`invalid value "${ip}" for --node-ip: must be an address with its prefix, e.g. 192.168.1.102/24`);
  const server = need('server');
  const underlayText = need('underlay');
  const underlayURL = (() => {
    try {
      return new URL(underlayText);
    } catch {
      return undefined;
    }
  })();
  const mode = flags.values.get('network') ?? 'routing';
  if (mode !== 'routing' && mode !== 'overlay') throw new Error(`invalid value "${mode}" for --network: must be routing or overlay`);
  const proxyMode = flags.values.get('proxy-mode') ?? 'iptables';
  if (proxyMode !== 'iptables' && proxyMode !== 'userspace') throw new Error(`invalid value "${proxyMode}" for --proxy-mode: must be iptables or userspace`);
  const dialer =
    underlayURL?.protocol === 'tcp:' ? tcpDialer(Number(underlayURL.port), underlayURL.hostname)
    : underlayURL?.protocol === 'http:' ? httpDialer(underlayURL.origin)
    : undefined;
  if (!dialer) throw new Error(`invalid value "${underlayText}" for --underlay: must be tcp://HOST:PORT or http://HOST:PORT`);

  const clock = new RealClock();
  // RealClock's timers do not hold the process open; this process must live until it is stopped.
  const keepAlive = setInterval(() => undefined, 1 << 30);
  const stopped = Promise.race([io.untilStopped, ...(flags.values.get('exit-with-stdin') === 'true' ? [stdinClosed()] : [])]);
  const underlay = new StreamUnderlay({ name, clock, log: (line) => io.stderr(`${line}\n`) });
  const leaseStore = mode === 'overlay' ? new ReplicatedLeaseStore(underlay) : undefined;
  const network = new Network({
    clock,
    mode,
    underlay,
    leaseStore,
    podNetwork: flags.values.get('pod-network'),
    serviceCidr: flags.values.get('service-cluster-ip-range'),
    // Machines of different processes draw MACs and ports from differently seeded generators.
    seed: mustParseCIDR(ip).addr,
  });
  underlay.connect(dialer);
  // The master's machines, routes and subnet leases arrive before this machine claims its own.
  const synced = await Promise.race([underlay.ready().then(() => true), stopped.then(() => false)]);
  if (!synced) {
    underlay.close();
    clearInterval(keepAlive);
    return 1;
  }
  const machine = startNodeMachine({
    name,
    ip,
    podCidr: flags.values.get('pod-cidr'),
    network,
    transport: httpTransport(server),
    clock,
    proxyMode,
    kubeletFlags,
    onError: (component, err) => io.stderr(`${component}: ${(err as Error)?.message ?? String(err)}\n`),
  });
  const served = await serve(machine.handler, { port: portFlag(flags, 'port', 0), host: flags.values.get('address') ?? '127.0.0.1' });
  io.stdout(`${JSON.stringify({ name, url: served.url, pid: process.pid })}\n`);

  await stopped;
  // A kubelet in the middle of starting a pod may take long to notice; the machine goes down regardless.
  await Promise.race([machine.stop(), clock.sleep(5_000)]);
  await served.close();
  underlay.close();
  clearInterval(keepAlive);
  return 0;
}
