// `kubectl create <generator>` and `rollout history|undo` against the engine API server. Expected
// texts were recorded from kubectl v1.32.
import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { newRealHarness, type RealHarness } from './real-harness.js';

describe('kubectl create generators', () => {
  let h: RealHarness;
  beforeEach(async () => {
    h = await newRealHarness({ '/f/app.conf': 'x', '/f/env': 'a=1\n# comment\n\nb=2\n' });
  });
  afterEach(() => h.close());

  const cases: Array<{ name: string; cmd: string; want: string }> = [
    { name: 'namespace', cmd: 'create namespace foo --dry-run=client -o yaml', want: 'apiVersion: v1\nkind: Namespace\nmetadata:\n  creationTimestamp: null\n  name: foo\nspec: {}\nstatus: {}\n' },
    {
      name: 'deployment',
      cmd: 'create deployment web --image=nginx:1.7 --replicas=2 --port=80 --dry-run=client -o yaml',
      want: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  creationTimestamp: null\n  labels:\n    app: web\n  name: web\nspec:\n  replicas: 2\n  selector:\n    matchLabels:\n      app: web\n  strategy: {}\n  template:\n    metadata:\n      creationTimestamp: null\n      labels:\n        app: web\n    spec:\n      containers:\n      - image: nginx:1.7\n        name: nginx\n        ports:\n        - containerPort: 80\n        resources: {}\nstatus: {}\n',
    },
    {
      name: 'configmap',
      cmd: 'create configmap cfg --from-literal=b=two --from-literal=a=1 --from-file=/f/app.conf --dry-run=client -o yaml',
      want: 'apiVersion: v1\ndata:\n  a: "1"\n  app.conf: x\n  b: two\nkind: ConfigMap\nmetadata:\n  creationTimestamp: null\n  name: cfg\n',
    },
    { name: 'configmap from env file', cmd: 'create cm e --from-env-file=/f/env --dry-run=client -o yaml', want: 'apiVersion: v1\ndata:\n  a: "1"\n  b: "2"\nkind: ConfigMap\nmetadata:\n  creationTimestamp: null\n  name: e\n' },
    {
      name: 'secret generic',
      cmd: 'create secret generic s --from-literal=pw=secret --type=Opaque --dry-run=client -o yaml',
      want: 'apiVersion: v1\ndata:\n  pw: c2VjcmV0\nkind: Secret\nmetadata:\n  creationTimestamp: null\n  name: s\ntype: Opaque\n',
    },
    {
      name: 'service nodeport',
      cmd: 'create service nodeport np --tcp=80:8080 --node-port=30001 --dry-run=client -o yaml',
      want: 'apiVersion: v1\nkind: Service\nmetadata:\n  creationTimestamp: null\n  labels:\n    app: np\n  name: np\nspec:\n  ports:\n  - name: 80-8080\n    nodePort: 30001\n    port: 80\n    protocol: TCP\n    targetPort: 8080\n  selector:\n    app: np\n  type: NodePort\nstatus:\n  loadBalancer: {}\n',
    },
    {
      name: 'service clusterip',
      cmd: 'create service clusterip my --tcp=443 --dry-run=client -o yaml',
      want: 'apiVersion: v1\nkind: Service\nmetadata:\n  creationTimestamp: null\n  labels:\n    app: my\n  name: my\nspec:\n  ports:\n  - name: "443"\n    port: 443\n    protocol: TCP\n    targetPort: 443\n  selector:\n    app: my\n  type: ClusterIP\nstatus:\n  loadBalancer: {}\n',
    },
    { name: 'serviceaccount', cmd: 'create serviceaccount sa1 --dry-run=client -o yaml', want: 'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  creationTimestamp: null\n  name: sa1\n' },
  ];
  it.each(cases)('$name --dry-run=client -o yaml', async ({ cmd, want }) => {
    expect(await h.kubectl(cmd)).toEqual({ code: 0, stdout: want, stderr: '' });
  });

  it('creates on the server and words errors as kubectl does', async () => {
    expect((await h.kubectl('create ns foo')).stdout).toBe('namespace/foo created\n');
    expect((await h.kubectl('create deployment web --image=nginx -n foo')).stdout).toBe('deployment.apps/web created\n');
    expect((await h.ts.json('GET', '/apis/apps/v1/namespaces/foo/deployments/web')).body.spec.template.spec.containers[0].name).toBe('nginx');
    expect((await h.kubectl('create cm c --from-literal=a=1')).stdout).toBe('configmap/c created\n');
    expect((await h.kubectl('create secret generic s --from-literal=a=1 --dry-run=client')).stdout).toBe('secret/s created (dry run)\n');
    expect((await h.kubectl('create service clusterip x')).stderr).toBe('error: at least one tcp port specifier must be provided\n');
    expect((await h.kubectl('create secret generic')).stderr).toBe("error: exactly one NAME is required, got 0\nSee 'kubectl create secret generic -h' for help and examples\n");
    expect((await h.kubectl('create cm d --from-literal=a=1 --from-literal=a=2')).stderr).toBe('error: cannot add key "a", another key by that name already exists in Data for ConfigMap "d"\n');
    expect((await h.kubectl('create cm e --from-literal=a=1 --from-env-file=/f/env')).stderr).toBe('error: from-env-file cannot be combined with from-file or from-literal\n');
  });
});

describe('kubectl rollout history and undo', () => {
  let h: RealHarness;
  beforeEach(async () => {
    h = await newRealHarness();
    await h.kubectl('create deployment hist --image=nginx:1.8');
    const d = (await h.ts.json('GET', '/apis/apps/v1/namespaces/default/deployments/hist')).body;
    // The deployment controller's work, done by hand: one replica set per revision.
    for (const r of [1, 2]) {
      const labels = { app: 'hist', 'pod-template-hash': `h${r}` };
      await h.ts.json('POST', '/apis/apps/v1/namespaces/default/replicasets', {
        apiVersion: 'apps/v1',
        kind: 'ReplicaSet',
        metadata: {
          name: `hist-rs${r}`,
          labels,
          annotations: { 'deployment.kubernetes.io/revision': String(r), ...(r === 2 ? { 'kubernetes.io/change-cause': 'kubectl set image' } : {}) },
          ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'hist', uid: d.metadata.uid, controller: true, blockOwnerDeletion: true }],
        },
        spec: { replicas: 0, selector: { matchLabels: labels }, template: { metadata: { labels }, spec: { containers: [{ name: 'nginx', image: `nginx:1.${6 + r}` }] } } },
      });
    }
  });
  afterEach(() => h.close());

  it('lists revisions with their change causes and prints one revision', async () => {
    expect((await h.kubectl('rollout history deploy/hist')).stdout).toBe('deployment.apps/hist \nREVISION  CHANGE-CAUSE\n1         <none>\n2         kubectl set image\n\n');
    expect((await h.kubectl('rollout history deploy/hist --revision=2')).stdout).toBe(
      'deployment.apps/hist with revision #2\nPod Template:\n  Labels:\tapp=hist\n\tpod-template-hash=h2\n  Annotations:\tkubernetes.io/change-cause: kubectl set image\n  Containers:\n   nginx:\n    Image:\tnginx:1.8\n    Port:\t<none>\n    Host Port:\t<none>\n    Environment:\t<none>\n    Mounts:\t<none>\n  Volumes:\t<none>\n  Node-Selectors:\t<none>\n  Tolerations:\t<none>\n\n',
    );
    expect((await h.kubectl('rollout history deploy/hist --revision=7')).stderr).toBe('error: unable to find the specified revision\n');
  });

  it('undo restores the previous revision\'s template', async () => {
    // Without the controller's revision annotation the patch fails, as with kubectl v1.32.
    expect((await h.kubectl('rollout undo deploy/hist')).stderr).toBe(
      'error: failed restoring revision 0: replace operation does not apply: doc is missing key: /metadata/annotations: missing value\n',
    );
    await h.ts.json('PATCH', '/apis/apps/v1/namespaces/default/deployments/hist', { metadata: { annotations: { 'deployment.kubernetes.io/revision': '2' } } }, { 'Content-Type': 'application/merge-patch+json' });
    expect((await h.kubectl('rollout undo deploy/hist')).stdout).toBe('deployment.apps/hist rolled back\n');
    const d = (await h.ts.json('GET', '/apis/apps/v1/namespaces/default/deployments/hist')).body;
    expect(d.spec.template.spec.containers[0].image).toBe('nginx:1.7');
    expect(d.spec.template.metadata.labels['pod-template-hash']).toBeUndefined();
    expect(d.metadata.annotations).toEqual({ 'deployment.kubernetes.io/revision': '2' });
    expect((await h.kubectl('rollout undo deploy/hist --to-revision=9')).stderr).toBe('error: unable to find specified revision 9 in history\n');
  });
});
