import { describe, it, expect } from 'vitest';
import { setObjectDefaults } from './defaults.js';
import { imageTag, namespaceFinalizersForCreate } from './core/v1/defaults.js';

const core = (kind: string) => ({ group: '', version: 'v1', kind });
const apps = (kind: string) => ({ group: 'apps', version: 'v1', kind });
const batch = (kind: string) => ({ group: 'batch', version: 'v1', kind });

function defaulted<T extends object>(gvk: { group: string; version: string; kind: string }, obj: T): any {
  const copy = structuredClone(obj) as any;
  copy.metadata ??= {};
  setObjectDefaults(gvk, copy);
  return copy;
}

describe('pod defaults', () => {
  it('fills the pod and container defaults upstream fills', () => {
    const pod = defaulted(core('Pod'), {
      metadata: { name: 'p' },
      spec: {
        containers: [{
          name: 'web', image: 'nginx',
          ports: [{ containerPort: 80 }],
          resources: { limits: { cpu: '500m' } },
          livenessProbe: { httpGet: { port: 80 } },
        }],
        volumes: [{ name: 'scratch' }, { name: 's', secret: { secretName: 'x' } }, { name: 'c', configMap: { name: 'y' } }, { name: 'h', hostPath: { path: '/tmp' } }],
      },
    });
    expect(pod.spec).toMatchObject({
      restartPolicy: 'Always', dnsPolicy: 'ClusterFirst', terminationGracePeriodSeconds: 30,
      schedulerName: 'default-scheduler', securityContext: {}, enableServiceLinks: true,
    });
    expect(pod.spec.containers[0]).toEqual({
      name: 'web', image: 'nginx',
      ports: [{ containerPort: 80, protocol: 'TCP' }],
      resources: { limits: { cpu: '500m' }, requests: { cpu: '500m' } },
      livenessProbe: { httpGet: { port: 80, path: '/', scheme: 'HTTP' }, timeoutSeconds: 1, periodSeconds: 10, successThreshold: 1, failureThreshold: 3 },
      terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File', imagePullPolicy: 'Always',
    });
    expect(pod.spec.volumes).toEqual([
      { name: 'scratch', emptyDir: {} },
      { name: 's', secret: { secretName: 'x', defaultMode: 420 } },
      { name: 'c', configMap: { name: 'y', defaultMode: 420 } },
      { name: 'h', hostPath: { path: '/tmp', type: '' } },
    ]);
  });

  it('keeps what the user set (grace period 0, restartPolicy Never)', () => {
    const pod = defaulted(core('Pod'), { spec: { restartPolicy: 'Never', terminationGracePeriodSeconds: 0, enableServiceLinks: false, containers: [] } });
    expect(pod.spec).toMatchObject({ restartPolicy: 'Never', terminationGracePeriodSeconds: 0, enableServiceLinks: false });
  });

  it('defaults hostPort on host-network pods', () => {
    const pod = defaulted(core('Pod'), { spec: { hostNetwork: true, containers: [{ name: 'a', image: 'a:1', ports: [{ containerPort: 53 }] }] } });
    expect(pod.spec.containers[0].ports[0]).toEqual({ containerPort: 53, hostPort: 53, protocol: 'TCP' });
  });

  it.each([
    ['nginx', 'latest', 'Always'],
    ['nginx:latest', 'latest', 'Always'],
    ['nginx:1.25', '1.25', 'IfNotPresent'],
    ['localhost:5000/app', 'latest', 'Always'],
    ['localhost:5000/app:v2', 'v2', 'IfNotPresent'],
    ['busybox@sha256:abc', '', 'IfNotPresent'],
  ])('image %s has tag %j and pull policy %s', (image, tag, policy) => {
    expect(imageTag(image)).toBe(tag);
    const pod = defaulted(core('Pod'), { spec: { containers: [{ name: 'a', image }] } });
    expect(pod.spec.containers[0].imagePullPolicy).toBe(policy);
  });
});

describe('service defaults', () => {
  it.each([
    ['ClusterIP', { ports: [{ port: 80 }] }, { type: 'ClusterIP', sessionAffinity: 'None', internalTrafficPolicy: 'Cluster', ipFamilyPolicy: 'SingleStack', ipFamilies: ['IPv4'], ports: [{ port: 80, protocol: 'TCP', targetPort: 80 }] }],
    ['NodePort', { type: 'NodePort', ports: [{ port: 80, targetPort: 'http' }] }, { externalTrafficPolicy: 'Cluster', ports: [{ port: 80, protocol: 'TCP', targetPort: 'http' }] }],
    ['LoadBalancer', { type: 'LoadBalancer' }, { externalTrafficPolicy: 'Cluster', allocateLoadBalancerNodePorts: true }],
    ['ClientIP affinity', { sessionAffinity: 'ClientIP' }, { sessionAffinityConfig: { clientIP: { timeoutSeconds: 10800 } } }],
  ])('%s', (_n, spec, want) => {
    expect(defaulted(core('Service'), { spec }).spec).toMatchObject(want);
  });

  it('gives ClusterIP services no external policy and ExternalName no families', () => {
    expect(defaulted(core('Service'), { spec: {} }).spec.externalTrafficPolicy).toBeUndefined();
    const ext = defaulted(core('Service'), { spec: { type: 'ExternalName', externalName: 'x.com' } }).spec;
    expect(ext.ipFamilies).toBeUndefined();
    expect(ext.internalTrafficPolicy).toBeUndefined();
  });
});

describe('controller defaults', () => {
  const template = { metadata: { labels: { app: 'x' } }, spec: { containers: [{ name: 'a', image: 'a:1' }] } };

  it('replication controller: replicas, selector and labels from the template', () => {
    const rc = defaulted(core('ReplicationController'), { metadata: { name: 'rc' }, spec: { template } });
    expect(rc.spec.replicas).toBe(1);
    expect(rc.spec.selector).toEqual({ app: 'x' });
    expect(rc.metadata.labels).toEqual({ app: 'x' });
    expect(rc.spec.template.spec.restartPolicy).toBe('Always');
    expect(rc.spec.template.spec.enableServiceLinks).toBeUndefined();
  });

  it('deployment', () => {
    const d = defaulted(apps('Deployment'), { spec: { selector: { matchLabels: { app: 'x' } }, template } });
    expect(d.spec).toMatchObject({
      replicas: 1, revisionHistoryLimit: 10, progressDeadlineSeconds: 600,
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' } },
    });
    const recreate = defaulted(apps('Deployment'), { spec: { strategy: { type: 'Recreate' }, template } });
    expect(recreate.spec.strategy).toEqual({ type: 'Recreate' });
  });

  it('daemon set and stateful set', () => {
    expect(defaulted(apps('DaemonSet'), { spec: { template } }).spec).toMatchObject({
      revisionHistoryLimit: 10, updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } },
    });
    const ss = defaulted(apps('StatefulSet'), { spec: { template, volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: {} }] } });
    expect(ss.spec).toMatchObject({
      replicas: 1, podManagementPolicy: 'OrderedReady', revisionHistoryLimit: 10,
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 0 } },
      persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Retain', whenScaled: 'Retain' },
    });
    expect(ss.spec.volumeClaimTemplates[0]).toMatchObject({ spec: { volumeMode: 'Filesystem' }, status: { phase: 'Pending' } });
    expect(defaulted(apps('ReplicaSet'), { spec: { template } }).spec.replicas).toBe(1);
  });

  it('job and cron job', () => {
    const job = defaulted(batch('Job'), { spec: { template } });
    expect(job.spec).toMatchObject({ completions: 1, parallelism: 1, backoffLimit: 6, completionMode: 'NonIndexed', suspend: false });
    expect(job.metadata.labels).toEqual({ app: 'x' });
    const parallel = defaulted(batch('Job'), { spec: { completions: 5, template } });
    expect(parallel.spec).toMatchObject({ completions: 5, parallelism: 1 });
    const cj = defaulted(batch('CronJob'), { spec: { schedule: '* * * * *', jobTemplate: { spec: { template } } } });
    expect(cj.spec).toMatchObject({ concurrencyPolicy: 'Allow', suspend: false, successfulJobsHistoryLimit: 3, failedJobsHistoryLimit: 1 });
    expect(cj.spec.jobTemplate.spec.backoffLimit).toBeUndefined();
    expect(cj.spec.jobTemplate.spec.template.spec.dnsPolicy).toBe('ClusterFirst');
  });
});

describe('other core defaults', () => {
  it('namespace, secret, persistent volumes, node, limit range, endpoints', () => {
    const ns = defaulted(core('Namespace'), { metadata: { name: 'dev' } });
    expect(ns.metadata.labels).toEqual({ 'kubernetes.io/metadata.name': 'dev' });
    expect(ns.status.phase).toBe('Active');
    namespaceFinalizersForCreate(ns);
    expect(ns.spec.finalizers).toEqual(['kubernetes']);
    expect(defaulted(core('Secret'), {}).type).toBe('Opaque');
    expect(defaulted(core('Secret'), { type: 'kubernetes.io/tls' }).type).toBe('kubernetes.io/tls');
    const pv = defaulted(core('PersistentVolume'), { spec: { capacity: { storage: '1Gi' } } });
    expect(pv).toMatchObject({ spec: { persistentVolumeReclaimPolicy: 'Retain', volumeMode: 'Filesystem' }, status: { phase: 'Pending' } });
    expect(defaulted(core('PersistentVolumeClaim'), { spec: {} }).status.phase).toBe('Pending');
    expect(defaulted(core('Node'), { status: { capacity: { cpu: '2' } } }).status.allocatable).toEqual({ cpu: '2' });
    const lr = defaulted(core('LimitRange'), { spec: { limits: [{ type: 'Container', max: { cpu: '1' }, min: { memory: '1Mi' } }] } });
    expect(lr.spec.limits[0]).toMatchObject({ default: { cpu: '1' }, defaultRequest: { cpu: '1', memory: '1Mi' } });
    expect(defaulted(core('Endpoints'), { subsets: [{ ports: [{ port: 80 }] }] }).subsets[0].ports[0].protocol).toBe('TCP');
    expect(defaulted(core('ConfigMap'), { data: { a: 'b' } })).toEqual({ metadata: {}, data: { a: 'b' } });
  });
});
