// Mirrors k8s.io/kubectl/pkg/cmd/create/create_quota.go: a ResourceQuota from --hard=<resource>=<quantity>,…
// and --scopes=<scope>,….
import type { KubeObject } from '../../../apimachinery/apis/meta/v1/types.js';
import { parseQuantity } from '../../../apimachinery/api/resource/quantity.js';
import { str } from '../util/flags.js';
import type { Command } from '../util/command.js';
import { createGenerated, generatorFlags, nameArg, newMeta } from './generic.js';

/** parseHard reads "cpu=1,memory=1G" into canonical quantities. */
export function parseHard(spec: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of spec.split(',')) {
    if (!part) continue;
    const eq = part.indexOf('=');
    if (eq < 0 || part.indexOf('=', eq + 1) >= 0) throw new Error(`Invalid argument syntax ${part}, expected <resource>=<value>`);
    out[part.slice(0, eq)] = parseQuantity(part.slice(eq + 1)).toString();
  }
  return out;
}

export const createQuotaCommand: Command = {
  name: 'quota',
  aliases: ['resourcequota'],
  short: 'Create a quota with the specified name',
  flags: [...generatorFlags, { name: 'hard', kind: 'string' }, { name: 'scopes', kind: 'string' }],
  async run(ctx) {
    const name = nameArg(ctx.args);
    const hard = parseHard(str(ctx.flags, 'hard'));
    const scopes = str(ctx.flags, 'scopes')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    const spec: Record<string, unknown> = {};
    if (Object.keys(hard).length) spec.hard = hard;
    if (scopes.length) spec.scopes = scopes;
    const quota = { apiVersion: 'v1', kind: 'ResourceQuota', metadata: await newMeta(ctx, name, true), spec, status: {} } as unknown as KubeObject;
    await createGenerated(ctx, quota, { failedTo: 'quota' });
  },
};
