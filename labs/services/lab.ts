// Services: put a ClusterIP service (port 8080 → the pods' port 80) and a NodePort service (30080)
// in front of the webapp pods. Names are the learner's choice; the checks find the services by
// what they select and answer, through the cluster's own DNS, service IPs and node ports.
import type { Service } from '../../engine/api/core/v1/types.js';
import { defineLab, helpers as h, type CheckContext, type CheckOutcome } from '../../engine/grader/index.js';

const podLabels = { app: 'webapp' };
const nodePort = 30080;

async function selecting(ctx: CheckContext, type: string): Promise<Service[]> {
  return (await h.servicesSelecting(ctx, podLabels)).filter((s) => (s.spec?.type ?? 'ClusterIP') === type);
}

async function clusterIPService(ctx: CheckContext): Promise<Service | string> {
  const list = await selecting(ctx, 'ClusterIP');
  const svc = list.find((s) => s.spec?.ports?.some((p) => p.port === 8080));
  if (svc) return svc;
  return list.length ? `ClusterIP services selecting app=webapp: ${list.map((s) => `${s.metadata.name} (ports ${s.spec?.ports?.map((p) => p.port).join(',')})`).join('; ')} — none on port 8080` : 'no ClusterIP service selects the pods labelled app=webapp';
}

async function nodePortService(ctx: CheckContext): Promise<Service | string> {
  const list = await selecting(ctx, 'NodePort');
  const svc = list.find((s) => s.spec?.ports?.some((p) => p.nodePort === nodePort));
  if (svc) return svc;
  return list.length ? `NodePort services selecting app=webapp: ${list.map((s) => `${s.metadata.name} (nodePorts ${s.spec?.ports?.map((p) => p.nodePort).join(',')})`).join('; ')} — none on ${nodePort}` : 'no NodePort service selects the pods labelled app=webapp';
}

const found = (what: Service | string, fn: (s: Service) => Promise<CheckOutcome> | CheckOutcome) => (typeof what === 'string' ? h.fail(what) : fn(what));

export default defineLab({
  id: 'services',
  title: { en: 'Reach pods through services', 'zh-cn': '通过服务访问 Pod' },
  chapter: 'concepts/services',
  estimatedMinutes: 15,
  cluster: { nodes: 3 },
  checks: [
    {
      id: 'clusterip-service',
      name: { en: 'A ClusterIP service on port 8080 selects the webapp pods', 'zh-cn': '一个端口为 8080 的 ClusterIP 服务选中了 webapp Pod' },
      hint: {
        en: 'A service finds its pods by label selector, not by name. `kubectl get pods --show-labels` shows the labels to select; port is what clients use, targetPort is where the pods listen.',
        'zh-cn': '服务通过标签选择器而不是名称找到 Pod。`kubectl get pods --show-labels` 可以看到要选择的标签；port 是客户端使用的端口，targetPort 是 Pod 监听的端口。',
      },
      run: async (ctx) => found(await clusterIPService(ctx), (s) => h.pass(`service ${s.metadata.name}: ${s.spec?.clusterIP}:8080`)),
    },
    {
      id: 'nodeport-service',
      name: { en: 'A NodePort service on 30080 selects the webapp pods', 'zh-cn': '一个 NodePort 为 30080 的服务选中了 webapp Pod' },
      hint: {
        en: 'type: NodePort opens a port on every node; set nodePort to choose it (30000–32767), or the API server picks one for you.',
        'zh-cn': 'type: NodePort 会在每个节点上打开一个端口；设置 nodePort 来指定它（30000–32767），否则 API 服务器会替你选一个。',
      },
      run: async (ctx) => found(await nodePortService(ctx), (s) => h.pass(`service ${s.metadata.name}: nodePort ${nodePort}`)),
    },
    {
      id: 'endpoints',
      name: { en: 'Both services have the two pods as endpoints', 'zh-cn': '两个服务的端点都是这两个 Pod' },
      hint: {
        en: 'The endpoints controller lists the ready pods each service selects: `kubectl get endpoints`.',
        'zh-cn': '端点控制器会列出每个服务选中的就绪 Pod：`kubectl get endpoints`。',
      },
      async run(ctx) {
        const services = [await clusterIPService(ctx), await nodePortService(ctx)].filter((s): s is Service => typeof s !== 'string');
        if (services.length < 2) return h.fail(`${services.length} of the 2 services exist`);
        const counts = await Promise.all(services.map(async (s) => [s.metadata.name, await h.readyEndpoints(ctx, s.metadata.name!)] as const));
        const text = counts.map(([n, c]) => `${n}: ${c} ready`).join(', ');
        return counts.every(([, c]) => c === 2) ? h.pass(text) : h.fail(text);
      },
    },
    {
      id: 'dns-name',
      name: { en: 'The ClusterIP service name resolves in cluster DNS', 'zh-cn': 'ClusterIP 服务名可以在集群 DNS 中解析' },
      hint: {
        en: 'Every service gets the name <service>.<namespace>.svc.cluster.local pointing at its cluster IP.',
        'zh-cn': '每个服务都会得到 <服务名>.<命名空间>.svc.cluster.local 这个名称，指向它的集群 IP。',
      },
      async run(ctx) {
        if (!ctx.net.inCluster) return h.skip('cluster DNS is not reachable from outside the cluster');
        return found(await clusterIPService(ctx), async (s) => {
          const name = `${s.metadata.name}.${ctx.namespace}.svc.cluster.local`;
          const ips = await ctx.net.lookup(name);
          return ips.includes(s.spec?.clusterIP ?? '') ? h.pass(`${name} → ${ips.join(', ')}`) : h.fail(`${name} → ${ips.join(', ') || 'no answer'}, expected ${s.spec?.clusterIP}`);
        });
      },
    },
    {
      id: 'clusterip-answers',
      name: { en: 'The service IP answers from inside a pod', 'zh-cn': '从 Pod 内部访问服务 IP 可以得到响应' },
      hint: {
        en: 'A connection to <cluster IP>:8080 is forwarded by kube-proxy to a pod on targetPort. If it is refused, the pods do not listen on the port the service forwards to.',
        'zh-cn': '到 <集群 IP>:8080 的连接会被 kube-proxy 转发到 Pod 的 targetPort。如果连接被拒绝，说明 Pod 并没有在服务转发的端口上监听。',
      },
      async run(ctx) {
        if (!ctx.net.inCluster) return h.skip('cluster IPs are not reachable from outside the cluster');
        return found(await clusterIPService(ctx), async (s) => {
          const url = `http://${s.spec?.clusterIP}:8080/`;
          const res = await ctx.net.http(url, { from: 'pod' });
          return res.ok && res.status === 200 ? h.pass(h.answerText(url, res)) : h.fail(h.answerText(url, res));
        });
      },
    },
    {
      id: 'nodeport-answers',
      name: { en: 'NodePort 30080 answers on the node addresses', 'zh-cn': 'NodePort 30080 可以在节点地址上访问' },
      hint: {
        en: 'From outside, use a node address from `kubectl get nodes -o wide` and the node port. kube-proxy forwards it on every node, even one without a webapp pod.',
        'zh-cn': '从集群外部访问时，使用 `kubectl get nodes -o wide` 中的节点地址加上节点端口。kube-proxy 在每个节点上都会转发它，即使该节点上没有 webapp Pod。',
      },
      async run(ctx) {
        const addresses = await ctx.nodeAddresses();
        if (!addresses.length) return h.fail('no Ready node');
        const seen: string[] = [];
        for (const a of addresses) {
          const url = `http://${a}:${nodePort}/`;
          const res = await ctx.net.http(url, { from: 'outside' });
          if (!res.ok || res.status !== 200) return h.fail(h.answerText(url, res));
          seen.push(a);
        }
        return h.pass(`200 from ${seen.join(', ')} on port ${nodePort}`);
      },
    },
  ],
});
