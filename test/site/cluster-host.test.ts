// The Worker runtime's cluster host: boot, kubectl and etcdctl through the engine's shell (pipes,
// redirections into the lab's files, heredocs, && and ;, variables), Ctrl-C, a restart that
// restores the cluster from storage, and Reset that throws it away.
import { describe, expect, it } from 'vitest';
import { MemoryLogStorage } from '../../engine/etcd/wal/memory-storage.js';
import { VirtualClock } from '../../engine/util/clock.js';
import { ClusterHost } from '../../src/lab/runtime/worker/cluster-host.js';
import type { BootProgress } from '../../src/lab/runtime/types.js';

function newHost(storage: { current: MemoryLogStorage }, files: Record<string, string> = {}) {
  return new ClusterHost({
    clock: new VirtualClock(),
    openStorage: async () => storage.current,
    destroyStorage: async () => void (storage.current = new MemoryLogStorage()),
    files,
  });
}

async function run(host: ClusterHost, line: string) {
  let stdout = '';
  let stderr = '';
  const code = await host.run(line, { stdout: (s) => void (stdout += s), stderr: (s) => void (stderr += s) }, new AbortController().signal);
  return { code, stdout, stderr };
}

describe('ClusterHost', () => {
  it('boots with named progress steps and runs kubectl', async () => {
    const storage = { current: new MemoryLogStorage() };
    const host = newHost(storage);
    const steps: BootProgress[] = [];
    const result = await host.boot((p) => steps.push(p));
    expect(result.restored).toBe(false);
    expect(steps.map((s) => `${s.step}:${s.state}`)).toEqual(['storage:active', 'storage:done', 'control-plane:active', 'control-plane:done', 'shell:done']);
    const got = await run(host, 'kubectl get ns');
    expect(got.code).toBe(0);
    expect(got.stdout).toMatch(/^NAME\s+STATUS\s+AGE/);
    expect(got.stdout).toContain('kube-system');
    await host.close();
  });

  it('restores the cluster after a restart, and Reset forgets it', async () => {
    const storage = { current: new MemoryLogStorage() };
    const first = newHost(storage);
    await first.boot(() => {});
    expect((await run(first, 'kubectl create namespace before-reload')).stdout).toBe('namespace/before-reload created\n');
    await first.close();

    const second = newHost(storage);
    expect((await second.boot(() => {})).restored).toBe(true);
    expect((await run(second, 'kubectl get ns before-reload -o name')).stdout).toBe('namespace/before-reload\n');
    await second.reset();

    const third = newHost(storage);
    expect((await third.boot(() => {})).restored).toBe(false);
    const gone = await run(third, 'kubectl get ns before-reload');
    expect(gone.code).toBe(1);
    expect(gone.stderr).toContain('namespaces "before-reload" not found');
    await third.close();
  });

  it('applies a starter file with kubectl -f and reads the store with etcdctl', async () => {
    const manifest = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  mode: lab\n';
    const host = newHost({ current: new MemoryLogStorage() }, { 'settings.yaml': manifest });
    await host.boot(() => {});
    expect((await run(host, 'ls')).stdout).toBe('settings.yaml\n');
    expect((await run(host, 'kubectl apply -f settings.yaml')).stdout).toBe('configmap/settings created\n');
    const keys = await run(host, 'etcdctl get /registry/configmaps/default --prefix --keys-only');
    expect(keys.stdout).toContain('/registry/configmaps/default/settings');
    expect((await run(host, 'kubectl get cm settings -o jsonpath={.data.mode} && echo " ok"')).stdout).toBe('lab ok\n');
    await host.close();
  });

  it('reports unknown commands like a shell', async () => {
    const host = newHost({ current: new MemoryLogStorage() });
    await host.boot(() => {});
    const got = await run(host, 'kubeclt get pods');
    expect(got).toEqual({ code: 127, stdout: '', stderr: 'sh: kubeclt: not found\n' });
    await host.close();
  });

  it.each([
    { name: 'pipe into grep and wc', line: 'kubectl get ns | grep kube- | wc -l', stdout: '3\n' },
    { name: 'pipe into sort and head', line: 'kubectl get ns -o name | sort -r | head -n 1', stdout: 'namespace/kube-system\n' },
    { name: 'tail skips the header', line: 'kubectl get ns --no-headers | tail -n 1 | grep -o "^[a-z-]*"', stdout: 'kube-system\n' },
    { name: 'base64 round trip', line: 'echo -n hello | base64 | base64 -d', stdout: 'hello' },
    { name: '&& runs after success only', line: 'kubectl get ns nope && echo yes; echo "status=$?"', stdout: 'status=1\n' },
    { name: '|| runs after failure', line: 'kubectl get ns nope 2>/dev/null || echo missing', stdout: 'missing\n' },
    { name: 'variables expand in arguments', line: 'NS=kube-public; kubectl get ns "$NS" -o jsonpath={.metadata.name}', stdout: 'kube-public' },
    { name: 'command substitution', line: 'echo "namespaces: $(kubectl get ns -o name | wc -l)"', stdout: 'namespaces: 4\n' },
  ])('shell: $name', async ({ line, stdout }) => {
    const host = newHost({ current: new MemoryLogStorage() });
    await host.boot(() => {});
    expect((await run(host, line)).stdout).toBe(stdout);
    await host.close();
  });

  it('redirects output into the lab files that kubectl -f reads, and keeps state between lines', async () => {
    const host = newHost({ current: new MemoryLogStorage() });
    await host.boot(() => {});
    await run(host, 'mkdir manifests && cd manifests');
    await run(host, 'export NAME=from-file');
    await run(host, 'kubectl create configmap "$NAME" --from-literal=k=v --dry-run=client -o yaml > cm.yaml');
    expect(host.readFile('manifests/cm.yaml')).toContain('name: from-file');
    expect((await run(host, 'kubectl apply -f cm.yaml')).stdout).toBe('configmap/from-file created\n');
    expect((await run(host, 'pwd')).stdout).toBe('/home/learner/manifests\n');
    await run(host, 'echo one >> log.txt; echo two >> log.txt');
    expect((await run(host, 'cat log.txt | wc -l')).stdout).toBe('2\n');
    expect(host.listFiles()).toEqual(['.kube/config', 'manifests/cm.yaml', 'manifests/log.txt']);
    await host.close();
  });

  it('asks for more lines until a heredoc ends, then applies it from stdin', async () => {
    const host = newHost({ current: new MemoryLogStorage() });
    await host.boot(() => {});
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
    await host.close();
  });

  it('Ctrl-C ends a watch (kubectl get -w) through the AbortSignal', async () => {
    const host = newHost({ current: new MemoryLogStorage() });
    await host.boot(() => {});
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
    await host.close();
  });
});
