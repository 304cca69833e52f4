// Mirrors k8s.io/kubectl/pkg/cmd/label/label.go and annotate/annotate.go: adds (key=value) and
// removes (key-) labels or annotations with a JSON merge patch; refuses to change a value without
// --overwrite, in kubectl's words.
import type { KubeObject } from '../../apimachinery/apis/meta/v1/types.js';
import { kindPrefix } from '../rest/discovery.js';
import { bool, str } from './util/flags.js';
import { Aggregate } from './util/helpers.js';
import { resolveTargets, targetOptions, targetPath } from './util/targets.js';
import { dryRunFlag, filenameFlags, type Command, type CommandContext } from './util/command.js';
import { dryRunStrategy, dryRunSuffix } from './util/dry-run.js';

type Field = 'labels' | 'annotations';

function splitArgs(args: string[]): { resources: string[]; set: Record<string, string>; remove: string[] } {
  const resources: string[] = [];
  const set: Record<string, string> = {};
  const remove: string[] = [];
  for (const a of args) {
    const eq = a.indexOf('=');
    if (eq > 0) set[a.slice(0, eq)] = a.slice(eq + 1);
    else if (a.endsWith('-') && a.length > 1 && resources.length) remove.push(a.slice(0, -1));
    else resources.push(a);
  }
  return { resources, set, remove };
}

async function runUpdate(ctx: CommandContext, field: Field): Promise<number> {
  const { f, io, flags } = ctx;
  const { resources, set, remove } = splitArgs(ctx.args);
  const word = field === 'labels' ? 'label' : 'annotation';
  if (!Object.keys(set).length && !remove.length && !bool(flags, 'list'))
    throw new Error(`at least one ${word} update is required`);
  for (const k of remove) if (k in set) throw new Error(`can not both modify and remove ${field === 'labels' ? 'a label' : 'an annotation'} in the same command`);
  const dryRun = dryRunStrategy(flags);
  const client = await f.restClient();
  const targets = await resolveTargets(f, io, resources, targetOptions(flags, ctx.changed));
  const errors: unknown[] = [];
  for (const t of targets) {
    try {
      const obj = t.object ?? (await client.get<KubeObject>(targetPath(t)));
      const current = { ...(obj.metadata[field] ?? {}) };
      if (bool(flags, 'list')) {
        for (const k of Object.keys(current).sort()) io.stdout(`${k}=${current[k]}\n`);
        continue;
      }
      if (!bool(flags, 'overwrite')) {
        const clashes = Object.keys(set).filter((k) => k in current && current[k] !== set[k]);
        if (clashes.length) {
          if (field === 'labels') throw new Error(`'${clashes[0]}' already has a value (${current[clashes[0]!]}), and --overwrite is false`);
          throw new Error(`--overwrite is false but found the following declared annotation(s): ${clashes.map((k) => `'${k}' already has a value (${current[k]})`).join('; ')}`);
        }
      }
      const patchMap: Record<string, string | null> = { ...set };
      for (const k of remove) if (k in current) patchMap[k] = null;
      const next = { ...current, ...set };
      for (const k of remove) delete next[k];
      const before = JSON.stringify(current);
      const after = JSON.stringify(next);
      let msg: string;
      if (field === 'annotations') msg = 'annotated';
      else msg = before === after ? 'not labeled' : !bool(flags, 'overwrite') && after.length < before.length ? 'unlabeled' : 'labeled';
      if (Object.keys(patchMap).length && dryRun !== 'client') {
        const body: Record<string, unknown> = { metadata: { [field]: patchMap } };
        if (str(flags, 'resource-version')) (body.metadata as Record<string, unknown>).resourceVersion = str(flags, 'resource-version');
        await client.do('PATCH', targetPath(t), {
          body,
          contentType: 'application/merge-patch+json',
          query: { fieldManager: `kubectl-${word === 'label' ? 'label' : 'annotate'}`, ...(dryRun === 'server' ? { dryRun: 'All' } : {}) },
        });
      }
      io.stdout(str(flags, 'output') === 'name' ? `${kindPrefix(t.resource)}/${t.name}\n` : `${kindPrefix(t.resource)}/${t.name} ${msg}${dryRunSuffix(dryRun)}\n`);
    } catch (err) {
      errors.push(err);
    }
  }
  if (errors.length) throw new Aggregate(errors);
  return 0;
}

const sharedFlags = [
  ...filenameFlags,
  dryRunFlag,
  { name: 'overwrite', kind: 'bool' as const },
  { name: 'all', kind: 'bool' as const },
  { name: 'all-namespaces', short: 'A', kind: 'bool' as const },
  { name: 'selector', short: 'l', kind: 'string' as const },
  { name: 'list', kind: 'bool' as const },
  { name: 'local', kind: 'bool' as const },
  { name: 'resource-version', kind: 'string' as const },
  { name: 'output', short: 'o', kind: 'string' as const },
];

export const labelCommand: Command = {
  name: 'label',
  short: 'Update the labels on a resource',
  flags: sharedFlags,
  run: (ctx) => runUpdate(ctx, 'labels'),
};

export const annotateCommand: Command = {
  name: 'annotate',
  short: 'Update the annotations on a resource',
  flags: sharedFlags,
  run: (ctx) => runUpdate(ctx, 'annotations'),
};
