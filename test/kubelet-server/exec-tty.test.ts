// Interactive shells through our kubectl on an in-process cluster (virtual clock): `kubectl exec -it
// POD -- sh` and `kubectl run -it` / `kubectl attach -it` with a local terminal that types one line
// at a time. The local terminal goes raw, the container's terminal echoes and cooks, busybox sh
// prompts, Ctrl-C interrupts the running command, and exit ends the session with its status.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attachUpgrade, frame, newInMemoryUpgrade, unframe } from '../../engine/apimachinery/util/httpstream/wsstream/conn.js';
import { advanceUntil } from '../../engine/client/testing/advance.js';
import { runKubectl } from '../../engine/kubectl/cmd/cmd.js';
import { memoryFiles, type TerminalSize } from '../../engine/kubectl/cmd/util/io.js';
import { flushMicrotasks } from '../../engine/util/clock.js';
import { Scenario } from '../scenarios/harness.js';

describe('interactive shells through kubectl', () => {
  let s: Scenario;
  beforeAll(async () => {
    s = await Scenario.start({ nodes: 1 });
    await s.apply('tty.yaml', `apiVersion: v1
kind: Pod
metadata: {name: box, labels: {app: box}}
spec:
  containers:
  - {name: box, image: busybox, command: ["sleep", "3600"]}
`);
    await s.running('default', 'app=box', 1);
  }, 60_000);
  afterAll(async () => s?.stop());

  /** session runs our kubectl on a local terminal (raw mode recorded) whose keystrokes the test types. */
  function session(args: string[], opts: { terminal?: boolean } = {}) {
    let ctrl!: ReadableStreamDefaultController<Uint8Array>;
    const stdin = new ReadableStream<Uint8Array>({ start: (c) => void (ctrl = c) });
    let out = '';
    let err = '';
    const modes: string[] = [];
    let resize: ((size: TerminalSize) => void) | undefined;
    let exit: number | undefined;
    const run = runKubectl(args, {
      transport: s.cluster.plane.transport,
      stdin: async () => '',
      stdinStream: () => stdin,
      ...(opts.terminal === false ? {} : {
        terminal: {
          makeRaw: () => (modes.push('raw'), () => void modes.push('restored')),
          size: () => ({ width: 80, height: 24 }),
          onResize: (l: (size: TerminalSize) => void) => ((resize = l), () => void (resize = undefined)),
        },
      }),
      stdout: (x) => void (out += x),
      stderr: (x) => void (err += x),
      env: {}, files: memoryFiles(), clock: s.clock,
    }).then((code) => (exit = code));
    /** settle lets the cluster work on the virtual clock for a moment. */
    const settle = async (ms = 300) => {
      for (let t = 0; t < ms; t += 50) {
        await s.clock.advance(50);
        await flushMicrotasks(200);
      }
    };
    return {
      /** type sends keystrokes and returns what the terminal showed meanwhile. */
      async type(keys: string, ms = 300): Promise<string> {
        const from = out.length;
        ctrl.enqueue(new TextEncoder().encode(keys));
        await settle(ms);
        return out.slice(from);
      },
      /** until waits for text on the terminal (stdout or stderr). */
      async until(text: string): Promise<void> {
        for (let i = 0; i < 200 && !(out + err).includes(text); i++) await settle(100);
        expect(out + err).toContain(text);
      },
      endInput: () => ctrl.close(),
      wait: () => advanceUntil(s.clock, run, 100),
      out: () => out,
      err: () => err,
      modes,
      resize: (size: TerminalSize) => resize?.(size),
      exit: () => exit,
    };
  }

  it('exec -it -- sh: a prompt, echo of what is typed, output between lines, Ctrl-C interrupts, exit ends it with its status', async () => {
    const k = session(['exec', '-it', 'box', '--', 'sh']);
    await k.until('/ # ');
    expect(k.modes).toEqual(['raw']);
    expect(await k.type('echo $TERM $HOSTNAME\r')).toBe('echo $TERM $HOSTNAME\r\nxterm box\r\n/ # ');
    expect(await k.type('cd /etc; cat hostname\r')).toBe('cd /etc; cat hostname\r\nbox\r\n/etc # ');
    expect(await k.type('if true\r')).toBe('if true\r\n> ');
    expect(await k.type('then echo yes; fi\r')).toBe('then echo yes; fi\r\nyes\r\n/etc # ');
    // Backspace edits the line in the container's terminal.
    expect(await k.type('echo nox\x7f\x7fo\r')).toBe('echo nox\b \b\b \bo\r\nno\r\n/etc # ');
    // Ctrl-C ends `sleep 100` and gives the prompt back; $? says how it ended.
    expect(await k.type('sleep 100\r', 2000)).toBe('sleep 100\r\n');
    expect(await k.type('\x03')).toBe('^C\r\n/etc # ');
    expect(await k.type('echo $?\r')).toBe('echo $?\r\n130\r\n/etc # ');
    k.resize({ width: 120, height: 40 });
    await k.type('exit 7\r');
    expect(await k.wait()).toBe(7);
    expect(k.err()).toBe('command terminated with exit code 7\n');
    expect(k.modes).toEqual(['raw', 'restored']);
  }, 60_000);

  it('Ctrl-D on an empty line ends the shell; a command run directly gets SIGINT from Ctrl-C', async () => {
    const k = session(['exec', '-it', 'box', '--', 'sh']);
    await k.until('/ # ');
    await k.type('true\r');
    await k.type('\x04');
    expect(await k.wait()).toBe(0);
    const sleep = session(['exec', '-it', 'box', '--', 'sleep', '100']);
    await sleep.type('', 1000);
    await sleep.type('\x03');
    expect(await sleep.wait()).toBe(130);
    expect(sleep.out()).toBe('^C');
    expect(sleep.err()).toBe('command terminated with exit code 130\n');
  }, 60_000);

  it('exec -i without a terminal: no prompt, stdin lines run as they come, end of input ends the shell', async () => {
    const k = session(['exec', '-i', 'box', '--', 'sh'], { terminal: false });
    await k.type('', 500);
    expect(await k.type('echo one\n')).toBe('one\n');
    expect(await k.type('echo two\n')).toBe('two\n');
    k.endInput();
    expect(await k.wait()).toBe(0);
    const t = session(['exec', '-it', 'box', '--', 'sh'], { terminal: false });
    t.endInput();
    expect(await t.wait()).toBe(0);
    expect(t.err()).toBe('Unable to use a TTY - input is not a terminal or the right kind of file\n');
  }, 60_000);

  it('run -it --restart=Never sh: a prompt from the pod’s terminal, exit ends the pod with its status', async () => {
    const k = session(['run', '-it', '--rm', '--restart=Never', 'shell', '--image=busybox', '--', 'sh']);
    await k.until("If you don't see a command prompt, try pressing enter.");
    expect(await k.type('\r')).toBe('\r\n/ # ');
    expect(await k.type('hostname\r')).toBe('hostname\r\nshell\r\n/ # ');
    await k.type('exit 2\r');
    const code = await k.wait();
    expect(k.out()).toContain('pod "shell" deleted\n');
    expect(code).toBe(2);
    expect(k.modes).toEqual(['raw', 'restored']);
  }, 60_000);

  it('attach -it to a pod with a terminal shows the prompt and the reattach hint when the session ends', async () => {
    await s.apply('tty-attach.yaml', `apiVersion: v1
kind: Pod
metadata: {name: sh, labels: {app: sh}}
spec:
  containers:
  - {name: sh, image: busybox, command: ["sh"], stdin: true, tty: true}
`);
    await s.running('default', 'app=sh', 1);
    const k = session(['attach', '-it', 'sh']);
    await k.until('try pressing enter');
    expect(await k.type('\r')).toBe('\r\n/ # ');
    expect(await k.type('echo attached\r')).toBe('echo attached\r\nattached\r\n/ # ');
    // A raw terminal sends ^D as a byte: the shell in the container exits, and so does the session.
    await k.type('\x04');
    expect(await k.wait()).toBe(0);
    expect(k.out()).toContain("Session ended, resume using 'kubectl attach sh -c sh -i -t' command when the pod is running\n");
  }, 60_000);

  it('the kubelet takes resize messages on channel 4 of a tty exec', async () => {
    const { upgrade, client } = newInMemoryUpgrade(['v5.channel.k8s.io']);
    const q = new URLSearchParams({ command: 'sh', container: 'box', stdout: 'true', stdin: 'true', tty: 'true' });
    await advanceUntil(s.clock, s.cluster.plane.transport(attachUpgrade(new Request(`http://127.0.0.1:8080/api/v1/namespaces/default/pods/box/exec?${q}`), upgrade)), 50);
    const conn = await client;
    const writer = conn.writable.getWriter();
    await writer.write(frame(4, '{"Width":100,"Height":30}'));
    await writer.write(frame(0, 'exit 5\r'));
    const reader = conn.readable.getReader();
    let out = '';
    let status = '';
    for (;;) {
      const { value, done } = await advanceUntil(s.clock, reader.read(), 50);
      if (done) break;
      const m = unframe(value)!;
      if (m.channel === 1) out += new TextDecoder().decode(m.data);
      if (m.channel === 3) status += new TextDecoder().decode(m.data);
    }
    expect(out).toBe('/ # exit 5\r\n');
    expect(JSON.parse(status)).toMatchObject({ reason: 'NonZeroExitCode', details: { causes: [{ reason: 'ExitCode', message: '5' }] } });
  }, 60_000);
});
