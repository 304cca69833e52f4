// The part every `kubectl create <kind>` generator shares (create.go's CreateSubcommandOptions):
// one NAME argument, then the built object is printed (--dry-run=client -o yaml) or POSTed with
// fieldManager=kubectl-create and strict validation, reporting "deployment.apps/web created".
import type { KubeObject } from '../../../apimachinery/apis/meta/v1/types.js';
import { resourcePath } from '../../rest/discovery.js';
import { objectFormats, parseOutput, printObjects } from '../../printers/print-flags.js';
import { str } from '../util/flags.js';
import { UsageError } from '../util/helpers.js';
import { operationMessage } from '../util/objects.js';
import { dryRunFlag, outputFlags, type CommandContext } from '../util/command.js';
import { dryRunStrategy, dryRunSuffix } from '../util/dry-run.js';
import type { FlagDef } from '../util/flags.js';

export const generatorFlags: FlagDef[] = [
  ...outputFlags,
  dryRunFlag,
  { name: 'save-config', kind: 'bool' },
  { name: 'validate', kind: 'string', default: 'strict', noOptDefault: 'strict' },
  { name: 'field-manager', kind: 'string', default: 'kubectl-create' },
];

/** nameArg is NameFromCommandArgs: exactly one NAME. */
export function nameArg(args: string[]): string {
  if (args.length !== 1) throw new UsageError(`exactly one NAME is required, got ${args.length}`);
  return args[0]!;
}

/** requireFlag is cobra's MarkFlagRequired check. */
export function requireFlag(ctx: CommandContext, name: string): void {
  if (!ctx.changed.has(name)) throw new Error(`required flag(s) "${name}" not set`);
}

/** newMeta is ObjectMeta as a typed object serializes it: creationTimestamp null, namespace only with -n. */
export async function newMeta(ctx: CommandContext, name: string, namespaced: boolean): Promise<KubeObject['metadata']> {
  const { namespace, explicit } = await ctx.f.namespace();
  return { name, ...(namespaced && explicit ? { namespace } : {}), creationTimestamp: null as unknown as string };
}

export interface GenerateOptions {
  /** operation is the word printed after the name ("created", "autoscaled"). */
  operation?: string;
  /** failedTo wraps server errors as "failed to create <what>: …", as several generators do. */
  failedTo?: string;
}

/** createGenerated prints or creates obj as the generators do. */
export async function createGenerated(ctx: CommandContext, obj: KubeObject, g: GenerateOptions = {}): Promise<void> {
  const { f, io, flags } = ctx;
  const output = str(flags, 'output') ? parseOutput(str(flags, 'output'), objectFormats) : undefined;
  const dryRun = dryRunStrategy(flags);
  const disco = await f.discovery();
  const r = await disco.resourceForKind(obj.apiVersion ?? '', obj.kind ?? '');
  if (!r) throw new Error(`no matches for kind "${obj.kind}" in version "${obj.apiVersion}"`);
  let result = obj;
  if (dryRun !== 'client') {
    const client = await f.restClient();
    const { namespace } = await f.namespace();
    const query: Record<string, string> = { fieldManager: str(flags, 'field-manager'), fieldValidation: str(flags, 'validate') === 'false' ? 'Ignore' : 'Strict' };
    if (dryRun === 'server') query.dryRun = 'All';
    result = await client.do<KubeObject>('POST', resourcePath(r, r.namespaced ? obj.metadata.namespace ?? namespace : undefined), { body: obj, query }).catch((err) => {
      throw g.failedTo ? new Error(`failed to create ${g.failedTo}: ${(err as Error).message}`) : err;
    });
  }
  if (output && output.kind !== 'name') printObjects([result], output, true, io.stdout);
  else io.stdout(operationMessage(r, result.metadata.name ?? '', g.operation ?? 'created', dryRunSuffix(dryRun), output?.kind === 'name'));
}
