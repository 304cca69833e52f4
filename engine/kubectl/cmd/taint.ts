// Mirrors k8s.io/kubectl/pkg/cmd/taint/taint.go: `kubectl taint nodes NAME key=value:Effect …`
// (or --all / --selector) updates spec.taints with a strategic merge patch, refusing to replace a
// taint of the same key and effect without --overwrite.
import { kindPrefix } from '../rest/discovery.js';
import type { NodeObject } from '../drain/cordon.js';
import { bool, str } from './util/flags.js';
import { Aggregate } from './util/helpers.js';
import { dryRunFlag, outputFlags, type Command } from './util/command.js';
import { dryRunStrategy, dryRunSuffix } from './util/dry-run.js';
import { checkIfTaintsAlreadyExists, parseTaints, reorganizeTaints, type Taint } from './taint-utils.js';

export const taintCommand: Command = {
  name: 'taint',
  short: 'Update the taints on one or more nodes',
  flags: [
    ...outputFlags,
    dryRunFlag,
    { name: 'all', kind: 'bool' },
    { name: 'overwrite', kind: 'bool' },
    { name: 'selector', short: 'l', kind: 'string' },
    { name: 'validate', kind: 'string', default: 'strict', noOptDefault: 'strict' },
    { name: 'field-manager', kind: 'string', default: 'kubectl-taint' },
  ],
  async run({ f, io, args, flags }) {
    const dryRun = dryRunStrategy(flags);
    // Resources come first; a word with "=", ":" or a trailing "-" starts the taint changes.
    const resources: string[] = [];
    const taintArgs: string[] = [];
    for (const s of args) {
      const isTaint = s.includes('=') || s.includes(':') || s.endsWith('-');
      if (isTaint) taintArgs.push(s);
      else if (taintArgs.length) throw new Error(`all resources must be specified before taint changes: ${s}`);
      else resources.push(s);
    }
    if (resources.length < 1) throw new Error('one or more resources must be specified as <resource> <name>');
    if (taintArgs.length < 1) throw new Error('at least one taint update is required');
    const { add, remove } = parseTaints(taintArgs);
    const all = bool(flags, 'all');
    const selector = str(flags, 'selector');

    const disco = await f.discovery();
    const typed = resources[0]!.toLowerCase();
    const r = await disco.resourceFor(typed.split('/')[0]!);
    if (r.kind !== 'Node') throw new Error(`invalid resource type ${typed}, only node types are supported`);
    const conflicts: string[] = [];
    for (const a of add) for (const rm of remove) if (a.key === rm.key && (!rm.effect || a.effect === rm.effect)) conflicts.push(`${rm.key}=${rm.effect}`);
    if (conflicts.length) throw new Error(`can not both modify and remove the following taint(s) in the same command: ${conflicts.join(', ')}`);
    if (all && selector) throw new Error(`setting 'all' parameter with a non empty selector is prohibited`);
    const names = typed.includes('/') ? [typed.split('/')[1]!, ...resources.slice(1)] : resources.slice(1);
    if (!all && !selector && names.length < 1) throw new Error(`at least one resource name must be specified since 'all' parameter is not set`);

    const client = await f.restClient();
    let nodes: NodeObject[];
    if (all || selector) nodes = (await client.get<{ items: NodeObject[] }>('/api/v1/nodes', { query: { labelSelector: selector } })).items ?? [];
    else nodes = await Promise.all(names.map((n) => client.get<NodeObject>(`/api/v1/nodes/${n}`)));

    const errors: unknown[] = [];
    for (const node of nodes) {
      try {
        const old = (node.spec?.taints ?? []) as Taint[];
        if (!bool(flags, 'overwrite')) {
          const exists = checkIfTaintsAlreadyExists(old, add);
          if (exists) throw new Error(`node ${node.metadata.name} already has ${exists} taint(s) with same effect(s) and --overwrite is false`);
        }
        const { operation, taints, errors: errs } = reorganizeTaints(old, bool(flags, 'overwrite'), add, remove);
        if (errs.length) throw new Error(errs.length === 1 ? errs[0]!.message : `[${errs.map((e) => e.message).join(', ')}]`);
        if (dryRun !== 'client') {
          await client.do('PATCH', `/api/v1/nodes/${node.metadata.name}`, {
            body: { spec: { taints: taints.length ? taints.map(clean) : null } },
            contentType: 'application/strategic-merge-patch+json',
            query: { fieldManager: str(flags, 'field-manager'), ...(dryRun === 'server' ? { dryRun: 'All' } : {}) },
          });
        }
        const out = str(flags, 'output');
        io.stdout(out === 'name' ? `${kindPrefix(r)}/${node.metadata.name}\n` : `${kindPrefix(r)}/${node.metadata.name} ${operation}${dryRunSuffix(dryRun)}\n`);
      } catch (err) {
        errors.push(err);
      }
    }
    if (errors.length) throw new Aggregate(errors);
  },
};

/** clean drops an empty value, as the typed Taint serializes with omitempty. */
function clean(t: Taint): Taint {
  const out: Taint = { key: t.key, effect: t.effect };
  if (t.value) out.value = t.value;
  if (t.timeAdded) out.timeAdded = t.timeAdded;
  return out;
}
