// pods/attach on an in-process cluster (virtual clock) with our kubectl: `kubectl attach -i` feeds a
// container's stdin and shows its output, `kubectl run -i --rm` waits for the pod, attaches,
// reports the exit code and deletes the pod, and the kubelet refuses what upstream refuses.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attachUpgrade, newInMemoryUpgrade, unframe } from '../../engine/apimachinery/util/httpstream/wsstream/conn.js';
import { advanceUntil } from '../../engine/client/testing/advance.js';
import { runKubectl } from '../../engine/kubectl/cmd/cmd.js';
import { memoryFiles } from '../../engine/kubectl/cmd/util/io.js';
import { Scenario, type Result } from '../scenarios/harness.js';

describe('attach through the API server', () => {
  let s: Scenario;
  beforeAll(async () => {
    s = await Scenario.start({ nodes: 1 });
    await s.apply('attach.yaml', `apiVersion: v1
kind: Pod
metadata: {name: cat, labels: {app: cat}}
spec:
  containers:
  - {name: cat, image: busybox, command: ["cat"], stdin: true, stdinOnce: true}
---
apiVersion: v1
kind: Pod
metadata: {name: talk, labels: {app: talk}}
spec:
  containers:
  - {name: talk, image: busybox, command: ["sleep", "3600"]}
  - {name: shell, image: busybox, command: ["sh"], stdin: true, tty: true}
---
apiVersion: v1
kind: Pod
metadata: {name: tail, labels: {app: tail}}
spec:
  containers:
  - {name: tail, image: busybox, command: ["sh", "-c", "echo before; sleep 5; echo after; sleep 3600"]}
`);
    await s.running('default', 'app in (cat, talk, tail)', 3);
  }, 60_000);
  afterAll(async () => s?.stop());

  /** kubectl runs our kubectl with input on stdin, driving the clock until it exits. */
  const kubectl = async (stdin: string, ...args: string[]): Promise<Result> => {
    let stdout = '';
    let stderr = '';
    const code = await advanceUntil(
      s.clock,
      runKubectl(args, {
        transport: s.cluster.plane.transport, stdin: async () => stdin, stdout: (x) => void (stdout += x), stderr: (x) => void (stderr += x),
        env: {}, files: memoryFiles(), clock: s.clock,
      }),
      100,
    );
    return { code, stdout, stderr };
  };

  it('kubectl attach -i feeds stdin to a stdinOnce container and shows what it writes', async () => {
    const r = await kubectl('hello\nworld\n', 'attach', '-i', 'cat');
    expect(r).toEqual({ code: 0, stdout: 'hello\nworld\n', stderr: "If you don't see a command prompt, try pressing enter.\n" });
    // cat saw the end of its input and exited; the kubelet restarts it (restartPolicy Always).
    await s.waitFor('cat restarted', async () => ((await s.pods('default', 'app=cat'))[0]?.status?.containerStatuses?.[0]?.restartCount ?? 0) >= 1);
  });

  it('kubectl attach without -i follows the output from now on, not the log', async () => {
    const run = s.kubectlInBackground('attach', 'tail');
    await s.idle(8);
    expect(run.done()).toBe(false);
    // The session lasts as long as the container: deleting the pod ends it.
    await s.cluster.client.coreV1().pods('default').delete('tail', { gracePeriodSeconds: 0 });
    const r = await run.wait();
    expect(r.stdout).toBe('after\n');
    expect(r.code).toBe(0);
  });

  it('kubectl run -i --rm --restart=Never: attaches, reports the exit code, deletes the pod', async () => {
    const r = await kubectl('echo hi from $(hostname)\nexit 3\n', 'run', '-i', '--rm', '--restart=Never', 'once', '--image=busybox', '--', 'sh');
    expect(r).toEqual({
      code: 3,
      stdout: 'hi from once\npod "once" deleted\n',
      stderr: "If you don't see a command prompt, try pressing enter.\npod default/once terminated (Error)\n",
    });
    await s.waitFor('pod gone', async () => (await s.pods('default', 'run=once')).length === 0);
    const ok = await kubectl('echo fine\n', 'run', '-i', '--rm', '-q', '--restart=Never', 'twice', '--image=busybox', '--', 'sh');
    expect(ok).toEqual({ code: 0, stdout: 'fine\npod "twice" deleted\n', stderr: '' });
  });

  it('refuses what upstream refuses', async () => {
    expect((await kubectl('', 'run', '--rm', 'x', '--image=busybox')).stderr).toBe('error: --rm should only be used for attached containers\n');
    expect((await kubectl('', 'run', '-t', 'x', '--image=busybox')).stderr).toBe('error: -i/--stdin is required for containers with -t/--tty=true\n');
    const noTTY = await kubectl('', 'attach', '-i', '-t', '-q', 'cat');
    expect(noTTY.stderr).toBe('error: Unable to use a TTY - container cat did not allocate one\n');
    const notEnabled = await kubectl('x\n', 'attach', '-i', 'talk', '-c', 'talk');
    expect(notEnabled).toMatchObject({ code: 1 });
    expect(notEnabled.stderr).toContain('error attaching to container: rpc error: code = Unknown desc = stdin of container is not enabled');
  });

  it('speaks v4.channel.k8s.io to older clients and keeps a tty container’s terminal', async () => {
    const { upgrade, client } = newInMemoryUpgrade(['v4.channel.k8s.io']);
    const q = new URLSearchParams({ container: 'shell', stdout: 'true', stdin: 'true', tty: 'true' });
    await advanceUntil(s.clock, s.cluster.plane.transport(attachUpgrade(new Request(`http://127.0.0.1:8080/api/v1/namespaces/default/pods/talk/attach?${q}`), upgrade)), 50);
    const conn = await client;
    expect(conn.protocol).toBe('v4.channel.k8s.io');
    const writer = conn.writable.getWriter();
    // Keystrokes as a terminal sends them: the container's terminal echoes them.
    await writer.write(new Uint8Array([0, ...new TextEncoder().encode('echo hi\r')]));
    const reader = conn.readable.getReader();
    let out = '';
    while (!out.includes('echo hi\r\n')) {
      const { value, done } = await advanceUntil(s.clock, reader.read(), 50);
      if (done) break;
      const m = unframe(value)!;
      if (m.channel === 1) out += new TextDecoder().decode(m.data);
    }
    expect(out).toBe('echo hi\r\n');
    await writer.close();
  });
});
