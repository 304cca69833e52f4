// The `kubelet` command (cmd/kubelet/app/server.go): flags → KubeletOptions → a running Kubelet on
// one machine of the dataplane. Wiring only and web-standard: the caller supplies the transport,
// clock and machine, so `kubelab up`, the browser worker and tests start kubelets in process.
import { newForTransport } from '../client/kubernetes/clientset.js';
import type { Transport } from '../client/transport.js';
import type { Machine } from '../net/machine.js';
import type { FileSystem } from '../images/types.js';
import type { Clock } from '../util/clock.js';
import { Kubelet, type KubeletOptions } from '../kubelet/kubelet.js';
import { parseFlags } from './kubelab/flags.js';

export const kubeletUsage = `Usage: kubelet [--hostname-override NAME] [--register-node=true|false] [--node-labels k=v,...] [--node-status-update-frequency 10s] [--sync-frequency 1m] [--cluster-dns IP,...] [--cluster-domain cluster.local] [--pod-manifest-path DIR] [--file-check-frequency 20s] [--max-pods 110] [--cpu N] [--memory Q]
`;

export interface KubeletIO {
  transport: Transport;
  clock: Clock;
  machine: Machine;
  stderr(s: string): void;
  signal: AbortSignal;
  hostFs?: FileSystem;
  nfs?(server: string, path: string): FileSystem;
  /** onKubelet receives the kubelet once built (the kubelet server, `kubelab status`, tests). */
  onKubelet?(k: Kubelet): void;
}

/** parseDuration reads Go durations as flags carry them ("10s", "1m", "1m30s", "500ms"). */
export function parseDuration(text: string): number {
  const re = /(\d+(?:\.\d+)?)(ms|s|m|h)/g;
  let total = 0;
  let consumed = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    total += Number(m[1]) * { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[m[2] as 'ms']!;
    consumed += m[0].length;
  }
  if (consumed !== text.length || text.length === 0) throw new Error(`invalid duration "${text}"`);
  return total;
}

/** parseOptions turns kubelet flags into KubeletOptions (without the IO parts). */
export function parseOptions(argv: string[]): Partial<KubeletOptions> {
  const flags = parseFlags(argv, {
    values: ['pod-manifest-path', 'file-check-frequency', 'hostname-override', 'node-labels', 'node-status-update-frequency', 'sync-frequency', 'cluster-dns', 'cluster-domain', 'max-pods', 'cpu', 'memory', 'kubeconfig', 'v'],
    booleans: ['register-node'],
  });
  const v = (k: string) => flags.values.get(k);
  const opts: Partial<KubeletOptions> = {};
  if (v('hostname-override')) opts.nodeName = v('hostname-override');
  if (v('register-node') !== undefined) opts.registerNode = v('register-node') !== 'false';
  if (v('node-labels')) opts.nodeLabels = Object.fromEntries(v('node-labels')!.split(',').filter(Boolean).map((kv) => kv.split('=') as [string, string]));
  if (v('node-status-update-frequency')) opts.nodeStatusUpdateFrequency = parseDuration(v('node-status-update-frequency')!);
  if (v('sync-frequency')) opts.syncFrequency = parseDuration(v('sync-frequency')!);
  if (v('cluster-dns')) opts.clusterDNS = v('cluster-dns')!.split(',');
  if (v('cluster-domain')) opts.clusterDomain = v('cluster-domain');
  if (v('pod-manifest-path')) opts.podManifestPath = v('pod-manifest-path');
  if (v('file-check-frequency')) opts.fileCheckFrequency = parseDuration(v('file-check-frequency')!);
  const capacity: Record<string, string> = {};
  if (v('max-pods')) capacity.pods = v('max-pods')!;
  if (v('cpu')) capacity.cpu = v('cpu')!;
  if (v('memory')) capacity.memory = v('memory')!;
  if (Object.keys(capacity).length) opts.capacity = capacity;
  return opts;
}

/** runKubelet runs until io.signal aborts; it returns the exit code. */
export async function runKubelet(argv: string[], io: KubeletIO): Promise<number> {
  let opts: Partial<KubeletOptions>;
  try {
    opts = parseOptions(argv);
  } catch (err) {
    io.stderr(`Error: ${(err as Error).message}\n${kubeletUsage}`);
    return 1;
  }
  const name = opts.nodeName ?? io.machine.name;
  const kubelet = new Kubelet({
    ...opts,
    client: newForTransport(io.transport, `kubelet/v1.32.0 (linux/amd64) kubernetes/${name}`),
    clock: io.clock,
    machine: io.machine,
    hostFs: io.hostFs,
    nfs: io.nfs,
    log: (msg) => io.stderr(`${msg}\n`),
  });
  io.onKubelet?.(kubelet);
  await kubelet.run(io.signal);
  return 0;
}
