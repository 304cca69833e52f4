// Mirrors k8s.io/kubectl/pkg/cmd/create/create_service.go: `create service clusterip|nodeport|
// loadbalancer|externalname NAME --tcp=port[:targetPort]…`, selecting app=NAME.
import type { KubeObject } from '../../../apimachinery/apis/meta/v1/types.js';
import { arr, int, str } from '../util/flags.js';
import type { Command, CommandContext } from '../util/command.js';
import { createGenerated, generatorFlags, nameArg, newMeta } from './generic.js';

type ServiceType = 'ClusterIP' | 'NodePort' | 'LoadBalancer' | 'ExternalName';

function parsePort(tcp: string): { port: number; targetPort: number | string } {
  const [p, t] = tcp.split(':');
  if (!/^\d+$/.test(p ?? '')) throw new Error(`strconv.Atoi: parsing "${p}": invalid syntax`);
  const port = Number(p);
  if (t === undefined || t === '') return { port, targetPort: port };
  return { port, targetPort: /^\d+$/.test(t) ? Number(t) : t };
}

async function run(ctx: CommandContext, type: ServiceType): Promise<void> {
  const name = nameArg(ctx.args);
  const tcp = arr(ctx.flags, 'tcp');
  const clusterIP = type === 'ClusterIP' ? str(ctx.flags, 'clusterip') : '';
  if (type !== 'ExternalName' && !tcp.length && clusterIP !== 'None') throw new Error('at least one tcp port specifier must be provided');
  const nodePort = type === 'NodePort' ? int(ctx.flags, 'node-port') : 0;
  const ports = tcp.map((s) => {
    const { port, targetPort } = parsePort(s);
    return { name: s.replace(/:/g, '-'), port, targetPort, protocol: 'TCP', ...(nodePort ? { nodePort } : {}) };
  });
  const labels = { app: name };
  const spec: Record<string, unknown> = { type, ...(ports.length ? { ports } : {}) };
  if (type === 'ExternalName') spec.externalName = str(ctx.flags, 'external-name');
  else spec.selector = labels;
  if (clusterIP) spec.clusterIP = clusterIP;
  const obj = {
    kind: 'Service',
    apiVersion: 'v1',
    metadata: { ...(await newMeta(ctx, name, true)), labels },
    spec,
    status: { loadBalancer: {} },
  } as unknown as KubeObject;
  await createGenerated(ctx, obj);
}

const tcpFlag = { name: 'tcp', kind: 'stringSlice' as const };

export const createServiceCommand: Command = {
  name: 'service',
  aliases: ['svc'],
  short: 'Create a service using a specified subcommand',
  sub: [
    { name: 'clusterip', short: 'Create a ClusterIP service', flags: [...generatorFlags, tcpFlag, { name: 'clusterip', kind: 'string' }], run: (ctx) => run(ctx, 'ClusterIP') },
    { name: 'nodeport', short: 'Create a NodePort service', flags: [...generatorFlags, tcpFlag, { name: 'node-port', kind: 'int' }], run: (ctx) => run(ctx, 'NodePort') },
    { name: 'loadbalancer', short: 'Create a LoadBalancer service', flags: [...generatorFlags, tcpFlag], run: (ctx) => run(ctx, 'LoadBalancer') },
    { name: 'externalname', short: 'Create an ExternalName service', flags: [...generatorFlags, tcpFlag, { name: 'external-name', kind: 'string' }], run: (ctx) => run(ctx, 'ExternalName') },
  ],
};
