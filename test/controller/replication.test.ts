// Scenarios of the 1.x documents: a replication controller keeps its pods, a relabeled pod leaves
// it, and `kubectl delete rc --cascade=orphan` leaves the pods running.
import { describe, it, expect, afterEach } from 'vitest';
import { newCluster, type Cluster } from './cluster.js';

let c: Cluster;
afterEach(async () => c?.close());

const rcYAML = `apiVersion: v1
kind: ReplicationController
metadata:
  name: frontend
spec:
  replicas: 3
  selector:
    app: guestbook
    tier: frontend
  template:
    metadata:
      labels:
        app: guestbook
        tier: frontend
    spec:
      containers:
      - name: php-redis
        image: gb-frontend:v3
        ports:
        - containerPort: 80
`;

const livePods = async () => (await c.cs.coreV1().pods('default').list({ labelSelector: 'app=guestbook,tier=frontend' })).items.filter((p) => !p.metadata.deletionTimestamp);

describe('replication controller scenarios', () => {
  it('scales up and down with kubectl scale, recording events', async () => {
    c = await newCluster({ '/m/rc.yaml': rcYAML });
    expect((await c.kubectl('create -f /m/rc.yaml')).stdout).toBe('replicationcontroller/frontend created\n');
    await c.waitFor(async () => (await livePods()).length === 3, '3 pods');
    expect((await c.kubectl('scale rc frontend --replicas=5')).stdout).toBe('replicationcontroller/frontend scaled\n');
    await c.waitFor(async () => (await livePods()).length === 5, '5 pods');
    await c.kubectl('scale rc frontend --replicas=1');
    await c.waitFor(async () => (await livePods()).length === 1 && (await c.cs.coreV1().pods('default').list()).items.length === 1, '1 pod');
    const rc = await c.waitFor(async () => {
      const r = await c.cs.coreV1().replicationControllers('default').get('frontend');
      return r.status?.replicas === 1 && r.status.readyReplicas === 1 ? r : undefined;
    }, 'status');
    expect(rc.status).toMatchObject({ replicas: 1, fullyLabeledReplicas: 1, readyReplicas: 1, availableReplicas: 1 });
    await c.broadcaster.flush();
    await c.manager.broadcaster.flush();
    const events = (await c.cs.coreV1().events('default').list()).items.filter((e) => e.involvedObject.kind === 'ReplicationController');
    expect(events.filter((e) => e.reason === 'SuccessfulCreate')).toHaveLength(5);
    expect(events.filter((e) => e.reason === 'SuccessfulDelete')).toHaveLength(4);
    expect(events[0]!.message).toMatch(/^Created pod: frontend-[a-z0-9]{5}$/);
    expect(events[0]!.source).toEqual({ component: 'replication-controller' });
  });

  it('relabeling a pod takes it out of the controller and a new one is made', async () => {
    c = await newCluster({ '/m/rc.yaml': rcYAML });
    await c.kubectl('create -f /m/rc.yaml');
    const pods = await c.waitFor(async () => ((await livePods()).length === 3 ? livePods() : undefined), '3 pods');
    const name = pods[0]!.metadata.name!;
    expect((await c.kubectl(`label pod ${name} tier=debug --overwrite`)).stdout).toBe(`pod/${name} labeled\n`);
    await c.waitFor(async () => (await livePods()).length === 3 && !(await livePods()).some((p) => p.metadata.name === name), 'replacement');
    const out = await c.cs.coreV1().pods('default').get(name);
    expect(out.metadata.ownerReferences ?? []).toEqual([]);
    expect(out.metadata.deletionTimestamp).toBeUndefined();
  });

  it('kubectl delete rc --cascade=orphan leaves the pods; a plain delete takes them along', async () => {
    c = await newCluster({ '/m/rc.yaml': rcYAML });
    await c.kubectl('create -f /m/rc.yaml');
    await c.waitFor(async () => (await livePods()).length === 3, '3 pods');
    expect((await c.kubectl('delete rc frontend --cascade=orphan')).stdout).toBe('replicationcontroller "frontend" deleted\n');
    await c.waitFor(() => c.cs.coreV1().replicationControllers('default').get('frontend').then(() => false, () => true), 'rc gone');
    await c.waitFor(async () => (await livePods()).every((p) => !p.metadata.ownerReferences?.length), 'orphaned');
    expect(await livePods()).toHaveLength(3);
    // A new controller with the same selector adopts them instead of making more.
    await c.kubectl('create -f /m/rc.yaml');
    await c.waitFor(async () => (await livePods()).every((p) => p.metadata.ownerReferences?.[0]?.kind === 'ReplicationController'), 'adopted');
    expect(await livePods()).toHaveLength(3);
    await c.kubectl('delete rc frontend');
    await c.waitFor(async () => (await c.cs.coreV1().pods('default').list()).items.length === 0, 'pods collected');
  });
});
