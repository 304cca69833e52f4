// Mirrors k8s.io/kubectl/pkg/cmd/top (top.go, top_node.go, top_pod.go) and metricsutil's printer:
// reads metrics.k8s.io NodeMetrics / PodMetrics when the server serves that group, and answers
// "Metrics API not available" when it does not (no metrics-server installed).
import { parseQuantity } from '../../apimachinery/api/resource/quantity.js';
import { TabWriter } from '../printers/tabwriter.js';
import { bool, str } from './util/flags.js';
import type { Command, CommandContext } from './util/command.js';

const metricsGroup = 'metrics.k8s.io';

interface Usage {
  cpu?: string;
  memory?: string;
}

interface NodeMetrics {
  metadata: { name?: string };
  usage: Usage;
}

interface PodMetrics {
  metadata: { name?: string; namespace?: string };
  containers: Array<{ name: string; usage: Usage }>;
}

/** metricsVersion is SupportedMetricsAPIVersionAvailable: the served metrics.k8s.io version, if any. */
async function metricsVersion(ctx: CommandContext): Promise<string> {
  const client = await ctx.f.restClient();
  const groups = await client.get<{ groups?: Array<{ name: string; preferredVersion?: { version: string } }> }>('/apis').catch(() => ({ groups: [] }));
  const g = groups.groups?.find((x) => x.name === metricsGroup);
  if (!g) throw new Error('Metrics API not available');
  return g.preferredVersion?.version ?? 'v1beta1';
}

const milli = (q: string | undefined) => (q ? parseQuantity(q).milliValue() : 0);
const bytes = (q: string | undefined) => (q ? parseQuantity(q).int64Value() : 0);

/** table is the tabwriter kubectl's top printer uses, one row per array. */
function table(out: (s: string) => void) {
  const tw = new TabWriter(out);
  return { row: (cells: string[]) => tw.write(cells.join('\t') + '\n'), flush: () => tw.flush() };
}
const cpuText = (m: number) => `${m}m`;
const memText = (b: number) => `${Math.floor(b / (1024 * 1024))}Mi`;

const topNodeCommand: Command = {
  name: 'node',
  aliases: ['nodes', 'no'],
  short: 'Display resource (CPU/memory) usage of nodes',
  flags: [
    { name: 'selector', short: 'l', kind: 'string' },
    { name: 'no-headers', kind: 'bool' },
    { name: 'sort-by', kind: 'string' },
    { name: 'show-capacity', kind: 'bool' },
    { name: 'use-protocol-buffers', kind: 'bool', default: true },
  ],
  async run(ctx) {
    const version = await metricsVersion(ctx);
    const client = await ctx.f.restClient();
    const name = ctx.args[0];
    const base = `/apis/${metricsGroup}/${version}/nodes`;
    const metrics: NodeMetrics[] = name
      ? [await client.get<NodeMetrics>(`${base}/${name}`)]
      : ((await client.get<{ items: NodeMetrics[] }>(base, { query: { labelSelector: str(ctx.flags, 'selector') } })).items ?? []);
    if (!metrics.length) throw new Error('metrics not available yet');
    const nodes = (await client.get<{ items: Array<{ metadata: { name?: string }; status?: { allocatable?: Usage; capacity?: Usage } }> }>('/api/v1/nodes')).items ?? [];
    const tw = table(ctx.io.stdout);
    if (!bool(ctx.flags, 'no-headers')) tw.row(['NAME', 'CPU(cores)', 'CPU(%)', 'MEMORY(bytes)', 'MEMORY(%)']);
    for (const m of metrics) {
      const node = nodes.find((n) => n.metadata.name === m.metadata.name);
      const avail = bool(ctx.flags, 'show-capacity') ? node?.status?.capacity : node?.status?.allocatable;
      const cpu = milli(m.usage.cpu);
      const mem = bytes(m.usage.memory);
      const pct = (used: number, total: number) => (total ? `${Math.floor((used * 100) / total)}%` : '<unknown>');
      tw.row([m.metadata.name ?? '', cpuText(cpu), pct(cpu, milli(avail?.cpu)), memText(mem), pct(mem, bytes(avail?.memory))]);
    }
    tw.flush();
  },
};

const topPodCommand: Command = {
  name: 'pod',
  aliases: ['pods', 'po'],
  short: 'Display resource (CPU/memory) usage of pods',
  flags: [
    { name: 'all-namespaces', short: 'A', kind: 'bool' },
    { name: 'selector', short: 'l', kind: 'string' },
    { name: 'field-selector', kind: 'string' },
    { name: 'containers', kind: 'bool' },
    { name: 'no-headers', kind: 'bool' },
    { name: 'sort-by', kind: 'string' },
    { name: 'sum', kind: 'bool' },
    { name: 'use-protocol-buffers', kind: 'bool', default: true },
  ],
  async run(ctx) {
    const version = await metricsVersion(ctx);
    const client = await ctx.f.restClient();
    const { namespace } = await ctx.f.namespace();
    const all = bool(ctx.flags, 'all-namespaces');
    const base = all ? `/apis/${metricsGroup}/${version}/pods` : `/apis/${metricsGroup}/${version}/namespaces/${namespace}/pods`;
    const name = ctx.args[0];
    const metrics: PodMetrics[] = name
      ? [await client.get<PodMetrics>(`${base}/${name}`)]
      : ((await client.get<{ items: PodMetrics[] }>(base, { query: { labelSelector: str(ctx.flags, 'selector'), fieldSelector: str(ctx.flags, 'field-selector') } })).items ?? []);
    if (!metrics.length) {
      ctx.io.stderr(all ? 'No resources found\n' : `No resources found in ${namespace} namespace.\n`);
      return;
    }
    const containers = bool(ctx.flags, 'containers');
    const tw = table(ctx.io.stdout);
    if (!bool(ctx.flags, 'no-headers')) tw.row([...(all ? ['NAMESPACE'] : []), ...(containers ? ['POD', 'NAME'] : ['NAME']), 'CPU(cores)', 'MEMORY(bytes)']);
    for (const m of metrics) {
      const lead = all ? [m.metadata.namespace ?? ''] : [];
      if (containers) for (const c of m.containers) tw.row([...lead, m.metadata.name ?? '', c.name, cpuText(milli(c.usage.cpu)), memText(bytes(c.usage.memory))]);
      else {
        const cpu = m.containers.reduce((s, c) => s + milli(c.usage.cpu), 0);
        const mem = m.containers.reduce((s, c) => s + bytes(c.usage.memory), 0);
        tw.row([...lead, m.metadata.name ?? '', cpuText(cpu), memText(mem)]);
      }
    }
    tw.flush();
  },
};

export const topCommand: Command = {
  name: 'top',
  short: 'Display resource (CPU/memory) usage',
  sub: [topNodeCommand, topPodCommand],
};
