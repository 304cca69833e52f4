// The kubelab commands that act on a running cluster through its admin API, by name, with the
// lines they add to `kubelab --help`.
import type { CommandIO } from './admin.js';
import { status } from './status.js';
import { down } from './down.js';
import { kubeconfig } from './kubeconfig.js';
import { node } from './node.js';
import { ssh } from './ssh.js';
import { trace } from './trace.js';

export const clusterCommands: Record<string, (argv: string[], io: CommandIO) => Promise<number>> = { status, down, kubeconfig, node, ssh, trace };

export const clusterUsage = `  kubelab status [-o json]                 the running cluster: machines, components, modes, URLs
  kubelab down                             stop the running cluster and wait until it has stopped
  kubelab kubeconfig [--print]             the kubeconfig's path (or content) for real kubectl
  kubelab node list|add|fail|recover|remove NAME   machines joining, failing and leaving
  kubelab ssh NODE [-- CMD…]               node shell: ip, iptables-save, crictl ps, docker ps, …
  kubelab trace FROM TO[:PORT]             a connection's path hop by hop with every rule matched
`;
