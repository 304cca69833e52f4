// `kubelab ssh <node> -- <cmd…>`: one command in a node's host namespace, with the tools a node
// shell has — iproute2, brctl, iptables, conntrack, ping, nc, curl, wget, nslookup, dig, crictl and
// docker. (Upstream there is no such file: it is what logging into the machine gives you.)
import { NET_TOOLS, type Tool, type ToolIO } from '../net/tools/index.js';
import { dnsServiceIP } from './addons.js';
import type { Cluster, ClusterNode } from './cluster.js';
import { crictl, docker, type NodeRuntime } from './crictl.js';
import { mustGetNode, NodeError } from './node-power.js';

/** nodeShellCommands are the names `kubelab ssh` knows, for help text and the interactive shell. */
export const nodeShellCommands = [...Object.keys(NET_TOOLS), 'crictl', 'docker', 'hostname'].sort();

/** nodeTools returns the node's tool table; crictl and docker read its kubelet's runtime. */
export function nodeTools(cluster: Pick<Cluster, 'clock'>, node: ClusterNode): Record<string, Tool> {
  const runtime = (): NodeRuntime | undefined => {
    const k = node.kubelet;
    return k ? { runtime: k.runtime, images: k.imageService, now: () => cluster.clock.now() } : undefined;
  };
  const cri = (make: (n: NodeRuntime) => Tool, what: string): Tool => async (argv, io, ctx) => {
    const n = runtime();
    if (n) return make(n)(argv, io, ctx);
    io.stderr(`${what}: connect: connect endpoint 'unix:///run/containerd/containerd.sock', make sure you are running as root and the endpoint has been started: no such file or directory\n`);
    return 1;
  };
  return {
    ...NET_TOOLS,
    crictl: cri(crictl, 'crictl'),
    docker: cri(docker, 'docker'),
    hostname: async (argv, io) => {
      io.stdout(argv.includes('-i') ? `${node.machine.ip}\n` : `${node.name}\n`);
      return 0;
    },
  };
}

/** runNodeCommand runs argv in the node's host namespace; a failed machine does not answer. */
export async function runNodeCommand(cluster: Pick<Cluster, 'clock' | 'nodes'>, nodeName: string, argv: string[], io: ToolIO): Promise<number> {
  const node = mustGetNode(cluster, nodeName);
  if (node.failed) throw new NodeError(`ssh: connect to host ${node.machine.ip} port 22: No route to host`, 'Conflict');
  const tools = nodeTools(cluster, node);
  const [name, ...args] = argv;
  if (!name) {
    io.stderr('kubelab ssh: no command given\n');
    return 2;
  }
  const tool = tools[name];
  if (!tool) {
    io.stderr(`sh: ${name}: not found\n`);
    return 127;
  }
  return tool(args, io, {
    netns: node.machine.host,
    clock: cluster.clock,
    machine: node.machine,
    tools,
    // The node resolves through the cluster DNS, so service names work from the node shell too.
    resolv: { nameservers: [dnsServiceIP], search: ['default.svc.cluster.local', 'svc.cluster.local', 'cluster.local'], ndots: 5 },
  });
}
