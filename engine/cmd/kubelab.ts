// The `kubelab` command: the only wiring code between the engine's components and a terminal.

const usage = `kubelab — a Kubernetes cluster engine for learning

Usage:
  kubelab up [--data-dir DIR] [--port N]   start the cluster and print its API URL
  kubelab kubectl …                        run Kubelab's kubectl against the cluster
  kubelab etcdctl …                        run Kubelab's etcdctl against the store
`;

export async function main(argv: string[]): Promise<number> {
  const [command] = argv;
  if (!command || command === 'help' || command === '--help' || command === '-h') {
    process.stdout.write(usage);
    return command ? 0 : 1;
  }
  process.stderr.write(`kubelab: unknown command "${command}"\n${usage}`);
  return 2;
}
