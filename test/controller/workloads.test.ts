// Scenarios: a deployment rolling update end to end (fake kubelet marks pods Ready), rollout undo,
// endpoints following pod readiness, and namespace deletion emptying the namespace.
import { describe, it, expect, afterEach } from 'vitest';
import { newCluster, type Cluster } from './cluster.js';

let c: Cluster;
afterEach(async () => c?.close());

const deployYAML = (image: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 3
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: nginx
        image: ${image}
        ports:
        - name: http
          containerPort: 80
`;

const images = async () => (await c.cs.coreV1().pods('default').list({ labelSelector: 'app=web' })).items.filter((p) => !p.metadata.deletionTimestamp).map((p) => p.spec?.containers[0]?.image).sort();

describe('deployment scenarios', () => {
  it('rolls out, updates with kubectl apply, reports rollout status, and undoes', async () => {
    c = await newCluster({ '/m/v1.yaml': deployYAML('nginx:1.7.9'), '/m/v2.yaml': deployYAML('nginx:1.9.1') });
    await c.kubectl('apply -f /m/v1.yaml');
    const status = await c.kubectl('rollout status deployment/web');
    expect(status.stdout).toContain('deployment "web" successfully rolled out');
    expect(await images()).toEqual(['nginx:1.7.9', 'nginx:1.7.9', 'nginx:1.7.9']);

    await c.kubectl('apply -f /m/v2.yaml');
    expect((await c.kubectl('rollout status deployment/web')).stdout).toContain('deployment "web" successfully rolled out');
    await c.waitFor(async () => (await images()).join() === 'nginx:1.9.1,nginx:1.9.1,nginx:1.9.1', 'v2 pods only');
    const history = await c.kubectl('rollout history deployment/web');
    expect(history.stdout).toMatch(/REVISION\s+CHANGE-CAUSE\n1\s+<none>\n2\s+<none>\n/);

    expect((await c.kubectl('rollout undo deployment/web')).stdout).toBe('deployment.apps/web rolled back\n');
    await c.kubectl('rollout status deployment/web');
    await c.waitFor(async () => (await images()).join() === 'nginx:1.7.9,nginx:1.7.9,nginx:1.7.9', 'back to v1');
    const d = await c.cs.appsV1().deployments('default').get('web');
    // The old replica set came back as revision 3, remembering revision 1.
    expect(d.metadata.annotations?.['deployment.kubernetes.io/revision']).toBe('3');
    const rss = (await c.cs.appsV1().replicaSets('default').list()).items;
    expect(rss).toHaveLength(2);
    const back = rss.find((rs) => rs.spec?.template?.spec?.containers[0]?.image === 'nginx:1.7.9')!;
    expect(back.metadata.annotations).toMatchObject({ 'deployment.kubernetes.io/revision': '3', 'deployment.kubernetes.io/revision-history': '1' });
    await c.manager.broadcaster.flush();
    const scaling = (await c.cs.coreV1().events('default').list()).items.filter((e) => e.reason === 'ScalingReplicaSet').map((e) => e.message);
    expect(scaling[0]).toMatch(/^Scaled up replica set web-[a-z0-9]+ to 3$/);
    expect(scaling.some((m) => /^Scaled down replica set web-[a-z0-9]+ to 0$/.test(m ?? ''))).toBe(true);
  });

  it('endpoints follow readiness of the deployment pods', async () => {
    c = await newCluster({ '/m/v1.yaml': deployYAML('nginx:1.7.9') });
    let unready = new Set<string>();
    c.notReady = (p) => unready.has(p.metadata.name ?? '');
    await c.kubectl('apply -f /m/v1.yaml');
    await c.kubectl('expose deployment web --port=8080 --target-port=http');
    const ep = await c.waitFor(async () => {
      const e = await c.cs.coreV1().endpoints('default').get('web').catch(() => undefined);
      return e?.subsets?.[0]?.addresses?.length === 3 ? e : undefined;
    }, '3 ready addresses');
    expect(ep.subsets?.[0]?.ports).toEqual([{ port: 80, protocol: 'TCP' }]);
    const victim = ep.subsets![0]!.addresses![0]!.targetRef!.name!;
    unready = new Set([victim]);
    const after = await c.waitFor(async () => {
      const e = await c.cs.coreV1().endpoints('default').get('web');
      return e.subsets?.[0]?.notReadyAddresses?.length === 1 ? e : undefined;
    }, 'one not ready');
    expect(after.subsets?.[0]?.notReadyAddresses?.[0]?.targetRef?.name).toBe(victim);
    expect(after.subsets?.[0]?.addresses).toHaveLength(2);
    await c.kubectl('delete service web');
    await c.waitFor(() => c.cs.coreV1().endpoints('default').get('web').then(() => false, () => true), 'endpoints gone');
  });
});

describe('namespace scenario', () => {
  it('kubectl delete namespace empties it and then removes it', async () => {
    c = await newCluster({ '/m/v1.yaml': deployYAML('nginx:1.7.9') });
    await c.kubectl('create namespace lab');
    c.onStep(async () => {
      const { kubeletTick } = await import('../support/controller-harness.js');
      await kubeletTick(c.cs, c.clock, 'lab');
    });
    await c.kubectl('apply -f /m/v1.yaml -n lab');
    await c.kubectl('create configmap cfg --from-literal=a=1 -n lab');
    await c.waitFor(async () => (await c.cs.coreV1().pods('lab').list()).items.length === 3, 'pods in lab');
    const sa = await c.waitFor(() => c.cs.coreV1().serviceAccounts('lab').get('default').catch(() => undefined), 'default service account');
    expect(sa.metadata.name).toBe('default');
    const out = await c.kubectl('delete namespace lab');
    expect(out.stdout).toBe('namespace "lab" deleted\n');
    await c.waitFor(() => c.cs.coreV1().namespaces().get('lab').then(() => false, () => true), 'namespace gone', 1000, 120);
    expect((await c.cs.coreV1().pods('lab').list()).items).toEqual([]);
  });
});
