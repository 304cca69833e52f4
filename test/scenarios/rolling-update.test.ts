// Rolling updates with traffic: while nginx:1.10.1 is replaced by nginx:1.11.9, a loop of `curl -I`
// through the service — its cluster IP from a pod and its NodePort from outside — sees both
// `Server:` versions and never fails. Once with `kubectl rolling-update` on a replication
// controller, once with a Deployment (apply + `kubectl rollout status`). As on a real cluster, a
// deleted pod stops at once while kube-proxies still send it new connections for a moment, so the
// pods keep serving for 5s in a preStop hook — without it a request now and then times out.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Pod } from '../../engine/api/core/v1/types.js';
import { yieldToHost } from '../../engine/util/clock.js';
import { Scenario, type Result } from './harness.js';

const service = `apiVersion: v1
kind: Service
metadata:
  name: nginx
spec:
  type: NodePort
  selector:
    app: nginx
  ports:
    - port: 80
      targetPort: 80
      nodePort: 30080
`;

const client = `apiVersion: v1
kind: Pod
metadata:
  name: client
spec:
  containers:
    - name: sh
      image: busybox:1.36
      command: ["sleep", "3600"]
`;

// The pod template both controllers run: nginx whose preStop hook waits 5 s before the stop, so kube-proxy has
// synced the endpoint away before the server stops.
const podTemplate = (image: string) => `  template:
    metadata:
      labels:
        app: nginx
    spec:
      containers:
        - name: nginx
          image: ${image}
          ports:
            - containerPort: 80
          lifecycle:
            preStop:
              exec:
                command: ["sleep", "5"]
`;

const rc = (image: string) => `apiVersion: v1
kind: ReplicationController
metadata:
  name: nginx
spec:
  replicas: 3
  selector:
    app: nginx
${podTemplate(image)}`;

const deployment = (image: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: nginx
spec:
  replicas: 3
  selector:
    matchLabels:
      app: nginx
${podTemplate(image)}`;

interface Traffic {
  servers: Set<string>;
  failures: string[];
  requests: number;
}

describe('rolling updates under traffic', () => {
  let s: Scenario;
  beforeEach(async () => {
    s = await Scenario.start();
  });
  afterEach(async () => {
    await s.stop();
  });

  /** serve starts the service, the client pod and the workload, and returns the client pod and cluster IP. */
  async function serve(workload: string): Promise<{ pod: Pod; clusterIP: string }> {
    await s.apply('svc.yaml', service);
    await s.apply('client.yaml', client);
    await s.apply('workload.yaml', workload);
    await s.running('default', 'app=nginx', 3);
    const [pod] = await s.running('default', '', 4).then((ps) => ps.filter((p) => p.metadata.name === 'client'));
    const svc = await s.client.coreV1().services('default').get('nginx');
    return { pod: pod!, clusterIP: svc.spec!.clusterIP! };
  }

  /**
   * curlWhile runs `curl -I` against the cluster IP (from the pod) and a NodePort: a few rounds
   * before start() begins the update, then until done() and 8s beyond it — the old pods' preStop
   * window, in which kube-proxies move to the new endpoints.
   */
  async function curlWhile(done: () => boolean, pod: Pod, clusterIP: string, start = () => {}): Promise<Traffic> {
    const t: Traffic = { servers: new Set(), failures: [], requests: 0 };
    const netns = s.podNetns(pod);
    const nodes = [...s.cluster.nodes.values()].map((n) => n.machine.ip);
    const once = async (where: string, ns = netns) => {
      const r = await s.tool(ns, 'curl', ['-s', '-S', '-I', '-m', '5', where]);
      t.requests++;
      const server = /^Server: (\S+)\r?$/m.exec(r.stdout)?.[1];
      if (r.code !== 0 || !/^HTTP\/1\.1 200 OK/.test(r.stdout) || !server) t.failures.push(`${where}: exit ${r.code} ${r.stderr.trim()} ${r.stdout.split('\n')[0]}`);
      else t.servers.add(server);
    };
    for (let i = 0; i < 3; i++) {
      await once(`http://${clusterIP}/`);
      await once(`http://${nodes[i % nodes.length]}:30080/`, s.cluster.master.host);
    }
    start();
    let until = Infinity;
    for (let i = 0; s.clock.now() < until; i++) {
      if (until === Infinity && done()) until = s.clock.now() + 8000;
      if (i > 400) throw new Error(`still updating after ${i} rounds; seen ${[...t.servers]}; ${t.failures.length} failures; ${s.errors.slice(-3)}`);
      if (i % 20 === 0) await yieldToHost();
      await once(`http://${clusterIP}/`);
      await once(`http://${nodes[i % nodes.length]}:30080/`, s.cluster.master.host);
      await s.clock.advance(200);
    }
    return t;
  }

  it('kubectl rolling-update nginx --image=nginx:1.11.9 serves 1.10.1 then 1.11.9 without a failed request', async () => {
    const { pod, clusterIP } = await serve(rc('nginx:1.10.1'));
    let update: ReturnType<Scenario['kubectlInBackground']> | undefined;
    const start = () => void (update = s.kubectlInBackground('rolling-update', 'nginx', '--image=nginx:1.11.9', '--update-period=2s', '--poll-interval=1s'));
    const traffic = await curlWhile(() => !!update?.done(), pod, clusterIP, start);
    const r = await update!.wait();
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Created nginx-[0-9a-f]+\n/);
    expect(r.stdout).toContain('Scaling nginx-');
    expect(r.stdout.trimEnd().split('\n').at(-1)).toBe('replicationcontroller/nginx rolling updated');
    expect(traffic.failures).toEqual([]);
    expect([...traffic.servers].sort()).toEqual(['nginx/1.10.1', 'nginx/1.11.9']);
    expect(traffic.requests).toBeGreaterThan(10);
    const pods = await s.running('default', 'app=nginx', 3);
    expect(pods.map((p) => p.spec!.containers[0]!.image)).toEqual(['nginx:1.11.9', 'nginx:1.11.9', 'nginx:1.11.9']);
    const after = await curlWhile(() => true, pod, clusterIP);
    expect([...after.servers]).toEqual(['nginx/1.11.9']);
  });

  it('a Deployment rolled to nginx:1.11.9 with apply + rollout status serves both versions without a failed request', async () => {
    const { pod, clusterIP } = await serve(deployment('nginx:1.10.1'));
    s.files['/m/workload.yaml'] = deployment('nginx:1.11.9');
    let rollout: Promise<Result[]> | undefined;
    let done = false;
    const start = () => {
      rollout = (async () => [
        await s.kubectlInBackground('apply', '-f', '/m/workload.yaml').result,
        await s.kubectlInBackground('rollout', 'status', 'deployment/nginx').result,
      ])().finally(() => void (done = true));
    };
    const traffic = await curlWhile(() => done, pod, clusterIP, start);
    const [applied, r] = (await rollout)!;
    expect(applied).toEqual({ code: 0, stdout: 'deployment.apps/nginx configured\n', stderr: '' });
    expect(r!.code).toBe(0);
    expect(r!.stdout).toMatch(/^Waiting for deployment "nginx" rollout to finish: \d (out of 3 new replicas have been updated|old replicas are pending termination)\.\.\.$/m);
    expect(r!.stdout.trimEnd().split('\n').at(-1)).toBe('deployment "nginx" successfully rolled out');
    expect(traffic.failures).toEqual([]);
    expect([...traffic.servers].sort()).toEqual(['nginx/1.10.1', 'nginx/1.11.9']);
    expect(traffic.requests).toBeGreaterThan(10);
    const pods = await s.running('default', 'app=nginx', 3);
    expect(new Set(pods.map((p) => p.spec!.containers[0]!.image))).toEqual(new Set(['nginx:1.11.9']));
    const rs = (await s.client.appsV1().replicaSets('default').list()).items;
    expect(rs.map((x) => [x.spec!.template!.spec!.containers[0]!.image, x.spec!.replicas]).sort()).toEqual([['nginx:1.10.1', 0], ['nginx:1.11.9', 3]]);
  });
});
