// kubectl get against the engine's own API server (in process, virtual clock).
import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { newRealHarness, type RealHarness } from './real-harness.js';
import { tableAccept } from '../../engine/kubectl/cmd/get.js';

function pod(name: string, ns = 'default', labels: Record<string, string> = {}, phase = 'Running') {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: ns, labels },
    spec: { containers: [{ name: 'c', image: 'nginx' }], nodeName: 'node-1' },
    status: { phase, podIP: '10.244.1.5', podIPs: [{ ip: '10.244.1.5' }], containerStatuses: [{ name: 'c', image: 'nginx', imageID: '', restartCount: 0, ready: true, state: { running: { startedAt: '2026-01-01T00:00:00Z' } } }] },
  };
}

const deployment = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'api' },
  spec: { replicas: 2, selector: { matchLabels: { app: 'api' } }, template: { metadata: { labels: { app: 'api' } }, spec: { containers: [{ name: 'api', image: 'nginx' }] } } },
};

describe('kubectl get', () => {
  let h: RealHarness;
  beforeEach(async () => {
    h = await newRealHarness();
    await h.ts.json('POST', '/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'kube-system' } });
    await h.seed('/api/v1/namespaces/default/pods', pod('web', 'default', { app: 'web' }));
    await h.seed('/api/v1/namespaces/default/pods', pod('db', 'default', { app: 'db' }, 'Pending'));
    await h.seed('/api/v1/namespaces/kube-system/pods', pod('dns', 'kube-system', { k8s: 'dns' }));
    await h.seed('/api/v1/namespaces/default/services', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: { type: 'NodePort', clusterIP: '10.254.0.7', ports: [{ port: 80, nodePort: 30001 }] } });
    await h.seed('/apis/apps/v1/namespaces/default/deployments', deployment);
    h.ts.clock.step(65_000);
  });
  afterEach(() => h.close());

  it('prints the server Table aligned, asking for Tables with limit=500', async () => {
    const r = await h.kubectl('get pods');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('NAME   READY   STATUS    RESTARTS   AGE\ndb     1/1     Pending   0          65s\nweb    1/1     Running   0          65s\n');
    const req = h.requests.find((q) => q.url.startsWith('/api/v1/namespaces/default/pods'))!;
    expect(req.url).toBe('/api/v1/namespaces/default/pods?limit=500');
  });

  it('sends the Table Accept header', () => {
    expect(tableAccept).toBe('application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json');
  });

  it.each([['po'], ['pod'], ['pods'], ['Pod']])('resolves %s to pods', async (typed) => {
    expect((await h.kubectl(`get ${typed} web --no-headers`)).stdout).toBe('web   1/1   Running   0     65s\n');
  });

  it('adds NAMESPACE with -A, wide columns with -o wide and LABELS with --show-labels', async () => {
    expect((await h.kubectl('get po -A')).stdout).toBe(
      'NAMESPACE     NAME   READY   STATUS    RESTARTS   AGE\ndefault       db     1/1     Pending   0          65s\ndefault       web    1/1     Running   0          65s\nkube-system   dns    1/1     Running   0          65s\n',
    );
    // The real pod table adds NOMINATED NODE and READINESS GATES to -o wide, as upstream does.
    expect((await h.kubectl('get pod web -o wide')).stdout).toBe(
      'NAME   READY   STATUS    RESTARTS   AGE   IP           NODE     NOMINATED NODE   READINESS GATES\nweb    1/1     Running   0          65s   10.244.1.5   node-1   <none>           <none>\n',
    );
    expect((await h.kubectl('get pods -l app=web --show-labels')).stdout).toBe('NAME   READY   STATUS    RESTARTS   AGE   LABELS\nweb    1/1     Running   0          65s   app=web\n');
  });

  it('prints several kinds with kind-prefixed names and a blank line between tables', async () => {
    const r = await h.kubectl('get deploy,svc');
    expect(r.stdout).toBe(
      'NAME                  READY   UP-TO-DATE   AVAILABLE   AGE\ndeployment.apps/api   0/2     0            0           65s\n\nNAME          TYPE       CLUSTER-IP   EXTERNAL-IP   PORT(S)        AGE\nservice/web   NodePort   10.254.0.7   <none>        80:30001/TCP   65s\n',
    );
  });

  it('accepts type/name and reports NotFound after printing what it found', async () => {
    const r = await h.kubectl('get pod/web pod/nope');
    expect(r.stdout).toBe('NAME   READY   STATUS    RESTARTS   AGE\nweb    1/1     Running   0          65s\n');
    expect(r.stderr).toBe('Error from server (NotFound): pods "nope" not found\n');
    expect(r.code).toBe(1);
  });

  it('says no resources found on stderr', async () => {
    const r = await h.kubectl('get rc');
    expect(r).toEqual({ code: 0, stdout: '', stderr: 'No resources found in default namespace.\n' });
    expect((await h.kubectl('get pods -n empty')).stderr).toBe('No resources found in empty namespace.\n');
    expect((await h.kubectl('get nodes')).stderr).toBe('No resources found\n');
  });

  it('rejects unknown types and missing arguments as kubectl does', async () => {
    expect((await h.kubectl('get foo')).stderr).toBe(`error: the server doesn't have a resource type "foo"\n`);
    const r = await h.kubectl('get');
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      `error: Required resource not specified.\nUse "kubectl explain <resource>" for a detailed description of that resource (e.g. kubectl explain pods).\nSee 'kubectl get -h' for help and examples\n`,
    );
    expect((await h.kubectl('get pods --bogus')).stderr).toBe(`Error: unknown flag: --bogus\nSee 'kubectl get --help' for usage.\n`);
  });

  it('prints -o name, jsonpath, custom-columns, json and yaml', async () => {
    expect((await h.kubectl('get pods -o name')).stdout).toBe('pod/db\npod/web\n');
    expect((await h.kubectl('get deploy -o name')).stdout).toBe('deployment.apps/api\n');
    expect((await h.kubectl(`get pods -o jsonpath={.items[*].metadata.name}`)).stdout).toBe('db web');
    expect((await h.kubectl('get pods -o custom-columns=NAME:.metadata.name,PHASE:.status.phase')).stdout).toBe('NAME   PHASE\ndb     Pending\nweb    Running\n');
    const json = (await h.kubectl('get pod web -o json')).stdout;
    expect(json.startsWith('{\n    "apiVersion": "v1",\n    "kind": "Pod",\n    "metadata": {\n')).toBe(true);
    const yaml = (await h.kubectl('get svc -o yaml')).stdout;
    expect(yaml).toContain('apiVersion: v1\nitems:\n- apiVersion: v1\n  kind: Service\n');
    expect(yaml.endsWith('kind: List\nmetadata:\n  resourceVersion: ""\n')).toBe(true);
  });

  it('filters with --field-selector', async () => {
    const r = await h.kubectl('get pods --field-selector status.phase=Running -o name');
    expect(r.stdout).toBe('pod/web\n');
    expect(h.requests.some((q) => q.url.includes('fieldSelector=status.phase%3DRunning'))).toBe(true);
  });

  it('get all lists the "all" category', async () => {
    const r = await h.kubectl('get all');
    expect(r.stdout).toContain('pod/web');
    expect(r.stdout).toContain('service/web');
    expect(r.stdout).toContain('deployment.apps/api');
  });

  it('-w prints new rows after the list', async () => {
    // The watch runs until the caller aborts; stop it once the list is printed.
    const ctl = new AbortController();
    h.signal = ctl.signal;
    h.onStdout = (s) => {
      if (s.includes('web')) ctl.abort();
    };
    const r = await h.kubectl('get pods -w');
    expect(r.stdout.split('\n')[0]).toBe('NAME   READY   STATUS    RESTARTS   AGE');
    expect(r.code).toBe(0);
  });
});
