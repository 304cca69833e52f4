// The `kubelab` command: the only wiring code between the engine's components and a terminal.
import { setMaxListeners } from 'node:events';
import { up, upUsage } from './kubelab/up.js';
import { etcdctl, kubectl } from './kubelab/clients.js';
import { gradeCommand } from './kubelab/grade.js';
import { labCommand } from './kubelab/lab.js';
import { clusterCommands, clusterUsage } from './kubelab/cluster-commands.js';

const usage = `kubelab — a Kubernetes cluster engine for learning

Usage:
  kubelab up [--data-dir DIR] [--port N]   start the cluster and print its API URL and kubeconfig
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
        return await up(rest, { stdout, stderr, untilStopped: untilInterrupted() });
      case 'kubectl':
        return await kubectl(rest);
      case 'etcdctl':
        return await etcdctl(rest);
      case 'grade':
        return await gradeCommand(rest, { stdout, stderr });
      case 'lab':
        return await labCommand(rest, { stdout, stderr });
      case undefined:
        stderr(usage);
        return 1;
      case 'help':
      case '--help':
      case '-h':
        stdout(usage);
        return 0;
      default:
        if (Object.hasOwn(clusterCommands, command)) return await clusterCommands[command]!(rest, { stdout, stderr, env: process.env });
        stderr(`kubelab: unknown command "${command}"\n${usage}`);
        return 2;
    }
  } catch (err) {
    stderr(`kubelab: ${(err as Error).message}\n`);
    return 1;
  }
}
