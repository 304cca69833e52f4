// The API server reached from inside the cluster, and the DNS add-on as pods: a program in a pod
// lists namespaces through the `kubernetes` service with its service account token, an informer in
// a pod sees a watch event, and kube-dns (10.254.0.10) is answered by the coredns pods.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Cluster } from '../../engine/cluster/cluster.js';
import { advanceUntil } from '../../engine/client/testing/advance.js';
import { newSharedInformerFactory } from '../../engine/client/informers/factory.js';
import { newForConfig } from '../../engine/client/kubernetes/clientset.js';
import { inClusterConfig, tokenFile } from '../../engine/client/rest/incluster/in-cluster-config.js';
import { sha256Hex } from '../../engine/images/lib/sha256.js';
import { busybox } from '../../engine/images/busybox/image.js';
import { TestContainer } from '../../engine/images/testing/harness.js';
import type { Image } from '../../engine/images/types.js';
import { NET_TOOLS } from '../../engine/net/tools/index.js';
import type { NetNamespace } from '../../engine/net/netns.js';
import { VirtualClock } from '../../engine/util/clock.js';

const b64url = (s: string) => btoa(s).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');

/** boundToken is a token in the kubelet's projected format for default/default. */
function boundToken(iss = 'https://kubernetes.default.svc.cluster.local'): string {
  const header = b64url(JSON.stringify({ alg: 'RS256', kid: 'kubelab' }));
  const payload = b64url(JSON.stringify({ iss, sub: 'system:serviceaccount:default:default', 'kubernetes.io': { namespace: 'default', serviceaccount: { name: 'default' } } }));
  return `${header}.${payload}.${b64url(sha256Hex(`${header}.${payload}`))}`;
}

/** lister is a test image: `list <path>` prints a GET through the in-cluster config, `watch` prints informer events. */
const lister: Image = {
  name: 'kubelab/test-lister',
  tags: ['latest'],
  config: {},
  files: {},
  sizeBytes: 1,
  programs: {
    async list(ctx) {
      const config = inClusterConfig(ctx, 'lister/v1');
      const res = await config.transport(new Request(new URL(ctx.argv[1]!, config.host), { headers: { Accept: 'application/json' } }));
      ctx.stdout(`${res.status}\n${await res.text()}`);
      return res.ok ? 0 : 1;
    },
    async watch(ctx) {
      const factory = newSharedInformerFactory(newForConfig(inClusterConfig(ctx, 'watcher/v1')), ctx.clock);
      const informer = factory.core().v1().configMaps().informer();
      informer.addEventHandler({ onAdd: (cm) => ctx.stdout(`ADDED ${cm.metadata.namespace}/${cm.metadata.name}\n`) });
      const stop = new AbortController();
      factory.start(stop.signal);
      await factory.waitForCacheSync(stop.signal);
      ctx.stdout('synced\n');
      await new Promise<void>((resolve) => ctx.aborted.addEventListener('abort', () => resolve(), { once: true }));
      stop.abort();
      await factory.shutdown();
      return 0;
    },
  },
};

async function nslookup(netns: NetNamespace, clock: VirtualClock, name: string) {
  let stdout = '';
  const run = NET_TOOLS.nslookup!([name], { stdout: (s) => void (stdout += s), stderr: (s) => void (stdout += s) }, {
    netns,
    clock,
    tools: NET_TOOLS,
    resolv: { nameservers: ['10.254.0.10'], search: ['default.svc.cluster.local', 'svc.cluster.local', 'cluster.local'], ndots: 5 },
  });
  const code = await advanceUntil(clock, run, 50);
  return { code, stdout };
}

describe('in-cluster API access and the DNS add-on as pods', () => {
  let cluster: Cluster;
  let clock: VirtualClock;
  const noResolver = { lookup: async () => [] as string[] };
  beforeAll(async () => {
    clock = new VirtualClock(Date.UTC(2026, 0, 1));
    cluster = await advanceUntil(clock, Cluster.start({ clock, nodes: 3, seed: 5 }));
  });
  afterAll(async () => {
    await advanceUntil(clock, cluster.stop());
  });

  function podContainer(image: Image, id: string, token?: string) {
    const pod = cluster.nodes.get('node-2')!.machine.setUpPod(id);
    const c = new TestContainer(image, pod.netns.stack, clock, noResolver, { env: { KUBERNETES_SERVICE_HOST: '10.254.0.1', KUBERNETES_SERVICE_PORT: '443' }, address: pod.ip });
    if (token) {
      c.fs.mkdir('/var/run/secrets/kubernetes.io/serviceaccount', { recursive: true });
      c.fs.writeFile(tokenFile, token);
    }
    return { c, pod };
  }

  it('runs kube-dns as a coredns Deployment whose pods back the kube-dns service', async () => {
    const deploy = await advanceUntil(clock, cluster.client.appsV1().deployments('kube-system').get('coredns'));
    expect(deploy.spec?.template.spec?.containers[0]?.image).toBe('kubelab/coredns:1.11');
    const svc = await advanceUntil(clock, cluster.client.coreV1().services('kube-system').get('kube-dns'));
    expect(svc.spec?.clusterIP).toBe('10.254.0.10');
    expect(svc.spec?.selector).toEqual({ 'k8s-app': 'kube-dns' });
    const pods = (await advanceUntil(clock, cluster.client.coreV1().pods('kube-system').list({ labelSelector: 'k8s-app=kube-dns' }))).items;
    expect(pods.filter((p) => p.status?.phase === 'Running').length).toBeGreaterThanOrEqual(1);
    const eps = await advanceUntil(clock, cluster.client.coreV1().endpoints('kube-system').get('kube-dns'));
    const ips = (eps.subsets ?? []).flatMap((s) => (s.addresses ?? []).map((a) => a.ip));
    expect(ips.length).toBeGreaterThanOrEqual(1);
    for (const ip of ips) expect(pods.map((p) => p.status?.podIP)).toContain(ip);
    expect(ips).not.toContain('192.168.1.100');
  });

  it('lists namespaces from a pod through the kubernetes service with the pod token', async () => {
    const { c } = podContainer(lister, 'lister-ok', boundToken());
    const out = await c.run(['list', '/api/v1/namespaces']);
    expect(out.code).toBe(0);
    const body = JSON.parse(out.stdout.split('\n').slice(1).join('\n')) as { kind: string; items: { metadata: { name: string } }[] };
    expect(body.kind).toBe('NamespaceList');
    expect(body.items.map((n) => n.metadata.name)).toEqual(expect.arrayContaining(['default', 'kube-system']));
  });

  it('answers 401 on the secure port without a valid token, and serves the insecure port 8080', async () => {
    const forged = podContainer(lister, 'lister-forged', boundToken('https://evil.example'));
    const denied = await forged.c.run(['list', '/api/v1/namespaces']);
    expect(denied.code).toBe(1);
    expect(denied.stdout).toMatch(/^401\n/);
    expect(JSON.parse(denied.stdout.slice(4))).toMatchObject({ kind: 'Status', reason: 'Unauthorized', code: 401 });

    const { c } = podContainer(busybox, 'wget-probe');
    const anonymous = await c.run(['wget', '-O-', 'http://10.254.0.1:443/api/v1/namespaces']);
    expect(anonymous.code).not.toBe(0);
    expect(anonymous.stderr).toContain('401 Unauthorized');
    const insecure = await c.run(['wget', '-q', '-O-', 'http://192.168.1.100:8080/api/v1/namespaces/kube-system']);
    expect(insecure.code).toBe(0);
    expect(JSON.parse(insecure.stdout)).toMatchObject({ kind: 'Namespace', metadata: { name: 'kube-system' } });
  });

  it('feeds an informer in a pod from a watch over the pod network', async () => {
    const { c } = podContainer(lister, 'watcher', boundToken());
    const running = c.start(['watch']);
    await advanceUntil(clock, (async () => { while (!running.stdout().includes('synced')) await clock.sleep(100); })());
    expect(running.stdout()).not.toContain('default/watched');
    await advanceUntil(clock, cluster.client.coreV1().configMaps('default').create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'watched', namespace: 'default' }, data: { a: '1' } }));
    await advanceUntil(clock, (async () => { while (!running.stdout().includes('ADDED default/watched')) await clock.sleep(100); })());
    expect(running.stdout()).toContain('ADDED default/watched');
    running.process.kill('SIGKILL');
    await advanceUntil(clock, running.process.done);
  });

  it('answers DNS from the coredns pods, including a service created after boot', async () => {
    const probe = cluster.nodes.get('node-3')!.machine.setUpPod('dns-probe');
    const k8s = await nslookup(probe.netns, clock, 'kubernetes.default');
    expect(k8s.code).toBe(0);
    expect(k8s.stdout).toContain('10.254.0.1');
    const svc = await advanceUntil(clock, cluster.client.coreV1().services('default').create({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'late', namespace: 'default' }, spec: { selector: { app: 'late' }, ports: [{ port: 80 }] } }));
    let answer = { code: 1, stdout: '' };
    for (let i = 0; i < 20 && answer.code !== 0; i++) {
      answer = await nslookup(probe.netns, clock, 'late.default.svc.cluster.local');
      if (answer.code !== 0) await clock.advance(500);
    }
    expect(answer.code).toBe(0);
    expect(answer.stdout).toContain(svc.spec!.clusterIP!);
  });

  it('serves the kube-ui dashboard from a pod on a NodePort, read through the in-cluster config', async () => {
    const labels = { 'k8s-app': 'kube-ui' };
    await advanceUntil(clock, cluster.client.appsV1().deployments('kube-system').create({
      apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'kube-ui', namespace: 'kube-system', labels },
      spec: { replicas: 1, selector: { matchLabels: labels }, template: { metadata: { labels }, spec: { containers: [{ name: 'kube-ui', image: 'gcr.io/google_containers/kube-ui:v4', ports: [{ containerPort: 8080 }] }] } } },
    }));
    await advanceUntil(clock, cluster.client.coreV1().services('kube-system').create({
      apiVersion: 'v1', kind: 'Service', metadata: { name: 'kube-ui', namespace: 'kube-system', labels },
      spec: { type: 'NodePort', selector: labels, ports: [{ port: 80, targetPort: 8080, nodePort: 30080 }] },
    }));
    let page = { code: 1, stdout: '' };
    const { c } = podContainer(busybox, 'ui-probe');
    for (let i = 0; i < 30 && !page.stdout.includes('Kubernetes UI'); i++) {
      await clock.advance(1000);
      page = await c.run(['wget', '-q', '-O-', 'http://192.168.1.101:30080/']);
    }
    expect(page.stdout).toContain('<title>Kubernetes UI</title>');
    for (const name of ['node-1', 'node-2', 'node-3', 'kube-dns', 'kubernetes']) expect(page.stdout).toContain(`<td>${name}</td>`);
    expect(page.stdout).toMatch(/<td>coredns-[a-z0-9]+-[a-z0-9]+<\/td>/);
  });
});
