// Rolling update: move a Deployment of nginx from 1.10.1 to 1.11.9 without ever going below the
// desired count (maxUnavailable 0). The checks read the Deployment's strategy and rollout status,
// its ReplicaSet history, and the Server header nginx sends through the service.
import type { ReplicaSet } from '../../engine/api/apps/v1/types.js';
import type { Deployment } from '../../engine/api/apps/v1/types.js';
import { defineLab, helpers as h, type CheckContext, type CheckOutcome } from '../../engine/grader/index.js';

const from = 'nginx:1.10.1';
const to = 'nginx:1.11.9';

async function deployment(ctx: CheckContext): Promise<Deployment | string> {
  const list = (await ctx.client.appsV1().deployments(ctx.namespace).list()).items.filter((d) => d.spec?.template?.spec?.containers?.some((c) => h.imageRepo(c.image ?? '') === 'nginx'));
  if (list.length === 0) return 'no Deployment runs nginx';
  if (list.length > 1) return `${list.length} Deployments run nginx (${list.map((d) => d.metadata.name).join(', ')}); update one instead of adding another`;
  return list[0]!;
}

async function history(ctx: CheckContext, d: Deployment): Promise<ReplicaSet[]> {
  const rss = (await ctx.client.appsV1().replicaSets(ctx.namespace).list()).items;
  const owned = rss.filter((rs) => rs.metadata.ownerReferences?.some((r) => r.uid === d.metadata.uid));
  const rev = (rs: ReplicaSet) => Number(rs.metadata.annotations?.['deployment.kubernetes.io/revision'] ?? 0);
  return owned.sort((a, b) => rev(a) - rev(b));
}

const withDeployment = async (ctx: CheckContext, fn: (d: Deployment) => Promise<CheckOutcome> | CheckOutcome) => {
  const d = await deployment(ctx);
  return typeof d === 'string' ? h.fail(d) : fn(d);
};
const imageOf = (x: { spec?: { template?: { spec?: { containers?: { image?: string }[] } } } }) => x.spec?.template?.spec?.containers?.map((c) => c.image).join(',') ?? '';

export default defineLab({
  id: 'rolling-update',
  title: { en: 'Roll out a new nginx without downtime', 'zh-cn': '不停机地滚动升级 nginx' },
  chapter: 'operations/rolling-updates',
  estimatedMinutes: 15,
  cluster: { nodes: 3 },
  checks: [
    {
      id: 'strategy',
      name: { en: 'The rollout never goes below the desired count', 'zh-cn': '滚动升级期间可用副本数从不低于期望值' },
      hint: {
        en: 'spec.strategy.rollingUpdate has two knobs: how many pods may be missing (maxUnavailable) and how many may be added (maxSurge). Read them with `kubectl get deploy -o yaml`.',
        'zh-cn': 'spec.strategy.rollingUpdate 有两个参数：允许缺少多少个 Pod（maxUnavailable）和允许多出多少个（maxSurge）。用 `kubectl get deploy -o yaml` 查看。',
      },
      run: (ctx) =>
        withDeployment(ctx, (d) => {
          const s = d.spec?.strategy;
          const ru = s?.rollingUpdate;
          const text = `deployment ${d.metadata.name}: ${s?.type ?? 'RollingUpdate'}, maxUnavailable ${ru?.maxUnavailable ?? '25%'}, maxSurge ${ru?.maxSurge ?? '25%'}`;
          const zero = ru?.maxUnavailable === 0 || ru?.maxUnavailable === '0' || ru?.maxUnavailable === '0%';
          return (s?.type ?? 'RollingUpdate') === 'RollingUpdate' && zero ? h.pass(text) : h.fail(text);
        }),
    },
    {
      id: 'image',
      name: { en: `The pod template runs ${to}`, 'zh-cn': `Pod 模板使用 ${to}` },
      hint: {
        en: 'A rollout starts when the pod template changes — for example its container image, with `kubectl apply` of an edited manifest, `kubectl edit` or `kubectl patch`.',
        'zh-cn': '修改 Pod 模板（例如容器镜像）就会触发滚动升级：可以 `kubectl apply` 修改后的清单，或使用 `kubectl edit`、`kubectl patch`。',
      },
      run: (ctx) => withDeployment(ctx, (d) => (imageOf(d) === to ? h.pass(`deployment ${d.metadata.name}: ${to}`) : h.fail(`deployment ${d.metadata.name}: ${imageOf(d)}`))),
    },
    {
      id: 'rollout-complete',
      name: { en: 'The rollout is complete', 'zh-cn': '滚动升级已经完成' },
      hint: {
        en: '`kubectl rollout status deployment/<name>` waits until every replica runs the new template and is available.',
        'zh-cn': '`kubectl rollout status deployment/<名称>` 会一直等到所有副本都运行新模板并且可用。',
      },
      run: (ctx) =>
        withDeployment(ctx, async (d) => {
          const want = d.spec?.replicas ?? 1;
          const st = d.status ?? {};
          const pods = await h.podsSelectedBy(ctx, d.spec?.selector?.matchLabels ?? {});
          const old = pods.filter((p) => p.spec?.containers?.some((c) => c.image !== to));
          const text = `deployment ${d.metadata.name}: ${st.updatedReplicas ?? 0}/${want} updated, ${st.availableReplicas ?? 0} available; ${h.podSummary(pods)}${old.length ? `, ${old.length} on the old image` : ''}`;
          const done = (st.observedGeneration ?? 0) >= (d.metadata.generation ?? 0) && st.updatedReplicas === want && st.availableReplicas === want && (st.replicas ?? 0) === want;
          return done && old.length === 0 && pods.length === want && h.allRunning(pods) ? h.pass(text) : h.fail(text);
        }),
    },
    {
      id: 'history',
      name: { en: 'The revision history has both versions', 'zh-cn': '修订历史中有两个版本' },
      hint: {
        en: 'Each template the Deployment has run is kept as a ReplicaSet with a revision number: `kubectl rollout history`. Creating the Deployment again from scratch with the new image loses the first revision.',
        'zh-cn': 'Deployment 运行过的每个模板都以带修订号的 ReplicaSet 保存：`kubectl rollout history`。如果直接用新镜像重新创建 Deployment，第一个修订就丢了。',
      },
      run: (ctx) =>
        withDeployment(ctx, async (d) => {
          const rss = await history(ctx, d);
          const text = rss.map((rs) => `revision ${rs.metadata.annotations?.['deployment.kubernetes.io/revision'] ?? '?'}: ${imageOf(rs)} ×${rs.spec?.replicas ?? 0}`).join('; ') || 'no ReplicaSets';
          const ok = rss.length === 2 && imageOf(rss[0]!) === from && imageOf(rss[1]!) === to && rss[0]!.spec?.replicas === 0;
          return ok ? h.pass(text) : h.fail(text);
        }),
    },
    {
      id: 'server-header',
      name: { en: 'The service answers with nginx/1.11.9', 'zh-cn': '服务返回的是 nginx/1.11.9' },
      hint: {
        en: 'nginx names its version in the Server response header. Requests to the service are spread over its endpoints, so every answer shows the new version only when no old pod is left behind it.',
        'zh-cn': 'nginx 会在响应头 Server 中给出版本号。发往服务的请求会分散到各个端点，只有当服务后面不再有旧 Pod 时，每次响应才都是新版本。',
      },
      run: (ctx) =>
        withDeployment(ctx, async (d) => {
          const services = await h.servicesSelecting(ctx, d.spec?.template?.metadata?.labels ?? {});
          const svc = services.find((s) => ctx.net.inCluster || s.spec?.type === 'NodePort');
          if (!svc) return h.fail(services.length ? 'only cluster-internal services select the nginx pods' : `no service selects the pods of deployment ${d.metadata.name}`);
          const port = svc.spec!.ports![0]!;
          const servers = new Set<string>();
          for (let i = 0; i < 6; i++) {
            const r = ctx.net.inCluster
              ? await ctx.net.http(`http://${svc.spec?.clusterIP}:${port.port}/`, { from: 'pod' })
              : (await h.httpViaNodePort(ctx, port.nodePort ?? 0)).res;
            servers.add(r.ok ? r.headers.get('server') ?? '(no Server header)' : r.error);
          }
          const text = `service ${svc.metadata.name} answered with ${[...servers].join(', ')}`;
          return servers.size === 1 && servers.has('nginx/1.11.9') ? h.pass(text) : h.fail(text);
        }),
    },
  ],
});
