// Mirrors k8s.io/kubectl/pkg/cmd/create (create_job.go, create_cronjob.go): a Job from --image (and
// a command after "--") or from an existing CronJob's template (--from=cronjob/NAME), and a CronJob
// from --image and --schedule.
import type { KubeObject } from '../../../apimachinery/apis/meta/v1/types.js';
import { str } from '../util/flags.js';
import type { Command, CommandContext } from '../util/command.js';
import { createGenerated, generatorFlags, nameArg, newMeta, requireFlag } from './generic.js';

function splitCommand(ctx: CommandContext): { words: string[]; command: string[] } {
  return ctx.dashIndex >= 0 ? { words: ctx.args.slice(0, ctx.dashIndex), command: ctx.args.slice(ctx.dashIndex) } : { words: ctx.args, command: [] };
}

function container(name: string, image: string, command: string[]) {
  return { name, image, ...(command.length ? { command } : {}), resources: {} };
}

interface CronJobObject extends KubeObject {
  spec: { jobTemplate: { metadata?: { labels?: Record<string, string>; annotations?: Record<string, string> }; spec: Record<string, unknown> } };
}

export const createJobCommand: Command = {
  name: 'job',
  short: 'Create a job with the specified name',
  flags: [...generatorFlags, { name: 'image', kind: 'string' }, { name: 'from', kind: 'string' }],
  async run(ctx) {
    const { words, command } = splitCommand(ctx);
    const name = nameArg(words);
    const image = str(ctx.flags, 'image');
    const from = str(ctx.flags, 'from');
    if ((!image && !from) || (image && from)) throw new Error('either --image or --from must be specified');
    if (command.length && from) throw new Error('cannot specify --from and command');
    const meta = await newMeta(ctx, name, true);
    if (!from) {
      const job = {
        apiVersion: 'batch/v1',
        kind: 'Job',
        metadata: meta,
        spec: { template: { metadata: { creationTimestamp: null }, spec: { containers: [container(name, image, command)], restartPolicy: 'Never' } } },
        status: {},
      } as unknown as KubeObject;
      return void (await createGenerated(ctx, job, { failedTo: 'job' }));
    }
    const slash = from.indexOf('/');
    const disco = await ctx.f.discovery();
    const r = await disco.resourceFor(slash >= 0 ? from.slice(0, slash) : from);
    const client = await ctx.f.restClient();
    const { namespace } = await ctx.f.namespace();
    const srcName = slash >= 0 ? from.slice(slash + 1) : '';
    const path = r.group ? `/apis/${r.group}/${r.version}` : `/api/${r.version}`;
    const src = await client.get<CronJobObject>(`${path}/${r.namespaced ? `namespaces/${namespace}/` : ''}${r.name}/${srcName}`);
    if (r.kind !== 'CronJob') throw new Error(`unknown object type *${r.group === '' ? 'v1' : r.version}.${r.kind}`);
    const tmpl = src.spec.jobTemplate;
    const job = {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: {
        ...meta,
        annotations: { 'cronjob.kubernetes.io/instantiate': 'manual', ...(tmpl.metadata?.annotations ?? {}) },
        ...(tmpl.metadata?.labels ? { labels: tmpl.metadata.labels } : {}),
        ownerReferences: [{ apiVersion: 'batch/v1', kind: 'CronJob', name: src.metadata.name, uid: src.metadata.uid, controller: true }],
      },
      spec: tmpl.spec,
      status: {},
    } as unknown as KubeObject;
    await createGenerated(ctx, job, { failedTo: 'job' });
  },
};

export const createCronJobCommand: Command = {
  name: 'cronjob',
  aliases: ['cj'],
  short: 'Create a cron job with the specified name',
  flags: [...generatorFlags, { name: 'image', kind: 'string' }, { name: 'schedule', kind: 'string' }, { name: 'restart', kind: 'string', default: 'OnFailure' }],
  async run(ctx) {
    requireFlag(ctx, 'image');
    requireFlag(ctx, 'schedule');
    const { words, command } = splitCommand(ctx);
    const name = nameArg(words);
    const cj = {
      apiVersion: 'batch/v1',
      kind: 'CronJob',
      metadata: await newMeta(ctx, name, true),
      spec: {
        schedule: str(ctx.flags, 'schedule'),
        jobTemplate: {
          metadata: { name, creationTimestamp: null },
          spec: { template: { metadata: { creationTimestamp: null }, spec: { containers: [container(name, str(ctx.flags, 'image'), command)], restartPolicy: str(ctx.flags, 'restart') } } },
        },
      },
      status: {},
    } as unknown as KubeObject;
    await createGenerated(ctx, cj, { failedTo: 'cronjob' });
  },
};
