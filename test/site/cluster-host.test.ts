// The Worker runtime's cluster host: boot of a whole 3-node cluster step by step, kubectl and
// etcdctl through the engine's shell (pipes, redirections into the lab's files, heredocs, && and
// ;, variables), Ctrl-C, a restart that restores the cluster from storage (its controller manager
// leading at once on its own lock), Reset that throws it away, the cluster watch and previews.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { advanceUntil } from '../../engine/client/testing/advance.js';
import { MemoryLogStorage } from '../../engine/etcd/wal/memory-storage.js';
import { VirtualClock } from '../../engine/util/clock.js';
import { ClusterHost } from '../../src/lab/runtime/worker/cluster-host.js';
import type { BootProgress, PreviewResponse } from '../../src/lab/runtime/types.js';
import type { ClusterSnapshot } from '../../src/lab/cluster-view/snapshot.js';
import { previewsOf } from '../../src/lab/runtime/worker-runtime.js';

const clocks = new WeakMap<ClusterHost, VirtualClock>();

function newHost(storage: { current: MemoryLogStorage }, files: Record<string, string> = {}, startAt = Date.UTC(2026, 0, 1)) {
  const clock = new VirtualClock(startAt);
  const host = new ClusterHost({
    clock,
    openStorage: async () => storage.current,
    destroyStorage: async () => void (storage.current = new MemoryLogStorage()),
    files,
  });
  clocks.set(host, clock);
  return host;
}

/** boot and close drive the host's virtual clock while the cluster starts and stops. */
const boot = (host: ClusterHost, onProgress: (p: BootProgress) => void = () => {}) => advanceUntil(clocks.get(host)!, host.boot(onProgress), 25);
const close = (host: ClusterHost) => advanceUntil(clocks.get(host)!, host.close());
const reset = (host: ClusterHost) => advanceUntil(clocks.get(host)!, host.reset());

async function run(host: ClusterHost, line: string) {
  let stdout = '';
  let stderr = '';
  const code = await host.run(line, { stdout: (s) => void (stdout += s), stderr: (s) => void (stderr += s) }, new AbortController().signal);
  return { code, stdout, stderr };
}

describe('ClusterHost', () => {
  it('boots a 3-node cluster with a step per component, every node Ready, and runs kubectl', async () => {
    const storage = { current: new MemoryLogStorage() };
    const host = newHost(storage);
    const steps: BootProgress[] = [];
    const result = await boot(host, (p) => steps.push(p));
    expect(result.restored).toBe(false);
    const last = new Map(steps.map((s) => [s.step, s]));
    expect([...last.keys()]).toEqual(['storage', 'api-server', 'controllers', 'scheduler', 'node-1', 'node-2', 'node-3', 'dns', 'shell']);
    // The prompt opens once every node is Ready; steps still under way then (DNS, maybe the
    // scheduler's first cache sync) end a moment later, on the cluster watch.
    for (const step of ['storage', 'api-server', 'node-1', 'node-2', 'node-3', 'shell']) expect(last.get(step as BootProgress['step'])?.state).toBe('done');
    expect(steps.map((s) => `${s.step}:${s.state}`).slice(0, 3)).toEqual(['storage:active', 'storage:done', 'api-server:active']);
    expect(steps.filter((s) => s.step === 'storage' && s.state === 'active')).toHaveLength(1);
    expect(last.get('storage')?.detail).toBe('new cluster');
    expect(last.get('node-2')?.detail).toBe('192.168.1.102 Ready');
    const clock = clocks.get(host)!;
    const stop = host.watch(
      () => {},
      (p) => steps.push(p),
    );
    const final = () => new Map(steps.map((s) => [s.step, s]));
    for (let i = 0; i < 100 && [...final().values()].some((s) => s.state !== 'done'); i++) await clock.advance(100);
    expect([...final().values()].filter((s) => s.state !== 'done')).toEqual([]);
    expect(final().get('controllers')?.detail).toBe('leading');
    expect(final().get('dns')?.detail).toBe('kube-dns 10.254.0.10');
    await advanceUntil(clock, stop());
    const got = await run(host, 'kubectl get nodes');
    expect(got.code).toBe(0);
    expect(
      got.stdout
        .trim()
        .split('\n')
        .slice(1)
        .map((l) => l.split(/\s+/).slice(0, 2).join(' ')),
    ).toEqual(['node-1 Ready', 'node-2 Ready', 'node-3 Ready']);
    await close(host);
  });

  it('restores the cluster after a restart, and Reset forgets it', async () => {
    const storage = { current: new MemoryLogStorage() };
    const first = newHost(storage);
    await boot(first);
    expect((await run(first, 'kubectl create namespace before-reload')).stdout).toBe('namespace/before-reload created\n');
    await close(first);

    // A reload comes later in time: the new worker's clock goes on from the old one's.
    const second = newHost(storage, {}, clocks.get(first)!.now() + 1_000);
    const clock = clocks.get(second)!;
    const before = clock.now();
    const steps: BootProgress[] = [];
    let readyAt = 0;
    expect((await boot(second, (p) => (steps.push(p), p.step === 'shell' && (readyAt = clock.now())))).restored).toBe(true);
    expect(readyAt - before).toBeLessThan(1_000);
    // The previous life's leader lock is the same machine's: the controller manager renews it at
    // once instead of waiting out its 15 s lease, before the prompt.
    expect(steps.filter((s) => s.step === 'controllers' && s.state !== 'active')).toEqual([{ step: 'controllers', state: 'done', detail: 'leading' }]);
    expect(steps.filter((s) => /^node-/.test(s.step) && s.state !== 'active').map((s) => `${s.step} ${s.state}`)).toEqual(['node-1 done', 'node-2 done', 'node-3 done']);
    expect(steps.find((s) => s.step === 'storage' && s.detail)?.detail).toMatch(/^replayed \d+ log records$/);
    expect((await run(second, 'kubectl get ns before-reload -o name')).stdout).toBe('namespace/before-reload\n');
    await reset(second);

    const third = newHost(storage, {}, clocks.get(second)!.now() + 1_000);
    expect((await boot(third)).restored).toBe(false);
    const gone = await run(third, 'kubectl get ns before-reload');
    expect(gone.code).toBe(1);
    expect(gone.stderr).toContain('namespaces "before-reload" not found');
    await close(third);
  });

  it('applies a starter file with kubectl -f and reads the store with etcdctl', async () => {
    const manifest = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  mode: lab\n';
    const host = newHost({ current: new MemoryLogStorage() }, { 'settings.yaml': manifest });
    await boot(host);
    expect((await run(host, 'ls')).stdout).toBe('settings.yaml\n');
    expect((await run(host, 'kubectl apply -f settings.yaml')).stdout).toBe('configmap/settings created\n');
    const keys = await run(host, 'etcdctl get /registry/configmaps/default --prefix --keys-only');
    expect(keys.stdout).toContain('/registry/configmaps/default/settings');
    expect((await run(host, 'kubectl get cm settings -o jsonpath={.data.mode} && echo " ok"')).stdout).toBe('lab ok\n');
    await close(host);
  });

  it('reports unknown commands like a shell', async () => {
    const host = newHost({ current: new MemoryLogStorage() });
    await boot(host);
    const got = await run(host, 'kubeclt get pods');
    expect(got).toEqual({
      code: 127,
      stdout: '',
      stderr: 'sh: kubeclt: not found\n',
    });
    await close(host);
  });

  describe('one cluster for the shell cases', () => {
    let shared: ClusterHost;
    beforeAll(async () => {
      shared = newHost({ current: new MemoryLogStorage() });
      await boot(shared);
    });
    afterAll(() => close(shared));

    it.each([
      {
        name: 'pipe into grep and wc',
        line: 'kubectl get ns | grep kube- | wc -l',
        stdout: '3\n',
      },
      {
        name: 'pipe into sort and head',
        line: 'kubectl get ns -o name | sort -r | head -n 1',
        stdout: 'namespace/kube-system\n',
      },
      {
        name: 'tail skips the header',
        line: 'kubectl get ns --no-headers | tail -n 1 | grep -o "^[a-z-]*"',
        stdout: 'kube-system\n',
      },
      {
        name: 'base64 round trip',
        line: 'echo -n hello | base64 | base64 -d',
        stdout: 'hello',
      },
      {
        name: '&& runs after success only',
        line: 'kubectl get ns nope && echo yes; echo "status=$?"',
        stdout: 'status=1\n',
      },
      {
        name: '|| runs after failure',
        line: 'kubectl get ns nope 2>/dev/null || echo missing',
        stdout: 'missing\n',
      },
      {
        name: 'variables expand in arguments',
        line: 'NS=kube-public; kubectl get ns "$NS" -o jsonpath={.metadata.name}',
        stdout: 'kube-public',
      },
      {
        name: 'command substitution',
        line: 'echo "namespaces: $(kubectl get ns -o name | wc -l)"',
        stdout: 'namespaces: 4\n',
      },
    ])('shell: $name', async ({ line, stdout }) => {
      expect((await run(shared, line)).stdout).toBe(stdout);
    });
    it('answers kubelab status, ssh and trace through the cluster admin API', async () => {
      const status = await run(shared, 'kubelab status');
      expect(status.code).toBe(0);
      expect(status.stdout).toMatch(/^node-2\s+node\s+192\.168\.1\.102\s+172\.17\.2\.0\/24\s+\S+\s+Ready/m);
      const route = await run(shared, 'kubelab ssh node-1 -- ip route');
      expect(route).toMatchObject({ code: 0, stderr: '' });
      expect(route.stdout).toContain('172.17.1.0/24');
      const trace = await run(shared, 'kubelab trace node-1 192.168.1.102');
      expect(trace.code).toBe(0);
      expect(trace.stdout).toMatch(/^from node node-1 \(192\.168\.1\.101\)\nto   \w+ node-2 \(192\.168\.1\.102\)\n/);
      expect(trace.stdout).toContain('verdict: delivered in node-2');
      const unknown = await run(shared, 'kubelab ssh node-9 -- ip route');
      expect(unknown.code).not.toBe(0);
      expect(unknown.stderr).toContain('node-9');
    });

    it('previews a NodePort: an HTTP request from the master through kube-proxy to a pod', async () => {
      const clock = clocks.get(shared)!;
      shared.writeFile(
        'web.yaml',
        ['apiVersion: apps/v1', 'kind: Deployment', 'metadata: {name: web}', 'spec:', '  replicas: 1', '  selector: {matchLabels: {app: web}}', '  template:', '    metadata: {labels: {app: web}}', '    spec: {containers: [{name: web, image: "nginx:1.25"}]}', '---', 'apiVersion: v1', 'kind: Service', 'metadata: {name: web}', 'spec: {type: NodePort, selector: {app: web}, ports: [{port: 80, nodePort: 30080}]}', ''].join('\n'),
      );
      expect((await run(shared, 'kubectl apply -f web.yaml')).code).toBe(0);
      const snapshots: ClusterSnapshot[] = [];
      const stop = shared.watch((s) => snapshots.push(s));
      let answer: PreviewResponse | undefined;
      for (let i = 0; i < 120; i++) {
        answer = await advanceUntil(clock, shared.fetch({ method: 'GET', url: 'http://192.168.1.101:30080/', headers: [] }), 25);
        if ('status' in answer && answer.status === 200) break;
        await clock.advance(500);
      }
      expect(answer).toMatchObject({ status: 200, statusText: 'OK' });
      expect(new Map((answer as { headers: [string, string][] }).headers).get('server')).toMatch(/^nginx\/1\.25/);
      const refused = await advanceUntil(clock, shared.fetch({ method: 'GET', url: 'http://192.168.1.101:30999/', headers: [] }), 25);
      expect(refused).toEqual({ url: 'http://192.168.1.101:30999/', error: 'failed to connect to 192.168.1.101 port 30999: Connection refused' });
      // The cluster watch saw the service get its endpoint and the pod run.
      await clock.advance(500);
      const last = snapshots.at(-1)!;
      expect(last.services.find((v) => v.name === 'web')?.endpoints).toHaveLength(1);
      expect(last.machines.flatMap((m) => m.pods).filter((p) => p.name.startsWith('web-')).map((p) => p.status)).toEqual(['Running']);
      await advanceUntil(clock, stop());
    });

    it('runs kubectl proxy on the master, lists it for the previews and serves the API through it until Ctrl-C', async () => {
      const clock = clocks.get(shared)!;
      const snapshots: ClusterSnapshot[] = [];
      const stop = shared.watch((s) => snapshots.push(s));
      await clock.advance(500);
      expect(snapshots.at(-1)?.servers).toBeUndefined();
      const abort = new AbortController();
      let stdout = '';
      let stderr = '';
      const proxy = shared.run('kubectl proxy --port 8001', { stdout: (s) => void (stdout += s), stderr: (s) => void (stderr += s) }, abort.signal);
      for (let i = 0; i < 50 && !stdout; i++) await clock.advance(10);
      expect(stdout).toBe('Starting to serve on 127.0.0.1:8001\n');
      expect(snapshots.at(-1)?.servers).toEqual([{ address: '127.0.0.1', port: 8001, command: 'kubectl proxy' }]);
      expect(previewsOf(snapshots.at(-1)!).find((p) => p.port === 8001)).toEqual({ port: 8001, url: 'http://127.0.0.1:8001/', label: 'kubectl proxy', dataplane: true, ready: true });

      // The preview's request leaves the master's loopback and reaches the API through kubectl.
      const answer = await advanceUntil(clock, shared.fetch({ method: 'GET', url: 'http://127.0.0.1:8001/api/v1/namespaces/kube-system', headers: [] }), 25);
      expect(answer).toMatchObject({ status: 200 });
      expect(JSON.parse((answer as { body: string }).body)).toMatchObject({ kind: 'Namespace', metadata: { name: 'kube-system' } });
      // A second proxy on the same port fails as Go's net.Listen does.
      const second = await run(shared, 'kubectl proxy --port 8001');
      expect(second.code).toBe(1);
      expect(second.stderr).toContain('listen tcp 127.0.0.1:8001: bind: address already in use');

      abort.abort();
      expect(await advanceUntil(clock, proxy, 25)).toBe(130);
      expect(stderr).toBe('');
      expect(snapshots.at(-1)?.servers).toBeUndefined();
      const gone = await advanceUntil(clock, shared.fetch({ method: 'GET', url: 'http://127.0.0.1:8001/', headers: [] }), 25);
      expect(gone).toMatchObject({ error: expect.stringContaining('Connection refused') });
      await advanceUntil(clock, stop());
    });

    it('runs kubectl port-forward on the master: the preview reaches the pod through it', async () => {
      // The web deployment of the NodePort case serves nginx.
      const clock = clocks.get(shared)!;
      const snapshots: ClusterSnapshot[] = [];
      const stop = shared.watch((s) => snapshots.push(s));
      const abort = new AbortController();
      let stdout = '';
      let stderr = '';
      const forward = shared.run('kubectl port-forward deploy/web 8888:80', { stdout: (s) => void (stdout += s), stderr: (s) => void (stderr += s) }, abort.signal);
      for (let i = 0; i < 50 && !stdout; i++) await clock.advance(10);
      expect(stderr + stdout).toBe('Forwarding from 127.0.0.1:8888 -> 80\n');
      await clock.advance(200);
      expect(previewsOf(snapshots.at(-1)!).find((p) => p.port === 8888)).toMatchObject({ url: 'http://127.0.0.1:8888/', label: 'kubectl port-forward' });
      const answer = await advanceUntil(clock, shared.fetch({ method: 'GET', url: 'http://127.0.0.1:8888/', headers: [] }), 25);
      expect(answer).toMatchObject({ status: 200 });
      expect(new Map((answer as { headers: [string, string][] }).headers).get('server')).toMatch(/^nginx\/1\.25/);
      expect(stdout).toContain('Handling connection for 8888\n');
      abort.abort();
      await advanceUntil(clock, forward, 25);
      await clock.advance(200);
      expect(snapshots.at(-1)?.servers).toBeUndefined();
      await advanceUntil(clock, stop());
    });
  });

  it('redirects output into the lab files that kubectl -f reads, and keeps state between lines', async () => {
    const host = newHost({ current: new MemoryLogStorage() });
    await boot(host);
    await run(host, 'mkdir manifests && cd manifests');
    await run(host, 'export NAME=from-file');
    await run(host, 'kubectl create configmap "$NAME" --from-literal=k=v --dry-run=client -o yaml > cm.yaml');
    expect(host.readFile('manifests/cm.yaml')).toContain('name: from-file');
    expect((await run(host, 'kubectl apply -f cm.yaml')).stdout).toBe('configmap/from-file created\n');
    expect((await run(host, 'pwd')).stdout).toBe('/home/learner/manifests\n');
    await run(host, 'echo one >> log.txt; echo two >> log.txt');
    expect((await run(host, 'cat log.txt | wc -l')).stdout).toBe('2\n');
    expect(host.listFiles()).toEqual(['.kube/config', 'manifests/cm.yaml', 'manifests/log.txt']);
    await close(host);
  });

  it('asks for more lines until a heredoc ends, then applies it from stdin', async () => {
    const host = newHost({ current: new MemoryLogStorage() });
    await boot(host);
    const lines = ['kubectl apply -f - <<EOF', 'apiVersion: v1', 'kind: ConfigMap', 'metadata:', '  name: $NAME', 'EOF'];
    await run(host, 'NAME=heredoc');
    let text = '';
    const answers: (number | string)[] = [];
    let out = '';
    for (const line of lines) {
      text += line;
      const answer = await host.run(text, { stdout: (s) => void (out += s), stderr: (s) => void (out += s) }, new AbortController().signal);
      answers.push(answer);
      text += '\n';
    }
    expect(answers).toEqual(['more', 'more', 'more', 'more', 'more', 0]);
    expect(out).toBe('configmap/heredoc created\n');
    await close(host);
  });

  it('Ctrl-C ends a watch (kubectl get -w) through the AbortSignal', async () => {
    const host = newHost({ current: new MemoryLogStorage() });
    await boot(host);
    const abort = new AbortController();
    let stdout = '';
    let listed!: () => void;
    const firstList = new Promise<void>((resolve) => (listed = resolve));
    const out = (s: string) => {
      stdout += s;
      if (stdout.includes('kube-system')) listed();
    };
    const running = host.run('kubectl get ns -w', { stdout: out, stderr: () => {} }, abort.signal);
    await firstList;
    let settled = false;
    void running.then(() => (settled = true));
    for (let i = 0; i < 10; i++) await new Promise((r) => setImmediate(r));
    expect(settled).toBe(false); // still watching
    abort.abort();
    expect(await running).toBe(130);
    // The shell is usable again afterwards.
    expect((await run(host, 'echo back')).stdout).toBe('back\n');
    await close(host);
  });
});
