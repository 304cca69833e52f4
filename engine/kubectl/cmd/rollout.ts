// Mirrors k8s.io/kubectl/pkg/cmd/rollout (status, history, undo, pause, resume, restart) and
// pkg/polymorphichelpers for deployments: revisions come from the owned ReplicaSets'
// deployment.kubernetes.io/revision annotations.
import type { KubeObject } from '../../apimachinery/apis/meta/v1/types.js';
import { kindPrefix, resourcePath } from '../rest/discovery.js';
import { TabWriter } from '../printers/tabwriter.js';
import { bool, int, str } from './util/flags.js';
import { resolveTargets, targetPath, type Target } from './util/targets.js';
import type { Command, CommandContext } from './util/command.js';
import { listObjects } from './get.js';
import { parseDuration } from './delete.js';

type Any = Record<string, any>;

async function deploymentTargets(ctx: CommandContext): Promise<Target[]> {
  if (!ctx.args.length) throw new Error('required resource not specified');
  const targets = await resolveTargets(ctx.f, ctx.io, ctx.args, {});
  for (const t of targets) if (t.resource.kind !== 'Deployment') throw new Error(`no ${ctx.path.split(' ')[1]}er has been implemented for {"${t.resource.group}" "${t.resource.kind}"}`);
  return targets;
}

async function ownedReplicaSets(ctx: CommandContext, d: Any): Promise<Any[]> {
  const client = await ctx.f.restClient();
  const rs = await (await ctx.f.discovery()).resourceFor('replicasets.apps');
  const all = await listObjects(client, rs, d.metadata.namespace, {});
  return all.filter((r) => r.metadata.ownerReferences?.some((o) => o.uid === d.metadata.uid));
}

const revisionOf = (rs: Any) => Number(rs.metadata.annotations?.['deployment.kubernetes.io/revision'] ?? 0);

/** statusMessage mirrors DeploymentStatusViewer.Status. */
export function deploymentStatus(d: Any): { message: string; done: boolean } {
  const name = d.metadata.name;
  const spec = d.spec ?? {};
  const st = d.status ?? {};
  if ((d.metadata.generation ?? 0) > (st.observedGeneration ?? 0)) return { message: 'Waiting for deployment spec update to be observed...\n', done: false };
  const progressing = (st.conditions ?? []).find((c: Any) => c.type === 'Progressing');
  if (progressing?.reason === 'ProgressDeadlineExceeded') throw new Error(`deployment "${name}" exceeded its progress deadline`);
  const replicas = spec.replicas ?? 1;
  const updated = st.updatedReplicas ?? 0;
  if (updated < replicas) return { message: `Waiting for deployment "${name}" rollout to finish: ${updated} out of ${replicas} new replicas have been updated...\n`, done: false };
  if ((st.replicas ?? 0) > updated) return { message: `Waiting for deployment "${name}" rollout to finish: ${(st.replicas ?? 0) - updated} old replicas are pending termination...\n`, done: false };
  if ((st.availableReplicas ?? 0) < updated) return { message: `Waiting for deployment "${name}" rollout to finish: ${st.availableReplicas ?? 0} of ${updated} updated replicas are available...\n`, done: false };
  return { message: `deployment "${name}" successfully rolled out\n`, done: true };
}

const status: Command = {
  name: 'status',
  short: 'Show the status of the rollout',
  flags: [{ name: 'watch', short: 'w', kind: 'bool', default: true }, { name: 'timeout', kind: 'string', default: '0s' }, { name: 'revision', kind: 'int' }],
  async run(ctx) {
    for (const t of await deploymentTargets(ctx)) {
      const timeout = parseDuration(str(ctx.flags, 'timeout'));
      const abort = new AbortController();
      const timer = timeout ? ctx.io.clock.setTimer(timeout, () => abort.abort()) : undefined;
      try {
        await watchStatus(ctx, t, bool(ctx.flags, 'watch'), abort.signal);
      } finally {
        timer?.stop();
      }
      if (abort.signal.aborted) throw new Error('timed out waiting for the condition');
    }
  },
};

/**
 * watchStatus mirrors watchtools.UntilWithSync as `rollout status` uses it: the status of the
 * listed object, then of every ADDED/MODIFIED event (printed each time, as upstream does) until
 * the rollout is done. A watch the server closes is started again from a fresh read.
 */
async function watchStatus(ctx: CommandContext, t: Target, watch: boolean, signal: AbortSignal): Promise<void> {
  const client = await ctx.f.restClient();
  const print = (d: Any) => {
    const s = deploymentStatus(d);
    ctx.io.stdout(s.message);
    return s.done || !watch;
  };
  while (!signal.aborted) {
    const list = await client.get<{ metadata?: { resourceVersion?: string }; items?: Any[] }>(resourcePath(t.resource, t.namespace), { query: { fieldSelector: `metadata.name=${t.name}` } });
    // Not there: the plain GET fails with the server's NotFound, as the builder's does upstream.
    const d = list.items?.[0] ?? (await client.get<Any>(targetPath(t)));
    if (print(d)) return;
    const query = { fieldSelector: `metadata.name=${t.name}`, resourceVersion: list.metadata?.resourceVersion ?? '' };
    for await (const ev of client.watch(resourcePath(t.resource, t.namespace), { query, signal })) {
      if (ev.type === 'DELETED') throw new Error('object has been deleted');
      if (ev.type !== 'ADDED' && ev.type !== 'MODIFIED') continue;
      if (print(ev.object as Any)) return;
    }
    if (!signal.aborted) await ctx.io.clock.sleep(1000);
  }
}

const history: Command = {
  name: 'history',
  short: 'View rollout history',
  flags: [{ name: 'revision', kind: 'int' }],
  async run(ctx) {
    const client = await ctx.f.restClient();
    for (const t of await deploymentTargets(ctx)) {
      const d = await client.get<Any>(targetPath(t));
      const rss = (await ownedReplicaSets(ctx, d)).sort((a, b) => revisionOf(a) - revisionOf(b));
      const want = int(ctx.flags, 'revision');
      if (want) {
        const rs = rss.find((r) => revisionOf(r) === want);
        if (!rs) throw new Error(`unable to find the specified revision`);
        ctx.io.stdout(`${kindPrefix(t.resource)}/${t.name} with revision #${want}\n${describePodTemplate(rs)}\n`);
        continue;
      }
      ctx.io.stdout(`${kindPrefix(t.resource)}/${t.name} \n`);
      const w = new TabWriter(ctx.io.stdout, { minWidth: 0, padding: 2 });
      w.write('REVISION\tCHANGE-CAUSE\n');
      for (const rs of rss) if (revisionOf(rs)) w.write(`${revisionOf(rs)}\t${rs.metadata.annotations?.['kubernetes.io/change-cause'] ?? '<none>'}\n`);
      w.flush();
      ctx.io.stdout('\n');
    }
  },
};

/** annotationsToSkip are the deployment's own annotations a rollback leaves alone. */
const annotationsToSkip = [
  'kubectl.kubernetes.io/last-applied-configuration',
  'deployment.kubernetes.io/revision',
  'deployment.kubernetes.io/revision-history',
  'deployment.kubernetes.io/desired-replicas',
  'deployment.kubernetes.io/max-replicas',
  'deprecated.deployment.rollback.to',
];

const undo: Command = {
  name: 'undo',
  short: 'Undo a previous rollout',
  flags: [{ name: 'to-revision', kind: 'int' }, { name: 'dry-run', kind: 'string', default: 'none' }],
  async run(ctx) {
    const client = await ctx.f.restClient();
    for (const t of await deploymentTargets(ctx)) {
      const d = await client.get<Any>(targetPath(t));
      if (d.spec?.paused) throw new Error(`you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume' and try again`);
      const rss = (await ownedReplicaSets(ctx, d)).sort((a, b) => revisionOf(b) - revisionOf(a));
      const to = int(ctx.flags, 'to-revision');
      const target = to ? rss.find((r) => revisionOf(r) === to) : rss[1];
      if (!target) throw new Error(to ? `unable to find specified revision ${to} in history` : 'no rollout history found for deployment "' + t.name + '"');
      const template = structuredClone(target.spec.template);
      delete template.metadata?.labels?.['pod-template-hash'];
      if (JSON.stringify(template.spec) === JSON.stringify(d.spec.template.spec)) {
        ctx.io.stdout(`${kindPrefix(t.resource)}/${t.name} skipped rollback (current template already matches revision ${revisionOf(target)})\n`);
        continue;
      }
      // The deployment keeps its own bookkeeping annotations and takes the revision's others.
      const annotations: Record<string, string> = {};
      for (const k of annotationsToSkip) if (d.metadata.annotations?.[k] !== undefined) annotations[k] = d.metadata.annotations[k];
      for (const [k, v] of Object.entries((target.metadata.annotations ?? {}) as Record<string, string>)) if (!annotationsToSkip.includes(k)) annotations[k] = v;
      await client
        .do('PATCH', targetPath(t), {
          body: [{ op: 'replace', path: '/spec/template', value: template }, { op: 'replace', path: '/metadata/annotations', value: annotations }],
          contentType: 'application/json-patch+json',
        })
        .catch((err) => {
          throw new Error(`failed restoring revision ${to}: ${err instanceof Error ? err.message : String(err)}`);
        });
      ctx.io.stdout(`${kindPrefix(t.resource)}/${t.name} rolled back\n`);
    }
  },
};

function pauseLike(name: 'pause' | 'resume'): Command {
  return {
    name,
    short: name === 'pause' ? 'Mark the provided resource as paused' : 'Resume a paused resource',
    async run(ctx) {
      const client = await ctx.f.restClient();
      for (const t of await deploymentTargets(ctx)) {
        const d = await client.get<Any>(targetPath(t));
        const paused = !!d.spec?.paused;
        if (name === 'pause' && paused) throw new Error(`${t.resource.name}.${t.resource.group} "${t.name}" is already paused`);
        if (name === 'resume' && !paused) throw new Error(`${t.resource.name}.${t.resource.group} "${t.name}" is not paused`);
        await client.do('PATCH', targetPath(t), { body: { spec: { paused: name === 'pause' ? true : null } }, contentType: 'application/strategic-merge-patch+json' });
        ctx.io.stdout(`${kindPrefix(t.resource)}/${t.name} ${name === 'pause' ? 'paused' : 'resumed'}\n`);
      }
    },
  };
}

const restart: Command = {
  name: 'restart',
  short: 'Restart a resource',
  async run(ctx) {
    const client = await ctx.f.restClient();
    for (const t of await deploymentTargets(ctx)) {
      const d = await client.get<Any>(targetPath(t));
      if (d.spec?.paused) throw new Error(`can't restart paused deployment (run rollout resume first)`);
      const at = new Date(ctx.io.clock.now()).toISOString().replace(/\.\d+Z$/, 'Z');
      await client.do('PATCH', targetPath(t), {
        body: { spec: { template: { metadata: { annotations: { 'kubectl.kubernetes.io/restartedAt': at } } } } },
        contentType: 'application/strategic-merge-patch+json',
        query: { fieldManager: 'kubectl-rollout' },
      });
      ctx.io.stdout(`${kindPrefix(t.resource)}/${t.name} restarted\n`);
    }
  },
};

export const rolloutCommand: Command = {
  name: 'rollout',
  short: 'Manage the rollout of a resource',
  sub: [status, history, undo, pauseLike('pause'), pauseLike('resume'), restart],
};

void resourcePath;
void ({} as KubeObject);

/** describePodTemplate is DescribePodTemplate for a revision: the template plus its change cause. */
function describePodTemplate(rs: Any): string {
  const tpl = rs.spec?.template ?? {};
  const cause = rs.metadata.annotations?.['kubernetes.io/change-cause'];
  const annotations: Record<string, string> = { ...tpl.metadata?.annotations, ...(cause ? { 'kubernetes.io/change-cause': cause } : {}) };
  const pairs = (m: Record<string, string> | undefined, sep: string) => {
    const keys = Object.keys(m ?? {}).sort();
    return keys.length ? keys.map((k) => `${k}${sep}${m![k]}`).join('\n\t') : '<none>';
  };
  let s = `Pod Template:\n  Labels:\t${pairs(tpl.metadata?.labels, '=')}\n`;
  if (Object.keys(annotations).length) s += `  Annotations:\t${pairs(annotations, ': ')}\n`;
  s += '  Containers:\n';
  for (const c of tpl.spec?.containers ?? []) {
    const ports = (c.ports ?? []) as Any[];
    s += `   ${c.name}:\n    Image:\t${c.image}\n`;
    s += `    Port:\t${ports.length ? ports.map((p) => `${p.containerPort}/${p.protocol ?? 'TCP'}`).join(', ') : '<none>'}\n`;
    s += `    Host Port:\t${ports.length ? ports.map((p) => `${p.hostPort ?? 0}/${p.protocol ?? 'TCP'}`).join(', ') : '<none>'}\n`;
    const env = (c.env ?? []) as Any[];
    s += env.length ? `    Environment:\n${env.map((e) => `      ${e.name}:\t${e.value ?? ''}\n`).join('')}` : '    Environment:\t<none>\n';
    const mounts = (c.volumeMounts ?? []) as Any[];
    s += mounts.length ? `    Mounts:\n${mounts.map((m) => `      ${m.mountPath} from ${m.name} (${m.readOnly ? 'ro' : 'rw'})\n`).join('')}` : '    Mounts:\t<none>\n';
  }
  s += `  Volumes:\t${(tpl.spec?.volumes ?? []).length ? (tpl.spec.volumes as Any[]).map((v) => v.name).join(', ') : '<none>'}\n`;
  s += `  Node-Selectors:\t${Object.keys(tpl.spec?.nodeSelector ?? {}).length ? pairs(tpl.spec.nodeSelector, '=') : '<none>'}\n`;
  s += `  Tolerations:\t${(tpl.spec?.tolerations ?? []).length ? (tpl.spec.tolerations as Any[]).map((t) => `${t.key}${t.operator === 'Exists' ? '' : `=${t.value ?? ''}`}${t.effect ? `:${t.effect}` : ''}`).join('\n\t') : '<none>'}\n`;
  return s;
}
