// The `kubelab` command: the only wiring code between the engine's components and a terminal.
// Each command's code is loaded when it runs, so `kubelab status` does not load a whole cluster.
import { setMaxListeners } from 'node:events';
import { clusterCommands, clusterUsage } from './kubelab/cluster-commands.js';
import { upUsage } from './kubelab/up-usage.js';

const usage = `kubelab — a Kubernetes cluster engine for learning

Usage:
  kubelab up [--data-dir DIR] [--port N]   start the cluster and print its API URL and kubeconfig
  kubelab up --processes [--nodes N]       the same with one OS process per node machine
  kubelab join NAME --server URL …         run one node machine here (what up --processes starts)
  kubelab kubectl …                        run Kubelab's kubectl against the cluster
  kubelab etcdctl …                        run Kubelab's etcdctl against the cluster's store
  kubelab grade <lab> [--submission DIR]   grade a submission on a fresh cluster (--reporter, --kubeconfig)
  kubelab lab new <id> | validate [<id>]   scaffold a lab, or check solutions pass and starters fail
${clusterUsage}
Options of up:
${upUsage.replace('Usage: ', '  ')}`;

function untilInterrupted(): Promise<void> {
  return new Promise((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
}

export async function main(argv: string[]): Promise<number> {
  // A cluster hangs many components' stop listeners on one AbortSignal; that is by design.
  setMaxListeners(0);
  const [command, ...rest] = argv;
  const stdout = (s: string) => void process.stdout.write(s);
  const stderr = (s: string) => void process.stderr.write(s);
  try {
    switch (command) {
      case 'up':
        // --processes starts node processes with the command that started this one.
        return await (await import('./kubelab/up.js')).up(rest, { stdout, stderr, untilStopped: untilInterrupted(), command: [process.execPath, ...process.execArgv, process.argv[1]!] });
      case 'join':
        return await (await import('./kubelab/join.js')).join(rest, { stdout, stderr, untilStopped: untilInterrupted() });
      case 'kubectl':
        return await (await import('./kubelab/clients.js')).kubectl(rest);
      case 'etcdctl':
        return await (await import('./kubelab/clients.js')).etcdctl(rest);
      case 'grade':
        return await (await import('./kubelab/grade.js')).gradeCommand(rest, { stdout, stderr });
      case 'lab':
        return await (await import('./kubelab/lab.js')).labCommand(rest, { stdout, stderr });
      case undefined:
        stderr(usage);
        return 1;
      case 'help':
      case '--help':
      case '-h':
        stdout(usage);
        return 0;
      default:
        if (Object.hasOwn(clusterCommands, command)) return await (await clusterCommands[command]!())(rest, { stdout, stderr, env: process.env });
        stderr(`kubelab: unknown command "${command}"\n${usage}`);
        return 2;
    }
  } catch (err) {
    stderr(`kubelab: ${(err as Error).message}\n`);
    return 1;
  }
}
