// Mirrors k8s.io/kubectl/pkg/cmd/drain/drain.go: `cordon`, `uncordon` and `drain` NODE… (or
// --selector). Nodes are all read first (a missing one stops the command before any change), then
// cordoned; drain then evicts each node's pods and reports "node/<name> drained".
import { StatusError } from '../../apimachinery/api/errors/errors.js';
import { CordonHelper, type NodeObject } from '../drain/cordon.js';
import { GoAggregate, Helper, parseDuration } from '../drain/drain.js';
import type { PodLike } from '../drain/filters.js';
import { bool, int, str } from './util/flags.js';
import { ExitError, UsageError } from './util/helpers.js';
import { dryRunFlag, type Command, type CommandContext } from './util/command.js';
import { dryRunStrategy, dryRunSuffix, type DryRun } from './util/dry-run.js';

const cordonFlags = [dryRunFlag, { name: 'selector', short: 'l', kind: 'string' as const }];

/** nodeInfos resolves NODE arguments (or --selector) to the Node objects, as the builder does. */
async function nodeInfos(ctx: CommandContext): Promise<NodeObject[]> {
  const { f, args, flags, changed, path } = ctx;
  const selector = str(flags, 'selector');
  if (!args.length && !changed.has('selector')) throw new UsageError(`USAGE: ${path} NODE [flags]`);
  if (args.length && selector) throw new UsageError('error: cannot specify both a node name and a --selector option');
  const client = await f.restClient();
  if (!args.length) {
    const list = await client.get<{ items: NodeObject[] }>('/api/v1/nodes', { query: { labelSelector: selector } });
    return list.items ?? [];
  }
  const out: NodeObject[] = [];
  for (const a of args) {
    const slash = a.indexOf('/');
    if (slash >= 0 && !['node', 'nodes', 'no'].includes(a.slice(0, slash))) throw new Error(`error: expected resource of type node, got "${a.slice(0, slash)}"`);
    out.push(await client.get<NodeObject>(`/api/v1/nodes/${slash >= 0 ? a.slice(slash + 1) : a}`));
  }
  return out;
}

/** runCordonOrUncordon is RunCordonOrUncordon: "cordoned", "already cordoned", or an error line per node. */
async function runCordonOrUncordon(ctx: CommandContext, nodes: NodeObject[], desired: boolean, dryRun: DryRun): Promise<void> {
  const client = await ctx.f.restClient();
  const verb = desired ? 'cordon' : 'uncordon';
  for (const node of nodes) {
    const name = node.metadata.name ?? '';
    const c = new CordonHelper(node);
    if (!c.updateIfRequired(desired)) {
      ctx.io.stdout(`node/${name} already ${verb}ed${dryRunSuffix(dryRun)}\n`);
      continue;
    }
    if (dryRun !== 'client') {
      try {
        await c.patchOrReplace(client, dryRun === 'server');
      } catch (err) {
        ctx.io.stderr(`error: unable to ${verb} node "${name}": ${(err as Error).message}\n`);
        continue;
      }
    }
    ctx.io.stdout(`node/${name} ${verb}ed${dryRunSuffix(dryRun)}\n`);
  }
}

export const cordonCommand: Command = {
  name: 'cordon',
  short: 'Mark node as unschedulable',
  flags: cordonFlags,
  async run(ctx) {
    const dryRun = dryRunStrategy(ctx.flags);
    await runCordonOrUncordon(ctx, await nodeInfos(ctx), true, dryRun);
  },
};

export const uncordonCommand: Command = {
  name: 'uncordon',
  short: 'Mark node as schedulable',
  flags: cordonFlags,
  async run(ctx) {
    const dryRun = dryRunStrategy(ctx.flags);
    await runCordonOrUncordon(ctx, await nodeInfos(ctx), false, dryRun);
  },
};

export const drainCommand: Command = {
  name: 'drain',
  short: 'Drain node in preparation for maintenance',
  flags: [
    ...cordonFlags,
    { name: 'force', kind: 'bool' },
    { name: 'ignore-daemonsets', kind: 'bool' },
    { name: 'delete-emptydir-data', kind: 'bool' },
    { name: 'disable-eviction', kind: 'bool' },
    { name: 'grace-period', kind: 'int', default: -1 },
    { name: 'timeout', kind: 'string', default: '0s' },
    { name: 'pod-selector', kind: 'string' },
    { name: 'skip-wait-for-delete-timeout', kind: 'int' },
    { name: 'chunk-size', kind: 'int', default: 500 },
  ],
  async run(ctx) {
    const { f, io, flags } = ctx;
    const dryRun = dryRunStrategy(flags);
    const nodes = await nodeInfos(ctx);
    const client = await f.restClient();
    const helper = new Helper({
      client,
      discovery: await f.discovery(),
      clock: io.clock,
      out: io.stdout,
      errOut: io.stderr,
      force: bool(flags, 'force'),
      ignoreAllDaemonSets: bool(flags, 'ignore-daemonsets'),
      deleteEmptyDirData: bool(flags, 'delete-emptydir-data'),
      disableEviction: bool(flags, 'disable-eviction'),
      gracePeriodSeconds: int(flags, 'grace-period'),
      timeoutMs: parseDuration(str(flags, 'timeout')),
      podSelector: str(flags, 'pod-selector'),
      skipWaitForDeleteTimeoutSeconds: int(flags, 'skip-wait-for-delete-timeout'),
      serverDryRun: dryRun === 'server',
      onPodDeletedOrEvicted: (pod: PodLike, usingEviction: boolean) => io.stdout(`pod/${pod.metadata.name} ${usingEviction ? 'evicted' : 'deleted'}\n`),
      ...(io.signal ? { signal: io.signal } : {}),
    });
    await runCordonOrUncordon(ctx, nodes, true, dryRun);
    const drained = new Set<string>();
    for (const node of nodes) {
      const name = node.metadata.name ?? '';
      try {
        await deleteOrEvictPodsSimple(ctx, helper, name, dryRun);
        drained.add(name);
        io.stdout(`node/${name} drained${dryRunSuffix(dryRun)}\n`);
      } catch (err) {
        io.stderr(`error: unable to drain node "${name}" due to error: ${errText(err)}, continuing command...\n`);
        const remaining = nodes.map((n) => n.metadata.name ?? '').filter((n) => !drained.has(n));
        if (remaining.length) io.stderr(`There are pending nodes to be drained:\n${remaining.map((n) => ` ${n}\n`).join('')}`);
        // checkErr prints an aggregate's errors one per line, without the "error: " prefix.
        const leaves = err instanceof GoAggregate ? err.flatten() : [err];
        io.stderr(leaves.map((e) => `${errText(e)}\n`).join(''));
        throw new ExitError(1);
      }
    }
  },
};

function errText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** deleteOrEvictPodsSimple filters the node's pods, warns, then evicts (or prints what it would). */
async function deleteOrEvictPodsSimple(ctx: CommandContext, helper: Helper, nodeName: string, dryRun: DryRun): Promise<void> {
  const { list, errors } = await helper.getPodsForDeletion(nodeName);
  if (errors.length) throw new GoAggregate(errors);
  const warnings = list.warnings();
  if (warnings) ctx.io.stderr(`Warning: ${warnings}\n`);
  if (dryRun === 'client') {
    for (const pod of list.pods()) ctx.io.stdout(`evicting pod ${pod.metadata.namespace}/${pod.metadata.name} (dry run)\n`);
    return;
  }
  try {
    await helper.deleteOrEvictPods(list.pods());
  } catch (err) {
    const pending = await helper.getPodsForDeletion(nodeName).catch(() => undefined);
    const pods = pending?.list.pods() ?? [];
    if (pods.length) {
      ctx.io.stderr(`There are pending pods in node "${nodeName}" when an error occurred: ${errText(err)}\n`);
      for (const p of pods) ctx.io.stderr(`pod/${p.metadata.name}\n`);
    }
    if (pending?.errors.length) ctx.io.stderr(`Following errors occurred while getting the list of pods to delete:\n${new GoAggregate(pending.errors).message}`);
    throw err instanceof StatusError ? new Error(err.message) : err;
  }
}
