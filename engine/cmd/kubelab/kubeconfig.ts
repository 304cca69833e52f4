// `kubelab kubeconfig`: where the running cluster's kubeconfig is, or (--print) what is in it.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dataDirOf } from '../../host/admin-client.js';
import { kubeconfigPath } from '../../host/cluster-state.js';
import { parseFlags } from './flags.js';
import { wantsHelp, type CommandIO } from './admin.js';

export const kubeconfigUsage = `Print the path of the kubeconfig that "kubelab up" wrote, or its content.

Examples:
  # Point the real kubectl at the cluster
  export KUBECONFIG=$(kubelab kubeconfig)

  # Show the file
  kubelab kubeconfig --print

Options:
  --data-dir DIR   the cluster's data directory (default $KUBELAB_DATA_DIR or ./.kubelab)
  --print          print the kubeconfig instead of its path

Usage:
  kubelab kubeconfig [--print] [--data-dir DIR]
`;

export async function kubeconfig(argv: string[], io: CommandIO): Promise<number> {
  if (wantsHelp(argv)) return io.stdout(kubeconfigUsage), 0;
  const flags = parseFlags(argv, { values: ['data-dir'], booleans: ['print'] });
  if (flags.positional.length) throw new Error(`unexpected argument "${flags.positional[0]}"\nSee 'kubelab kubeconfig --help'.`);
  const dataDir = dataDirOf(flags.values.get('data-dir'), io.env);
  const path = kubeconfigPath(dataDir);
  if (!existsSync(path)) {
    io.stderr(`kubelab: no kubeconfig in ${dataDir}: start a cluster with "kubelab up" (or pass --data-dir)\n`);
    return 1;
  }
  io.stdout(flags.values.get('print') === 'true' ? await readFile(path, 'utf8') : `${path}\n`);
  return 0;
}
