// @kubernetes/client-node, the official JavaScript client, against Kubelab's API server over HTTP:
// create, list with selectors, scale, patch (merge, strategic, JSON), watch and delete the guestbook's
// objects, and the errors bad ones get.
import * as k8s from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHTTPCluster, type HTTPCluster } from '../support/http-cluster.js';

function controller(name: string, labels: Record<string, string>, replicas: number): k8s.V1ReplicationController {
  return {
    apiVersion: 'v1',
    kind: 'ReplicationController',
    metadata: { name, labels },
    spec: {
      replicas,
      selector: labels,
      template: { metadata: { labels }, spec: { containers: [{ name: 'main', image: 'kubelab/redis:7', ports: [{ containerPort: 6379 }] }] } },
    },
  };
}

function nodePortService(name: string, selector: Record<string, string>, nodePort: number): k8s.V1Service {
  return { apiVersion: 'v1', kind: 'Service', metadata: { name, labels: selector }, spec: { type: 'NodePort', selector, ports: [{ port: 80, nodePort }] } };
}

async function apiError(promise: Promise<unknown>): Promise<{ code: number; body: k8s.V1Status }> {
  try {
    await promise;
  } catch (err) {
    const e = err as k8s.ApiException<string | k8s.V1Status>;
    const body = typeof e.body === 'string' ? (JSON.parse(e.body) as k8s.V1Status) : e.body;
    return { code: e.code, body };
  }
  throw new Error('expected the call to fail');
}

describe('@kubernetes/client-node against Kubelab', () => {
  let cluster: HTTPCluster;
  let core: k8s.CoreV1Api;
  let kc: k8s.KubeConfig;
  const namespace = 'default';

  beforeAll(async () => {
    cluster = await startHTTPCluster();
    kc = new k8s.KubeConfig();
    kc.loadFromFile(cluster.kubeconfig);
    core = kc.makeApiClient(k8s.CoreV1Api);
  });
  afterAll(async () => {
    await cluster?.stop();
  });

  it('creates the guestbook and lists it by label', async () => {
    const master = await core.createNamespacedReplicationController({ namespace, body: controller('redis-master', { app: 'redis', role: 'master' }, 1) });
    expect(master.metadata?.uid).toMatch(/^[0-9a-f-]{36}$/);
    expect(master.metadata?.resourceVersion).toMatch(/^\d+$/);
    await core.createNamespacedReplicationController({ namespace, body: controller('redis-slave', { app: 'redis', role: 'slave' }, 2) });
    const svc = await core.createNamespacedService({ namespace, body: nodePortService('frontend', { app: 'guestbook' }, 30001) });
    expect(svc.spec?.clusterIP).toMatch(/^10\.254\.\d+\.\d+$/);
    expect(svc.spec?.ports?.[0]?.targetPort).toBe(80);

    const redis = await core.listNamespacedReplicationController({ namespace, labelSelector: 'app=redis,role in (slave)' });
    expect(redis.items.map((rc) => rc.metadata?.name)).toEqual(['redis-slave']);
    const byName = await core.listNamespacedReplicationController({ namespace, fieldSelector: 'metadata.name=redis-master' });
    expect(byName.items).toHaveLength(1);
  });

  it('scales through the scale subresource', async () => {
    const scale = await core.readNamespacedReplicationControllerScale({ name: 'redis-slave', namespace });
    expect(scale.spec?.replicas).toBe(2);
    await core.replaceNamespacedReplicationControllerScale({ name: 'redis-slave', namespace, body: { ...scale, spec: { replicas: 5 } } });
    const rc = await core.readNamespacedReplicationController({ name: 'redis-slave', namespace });
    expect(rc.spec?.replicas).toBe(5);
  });

  it('patches with merge, strategic and JSON patches', async () => {
    await core.patchNamespacedService(
      { name: 'frontend', namespace, body: { metadata: { labels: { tier: 'frontend' } } } },
      k8s.setHeaderOptions('Content-Type', k8s.PatchStrategy.MergePatch),
    );
    await core.patchNamespacedReplicationController(
      { name: 'redis-master', namespace, body: { spec: { template: { spec: { containers: [{ name: 'main', image: 'kubelab/redis:8' }] } } } } },
      k8s.setHeaderOptions('Content-Type', k8s.PatchStrategy.StrategicMergePatch),
    );
    await core.patchNamespacedReplicationController(
      { name: 'redis-master', namespace, body: [{ op: 'replace', path: '/spec/replicas', value: 2 }] },
      k8s.setHeaderOptions('Content-Type', k8s.PatchStrategy.JsonPatch),
    );
    const svc = await core.readNamespacedService({ name: 'frontend', namespace });
    expect(svc.metadata?.labels).toEqual({ app: 'guestbook', tier: 'frontend' });
    const rc = await core.readNamespacedReplicationController({ name: 'redis-master', namespace });
    expect(rc.spec?.replicas).toBe(2);
    // The strategic patch merged the container by name: the port is still there, the image changed.
    expect(rc.spec?.template?.spec?.containers).toEqual([expect.objectContaining({ name: 'main', image: 'kubelab/redis:8', ports: [expect.objectContaining({ containerPort: 6379 })] })]);
  });

  it('watches changes in order', async () => {
    const seen: string[] = [];
    const list = await core.listNamespacedReplicationController({ namespace });
    const done = new Promise<void>((resolve) => {
      void new k8s.Watch(kc)
        .watch(
          `/api/v1/namespaces/${namespace}/replicationcontrollers`,
          { resourceVersion: list.metadata?.resourceVersion },
          (phase, obj: k8s.V1ReplicationController) => {
            seen.push(`${phase} ${obj.metadata?.name} ${obj.spec?.replicas}`);
            if (phase === 'DELETED') resolve();
          },
          () => undefined,
        )
        .then((ctl) => done.finally(() => ctl.abort()));
    });
    await core.createNamespacedReplicationController({ namespace, body: controller('frontend', { app: 'guestbook' }, 3) });
    await core.patchNamespacedReplicationController(
      { name: 'frontend', namespace, body: { spec: { replicas: 4 } } },
      k8s.setHeaderOptions('Content-Type', k8s.PatchStrategy.MergePatch),
    );
    await core.deleteNamespacedReplicationController({ name: 'frontend', namespace });
    await done;
    expect(seen).toEqual(['ADDED frontend 3', 'MODIFIED frontend 4', 'DELETED frontend 4']);
  });

  it('gets Kubernetes errors for bad requests', async () => {
    const exists = await apiError(core.createNamespacedReplicationController({ namespace, body: controller('redis-master', { app: 'redis' }, 1) }));
    expect(exists.code).toBe(409);
    expect(exists.body).toMatchObject({ kind: 'Status', reason: 'AlreadyExists', message: 'replicationcontrollers "redis-master" already exists' });

    const badPort = await apiError(core.createNamespacedService({ namespace, body: nodePortService('bad', { app: 'x' }, 80) }));
    expect(badPort.code).toBe(422);
    expect(badPort.body.reason).toBe('Invalid');
    expect(badPort.body.details?.causes).toContainEqual(
      expect.objectContaining({ field: 'spec.ports[0].nodePort', message: 'Invalid value: 80: provided port is not in the valid range. The range of valid ports is 30000-32767' }),
    );

    const taken = await apiError(core.createNamespacedService({ namespace, body: nodePortService('again', { app: 'x' }, 30001) }));
    expect(taken.code).toBe(422);
    expect(taken.body.message).toContain('provided port is already allocated');

    const stale = await core.readNamespacedService({ name: 'frontend', namespace });
    // An update that changes nothing is a no-op upstream (same resourceVersion), so change a label.
    await core.replaceNamespacedService({ name: 'frontend', namespace, body: { ...stale, metadata: { ...stale.metadata, labels: { changed: 'yes' } } } });
    const conflict = await apiError(core.replaceNamespacedService({ name: 'frontend', namespace, body: stale }));
    expect(conflict.code).toBe(409);
    expect(conflict.body.reason).toBe('Conflict');

    const missing = await apiError(core.readNamespacedPod({ name: 'nope', namespace }));
    expect(missing.code).toBe(404);
    expect(missing.body.message).toBe('pods "nope" not found');

    const noNamespace = await apiError(core.createNamespacedConfigMap({ namespace: 'nowhere', body: { metadata: { name: 'c' } } }));
    expect(noNamespace.code).toBe(404);
    expect(noNamespace.body.message).toBe('namespaces "nowhere" not found');
  });

  it('deletes with propagation and finds nothing after', async () => {
    await core.deleteCollectionNamespacedReplicationController({ namespace, labelSelector: 'app=redis' });
    const left = await core.listNamespacedReplicationController({ namespace });
    expect(left.items).toEqual([]);
  });
});
