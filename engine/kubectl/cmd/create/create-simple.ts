// Mirrors k8s.io/kubectl/pkg/cmd/create (create_namespace.go, create_serviceaccount.go,
// create_deployment.go): the generators that need only a name and a few flags.
import type { KubeObject } from '../../../apimachinery/apis/meta/v1/types.js';
import { arr, int } from '../util/flags.js';
import type { Command } from '../util/command.js';
import { createGenerated, generatorFlags, nameArg, newMeta, requireFlag } from './generic.js';

export const createNamespaceCommand: Command = {
  name: 'namespace',
  aliases: ['ns'],
  short: 'Create a namespace with the specified name',
  flags: generatorFlags,
  async run(ctx) {
    const name = nameArg(ctx.args);
    const obj = { kind: 'Namespace', apiVersion: 'v1', metadata: await newMeta(ctx, name, false), spec: {}, status: {} } as KubeObject;
    await createGenerated(ctx, obj);
  },
};

export const createServiceAccountCommand: Command = {
  name: 'serviceaccount',
  aliases: ['sa'],
  short: 'Create a service account with the specified name',
  flags: generatorFlags,
  async run(ctx) {
    const name = nameArg(ctx.args);
    await createGenerated(ctx, { kind: 'ServiceAccount', apiVersion: 'v1', metadata: await newMeta(ctx, name, true) } as KubeObject);
  },
};

/** containerName keeps an image's last path part without tag or digest; "." and "_" become "-" plus a suffix. */
export function containerName(image: string, rand: () => string): string {
  let name = image.split('/').pop()!;
  name = name.split(':')[0]!.split('@')[0]!;
  if (/[_.]/.test(name)) name = `${name.replace(/[_.]/g, '-')}-${rand()}`;
  return name;
}

const alphanums = 'bcdfghjklmnpqrstvwxz2456789';
const randString = () => Array.from({ length: 5 }, () => alphanums[Math.floor(Math.random() * alphanums.length)]).join('');

export const createDeploymentCommand: Command = {
  name: 'deployment',
  aliases: ['deploy'],
  short: 'Create a deployment with the specified name',
  flags: [...generatorFlags, { name: 'image', kind: 'stringSlice' }, { name: 'port', kind: 'int', default: -1 }, { name: 'replicas', short: 'r', kind: 'int', default: 1 }],
  async run(ctx) {
    // Words after "--" are the container command; the name comes before them.
    const words = ctx.dashIndex >= 0 ? ctx.args.slice(0, ctx.dashIndex) : ctx.args;
    const command = ctx.dashIndex >= 0 ? ctx.args.slice(ctx.dashIndex) : [];
    requireFlag(ctx, 'image');
    const name = nameArg(words);
    const labels = { app: name };
    const containers: Array<Record<string, unknown>> = arr(ctx.flags, 'image').map((image) => ({
      name: containerName(image, randString),
      image,
      ...(command.length ? { command } : {}),
      resources: {},
    }));
    const port = int(ctx.flags, 'port');
    if (port >= 0 && containers.length) containers[0]!.ports = [{ containerPort: port }];
    const obj = {
      kind: 'Deployment',
      apiVersion: 'apps/v1',
      metadata: { ...(await newMeta(ctx, name, true)), labels },
      spec: {
        replicas: int(ctx.flags, 'replicas'),
        selector: { matchLabels: labels },
        template: { metadata: { creationTimestamp: null, labels }, spec: { containers } },
        strategy: {},
      },
      status: {},
    } as unknown as KubeObject;
    await createGenerated(ctx, obj, { failedTo: 'deployment' });
  },
};
