// Mirrors k8s.io/kubectl/pkg/cmd/util GetDryRunStrategy: --dry-run=none|client|server.
import type { FlagValues } from './flags.js';

export type DryRun = 'none' | 'client' | 'server';

export function dryRunStrategy(flags: FlagValues): DryRun {
  const v = (flags['dry-run'] as string | undefined) ?? 'none';
  switch (v) {
    case 'client':
    case 'server':
    case 'none':
      return v;
    case 'unchanged':
    case 'true':
      throw new Error(`--dry-run flag without a value was specified. A value must be set: "none", "server", or "client".`);
    case 'false':
      return 'none';
    default:
      throw new Error(`Invalid dry-run value (${v}). Must be "none", "server", or "client".`);
  }
}

/** suffix is what operation messages append: " (dry run)" or " (server dry run)". */
export function dryRunSuffix(d: DryRun): string {
  return d === 'client' ? ' (dry run)' : d === 'server' ? ' (server dry run)' : '';
}
