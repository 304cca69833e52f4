// Mirrors k8s.io/kubectl/pkg/cmd/scale/scale.go and pkg/scale: sets spec.replicas through the
// scale subresource (a merge patch, or read-check-update when --current-replicas is given).
import { kindPrefix } from '../rest/discovery.js';
import { int, str } from './util/flags.js';
import { Aggregate } from './util/helpers.js';
import { resolveTargets, targetOptions, targetPath } from './util/targets.js';
import { dryRunFlag, filenameFlags, type Command } from './util/command.js';
import { dryRunStrategy, dryRunSuffix } from './util/dry-run.js';

interface Scale {
  metadata: { resourceVersion?: string };
  spec: { replicas?: number };
}

export const scaleCommand: Command = {
  name: 'scale',
  short: 'Set a new size for a deployment, replica set, or replication controller',
  flags: [
    ...filenameFlags,
    dryRunFlag,
    { name: 'replicas', kind: 'int', default: -1 },
    { name: 'current-replicas', kind: 'int', default: -1 },
    { name: 'resource-version', kind: 'string' },
    { name: 'selector', short: 'l', kind: 'string' },
    { name: 'all', kind: 'bool' },
    { name: 'timeout', kind: 'string' },
    { name: 'output', short: 'o', kind: 'string' },
  ],
  async run({ f, io, flags, args, changed }) {
    const replicas = int(flags, 'replicas');
    if (replicas < 0) throw new Error('The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0');
    const dryRun = dryRunStrategy(flags);
    const client = await f.restClient();
    const targets = await resolveTargets(f, io, args, targetOptions(flags, changed));
    const errors: unknown[] = [];
    for (const t of targets) {
      try {
        if (!t.resource.subresources.includes('scale')) throw new Error(`cannot scale ${t.resource.name}: no scale subresource`);
        const current = int(flags, 'current-replicas');
        const rv = str(flags, 'resource-version');
        if (current >= 0 || rv) {
          const scale = await client.get<Scale>(targetPath(t, 'scale'));
          if (current >= 0 && (scale.spec.replicas ?? 0) !== current)
            throw new Error(`Expected replicas to be ${current}, was ${scale.spec.replicas ?? 0}`);
          if (rv && scale.metadata.resourceVersion !== rv) throw new Error(`Expected resource version to be ${rv}, was ${scale.metadata.resourceVersion}`);
          scale.spec.replicas = replicas;
          if (dryRun !== 'client') await client.do('PUT', targetPath(t, 'scale'), { body: scale });
        } else if (dryRun !== 'client') {
          await client.do('PATCH', targetPath(t, 'scale'), {
            body: { spec: { replicas } },
            contentType: 'application/merge-patch+json',
            ...(dryRun === 'server' ? { query: { dryRun: 'All' } } : {}),
          });
        }
        io.stdout(str(flags, 'output') === 'name' ? `${kindPrefix(t.resource)}/${t.name}\n` : `${kindPrefix(t.resource)}/${t.name} scaled${dryRunSuffix(dryRun)}\n`);
      } catch (err) {
        errors.push(err);
      }
    }
    if (errors.length) throw new Aggregate(errors);
  },
};
