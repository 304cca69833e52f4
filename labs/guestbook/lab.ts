// The guestbook: redis master and slaves behind services, a PHP frontend on NodePort 30001.
// Controller and frontend service names are the learner's choice; the redis services must be
// named redis-master and redis-slave because the frontend and the slaves find them by DNS.
import { defineLab, helpers as h, type CheckContext, type CheckOutcome } from '../../engine/grader/index.js';

const masterImages = ['kubelab/redis', 'redis', 'kubeguide/redis-master'];
const slaveImages = ['kubelab/redis-slave', 'kubeguide/guestbook-redis-slave', 'gcr.io/google_samples/gb-redisslave'];
const frontendImages = ['kubelab/guestbook-frontend', 'kubeguide/guestbook-php-frontend', 'gcr.io/google-samples/gb-frontend'];
const nodePort = 30001;

async function workloadFor(ctx: CheckContext, images: string[]): Promise<h.Workload[]> {
  return (await h.workloads(ctx)).filter((w) => h.usesImage(w, images));
}

/** controller checks there is one controller of the image with the replicas and a selector that fits its template. */
function controller(images: string[], replicas: number) {
  return async (ctx: CheckContext): Promise<CheckOutcome> => {
    const found = await workloadFor(ctx, images);
    if (found.length === 0) return h.fail(`no ReplicationController, ReplicaSet or Deployment runs ${images[0]}`);
    if (found.length > 1) return h.fail(`${found.length} controllers run ${images[0]}: ${found.map((w) => `${w.kind}/${w.name}`).join(', ')}`);
    const w = found[0]!;
    const what = `${w.kind}/${w.name} (replicas ${w.replicas}, selector ${h.selectorText(w.selector)})`;
    if (!h.matches(w.selector, w.templateLabels)) return h.fail(`${what}: selector does not match the pod template labels ${h.selectorText(w.templateLabels)}`);
    if (w.replicas !== replicas) return h.fail(`${what}: wants ${replicas} replicas`);
    return h.pass(what);
  };
}

/** redisService checks the named service on 6379 selects the given controller's pods, and only those. */
function redisService(name: string, images: string[], otherImages: string[]) {
  return async (ctx: CheckContext): Promise<CheckOutcome> => {
    const svc = await h.getOrUndefined(ctx.client.coreV1().services(ctx.namespace).get(name));
    if (!svc) return h.fail(`service "${name}" not found`);
    const ports = svc.spec?.ports?.map((p) => p.port) ?? [];
    const what = `service ${name} (ports ${ports.join(',') || 'none'}, selector ${h.selectorText(svc.spec?.selector)})`;
    if (!ports.includes(6379)) return h.fail(`${what}: no port 6379`);
    const [w] = await workloadFor(ctx, images);
    if (!w || !h.matches(svc.spec?.selector, w.templateLabels)) return h.fail(`${what}: selects none of the ${images[0]} pods`);
    const [other] = await workloadFor(ctx, otherImages);
    if (other && h.matches(svc.spec?.selector, other.templateLabels)) return h.fail(`${what}: also selects the ${otherImages[0]} pods`);
    return h.pass(what);
  };
}

async function frontendService(ctx: CheckContext) {
  const [w] = await workloadFor(ctx, frontendImages);
  const services = w ? await h.servicesSelecting(ctx, w.templateLabels) : [];
  return { w, services, svc: services.find((s) => s.spec?.ports?.some((p) => p.nodePort === nodePort)) };
}

export default defineLab({
  id: 'guestbook',
  title: { en: 'Run the guestbook', 'zh-cn': '运行留言板（Guestbook）' },
  chapter: 'getting-started/hello-world',
  estimatedMinutes: 20,
  cluster: { nodes: 3 },
  checks: [
    {
      id: 'redis-master-controller',
      name: { en: 'One redis master replica is declared', 'zh-cn': '声明了一个 redis master 副本' },
      hint: {
        en: 'Look at the controllers with `kubectl get rc,deploy -o wide`: the master is a single copy of the kubelab/redis image, and its selector must match its own pod template labels.',
        'zh-cn': '用 `kubectl get rc,deploy -o wide` 查看控制器：master 只需要 kubelab/redis 镜像的一个副本，且其标签选择器必须匹配自己的 Pod 模板标签。',
      },
      run: controller(masterImages, 1),
    },
    {
      id: 'redis-master-service',
      name: { en: 'Service redis-master points at the master', 'zh-cn': '服务 redis-master 指向 master' },
      hint: {
        en: 'The slaves and the frontend look for the master by the DNS name redis-master on port 6379. Compare the service selector with the master pods\' labels (`kubectl get pods --show-labels`).',
        'zh-cn': 'slave 和前端通过 DNS 名称 redis-master 的 6379 端口寻找 master。对比服务的选择器与 master Pod 的标签（`kubectl get pods --show-labels`）。',
      },
      run: redisService('redis-master', masterImages, slaveImages),
    },
    {
      id: 'redis-slave-controller',
      name: { en: 'Two redis slave replicas are declared', 'zh-cn': '声明了两个 redis slave 副本' },
      hint: {
        en: 'The read side scales separately from the master: one controller running the slave image with two replicas.',
        'zh-cn': '读的一侧与 master 分开扩展：由一个控制器运行 slave 镜像，副本数为 2。',
      },
      run: controller(slaveImages, 2),
    },
    {
      id: 'redis-slave-service',
      name: { en: 'Service redis-slave points at the slaves', 'zh-cn': '服务 redis-slave 指向 slave' },
      hint: {
        en: 'The frontend reads from the DNS name redis-slave on port 6379. A selector that differs from the pod labels by one character selects nothing — check `kubectl get endpoints`.',
        'zh-cn': '前端从 DNS 名称 redis-slave 的 6379 端口读取数据。选择器与 Pod 标签差一个字符就什么也选不中——看看 `kubectl get endpoints`。',
      },
      run: redisService('redis-slave', slaveImages, masterImages),
    },
    {
      id: 'frontend-controller',
      name: { en: 'Three frontend replicas are declared', 'zh-cn': '声明了三个前端副本' },
      hint: {
        en: 'The web tier is stateless, so it runs as several identical copies: how many does the task ask for? `kubectl scale` changes the count.',
        'zh-cn': 'Web 层是无状态的，所以以多个相同副本运行：任务要求几个？`kubectl scale` 可以修改副本数。',
      },
      run: controller(frontendImages, 3),
    },
    {
      id: 'frontend-service',
      name: { en: 'The frontend is exposed on NodePort 30001', 'zh-cn': '前端通过 NodePort 30001 暴露' },
      hint: {
        en: 'A NodePort service opens the same port on every node. Its selector must match the frontend pods, and the port must be pinned with nodePort, otherwise one is picked at random.',
        'zh-cn': 'NodePort 服务在每个节点上打开同一个端口。它的选择器要匹配前端 Pod，并且要用 nodePort 固定端口号，否则会随机分配。',
      },
      async run(ctx) {
        const { w, services, svc } = await frontendService(ctx);
        if (!w) return h.fail('no frontend controller, so no service can select its pods');
        if (!svc) {
          const seen = services.map((s) => `${s.metadata.name} (${s.spec?.type}, nodePorts ${s.spec?.ports?.map((p) => p.nodePort ?? '-').join(',')})`);
          return h.fail(seen.length ? `services selecting the frontend pods: ${seen.join('; ')} — none on NodePort ${nodePort}` : `no service selects the frontend pods (labels ${h.selectorText(w.templateLabels)})`);
        }
        return h.pass(`service ${svc.metadata.name} (${svc.spec?.type}) on NodePort ${nodePort}`);
      },
    },
    {
      id: 'pods-running',
      name: { en: 'All guestbook pods are Running', 'zh-cn': '所有留言板 Pod 都处于 Running 状态' },
      hint: {
        en: '`kubectl get pods` and `kubectl describe pod` tell why a pod is not running: an image name that does not exist, or a pod that is still being created.',
        'zh-cn': '`kubectl get pods` 和 `kubectl describe pod` 会告诉你 Pod 为什么没有运行：镜像名不存在，或者 Pod 还在创建中。',
      },
      async run(ctx) {
        const all = await h.workloads(ctx);
        const ours = all.filter((w) => h.usesImage(w, [...masterImages, ...slaveImages, ...frontendImages]));
        if (ours.length < 3) return h.fail(`${ours.length} of 3 guestbook controllers exist`);
        const parts: string[] = [];
        let ok = true;
        for (const w of ours) {
          const pods = await h.podsSelectedBy(ctx, w.selector);
          parts.push(`${w.name}: ${h.podSummary(pods)}`);
          if (pods.length !== w.replicas || !h.allRunning(pods)) ok = false;
        }
        return ok ? h.pass(parts.join('; ')) : h.fail(parts.join('; '));
      },
    },
    {
      id: 'endpoints',
      name: { en: 'Every service has endpoints', 'zh-cn': '每个服务都有端点（Endpoints）' },
      hint: {
        en: 'Endpoints list the ready pods a service selects. Empty endpoints mean the selector matches no ready pod.',
        'zh-cn': '端点列出了服务选中的就绪 Pod。端点为空说明选择器没有匹配到任何就绪的 Pod。',
      },
      async run(ctx) {
        const { svc } = await frontendService(ctx);
        const want: [string, number][] = [['redis-master', 1], ['redis-slave', 2], [svc?.metadata.name ?? 'frontend', 3]];
        const seen = await Promise.all(want.map(async ([name, n]) => [name, n, await h.readyEndpoints(ctx, name)] as const));
        const text = seen.map(([name, n, got]) => `${name}: ${got}/${n}`).join(', ');
        return seen.every(([, n, got]) => got === n) ? h.pass(text) : h.fail(text);
      },
    },
    {
      id: 'nodeport-page',
      name: { en: 'NodePort 30001 answers with the guestbook page', 'zh-cn': 'NodePort 30001 返回留言板页面' },
      hint: {
        en: 'Open http://<node address>:30001/ (node addresses are in `kubectl get nodes -o wide`). kube-proxy forwards that port on every node to a frontend pod.',
        'zh-cn': '打开 http://<节点地址>:30001/（节点地址见 `kubectl get nodes -o wide`）。kube-proxy 会把每个节点上的这个端口转发到一个前端 Pod。',
      },
      async run(ctx) {
        const { url, res } = await h.httpViaNodePort(ctx, nodePort, '/');
        if (res.ok && res.status === 200 && /<title>Guestbook/.test(res.body)) return h.pass(`${h.answerText(url, res)} with the guestbook page`);
        return h.fail(res.ok ? `${h.answerText(url, res)} without the guestbook page` : h.answerText(url, res));
      },
    },
    {
      id: 'message-roundtrip',
      name: { en: 'A message written through the frontend reads back', 'zh-cn': '通过前端写入的留言可以读回' },
      hint: {
        en: 'Writes go to redis-master and reads come from redis-slave, which copies the master. If a write works but the read stays empty, look at the slaves and their service.',
        'zh-cn': '写入发往 redis-master，读取来自复制 master 数据的 redis-slave。如果写入成功而读取一直为空，检查 slave 及其服务。',
      },
      async run(ctx) {
        const value = `kubelab-check-${ctx.clock.now()}`;
        const set = await h.httpViaNodePort(ctx, nodePort, `/guestbook.php?cmd=set&key=messages&value=${value}`);
        if (!set.res.ok || set.res.status !== 200) return h.fail(`write: ${h.answerText(set.url, set.res)}${set.res.ok ? ` ${set.res.body}` : ''}`);
        let last = '';
        // Replication to the slaves is asynchronous: give it a few seconds.
        for (let i = 0; i < 10; i++) {
          const get = await h.httpViaNodePort(ctx, nodePort, '/guestbook.php?cmd=get&key=messages');
          last = get.res.ok ? `${get.res.status} ${get.res.body}` : get.res.error;
          if (get.res.ok && get.res.body.includes(value)) return h.pass(`wrote "${value}" and read back ${get.res.body}`);
          await ctx.clock.sleep(500);
        }
        return h.fail(`wrote "${value}" but cmd=get answered: ${last}`);
      },
    },
  ],
});
