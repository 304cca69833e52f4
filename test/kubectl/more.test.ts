import { describe, it, expect } from 'vitest';
import { newHarness } from './harness.js';

describe('kubectl describe', () => {
  it('describes a pod with its events', async () => {
    const h = newHarness();
    h.server.add('pods', { metadata: { name: 'web', labels: { app: 'web', tier: 'fe' } }, spec: { nodeName: 'node-1', containers: [{ name: 'web', image: 'nginx', ports: [{ containerPort: 80 }] }] }, status: { phase: 'Running', hostIP: '192.168.1.101', podIP: '10.244.1.5', containerStatuses: [{ name: 'web', ready: true, restartCount: 0, state: { running: { startedAt: '2026-01-01T00:00:00Z' } } }] } });
    const pod = h.server.objects.get('pods/default/web')!;
    h.server.add('events', { metadata: { name: 'web.1' }, involvedObject: { kind: 'Pod', name: 'web', namespace: 'default', uid: pod.metadata.uid }, type: 'Normal', reason: 'Scheduled', message: 'Successfully assigned default/web to node-1', source: { component: 'default-scheduler' }, firstTimestamp: '2026-01-01T00:00:00Z', lastTimestamp: '2026-01-01T00:00:00Z', count: 1 } as never);
    h.clock.step(30_000);
    const r = await h.kubectl('describe pod web');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Name:             web\nNamespace:        default\nPriority:         0\nService Account:  default\nNode:             node-1/192.168.1.101\n');
    expect(r.stdout).toContain('Labels:           app=web\n                  tier=fe\n');
    expect(r.stdout).toContain('IPs:\n  IP:  10.244.1.5\nContainers:\n  web:\n');
    expect(r.stdout).toContain('    Port:           80/TCP\n');
    expect(r.stdout).toContain('Events:\n  Type    Reason     Age   From               Message\n  ----    ------     ----  ----               -------\n  Normal  Scheduled  30s   default-scheduler  Successfully assigned default/web to node-1\n');
    const ev = h.server.requests.find((q) => q.url.includes('/events'))!;
    expect(decodeURIComponent(ev.url)).toContain(`fieldSelector=involvedObject.kind=Pod,involvedObject.name=web,involvedObject.namespace=default,involvedObject.uid=${pod.metadata.uid}`);
    expect((await h.kubectl('describe pod nope')).stderr).toBe('Error from server (NotFound): pods "nope" not found\n');
  });

  it('describes a replication controller with pod counts', async () => {
    const h = newHarness();
    h.server.add('replicationcontrollers', { metadata: { name: 'redis', labels: { app: 'redis' } }, spec: { replicas: 2, selector: { app: 'redis' }, template: { metadata: { labels: { app: 'redis' } }, spec: { containers: [{ name: 'redis', image: 'redis' }] } } }, status: { replicas: 2 } });
    h.server.add('pods', { metadata: { name: 'redis-a', labels: { app: 'redis' } }, spec: { containers: [] }, status: { phase: 'Running' } });
    h.server.add('pods', { metadata: { name: 'redis-b', labels: { app: 'redis' } }, spec: { containers: [] }, status: { phase: 'Pending' } });
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
    const h = newHarness({ '/home/user/.kube/config': kubeconfig });
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
    const h = newHarness({ '/home/user/.kube/config': kubeconfig });
    expect((await h.kubectl('get pods')).stderr).toBe('No resources found in team namespace.\n');
  });

  it('an empty config has no current context', async () => {
    const h = newHarness();
    expect((await h.kubectl('config current-context')).stderr).toBe('error: current-context is not set\n');
    expect((await h.kubectl('config view')).stdout).toBe('apiVersion: v1\nclusters: null\ncontexts: null\ncurrent-context: ""\nkind: Config\npreferences: {}\nusers: null\n');
  });
});

describe('discovery commands', () => {
  it('api-resources, api-versions and version', async () => {
    const h = newHarness();
    const r = await h.kubectl('api-resources');
    expect(r.stdout.split('\n')[0]).toBe('NAME                     SHORTNAMES   APIVERSION   NAMESPACED   KIND');
    expect(r.stdout).toContain('\npods                     po           v1           true         Pod\n');
    expect(r.stdout).toContain('\ndeployments              deploy       apps/v1      true         Deployment\n');
    expect((await h.kubectl('api-versions')).stdout).toBe('apps/v1\nv1\n');
    expect((await h.kubectl('version')).stdout).toBe('Client Version: v1.32.0\nServer Version: v1.32.0-kubelab\n');
    expect((await h.kubectl('foo')).stderr).toBe(`error: unknown command "foo" for "kubectl"\nRun 'kubectl --help' for usage.\n`);
  });
});

describe('kubectl rollout and edit', () => {
  it('reports rollout status until the deployment is available', async () => {
    const h = newHarness();
    h.server.add('deployments', { metadata: { name: 'web', generation: 2 }, spec: { replicas: 3 }, status: { observedGeneration: 2, replicas: 3, updatedReplicas: 3, availableReplicas: 3 } });
    expect((await h.kubectl('rollout status deployment/web')).stdout).toBe('deployment "web" successfully rolled out\n');
    h.server.add('deployments', { metadata: { name: 'slow', generation: 2 }, spec: { replicas: 3 }, status: { observedGeneration: 2, replicas: 3, updatedReplicas: 1, availableReplicas: 1 } });
    expect((await h.kubectl('rollout status deploy slow --watch=false')).stdout).toBe('Waiting for deployment "slow" rollout to finish: 1 out of 3 new replicas have been updated...\n');
    expect((await h.kubectl('rollout pause deploy/web')).stdout).toBe('deployment.apps/web paused\n');
    expect((await h.kubectl('rollout pause deploy/web')).stderr).toBe('error: deployments.apps "web" is already paused\n');
    expect((await h.kubectl('rollout resume deploy/web')).stdout).toBe('deployment.apps/web resumed\n');
  });

  it('edit patches what the editor changed', async () => {
    const h = newHarness();
    h.server.add('pods', { metadata: { name: 'web', labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx' }] } });
    h.editor = async (text) => text.replace('image: nginx', 'image: nginx:1.9');
    expect((await h.kubectl('edit pod web')).stdout).toBe('pod/web edited\n');
    expect((h.server.objects.get('pods/default/web') as any).spec.containers[0].image).toBe('nginx:1.9');
    h.editor = async (text) => text;
    expect((await h.kubectl('edit pod web')).stderr).toBe('Edit cancelled, no changes made.\n');
  });
});
