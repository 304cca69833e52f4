import { describe, expect, it } from 'vitest';
import { advanceUntil } from '../client/testing/advance.js';
import { newAdminHandler, withAdminAPI } from '../cluster/admin-api.js';
import { Cluster } from '../cluster/cluster.js';
import { VirtualClock } from '../util/clock.js';
import { adminDataplane, findAdminAPI } from './admin-dataplane.js';
import { clusterDataplane } from './dataplane.js';
import { applySubmission } from './submission.js';
import { clusterTarget } from './target.js';
import type { HttpResult } from './types.js';

const web = `apiVersion: v1
kind: ReplicationController
metadata: {name: web}
spec:
  replicas: 2
  selector: {app: web}
  template:
    metadata: {labels: {app: web}}
    spec: {containers: [{name: web, image: "nginx:1.25", ports: [{containerPort: 80}]}]}
---
apiVersion: v1
kind: Service
metadata: {name: web}
spec: {selector: {app: web}, ports: [{port: 8080, targetPort: 80}]}
---
apiVersion: v1
kind: Service
metadata: {name: web-nodeport}
spec: {type: NodePort, selector: {app: web}, ports: [{port: 8080, targetPort: 80, nodePort: 30080}]}
`;

const server = 'http://127.0.0.1:8080';
const inProcess = (handler: (req: Request) => Promise<Response>) => ((input: RequestInfo | URL, init?: RequestInit) => handler(new Request(input, init))) as typeof fetch;
/** seen keeps what a check would read of an answer. */
const seen = (r: HttpResult) => (r.ok ? { status: r.status, server: r.headers.get('server'), title: /<title>([^<]*)/.exec(r.body)?.[1] } : { error: r.error });

describe('adminDataplane', () => {
  it('reaches pods, cluster IPs, DNS and node ports through the admin API, as clusterDataplane does in process', async () => {
    const clock = new VirtualClock(Date.UTC(2026, 0, 1));
    const cluster = await advanceUntil(clock, Cluster.start({ clock, nodes: 2, seed: 5 }));
    try {
      const fetchFn = inProcess(withAdminAPI(cluster.plane.apiserver.handler, newAdminHandler(cluster)));
      const admin = await advanceUntil(clock, findAdminAPI(`${server}/`, {}, clock, fetchFn));
      expect(admin).toBe(`${server}/kubelab/v1`);
      const net = adminDataplane(admin!, {}, clock, fetchFn);
      const direct = clusterDataplane(cluster);
      expect(net.inCluster).toBe(true);

      const steps = await advanceUntil(clock, applySubmission(clusterTarget(cluster), { files: { 'web.yaml': web } }));
      expect(steps.map((s) => s.code)).toEqual([0]);
      const core = cluster.client.coreV1();
      const clusterIP = (await advanceUntil(clock, core.services('default').get('web'))).spec!.clusterIP!;
      // Wait until kube-proxy forwards the service, so both ways ask the same dataplane.
      await advanceUntil(clock, (async () => {
        while (!(await direct.http(`http://${clusterIP}:8080/`)).ok) await clock.sleep(200);
      })());
      const pod = (await advanceUntil(clock, core.pods('default').list())).items[0]!;
      const nodeIP = [...cluster.nodes.values()][1]!.machine.ip;

      const name = 'web.default.svc.cluster.local';
      expect(await advanceUntil(clock, net.lookup(name))).toEqual([clusterIP]);
      expect(await advanceUntil(clock, net.lookup('nothing-here.default.svc.cluster.local'))).toEqual([]);

      const cases: [string, string, Parameters<typeof net.http>[1]][] = [
        ['service IP from a pod', `http://${clusterIP}:8080/`, { from: 'pod' }],
        ['node port from outside', `http://${nodeIP}:30080/`, { from: 'outside' }],
        ['a closed port of a pod', `http://${pod.status!.podIP}:81/`, {}],
        ['a name nobody serves', 'http://nothing-here.default.svc.cluster.local/', {}],
      ];
      const got: unknown[] = [];
      for (const [what, url, opts] of cases) {
        const viaAdmin = seen(await advanceUntil(clock, net.http(url, opts)));
        expect(viaAdmin, what).toEqual(seen(await advanceUntil(clock, direct.http(url, opts))));
        got.push(viaAdmin);
      }
      const nginx = { status: 200, server: expect.stringMatching(/^nginx\/1\.25/), title: 'Welcome to nginx!' };
      expect(got).toEqual([nginx, nginx, { error: `connection to ${pod.status!.podIP}:81 refused` }, { error: 'could not resolve host nothing-here.default.svc.cluster.local' }]);

      // What the admin API refuses reaches the check as a failed request, with the Status message.
      expect(await advanceUntil(clock, net.http('http://10.254.0.1/', { from: 'nowhere' as 'pod' }))).toEqual({ ok: false, error: `the cluster's admin API refused the probe: from must be "pod" or "outside", not "nowhere"` });
    } finally {
      await advanceUntil(clock, cluster.stop());
    }
  });

  it('findAdminAPI tells a Kubelab cluster from other API servers and from no answer', async () => {
    const clock = new VirtualClock(0);
    const answering = (status: number, body: unknown) => (async () => new Response(JSON.stringify(body), { status })) as unknown as typeof fetch;
    const asked: string[] = [];
    const kubelab = (async (input: RequestInfo | URL, init?: RequestInit) => {
      asked.push(`${String(input)} ${new Headers(init?.headers).get('authorization')}`);
      return new Response(JSON.stringify({ kind: 'ClusterStatus' }));
    }) as typeof fetch;
    expect(await findAdminAPI('https://k.example:6443', { Authorization: 'Bearer t' }, clock, kubelab)).toBe('https://k.example:6443/kubelab/v1');
    expect(asked).toEqual(['https://k.example:6443/kubelab/v1/status Bearer t']);
    expect(await findAdminAPI(server, {}, clock, answering(404, { kind: 'Status', reason: 'NotFound', code: 404 }))).toBeUndefined();
    expect(await findAdminAPI(server, {}, clock, answering(403, { kind: 'Status', reason: 'Forbidden', code: 403 }))).toBeUndefined();
    expect(await findAdminAPI(server, {}, clock, answering(200, { paths: ['/api'] }))).toBeUndefined();
    const refused = (async () => {
      throw new TypeError('fetch failed');
    }) as typeof fetch;
    expect(await findAdminAPI(server, {}, clock, refused)).toBeUndefined();
    const silent = ((_: RequestInfo | URL, init?: RequestInit) => new Promise((_resolve, reject) => init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))))) as typeof fetch;
    expect(await advanceUntil(clock, findAdminAPI(server, {}, clock, silent), 1000)).toBeUndefined();
    expect(clock.now()).toBe(10_000);
  });

  it('turns an admin API that went away into failed requests and a failed lookup', async () => {
    const clock = new VirtualClock(0);
    const gone = (async () => {
      throw new TypeError('fetch failed');
    }) as typeof fetch;
    const net = adminDataplane(`${server}/kubelab/v1`, {}, clock, gone);
    expect(await net.http('http://10.254.0.1/')).toEqual({ ok: false, error: "the cluster's admin API did not answer: fetch failed" });
    await expect(net.lookup('kubernetes.default')).rejects.toThrow("the cluster's admin API did not answer: fetch failed");
  });
});
