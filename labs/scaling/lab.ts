// Scaling: take a controller of nginx pods from 2 to 5 replicas and back to 3. The controller's
// SuccessfulCreate/SuccessfulDelete events (on the RC, or on a Deployment's ReplicaSets) show
// the way it went; the pods show where it ended.
import type { Event } from '../../engine/api/core/v1/types.js';
import { defineLab, helpers as h, type CheckContext, type CheckOutcome } from '../../engine/grader/index.js';

const images = ['nginx', 'kubelab/nginx'];

async function theWorkload(ctx: CheckContext): Promise<h.Workload | string> {
  const found = (await h.workloads(ctx)).filter((w) => h.usesImage(w, images));
  if (found.length === 0) return 'no ReplicationController or Deployment runs nginx';
  if (found.length > 1) return `${found.length} controllers run nginx (${found.map((w) => `${w.kind}/${w.name}`).join(', ')}); keep one`;
  return found[0]!;
}

/** podEvents sums the counts of pod create/delete events of the workload (a Deployment's via its ReplicaSets). */
async function podEvents(ctx: CheckContext, w: h.Workload): Promise<{ created: number; deleted: number }> {
  const owners = new Set<string>([w.object.metadata.uid ?? '']);
  if (w.kind === 'Deployment') {
    const rss = (await ctx.client.appsV1().replicaSets(ctx.namespace).list()).items;
    for (const rs of rss) if (rs.metadata.ownerReferences?.some((r) => r.uid === w.object.metadata.uid)) owners.add(rs.metadata.uid ?? '');
  }
  const events = (await ctx.client.coreV1().events(ctx.namespace).list()).items as Event[];
  let created = 0;
  let deleted = 0;
  for (const e of events) {
    if (!owners.has(e.involvedObject?.uid ?? '')) continue;
    if (e.reason === 'SuccessfulCreate') created += e.count ?? 1;
    if (e.reason === 'SuccessfulDelete') deleted += e.count ?? 1;
  }
  return { created, deleted };
}

export default defineLab({
  id: 'scaling',
  title: { en: 'Scale a replication controller', 'zh-cn': '扩缩容副本控制器' },
  chapter: 'concepts/replication-controllers',
  estimatedMinutes: 10,
  cluster: { nodes: 3 },
  checks: [
    {
      id: 'controller',
      name: { en: 'One controller manages the nginx pods', 'zh-cn': '由一个控制器管理 nginx Pod' },
      hint: {
        en: 'Create the starter controller with `kubectl apply -f`, and list controllers with `kubectl get rc,deploy`. Scaling changes a controller; it does not need a second one.',
        'zh-cn': '用 `kubectl apply -f` 创建初始的控制器，用 `kubectl get rc,deploy` 列出控制器。扩缩容修改的是已有的控制器，不需要再建一个。',
      },
      async run(ctx) {
        const w = await theWorkload(ctx);
        return typeof w === 'string' ? h.fail(w) : h.pass(`${w.kind}/${w.name} (selector ${h.selectorText(w.selector)})`);
      },
    },
    {
      id: 'scaled-through-five',
      name: { en: 'The controller was scaled up to 5', 'zh-cn': '控制器曾扩容到 5 个副本' },
      hint: {
        en: 'The controller records every pod it creates or deletes as an event (`kubectl describe`). Going from 2 to 5 and then to 3 creates 3 pods and later deletes 2.',
        'zh-cn': '控制器把它创建或删除的每个 Pod 都记录为事件（`kubectl describe`）。从 2 到 5 再到 3，会先创建 3 个 Pod，之后删除 2 个。',
      },
      async run(ctx): Promise<CheckOutcome> {
        const w = await theWorkload(ctx);
        if (typeof w === 'string') return h.fail(w);
        const { created, deleted } = await podEvents(ctx, w);
        const text = `${w.kind}/${w.name}: ${created} pods created, ${deleted} deleted`;
        return created >= 5 && deleted >= 2 ? h.pass(text) : h.fail(`${text} — not the way 2 → 5 → 3 goes`);
      },
    },
    {
      id: 'replicas-three',
      name: { en: 'The controller wants 3 replicas', 'zh-cn': '控制器的期望副本数为 3' },
      hint: {
        en: 'The desired count is spec.replicas; `kubectl get` shows it as DESIRED (or READY x/y for a Deployment).',
        'zh-cn': '期望副本数就是 spec.replicas；`kubectl get` 中显示为 DESIRED（Deployment 显示为 READY x/y）。',
      },
      async run(ctx) {
        const w = await theWorkload(ctx);
        if (typeof w === 'string') return h.fail(w);
        return w.replicas === 3 ? h.pass(`${w.kind}/${w.name}: replicas 3`) : h.fail(`${w.kind}/${w.name}: replicas ${w.replicas}`);
      },
    },
    {
      id: 'pods-running',
      name: { en: 'Exactly 3 nginx pods are Running', 'zh-cn': '正好有 3 个 nginx Pod 在运行' },
      hint: {
        en: 'After scaling down, the controller deletes the extra pods; they disappear once they finish terminating. Watch with `kubectl get pods -w`.',
        'zh-cn': '缩容后控制器会删除多余的 Pod，它们终止完成后就会消失。可以用 `kubectl get pods -w` 观察。',
      },
      async run(ctx) {
        const w = await theWorkload(ctx);
        if (typeof w === 'string') return h.fail(w);
        const pods = await h.podsSelectedBy(ctx, w.selector);
        const text = h.podSummary(pods);
        return pods.length === 3 && h.allRunning(pods) ? h.pass(text) : h.fail(text);
      },
    },
  ],
});
