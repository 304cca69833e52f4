// Mirrors k8s.io/kubectl/pkg/cmd/set/set_image.go: `kubectl set image TYPE/NAME CONTAINER=IMAGE …`
// changes container (and init container) images — "*" means every container — with a strategic
// merge patch keyed by container name, printing "deployment.apps/web image updated".
import type { KubeObject } from '../../../apimachinery/apis/meta/v1/types.js';
import { kindPrefix } from '../../rest/discovery.js';
import { objectFormats, parseOutput, printObjects } from '../../printers/print-flags.js';
import { arr, str } from '../util/flags.js';
import { Aggregate } from '../util/helpers.js';
import { resolveTargets, targetOptions, targetPath } from '../util/targets.js';
import { dryRunFlag, filenameFlags, outputFlags, type Command } from '../util/command.js';
import { dryRunStrategy, dryRunSuffix } from '../util/dry-run.js';
import { nestPatch, podSpecOf } from './update-pod-spec.js';

export const setImageCommand: Command = {
  name: 'image',
  short: 'Update the image of a pod template',
  flags: [
    ...filenameFlags,
    ...outputFlags,
    dryRunFlag,
    { name: 'all', kind: 'bool' },
    { name: 'local', kind: 'bool' },
    { name: 'selector', short: 'l', kind: 'string' },
    { name: 'field-manager', kind: 'string', default: 'kubectl-set' },
  ],
  async run({ f, io, args, flags, changed }) {
    const resources = args.filter((a) => !a.includes('='));
    const images: Record<string, string> = {};
    for (const a of args.filter((x) => x.includes('='))) {
      const eq = a.indexOf('=');
      images[a.slice(0, eq)] = a.slice(eq + 1);
    }
    if (!Object.keys(images).length) throw new Error('at least one image update is required');
    if (!resources.length && !arr(flags, 'filename').length) throw new Error('one or more resources must be specified as <resource> <name> or <resource>/<name>');
    const dryRun = dryRunStrategy(flags);
    const output = str(flags, 'output') ? parseOutput(str(flags, 'output'), objectFormats) : undefined;
    const client = await f.restClient();
    const targets = await resolveTargets(f, io, resources, targetOptions(flags, changed));
    const errors: unknown[] = [];
    for (const t of targets) {
      try {
        const obj = t.object ?? (await client.get<KubeObject>(targetPath(t)));
        const spec = podSpecOf(obj as unknown as Record<string, unknown>, t.resource.kind);
        const changes: Record<string, Array<{ name: string; image: string }>> = {};
        for (const [name, image] of Object.entries(images)) {
          let found = false;
          for (const field of ['initContainers', 'containers'] as const) {
            for (const c of spec[field] ?? []) {
              if (name !== '*' && c.name !== name) continue;
              found = true;
              if (c.image === image) continue;
              c.image = image;
              (changes[field] ??= []).push({ name: c.name, image });
            }
          }
          if (!found && name !== '*') throw new Error(`unable to find container named "${name}"`);
        }
        // An unchanged object prints nothing, as an empty patch is skipped upstream.
        if (!Object.keys(changes).length) continue;
        let result = obj;
        if (dryRun !== 'client') {
          result = await client.do<KubeObject>('PATCH', targetPath(t), {
            body: nestPatch(t.resource.kind, changes),
            contentType: 'application/strategic-merge-patch+json',
            query: { fieldManager: str(flags, 'field-manager'), ...(dryRun === 'server' ? { dryRun: 'All' } : {}) },
          });
        }
        if (output && output.kind !== 'name') printObjects([result], output, true, io.stdout);
        else io.stdout(output?.kind === 'name' ? `${kindPrefix(t.resource)}/${t.name}\n` : `${kindPrefix(t.resource)}/${t.name} image updated${dryRunSuffix(dryRun)}\n`);
      } catch (err) {
        errors.push(err);
      }
    }
    if (errors.length) throw new Aggregate(errors);
  },
};
