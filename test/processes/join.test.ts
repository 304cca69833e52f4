// `kubelab join`, the node process of `kubelab up --processes`, on its own: its flags, and the
// lifeline that ends it when its parent goes away (stdin closes), even before it has joined. And
// the flags of `up` that only make sense with --processes.
import { execFile, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const bin = fileURLToPath(new URL('../../bin/kubelab.mjs', import.meta.url));

function kubelab(args: string[]): Promise<{ code: number; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [bin, ...args], (err, _out, stderr) => resolve({ code: err ? Number(err.code) : 0, stderr }));
  });
}

describe('kubelab join', () => {
  it('refuses incomplete flags, and exits when its stdin closes', { timeout: 40_000 }, async () => {
    const refused = await kubelab(['join', 'node-1', '--node-ip', '192.168.1.101/24']);
    expect(refused).toEqual({ code: 1, stderr: "kubelab: --server is required\nSee 'kubelab join --help'.\n" });

    // Nobody listens on the underlay's port: the machine keeps dialling until its parent leaves.
    const child = spawn(process.execPath, [bin, 'join', 'node-1', '--node-ip', '192.168.1.101/24', '--server', 'http://127.0.0.1:9', '--underlay', 'tcp://127.0.0.1:9', '--exit-with-stdin'], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    try {
      const deadline = Date.now() + 20_000;
      while (!stderr.includes('dial') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      expect(stderr).toMatch(/underlay: dial peer-1 failed: .*ECONNREFUSED/);
      expect(child.exitCode).toBeNull();
      child.stdin.end();
      expect(await exited).toBe(1);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });

  it('up refuses --underlay without --processes', async () => {
    expect(await kubelab(['up', '--underlay', 'http'])).toEqual({ code: 1, stderr: 'kubelab: --underlay joins node processes: use it with --processes\n' });
  });
});
