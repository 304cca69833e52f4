// Golden rows: each case is what a v1.32 API server returns (and kubectl prints) for the object.
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../apimachinery/apis/meta/v1/types.js';
import { cronJobTable, jobTable } from './batch.js';
import {
  configMapTable,
  defaultTable,
  endpointsTable,
  eventTable,
  namespaceTable,
  resourceQuotaTable,
  secretTable,
  serviceAccountTable,
} from './core.js';
import { persistentVolumeClaimTable, persistentVolumeTable } from './storage.js';
import { nodeTable } from './node.js';
import { podTable } from './pod.js';
import { serviceTable } from './service.js';
import { daemonSetTable, deploymentTable, replicaSetTable, replicationControllerTable, statefulSetTable } from './workload.js';

const now = Date.UTC(2026, 0, 1, 12, 0, 0);
const ago = (ms: number) => new Date(now - ms).toISOString();
const min = 60_000;
const created = ago(10 * min);
const meta = (name: string, extra: Record<string, unknown> = {}) => ({ name, namespace: 'default', creationTimestamp: created, ...extra });

const running = (name: string, extra: Record<string, unknown> = {}) => ({
  name,
  ready: true,
  restartCount: 0,
  image: 'nginx',
  imageID: '',
  state: { running: { startedAt: created } },
  ...extra,
});

function pod(spec: Record<string, unknown>, status: Record<string, unknown>, extraMeta: Record<string, unknown> = {}): KubeObject {
  return { metadata: meta('web', extraMeta), spec: { containers: [{ name: 'c', image: 'nginx' }], ...spec }, status } as KubeObject;
}

describe('pods', () => {
  it('column headers (kubectl get pods -o wide)', () => {
    expect(podTable.columns.map((c) => c.name.toUpperCase())).toEqual(['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE', 'IP', 'NODE', 'NOMINATED NODE', 'READINESS GATES']);
    expect(podTable.columns.map((c) => c.priority)).toEqual([0, 0, 0, 0, 0, 1, 1, 1, 1]);
    expect(podTable.columns[0]).toMatchObject({ type: 'string', format: 'name' });
  });

  it.each<[string, KubeObject, unknown[]]>([
    ['pending, unscheduled', pod({}, { phase: 'Pending' }), ['web', '0/1', 'Pending', '0', '10m', '<none>', '<none>', '<none>', '<none>']],
    [
      'container creating',
      pod({ nodeName: 'node1' }, { phase: 'Pending', containerStatuses: [{ name: 'c', ready: false, restartCount: 0, image: 'nginx', imageID: '', state: { waiting: { reason: 'ContainerCreating' } } }] }),
      ['web', '0/1', 'ContainerCreating', '0', '10m', '<none>', 'node1', '<none>', '<none>'],
    ],
    [
      'running',
      pod({ nodeName: 'node1' }, { phase: 'Running', podIP: '10.244.1.5', podIPs: [{ ip: '10.244.1.5' }], containerStatuses: [running('c')] }),
      ['web', '1/1', 'Running', '0', '10m', '10.244.1.5', 'node1', '<none>', '<none>'],
    ],
    [
      'crash loop with restarts "2 (5m ago)"',
      pod(
        { nodeName: 'node1' },
        {
          phase: 'Running',
          containerStatuses: [
            {
              name: 'c',
              ready: false,
              restartCount: 2,
              image: 'nginx',
              imageID: '',
              state: { waiting: { reason: 'CrashLoopBackOff' } },
              lastState: { terminated: { exitCode: 1, reason: 'Error', finishedAt: ago(5 * min) } },
            },
          ],
        },
      ),
      ['web', '0/1', 'CrashLoopBackOff', '2 (5m ago)', '10m', '<none>', 'node1', '<none>', '<none>'],
    ],
    [
      'completed',
      pod(
        { nodeName: 'node1', restartPolicy: 'Never' },
        { phase: 'Succeeded', containerStatuses: [{ name: 'c', ready: false, restartCount: 0, image: 'busybox', imageID: '', state: { terminated: { exitCode: 0, reason: 'Completed' } } }] },
      ),
      ['web', '0/1', 'Completed', '0', '10m', '<none>', 'node1', '<none>', '<none>'],
    ],
    [
      'exit code without reason',
      pod({ nodeName: 'node1' }, { phase: 'Failed', containerStatuses: [{ name: 'c', ready: false, restartCount: 0, image: 'x', imageID: '', state: { terminated: { exitCode: 3 } } }] }),
      ['web', '0/1', 'ExitCode:3', '0', '10m', '<none>', 'node1', '<none>', '<none>'],
    ],
    [
      'init container still running → Init:0/1',
      pod(
        { nodeName: 'node1', initContainers: [{ name: 'init', image: 'busybox' }] },
        {
          phase: 'Pending',
          initContainerStatuses: [{ name: 'init', ready: false, restartCount: 0, image: 'busybox', imageID: '', state: { running: {} } }],
          containerStatuses: [{ name: 'c', ready: false, restartCount: 0, image: 'nginx', imageID: '', state: { waiting: { reason: 'PodInitializing' } } }],
        },
      ),
      ['web', '0/1', 'Init:0/1', '0', '10m', '<none>', 'node1', '<none>', '<none>'],
    ],
    [
      'init container failing → Init:CrashLoopBackOff',
      pod(
        { nodeName: 'node1', initContainers: [{ name: 'init', image: 'busybox' }] },
        { phase: 'Pending', initContainerStatuses: [{ name: 'init', ready: false, restartCount: 3, image: 'busybox', imageID: '', state: { waiting: { reason: 'CrashLoopBackOff' } } }] },
      ),
      ['web', '0/1', 'Init:CrashLoopBackOff', '3', '10m', '<none>', 'node1', '<none>', '<none>'],
    ],
    [
      'image pull failure',
      pod({ nodeName: 'node1' }, { phase: 'Pending', containerStatuses: [{ name: 'c', ready: false, restartCount: 0, image: 'nope', imageID: '', state: { waiting: { reason: 'ImagePullBackOff' } } }] }),
      ['web', '0/1', 'ImagePullBackOff', '0', '10m', '<none>', 'node1', '<none>', '<none>'],
    ],
    [
      'terminating',
      pod({ nodeName: 'node1' }, { phase: 'Running', containerStatuses: [running('c')] }, { deletionTimestamp: ago(0) }),
      ['web', '1/1', 'Terminating', '0', '10m', '<none>', 'node1', '<none>', '<none>'],
    ],
    [
      'readiness gates 1/2',
      pod(
        { nodeName: 'node1', readinessGates: [{ conditionType: 'a' }, { conditionType: 'b' }] },
        { phase: 'Running', conditions: [{ type: 'a', status: 'True' }, { type: 'b', status: 'False' }], containerStatuses: [running('c')] },
      ),
      ['web', '1/1', 'Running', '0', '10m', '<none>', 'node1', '<none>', '1/2'],
    ],
    [
      'one of two containers completed while the other runs and the pod is ready',
      pod(
        { nodeName: 'node1', containers: [{ name: 'a', image: 'x' }, { name: 'b', image: 'y' }] },
        {
          phase: 'Running',
          conditions: [{ type: 'Ready', status: 'True' }],
          containerStatuses: [running('a'), { name: 'b', ready: false, restartCount: 0, image: 'y', imageID: '', state: { terminated: { exitCode: 0, reason: 'Completed' } } }],
        },
      ),
      ['web', '1/2', 'Running', '0', '10m', '<none>', 'node1', '<none>', '<none>'],
    ],
  ])('%s', (_name, obj, want) => {
    expect(podTable.row(obj, now)).toEqual(want);
  });
});

describe('services', () => {
  const svc = (spec: Record<string, unknown>, status: Record<string, unknown> = {}) =>
    ({ metadata: meta('frontend'), spec: { clusterIP: '10.254.0.5', clusterIPs: ['10.254.0.5'], ...spec }, status }) as KubeObject;

  it('headers', () => {
    expect(serviceTable.columns.map((c) => c.name.toUpperCase())).toEqual(['NAME', 'TYPE', 'CLUSTER-IP', 'EXTERNAL-IP', 'PORT(S)', 'AGE', 'SELECTOR']);
  });

  it.each<[string, KubeObject, unknown[]]>([
    [
      'ClusterIP',
      svc({ type: 'ClusterIP', ports: [{ port: 6379, protocol: 'TCP' }], selector: { app: 'redis', role: 'master' } }),
      ['frontend', 'ClusterIP', '10.254.0.5', '<none>', '6379/TCP', '10m', 'app=redis,role=master'],
    ],
    [
      'NodePort',
      svc({ type: 'NodePort', ports: [{ port: 80, nodePort: 30001, protocol: 'TCP' }, { port: 53, protocol: 'UDP' }], selector: { app: 'guestbook' } }),
      ['frontend', 'NodePort', '10.254.0.5', '<none>', '80:30001/TCP,53/UDP', '10m', 'app=guestbook'],
    ],
    ['LoadBalancer pending', svc({ type: 'LoadBalancer', ports: [{ port: 80, nodePort: 31000, protocol: 'TCP' }] }), ['frontend', 'LoadBalancer', '10.254.0.5', '<pending>', '80:31000/TCP', '10m', '<none>']],
    [
      'LoadBalancer with ingress and external IPs',
      svc({ type: 'LoadBalancer', externalIPs: ['5.5.5.5'], ports: [] }, { loadBalancer: { ingress: [{ ip: '9.9.9.9' }, { hostname: 'lb.example.com' }] } }),
      ['frontend', 'LoadBalancer', '10.254.0.5', '9.9.9.9,lb.example.com,5.5.5.5', '<none>', '10m', '<none>'],
    ],
    [
      'ExternalName',
      { metadata: meta('db'), spec: { type: 'ExternalName', externalName: 'db.example.com' }, status: {} } as KubeObject,
      ['db', 'ExternalName', '<none>', 'db.example.com', '<none>', '10m', '<none>'],
    ],
  ])('%s', (_name, obj, want) => expect(serviceTable.row(obj, now)).toEqual(want));
});

describe('workloads', () => {
  const template = { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.7.9' }, { name: 'side', image: 'busybox' }] } };

  it('deployments: NAME READY UP-TO-DATE AVAILABLE AGE | CONTAINERS IMAGES SELECTOR', () => {
    expect(deploymentTable.columns.map((c) => c.name.toUpperCase())).toEqual(['NAME', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'AGE', 'CONTAINERS', 'IMAGES', 'SELECTOR']);
    const d = { metadata: meta('web'), spec: { replicas: 3, selector: { matchLabels: { app: 'web' } }, template }, status: { readyReplicas: 2, updatedReplicas: 3, availableReplicas: 2 } } as KubeObject;
    expect(deploymentTable.row(d, now)).toEqual(['web', '2/3', 3, 2, '10m', 'nginx,side', 'nginx:1.7.9,busybox', 'app=web']);
  });

  it('replication controllers: NAME DESIRED CURRENT READY AGE | CONTAINERS IMAGES SELECTOR', () => {
    expect(replicationControllerTable.columns.map((c) => c.name.toUpperCase())).toEqual(['NAME', 'DESIRED', 'CURRENT', 'READY', 'AGE', 'CONTAINERS', 'IMAGES', 'SELECTOR']);
    const rc = { metadata: meta('redis-slave'), spec: { replicas: 2, selector: { name: 'redis-slave' }, template }, status: { replicas: 2, readyReplicas: 1 } } as KubeObject;
    expect(replicationControllerTable.row(rc, now)).toEqual(['redis-slave', 2, 2, 1, '10m', 'nginx,side', 'nginx:1.7.9,busybox', 'name=redis-slave']);
  });

  it('replica sets, daemon sets and stateful sets', () => {
    const sel = { matchLabels: { app: 'web' }, matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['db'] }] };
    const rs = { metadata: meta('web-7d4b9'), spec: { replicas: 3, selector: sel, template }, status: { replicas: 3, readyReplicas: 3 } } as KubeObject;
    expect(replicaSetTable.row(rs, now)).toEqual(['web-7d4b9', 3, 3, 3, '10m', 'nginx,side', 'nginx:1.7.9,busybox', 'app=web,tier notin (db)']);
    const ds = {
      metadata: meta('fluentd'),
      spec: { selector: { matchLabels: { app: 'f' } }, template: { ...template, spec: { ...template.spec, nodeSelector: { disk: 'ssd' } } } },
      status: { desiredNumberScheduled: 3, currentNumberScheduled: 3, numberReady: 2, updatedNumberScheduled: 3, numberAvailable: 2, numberMisscheduled: 0 },
    } as KubeObject;
    expect(daemonSetTable.columns.map((c) => c.name.toUpperCase()).slice(0, 8)).toEqual(['NAME', 'DESIRED', 'CURRENT', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'NODE SELECTOR', 'AGE']);
    expect(daemonSetTable.row(ds, now)).toEqual(['fluentd', 3, 3, 2, 3, 2, 'disk=ssd', '10m', 'nginx,side', 'nginx:1.7.9,busybox', 'app=f']);
    const sts = { metadata: meta('cassandra'), spec: { replicas: 3, selector: sel, template }, status: { replicas: 2, readyReplicas: 1 } } as KubeObject;
    expect(statefulSetTable.row(sts, now)).toEqual(['cassandra', '1/3', '10m', 'nginx,side', 'nginx:1.7.9,busybox']);
  });
});

describe('batch', () => {
  const template = { spec: { containers: [{ name: 'pi', image: 'perl' }] } };
  it.each<[string, Record<string, unknown>, Record<string, unknown>, unknown[]]>([
    ['complete', { completions: 1 }, { succeeded: 1, startTime: ago(10 * min), completionTime: ago(10 * min - 8000), conditions: [{ type: 'Complete', status: 'True' }] }, ['pi', 'Complete', '1/1', '8s', '10m']],
    ['running without completions', { parallelism: 1 }, { startTime: ago(3 * min + 2000) }, ['pi', 'Running', '0/1', '3m2s', '10m']],
    ['parallel work queue', { parallelism: 3 }, { succeeded: 1 }, ['pi', 'Running', '1/1 of 3', '', '10m']],
    ['failed', { completions: 2 }, { conditions: [{ type: 'Failed', status: 'True' }] }, ['pi', 'Failed', '0/2', '', '10m']],
  ])('job %s', (_name, spec, status, want) => {
    const job = { metadata: meta('pi'), spec: { ...spec, template, selector: { matchLabels: { 'batch.kubernetes.io/controller-uid': 'u' } } }, status } as KubeObject;
    expect(jobTable.row(job, now)).toEqual([...want, 'pi', 'perl', 'batch.kubernetes.io/controller-uid=u']);
  });

  it('cron jobs', () => {
    expect(cronJobTable.columns.map((c) => c.name.toUpperCase()).slice(0, 7)).toEqual(['NAME', 'SCHEDULE', 'TIMEZONE', 'SUSPEND', 'ACTIVE', 'LAST SCHEDULE', 'AGE']);
    const cj = { metadata: meta('hello'), spec: { schedule: '*/1 * * * *', suspend: false, jobTemplate: { spec: { template } } }, status: { active: [{ name: 'hello-1' }], lastScheduleTime: ago(45_000) } } as KubeObject;
    expect(cronJobTable.row(cj, now)).toEqual(['hello', '*/1 * * * *', '<none>', 'False', 1, '45s', '10m', 'pi', 'perl', '<none>']);
  });
});

describe('nodes', () => {
  it('NAME STATUS ROLES AGE VERSION | INTERNAL-IP EXTERNAL-IP OS-IMAGE KERNEL-VERSION CONTAINER-RUNTIME', () => {
    expect(nodeTable.columns.map((c) => c.name.toUpperCase())).toEqual(['NAME', 'STATUS', 'ROLES', 'AGE', 'VERSION', 'INTERNAL-IP', 'EXTERNAL-IP', 'OS-IMAGE', 'KERNEL-VERSION', 'CONTAINER-RUNTIME']);
    const node = {
      metadata: { name: 'node1', creationTimestamp: ago(3 * 24 * 60 * min), labels: { 'node-role.kubernetes.io/control-plane': '', 'kubernetes.io/role': 'master' } },
      spec: { unschedulable: true },
      status: {
        conditions: [{ type: 'MemoryPressure', status: 'False' }, { type: 'Ready', status: 'True' }],
        addresses: [{ type: 'InternalIP', address: '192.168.1.101' }, { type: 'Hostname', address: 'node1' }],
        nodeInfo: { kubeletVersion: 'v1.32.0', osImage: 'Kubelab', kernelVersion: '6.1.0', containerRuntimeVersion: 'kubelab://1.0' },
      },
    } as KubeObject;
    expect(nodeTable.row(node, now)).toEqual(['node1', 'Ready,SchedulingDisabled', 'control-plane,master', '3d', 'v1.32.0', '192.168.1.101', '<none>', 'Kubelab', '6.1.0', 'kubelab://1.0']);
    const bare = { metadata: { name: 'n2', creationTimestamp: created }, status: { conditions: [{ type: 'Ready', status: 'Unknown' }] } } as KubeObject;
    expect(nodeTable.row(bare, now)).toEqual(['n2', 'NotReady', '<none>', '10m', '', '<none>', '<none>', '<unknown>', '<unknown>', '<unknown>']);
  });
});

describe('core kinds', () => {
  it('endpoints: three addresses then "+ N more..."', () => {
    const ep = {
      metadata: meta('kube-dns'),
      subsets: [{ addresses: [{ ip: '10.0.0.1' }, { ip: '10.0.0.2' }], ports: [{ port: 80 }, { port: 53 }] }],
    } as KubeObject;
    expect(endpointsTable.row(ep, now)).toEqual(['kube-dns', '10.0.0.1:80,10.0.0.2:80,10.0.0.1:53 + 1 more...', '10m']);
    const three = { metadata: meta('web'), subsets: [{ addresses: [{ ip: '10.0.0.1' }, { ip: '10.0.0.2' }, { ip: '10.0.0.3' }], ports: [{ port: 80 }] }] } as KubeObject;
    expect(endpointsTable.row(three, now)).toEqual(['web', '10.0.0.1:80,10.0.0.2:80,10.0.0.3:80', '10m']);
    expect(endpointsTable.row({ metadata: meta('none') } as KubeObject, now)).toEqual(['none', '<none>', '10m']);
  });

  it('namespaces, secrets, config maps, service accounts', () => {
    expect(namespaceTable.row({ metadata: { name: 'default', creationTimestamp: created }, status: { phase: 'Active' } } as KubeObject, now)).toEqual(['default', 'Active', '10m']);
    expect(secretTable.row({ metadata: meta('s'), type: 'Opaque', data: { a: 'eA==', b: 'eQ==' } } as KubeObject, now)).toEqual(['s', 'Opaque', 2, '10m']);
    expect(configMapTable.row({ metadata: meta('c'), data: { a: '1' }, binaryData: { b: 'AA==' } } as KubeObject, now)).toEqual(['c', 2, '10m']);
    expect(serviceAccountTable.row({ metadata: meta('default') } as KubeObject, now)).toEqual(['default', 0, '10m']);
  });

  it('events: LAST SEEN TYPE REASON OBJECT MESSAGE (+ wide columns)', () => {
    expect(eventTable.columns.filter((c) => c.priority === 0).map((c) => c.name.toUpperCase())).toEqual(['LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'MESSAGE']);
    const ev = {
      metadata: meta('web.17a'),
      involvedObject: { kind: 'Pod', name: 'web', fieldPath: 'spec.containers{c}' },
      reason: 'Pulled',
      message: 'Successfully pulled image "nginx"\n',
      source: { component: 'kubelet', host: 'node1' },
      firstTimestamp: ago(5 * min),
      lastTimestamp: ago(30_000),
      count: 3,
      type: 'Normal',
    } as KubeObject;
    expect(eventTable.row(ev, now)).toEqual(['30s', 'Normal', 'Pulled', 'pod/web', 'spec.containers{c}', 'kubelet, node1', 'Successfully pulled image "nginx"', '5m', 3, 'web.17a']);
    const single = { metadata: meta('e2'), involvedObject: { kind: 'Node' }, eventTime: ago(70_000), reportingComponent: 'scheduler', type: 'Warning', reason: 'X' } as KubeObject;
    expect(eventTable.row(single, now)).toEqual(['70s', 'Warning', 'X', 'node', '', 'scheduler', '', '70s', 1, 'e2']);
  });

  it('resource quotas split requests and limits', () => {
    const rq = {
      metadata: meta('quota'),
      status: { hard: { pods: '10', 'limits.cpu': '2', 'requests.cpu': '1', 'limits.memory': '2Gi' }, used: { pods: '3', 'requests.cpu': '500m' } },
    } as KubeObject;
    expect(resourceQuotaTable.row(rq, now)).toEqual(['quota', 'pods: 3/10, requests.cpu: 500m/1', 'limits.cpu: 0/2, limits.memory: 0/2Gi', '10m']);
  });

  it('persistent volumes and claims', () => {
    const pv = {
      metadata: { name: 'pv0001', creationTimestamp: created },
      spec: { capacity: { storage: '5Gi' }, accessModes: ['ReadWriteMany', 'ReadWriteOnce'], persistentVolumeReclaimPolicy: 'Retain', claimRef: { namespace: 'default', name: 'myclaim' }, storageClassName: 'slow' },
      status: { phase: 'Bound' },
    } as KubeObject;
    expect(persistentVolumeTable.row(pv, now)).toEqual(['pv0001', '5Gi', 'RWO,RWX', 'Retain', 'Bound', 'default/myclaim', 'slow', '<unset>', '', '10m', '<unset>']);
    const pvc = { metadata: meta('myclaim'), spec: { volumeName: 'pv0001', resources: { requests: { storage: '3Gi' } } }, status: { phase: 'Bound', accessModes: ['ReadWriteOnce'], capacity: { storage: '5Gi' } } } as KubeObject;
    expect(persistentVolumeClaimTable.row(pvc, now)).toEqual(['myclaim', 'Bound', 'pv0001', '5Gi', 'RWO', '', '<unset>', '10m', '<unset>']);
    const pending = { metadata: meta('c2'), spec: { storageClassName: 'fast' }, status: { phase: 'Pending' } } as KubeObject;
    expect(persistentVolumeClaimTable.row(pending, now)).toEqual(['c2', 'Pending', '', '', '', 'fast', '<unset>', '10m', '<unset>']);
  });

  it('default table prints NAME and CREATED AT', () => {
    expect(defaultTable.columns.map((c) => [c.name, c.type])).toEqual([['Name', 'string'], ['Created At', 'date']]);
    expect(defaultTable.row({ metadata: meta('limits') } as KubeObject, now)).toEqual(['limits', created]);
  });
});
