import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { newRealHarness, type RealHarness } from './real-harness.js';

const pods = '/api/v1/namespaces/default/pods';

const podYAML = `apiVersion: v1
kind: Pod
metadata:
  name: web
  labels:
    app: web
spec:
  containers:
  - name: web
    image: nginx:1.7
    ports:
    - containerPort: 80
`;

const multi = `apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector:
    app: web
  ports:
  - port: 80
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 2
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: web
        image: nginx
`;

const macrotask = () => new Promise<void>((r) => setImmediate(r));

/**
 * withGarbageCollector runs a kubectl command while playing the garbage collector for the objects
 * at paths: once one is being deleted with the "orphan" finalizer, the finalizer is dropped (there
 * are no dependents here to orphan), so kubectl's wait for the deletion, which polls every second,
 * can end. The clock moves a second at a time, for a minute at most.
 */
async function withGarbageCollector(h: RealHarness, cmd: string, paths: string[]) {
  let done = false;
  const run = h.kubectl(cmd).finally(() => void (done = true));
  for (let i = 0; i < 60 && !done; i++) {
    await macrotask();
    for (const path of paths) {
      const got = await h.ts.json('GET', path);
      if (got.status !== 200 || !got.body.metadata.deletionTimestamp || !got.body.metadata.finalizers?.includes('orphan')) continue;
      const finalizers = got.body.metadata.finalizers.filter((f: string) => f !== 'orphan');
      await h.ts.json('PATCH', path, { metadata: { finalizers: finalizers.length ? finalizers : null } }, { 'Content-Type': 'application/merge-patch+json' });
    }
    await h.ts.clock.advance(1000);
  }
  return run;
}

describe('kubectl create / apply / replace / delete', () => {
  let h: RealHarness;
  beforeEach(async () => {
    h = await newRealHarness({ '/m/pod.yaml': podYAML, '/m/dir/all.yaml': multi, '/m/dir/notes.txt': 'ignored' });
  });
  afterEach(() => h.close());

  it('create -f posts with strict validation and reports each object', async () => {
    const r = await h.kubectl('create -f /m/pod.yaml');
    expect(r).toEqual({ code: 0, stdout: 'pod/web created\n', stderr: '' });
    const post = h.requests.find((q) => q.method === 'POST')!;
    expect(post.url).toBe('/api/v1/namespaces/default/pods?fieldManager=kubectl-create&fieldValidation=Strict');
    const again = await h.kubectl('create -f /m/pod.yaml');
    expect(again.code).toBe(1);
    expect(again.stderr).toBe('Error from server (AlreadyExists): error when creating "/m/pod.yaml": pods "web" already exists\n');
  });

  it('create -f on a folder reads every manifest, multi-document YAML included', async () => {
    const r = await h.kubectl('create -f /m/dir');
    expect(r.stdout).toBe('service/web created\ndeployment.apps/web created\n');
  });

  it('create -f - reads stdin; a missing path is an error', async () => {
    h.stdin = podYAML;
    expect((await h.kubectl('create -f -')).stdout).toBe('pod/web created\n');
    expect((await h.kubectl('create -f /nope.yaml')).stderr).toBe('error: the path "/nope.yaml" does not exist\n');
    expect((await h.kubectl('create')).stderr).toBe(`error: must specify one of -f and -k\nSee 'kubectl create -h' for help and examples\n`);
  });

  it('apply creates with the last-applied annotation, then is unchanged, then configures', async () => {
    expect((await h.kubectl('apply -f /m/pod.yaml')).stdout).toBe('pod/web created\n');
    const live = await h.get(`${pods}/web`);
    const la = live.metadata.annotations!['kubectl.kubernetes.io/last-applied-configuration']!;
    expect(la.endsWith('}\n')).toBe(true);
    expect(la).toBe('{"apiVersion":"v1","kind":"Pod","metadata":{"annotations":{},"labels":{"app":"web"},"name":"web","namespace":"default"},"spec":{"containers":[{"image":"nginx:1.7","name":"web","ports":[{"containerPort":80}]}]}}\n');
    expect((await h.kubectl('apply -f /m/pod.yaml')).stdout).toBe('pod/web unchanged\n');
    await h.files.writeFile('/m/pod.yaml', podYAML.replace('nginx:1.7', 'nginx:1.8').replace('    app: web\n', '    app: web\n    tier: fe\n'));
    expect((await h.kubectl('apply -f /m/pod.yaml')).stdout).toBe('pod/web configured\n');
    const patch = h.requests.filter((q) => q.method === 'PATCH').pop()!;
    expect(patch.contentType).toBe('application/strategic-merge-patch+json');
    const body = JSON.parse(patch.body!);
    // As kubectl v1.32 sends it: the changed container and the list's order.
    expect(body.spec).toEqual({ '$setElementOrder/containers': [{ name: 'web' }], containers: [{ name: 'web', image: 'nginx:1.8' }] });
    expect(patch.url).toBe('/api/v1/namespaces/default/pods/web?fieldManager=kubectl-client-side-apply&fieldValidation=Strict');
    expect(body.metadata.labels).toEqual({ tier: 'fe' });
    expect((await h.get(`${pods}/web`)).metadata.labels).toEqual({ app: 'web', tier: 'fe' });
  });

  it('apply removes a label dropped from the file', async () => {
    await h.files.writeFile('/m/p.yaml', podYAML.replace('    app: web\n', '    app: web\n    tier: fe\n'));
    await h.kubectl('apply -f /m/p.yaml');
    await h.files.writeFile('/m/p.yaml', podYAML);
    expect((await h.kubectl('apply -f /m/p.yaml')).stdout).toBe('pod/web configured\n');
    expect((await h.get(`${pods}/web`)).metadata.labels).toEqual({ app: 'web' });
  });

  it('replace PUTs the object', async () => {
    // A deployment, since a pod's spec is immutable beyond its images.
    await h.kubectl('create -f /m/dir');
    await h.files.writeFile('/m/deploy.yaml', multi.split('---\n')[1]!.replace('replicas: 2', 'replicas: 3'));
    expect((await h.kubectl('replace -f /m/deploy.yaml')).stdout).toBe('deployment.apps/web replaced\n');
    expect(h.requests.filter((q) => q.method === 'PUT').map((q) => q.url)).toEqual(['/apis/apps/v1/namespaces/default/deployments/web?fieldManager=kubectl-replace&fieldValidation=Strict']);
    expect((await h.get('/apis/apps/v1/namespaces/default/deployments/web')).spec.replicas).toBe(3);
  });

  it('delete by name, by -f, by -l and reports NotFound', async () => {
    await h.kubectl('create -f /m/dir');
    await h.kubectl('create -f /m/pod.yaml');
    expect((await h.kubectl('delete pod web')).stdout).toBe('pod "web" deleted\n');
    const del = h.requests.find((q) => q.method === 'DELETE')!;
    expect(JSON.parse(del.body!)).toEqual({ kind: 'DeleteOptions', apiVersion: 'v1', propagationPolicy: 'Background' });
    expect(h.requests.some((q) => q.url === '/api/v1/namespaces/default/pods?fieldSelector=metadata.name%3Dweb')).toBe(true);
    expect((await withGarbageCollector(h, 'delete -f /m/dir --cascade=orphan', ['/api/v1/namespaces/default/services/web', '/apis/apps/v1/namespaces/default/deployments/web'])).stdout).toBe('service "web" deleted\ndeployment.apps "web" deleted\n');
    expect(JSON.parse(h.requests.filter((q) => q.method === 'DELETE').pop()!.body!).propagationPolicy).toBe('Orphan');
    expect((await h.ts.json('GET', '/apis/apps/v1/namespaces/default/deployments/web')).status).toBe(404);
    const nf = await h.kubectl('delete pod web');
    expect(nf).toEqual({ code: 1, stdout: '', stderr: 'Error from server (NotFound): pods "web" not found\n' });
    expect((await h.kubectl('delete pods -l app=none')).stderr).toBe('No resources found\n');
    expect((await h.kubectl('delete')).stderr).toContain('error: You must provide one or more resources by argument or filename.');
    expect((await h.kubectl('delete pods')).stderr).toBe('error: resource(s) were provided, but no name was specified\n');
  });

  it('delete --now and --grace-period set gracePeriodSeconds', async () => {
    await h.kubectl('create -f /m/pod.yaml');
    await h.kubectl('delete pod web --now');
    expect(JSON.parse(h.requests.filter((q) => q.method === 'DELETE').pop()!.body!).gracePeriodSeconds).toBe(1);
  });
});

describe('kubectl label / annotate / patch / scale', () => {
  let h: RealHarness;
  beforeEach(async () => {
    h = await newRealHarness({ '/m/pod.yaml': podYAML, '/m/dir/all.yaml': multi });
    await h.kubectl('create -f /m/pod.yaml');
    await h.kubectl('create -f /m/dir');
  });
  afterEach(() => h.close());

  it('labels, refuses to overwrite without --overwrite, and removes with key-', async () => {
    expect((await h.kubectl('label pods web tier=fe')).stdout).toBe('pod/web labeled\n');
    const r = await h.kubectl('label pods web tier=be');
    expect(r).toEqual({ code: 1, stdout: '', stderr: "error: 'tier' already has a value (fe), and --overwrite is false\n" });
    expect((await h.kubectl('label pods web tier=be --overwrite')).stdout).toBe('pod/web labeled\n');
    expect((await h.kubectl('label pod/web tier-')).stdout).toBe('pod/web unlabeled\n');
    expect((await h.get(`${pods}/web`)).metadata.labels).toEqual({ app: 'web' });
    expect((await h.kubectl('label pods web')).stderr).toBe('error: at least one label update is required\n');
  });

  it('annotates, with its own overwrite message', async () => {
    expect((await h.kubectl(['annotate', 'pods', 'web', 'description=my frontend'])).stdout).toBe('pod/web annotated\n');
    expect((await h.kubectl('annotate pods web description=x')).stderr).toBe(
      "error: --overwrite is false but found the following declared annotation(s): 'description' already has a value (my frontend)\n",
    );
  });

  it('patches with strategic, merge and json types', async () => {
    expect((await h.kubectl(['patch', 'pod', 'web', '-p', '{"metadata":{"labels":{"x":"y"}}}'])).stdout).toBe('pod/web patched\n');
    expect(h.requests.filter((q) => q.method === 'PATCH').pop()!.contentType).toBe('application/strategic-merge-patch+json');
    await h.kubectl(['patch', 'deploy', 'web', '--type', 'json', '-p', '[{"op":"replace","path":"/spec/replicas","value":5}]']);
    expect((await h.get('/apis/apps/v1/namespaces/default/deployments/web')).spec.replicas).toBe(5);
    expect((await h.kubectl(['patch', 'pod', 'web', '--type', 'foo', '-p', '{}'])).stderr).toBe('error: --type must be one of [json merge strategic], not "foo"\n');
  });

  it('scales through the scale subresource and checks --current-replicas', async () => {
    expect((await h.kubectl('scale deploy/web --replicas=3')).stdout).toBe('deployment.apps/web scaled\n');
    const req = h.requests.filter((q) => q.method === 'PATCH').pop()!;
    expect(req.url).toBe('/apis/apps/v1/namespaces/default/deployments/web/scale');
    expect((await h.kubectl('scale deploy web --current-replicas=2 --replicas=4')).stderr).toBe('error: Expected replicas to be 2, was 3\n');
    expect((await h.kubectl('scale deploy web --current-replicas=3 --replicas=4')).stdout).toBe('deployment.apps/web scaled\n');
    expect((await h.kubectl('scale deploy web')).stderr).toBe('error: The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0\n');
  });
});

describe('kubectl run / expose', () => {
  let h: RealHarness;
  afterEach(() => h.close());

  it('run --dry-run=client -o yaml prints the pod kubectl would create', async () => {
    h = await newRealHarness();
    const r = await h.kubectl(['run', 'x', '--image=nginx', '--port=80', '--env=A=b', '--restart=Never', '--dry-run=client', '-o', 'yaml', '--', 'sh', '-c', 'echo hi']);
    expect(r.stdout).toBe(`apiVersion: v1
kind: Pod
metadata:
  creationTimestamp: null
  labels:
    run: x
  name: x
spec:
  containers:
  - args:
    - sh
    - -c
    - echo hi
    env:
    - name: A
      value: b
    image: nginx
    name: x
    ports:
    - containerPort: 80
    resources: {}
  dnsPolicy: ClusterFirst
  restartPolicy: Never
status: {}
`);
    expect((await h.kubectl('run web --image=nginx')).stdout).toBe('pod/web created\n');
    expect((await h.kubectl('run --image=nginx')).stderr).toBe(`error: NAME is required for run\nSee 'kubectl run -h' for help and examples\n`);
  });

  it('expose finds selector and ports by introspection', async () => {
    h = await newRealHarness({ '/m/pod.yaml': podYAML });
    await h.kubectl('create -f /m/pod.yaml');
    expect((await h.kubectl('expose pod web --name=web-svc --type=NodePort')).stdout).toBe('service/web-svc exposed\n');
    // The service kubectl built; the server then adds its cluster IP and node port.
    const post = h.requests.filter((q) => q.method === 'POST').pop()!;
    expect(post.url).toBe('/api/v1/namespaces/default/services?fieldManager=kubectl-expose');
    expect(JSON.parse(post.body!).spec).toEqual({ ports: [{ port: 80, protocol: 'TCP', targetPort: 80 }], selector: { app: 'web' }, type: 'NodePort' });
    expect((await h.get('/api/v1/namespaces/default/services/web-svc')).spec).toMatchObject({ selector: { app: 'web' }, type: 'NodePort', ports: [{ port: 80, targetPort: 80 }] });
    await h.kubectl('run bare --image=nginx --labels=a=b');
    expect((await h.kubectl('expose pod bare')).stderr).toBe("error: couldn't find port via --port flag or introspection\n");
  });
});
