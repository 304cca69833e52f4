// The real kubectl (v1.32) runs `exec -it POD -- sh` against Kubelab's API server on a pseudo-
// terminal (util-linux `script`): kubectl puts it in raw mode, sends keystrokes over WebSocket
// v5.channel.k8s.io with the window size on the resize channel, and the container's terminal
// echoes, prompts and takes Ctrl-C. Real time: each step waits for the text it expects.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Cluster } from '../../engine/cluster/cluster.js';
import { writeClusterState } from '../../engine/host/cluster-state.js';
import { serve, type ServedHandler } from '../../engine/host/http-server.js';
import { RealClock } from '../../engine/util/clock.js';

const kubectlPath = process.env.KUBECTL ?? '/usr/bin/kubectl';
const scriptPath = '/usr/bin/script';
const runnable = existsSync(kubectlPath) && existsSync(scriptPath);
if (!runnable) console.log(`skipping the real-kubectl exec -it tests: needs ${kubectlPath} and ${scriptPath}`);

/** Terminal is kubectl on a pseudo-terminal: keys typed in, the screen's text out. */
class Terminal {
  screen = '';
  private waiters: (() => void)[] = [];
  readonly exited: Promise<number>;

  constructor(readonly child: ChildProcess) {
    child.stdout!.on('data', (d: Buffer) => {
      this.screen += d.toString('utf8');
      for (const w of this.waiters.splice(0)) w();
    });
    this.exited = new Promise((resolve) => child.on('exit', (code) => resolve(code ?? 1)));
  }

  type(keys: string): void {
    this.child.stdin!.write(keys);
  }

  /** until resolves once the screen since `from` contains text (or fails after ms of waiting). */
  async until(text: string, from = 0, ms = 20_000): Promise<string> {
    const deadline = Date.now() + ms;
    while (!this.screen.slice(from).includes(text)) {
      if (Date.now() > deadline) throw new Error(`no ${JSON.stringify(text)} on the screen: ${JSON.stringify(this.screen)}`);
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 200);
      });
    }
    return this.screen.slice(from);
  }
}

describe.skipIf(!runnable)('real kubectl exec -it', () => {
  let cluster: Cluster;
  let served: ServedHandler;
  let dir: string;
  let kubeconfig: string;
  const env = () => ({ PATH: process.env.PATH ?? '', HOME: dir, TERM: 'xterm' });
  const kubectl = (args: string[]) =>
    new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      execFile(kubectlPath, ['--kubeconfig', kubeconfig, ...args], { env: env(), timeout: 60_000 }, (err, stdout, stderr) => {
        const code = err ? (typeof (err as { code?: unknown }).code === 'number' ? (err as { code: number }).code : 1) : 0;
        resolve({ code, stdout, stderr });
      });
    });
  /** onTerminal runs kubectl under `script`, which gives it a pseudo-terminal as stdin and stdout. */
  const onTerminal = (args: string[]) => {
    const command = [kubectlPath, '--kubeconfig', kubeconfig, ...args].map((a) => `'${a}'`).join(' ');
    return new Terminal(spawn(scriptPath, ['-qfec', `stty cols 100 rows 30; exec ${command}`, '/dev/null'], { env: env(), stdio: ['pipe', 'pipe', 'pipe'] }));
  };

  beforeAll(async () => {
    cluster = await Cluster.start({ clock: new RealClock(), nodes: 1, seed: 11 });
    served = await serve(cluster.plane.apiserver.handler);
    dir = await mkdtemp(join(tmpdir(), 'kubelab-exec-tty-'));
    kubeconfig = await writeClusterState(dir, { apiURL: served.url, etcdURL: '', pid: process.pid, startedAt: new Date().toISOString() });
    await kubectl(['wait', '--for=condition=Ready', 'node/node-1', '--timeout=30s']);
    await writeFile(join(dir, 'box.yaml'), `apiVersion: v1
kind: Pod
metadata: {name: box}
spec:
  containers:
  - {name: box, image: busybox, command: ["sleep", "3600"]}
`);
    expect((await kubectl(['apply', '-f', join(dir, 'box.yaml')])).code).toBe(0);
    expect((await kubectl(['wait', '--for=condition=Ready', 'pod/box', '--timeout=30s'])).stderr).toBe('');
  }, 90_000);
  afterAll(async () => {
    await served?.close();
    await cluster?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('a prompt, the container’s echo, output line by line, Ctrl-C, and exit with its status', async () => {
    const t = onTerminal(['exec', '-it', 'box', '--', 'sh']);
    await t.until('/ # ');
    let from = t.screen.length;
    t.type('echo $TERM; cat /etc/hostname\r');
    expect(await t.until('/ # ', from)).toBe('echo $TERM; cat /etc/hostname\r\nxterm\r\nbox\r\n/ # ');
    from = t.screen.length;
    t.type('sleep 100\r');
    await t.until('sleep 100\r\n', from);
    t.type('\x03');
    expect(await t.until('/ # ', from)).toBe('sleep 100\r\n^C\r\n/ # ');
    from = t.screen.length;
    t.type('echo $?\r');
    expect(await t.until('/ # ', from)).toBe('echo $?\r\n130\r\n/ # ');
    t.type('exit 4\r');
    expect(await t.exited).toBe(4);
    expect(t.screen).toContain('command terminated with exit code 4');
  }, 60_000);
});
