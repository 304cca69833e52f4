// Mirrors k8s.io/kubectl/pkg/cmd/patch/patch.go: sends -p as a strategic (default), JSON merge or
// JSON patch; prints "patched", or "patched (no change)" when the object did not change.
import type { KubeObject } from '../../apimachinery/apis/meta/v1/types.js';
import { parse as parseYAML } from 'yaml';
import { kindPrefix } from '../rest/discovery.js';
import { objectFormats, parseOutput, printObjects } from '../printers/print-flags.js';
import { arr, str } from './util/flags.js';
import { Aggregate } from './util/helpers.js';
import { resolveTargets, targetPath } from './util/targets.js';
import { dryRunFlag, filenameFlags, outputFlags, type Command } from './util/command.js';
import { dryRunStrategy, dryRunSuffix } from './util/dry-run.js';

const contentTypes: Record<string, string> = {
  json: 'application/json-patch+json',
  merge: 'application/merge-patch+json',
  strategic: 'application/strategic-merge-patch+json',
};

export const patchCommand: Command = {
  name: 'patch',
  short: 'Update fields of a resource',
  flags: [...filenameFlags, ...outputFlags, dryRunFlag, { name: 'patch', short: 'p', kind: 'string' }, { name: 'patch-file', kind: 'string' }, { name: 'type', kind: 'string', default: 'strategic' }, { name: 'subresource', kind: 'string' }, { name: 'local', kind: 'bool' }],
  async run({ f, io, flags, args }) {
    const type = str(flags, 'type');
    if (!contentTypes[type]) throw new Error(`--type must be one of [json merge strategic], not "${type}"`);
    let text = str(flags, 'patch');
    if (str(flags, 'patch-file')) text = await io.files.readFile(str(flags, 'patch-file'));
    if (!text) throw new Error('must specify --patch or --patch-file containing the contents of the patch');
    let body: unknown;
    try {
      body = parseYAML(text);
    } catch (err) {
      throw new Error(`unable to parse "${text}": ${(err as Error).message}`);
    }
    const output = str(flags, 'output') ? parseOutput(str(flags, 'output'), objectFormats) : undefined;
    const dryRun = dryRunStrategy(flags);
    const client = await f.restClient();
    const errors: unknown[] = [];
    for (const t of await resolveTargets(f, io, args, { filenames: arr(flags, 'filename') })) {
      try {
        const sub = str(flags, 'subresource') || undefined;
        const before = await client.get<KubeObject>(targetPath(t, sub));
        const after = await client.do<KubeObject>('PATCH', targetPath(t, sub), {
          body,
          contentType: contentTypes[type]!,
          query: { fieldManager: 'kubectl-patch', ...(dryRun !== 'none' ? { dryRun: 'All' } : {}) },
        });
        if (output && output.kind !== 'name') {
          printObjects([after], output, true, io.stdout);
          continue;
        }
        const same = before.metadata.resourceVersion === after.metadata.resourceVersion;
        io.stdout(output?.kind === 'name' ? `${kindPrefix(t.resource)}/${t.name}\n` : `${kindPrefix(t.resource)}/${t.name} patched${same ? ' (no change)' : ''}${dryRunSuffix(dryRun)}\n`);
      } catch (err) {
        errors.push(err);
      }
    }
    if (errors.length) throw new Aggregate(errors);
  },
};
