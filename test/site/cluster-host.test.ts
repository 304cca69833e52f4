// The Worker runtime's cluster host: boot, kubectl and etcdctl through the command line, a restart
// that restores the cluster from storage, and Reset that throws it away.
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
    expect(got).toEqual({ code: 127, stdout: '', stderr: 'sh: kubeclt: command not found\n' });
    await host.close();
  });
});
