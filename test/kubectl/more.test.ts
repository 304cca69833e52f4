import { describe, it, expect, afterEach } from 'vitest';
import { newRealHarness, type RealHarness } from './real-harness.js';

const pods = '/api/v1/namespaces/default/pods';
const deployments = '/apis/apps/v1/namespaces/default/deployments';

let h: RealHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

function deployment(name: string, status?: Record<string, number>) {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name },
    spec: { replicas: 3, selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name } }, spec: { containers: [{ name, image: 'nginx' }] } } },
    ...(status ? { status: { observedGeneration: 1, ...status } } : {}),
  };
}

describe('kubectl describe', () => {
  it('describes a pod with its events', async () => {
    h = await newRealHarness();
    await h.seed(pods, { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web', labels: { app: 'web', tier: 'fe' } }, spec: { nodeName: 'node-1', containers: [{ name: 'web', image: 'nginx', ports: [{ containerPort: 80 }] }] }, status: { phase: 'Running', hostIP: '192.168.1.101', podIP: '10.244.1.5', podIPs: [{ ip: '10.244.1.5' }], containerStatuses: [{ name: 'web', image: 'nginx', imageID: '', ready: true, restartCount: 0, state: { running: { startedAt: '2026-01-01T00:00:00Z' } } }] } });
    const pod = await h.get(`${pods}/web`);
    await h.seed('/api/v1/namespaces/default/events', { apiVersion: 'v1', kind: 'Event', metadata: { name: 'web.1' }, involvedObject: { kind: 'Pod', name: 'web', namespace: 'default', uid: pod.metadata.uid }, type: 'Normal', reason: 'Scheduled', message: 'Successfully assigned default/web to node-1', source: { component: 'default-scheduler' }, firstTimestamp: '2026-01-01T00:00:00Z', lastTimestamp: '2026-01-01T00:00:00Z', count: 1 } as never);
    h.ts.clock.step(30_000);
    const r = await h.kubectl('describe pod web');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Name:             web\nNamespace:        default\nPriority:         0\nService Account:  default\nNode:             node-1/192.168.1.101\n');
    expect(r.stdout).toContain('Labels:           app=web\n                  tier=fe\n');
    expect(r.stdout).toContain('IPs:\n  IP:  10.244.1.5\nContainers:\n  web:\n');
    expect(r.stdout).toContain('    Port:           80/TCP\n');
    expect(r.stdout).toContain('Events:\n  Type    Reason     Age   From               Message\n  ----    ------     ----  ----               -------\n  Normal  Scheduled  30s   default-scheduler  Successfully assigned default/web to node-1\n');
    const ev = h.requests.find((q) => q.url.includes('/events'))!;
    expect(decodeURIComponent(ev.url)).toContain(`fieldSelector=involvedObject.kind=Pod,involvedObject.name=web,involvedObject.namespace=default,involvedObject.uid=${pod.metadata.uid}`);
    expect((await h.kubectl('describe pod nope')).stderr).toBe('Error from server (NotFound): pods "nope" not found\n');
  });

  it('describes a replication controller with pod counts', async () => {
    h = await newRealHarness();
    await h.seed('/api/v1/namespaces/default/replicationcontrollers', { apiVersion: 'v1', kind: 'ReplicationController', metadata: { name: 'redis', labels: { app: 'redis' } }, spec: { replicas: 2, selector: { app: 'redis' }, template: { metadata: { labels: { app: 'redis' } }, spec: { containers: [{ name: 'redis', image: 'redis' }] } } }, status: { replicas: 2 } });
    const pod = (name: string, phase: string) => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name, labels: { app: 'redis' } }, spec: { containers: [{ name: 'redis', image: 'redis' }] }, status: { phase } });
    await h.seed(pods, pod('redis-a', 'Running'));
    await h.seed(pods, pod('redis-b', 'Pending'));
    const r = await h.kubectl('describe rc redis');
    expect(r.stdout).toContain('Replicas:     2 current / 2 desired\nPods Status:  1 Running / 1 Waiting / 0 Succeeded / 0 Failed\n');
  });
});

describe('kubectl config', () => {
  const kubeconfig = `apiVersion: v1
kind: Config
clusters:
- name: lab
  cluster:
    server: http://127.0.0.1:8080
contexts:
- name: lab
  context:
    cluster: lab
    user: admin
    namespace: team
users:
- name: admin
  user:
    token: secret
current-context: lab
`;
  it('reads, switches and writes the kubeconfig', async () => {
    h = await newRealHarness({ '/home/user/.kube/config': kubeconfig });
    expect((await h.kubectl('config current-context')).stdout).toBe('lab\n');
    expect((await h.kubectl('config get-contexts')).stdout).toBe('CURRENT   NAME   CLUSTER   AUTHINFO   NAMESPACE\n*         lab    lab       admin      team\n');
    expect((await h.kubectl('config view')).stdout).toContain('users:\n- name: admin\n  user:\n    token: REDACTED\n');
    expect((await h.kubectl('config set-context other --cluster=lab --user=admin')).stdout).toBe('Context "other" created.\n');
    expect((await h.kubectl('config use-context other')).stdout).toBe('Switched to context "other".\n');
    expect((await h.kubectl('config current-context')).stdout).toBe('other\n');
    expect((await h.kubectl('config use-context nope')).stderr).toBe('error: no context exists with the name: "nope"\n');
    expect((await h.kubectl('config set-cluster c2 --server=http://x:1')).stdout).toBe('Cluster "c2" set.\n');
    expect((await h.kubectl('config set-credentials u2 --token=t')).stdout).toBe('User "u2" set.\n');
  });

  it('uses the context namespace and sends the token', async () => {
    h = await newRealHarness({ '/home/user/.kube/config': kubeconfig });
    expect((await h.kubectl('get pods')).stderr).toBe('No resources found in team namespace.\n');
    expect(h.requests.at(-1)).toMatchObject({ url: '/api/v1/namespaces/team/pods?limit=500', authorization: 'Bearer secret' });
  });

  it('an empty config has no current context', async () => {
    h = await newRealHarness();
    expect((await h.kubectl('config current-context')).stderr).toBe('error: current-context is not set\n');
    expect((await h.kubectl('config view')).stdout).toBe('apiVersion: v1\nclusters: null\ncontexts: null\ncurrent-context: ""\nkind: Config\npreferences: {}\nusers: null\n');
  });
});

describe('discovery commands', () => {
  it('api-resources, api-versions and version', async () => {
    h = await newRealHarness();
    const r = await h.kubectl('api-resources');
    const header = r.stdout.split('\n')[0]!;
    expect(header).toMatch(/^NAME +SHORTNAMES +APIVERSION +NAMESPACED +KIND$/);
    // Columns are as wide as their longest cell, so each row is read at the header's offsets.
    const at = ['SHORTNAMES', 'APIVERSION', 'NAMESPACED', 'KIND'].map((c) => header.indexOf(c));
    const row = (name: string) => {
      const line = r.stdout.split('\n').find((l) => l.startsWith(`${name} `))!;
      return [line.slice(0, at[0]), line.slice(at[0], at[1]), line.slice(at[1], at[2]), line.slice(at[2], at[3]), line.slice(at[3])].map((s) => s.trim());
    };
    expect(row('pods')).toEqual(['pods', 'po', 'v1', 'true', 'Pod']);
    expect(row('deployments')).toEqual(['deployments', 'deploy', 'apps/v1', 'true', 'Deployment']);
    const versions = (await h.kubectl('api-versions')).stdout.trimEnd().split('\n');
    expect(versions).toEqual([...versions].sort());
    expect(versions).toContain('apps/v1');
    expect(versions).toContain('v1');
    expect((await h.kubectl('version')).stdout).toBe('Client Version: v1.32.0\nServer Version: v1.32.0-kubelab\n');
    expect((await h.kubectl('foo')).stderr).toBe(`error: unknown command "foo" for "kubectl"\nRun 'kubectl --help' for usage.\n`);
  });
});

describe('kubectl rollout and edit', () => {
  it('reports rollout status until the deployment is available', async () => {
    h = await newRealHarness();
    await h.seed(deployments, deployment('web', { replicas: 3, updatedReplicas: 3, availableReplicas: 3 }));
    expect((await h.kubectl('rollout status deployment/web')).stdout).toBe('deployment "web" successfully rolled out\n');
    await h.seed(deployments, deployment('slow', { replicas: 3, updatedReplicas: 1, availableReplicas: 1 }));
    expect((await h.kubectl('rollout status deploy slow --watch=false')).stdout).toBe('Waiting for deployment "slow" rollout to finish: 1 out of 3 new replicas have been updated...\n');
    expect((await h.kubectl('rollout pause deploy/web')).stdout).toBe('deployment.apps/web paused\n');
    expect((await h.get(`${deployments}/web`)).spec.paused).toBe(true);
    expect((await h.kubectl('rollout pause deploy/web')).stderr).toBe('error: deployments.apps "web" is already paused\n');
    expect((await h.kubectl('rollout resume deploy/web')).stdout).toBe('deployment.apps/web resumed\n');
    expect((await h.get(`${deployments}/web`)).spec.paused).toBeUndefined();
  });

  it('edit patches what the editor changed', async () => {
    h = await newRealHarness();
    await h.seed(pods, { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web', labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx' }] } });
    h.editor = async (text) => text.replace('image: nginx', 'image: nginx:1.9');
    expect((await h.kubectl('edit pod web')).stdout).toBe('pod/web edited\n');
    expect((await h.get(`${pods}/web`)).spec.containers[0].image).toBe('nginx:1.9');
    h.editor = async (text) => text;
    expect((await h.kubectl('edit pod web')).stderr).toBe('Edit cancelled, no changes made.\n');
  });
});
