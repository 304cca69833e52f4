// The kubelab commands that act on a running cluster through its admin API, by name, with the
// lines they add to `kubelab --help`. Each is loaded when it runs: a command started from a shell
// should not wait for the code of the others.
import type { CommandIO } from './admin.js';

type Command = (argv: string[], io: CommandIO) => Promise<number>;

export const clusterCommands: Record<string, () => Promise<Command>> = {
  status: async () => (await import('./status.js')).status,
  down: async () => (await import('./down.js')).down,
  kubeconfig: async () => (await import('./kubeconfig.js')).kubeconfig,
  node: async () => (await import('./node.js')).node,
  ssh: async () => (await import('./ssh.js')).ssh,
  trace: async () => (await import('./trace.js')).trace,
};

export const clusterUsage = `  kubelab status [-o json]                 the running cluster: machines, components, modes, URLs
  kubelab down                             stop the running cluster and wait until it has stopped
  kubelab kubeconfig [--print]             the kubeconfig's path (or content) for real kubectl
  kubelab node list|add|fail|recover|remove NAME   machines joining, failing and leaving
  kubelab ssh NODE [-- CMD…]               node shell: ip, iptables-save, crictl ps, docker ps, …
  kubelab trace FROM TO[:PORT]             a connection's path hop by hop with every rule matched
`;
