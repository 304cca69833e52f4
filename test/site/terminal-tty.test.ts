// The lab terminal's interactive shells in the Worker runtime: `kubectl exec -it POD -- sh` puts the
// page's terminal in raw mode, the keystrokes typed then reach the container's terminal (which
// echoes them and runs busybox sh), and the terminal leaves raw mode when the session ends. The
// page's line editor sends keys to the command while it is raw, and edits lines otherwise.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { advanceUntil } from '../../engine/client/testing/advance.js';
import { MemoryLogStorage } from '../../engine/etcd/wal/memory-storage.js';
import { flushMicrotasks, VirtualClock } from '../../engine/util/clock.js';
import { ClusterHost } from '../../src/lab/runtime/worker/cluster-host.js';
import type { LineTerminal } from '../../src/lab/runtime/worker/terminal-commands.js';
import { LineEditor } from '../../src/lab/terminal/line-editor.js';

describe('interactive shells in the lab terminal', () => {
  const clock = new VirtualClock(Date.UTC(2026, 0, 1));
  let host: ClusterHost;
  const settle = async (ms = 300) => {
    for (let t = 0; t < ms; t += 50) {
      await clock.advance(50);
      await flushMicrotasks(200);
    }
  };
  const run = async (line: string, terminal?: LineTerminal) => {
    let out = '';
    const code = await advanceUntil(clock, host.run(line, { stdout: (s) => void (out += s), stderr: (s) => void (out += s) }, new AbortController().signal, terminal), 50);
    return { code, out };
  };

  beforeAll(async () => {
    const storage = new MemoryLogStorage();
    host = new ClusterHost({ clock, openStorage: async () => storage, destroyStorage: async () => {}, files: {} });
    await advanceUntil(clock, host.boot(() => {}), 25);
    expect((await run('kubectl run box --image=busybox -- sleep 3600')).code).toBe(0);
    let phase = '';
    for (let i = 0; i < 100 && phase !== 'Running'; i++) {
      phase = (await run('kubectl get pod box -o jsonpath={.status.phase}')).out;
      if (phase !== 'Running') await settle(500);
    }
    expect(phase).toBe('Running');
  }, 120_000);
  afterAll(() => advanceUntil(clock, host.close()));

  it('kubectl exec -it: raw mode, the container echoes and prompts, exit ends the session and restores the terminal', async () => {
    const modes: string[] = [];
    let typeKeys: ((s: string) => void) | undefined;
    let raw = false;
    const terminal: LineTerminal = {
      makeRaw: () => ((raw = true), modes.push('raw'), () => ((raw = false), void modes.push('cooked'))),
      stdin: () => new ReadableStream<Uint8Array>({
        start: (c) => (raw ? void (typeKeys = (s) => c.enqueue(new TextEncoder().encode(s))) : c.close()),
      }),
    };
    let out = '';
    let code: number | string | undefined;
    void host.run('kubectl exec -it box -- sh', { stdout: (s) => void (out += s), stderr: (s) => void (out += s) }, new AbortController().signal, terminal).then((c) => (code = c));
    for (let i = 0; i < 100 && !out.includes('/ # '); i++) await settle(100);
    expect(out).toBe('/ # ');
    typeKeys!('hostname\r');
    await settle();
    expect(out).toBe('/ # hostname\r\nbox\r\n/ # ');
    typeKeys!('exit 3\r');
    for (let i = 0; i < 50 && code === undefined; i++) await settle(100);
    expect(code).toBe(3);
    expect(modes).toEqual(['raw', 'cooked']);
    expect(out).toContain('command terminated with exit code 3\n');
  }, 60_000);

  it('piped input still goes to exec -i as before, and without -t the terminal stays cooked', async () => {
    const terminal: LineTerminal = { makeRaw: () => { throw new Error('not raw'); }, stdin: () => new ReadableStream({ start: (c) => c.close() }) };
    expect(await run('printf "echo piped\\n" | kubectl exec -i box -- sh', terminal)).toEqual({ code: 0, out: 'piped\n' });
    expect(await run('kubectl exec box -- echo plain', terminal)).toEqual({ code: 0, out: 'plain\n' });
  }, 60_000);
});

describe('LineEditor in raw mode', () => {
  it('sends every key to the running command while it holds the terminal raw, then edits lines again', async () => {
    const sent: string[] = [];
    let finish!: () => void;
    let screen = '';
    const editor = new LineEditor({
      prompt: '$ ',
      write: (d) => void (screen += d),
      run: () => new Promise<void>((resolve) => (finish = resolve)),
      interrupt: () => sent.push('<interrupt>'),
      send: (d) => void sent.push(d),
    });
    editor.start();
    editor.input('kubectl exec -it box -- sh\r');
    editor.raw(true);
    editor.input('ls\r');
    editor.input('\x03');
    editor.input('\x1b[A');
    expect(sent).toEqual(['ls\r', '\x03', '\x1b[A']);
    // The editor showed none of it: the container's terminal echoes.
    expect(screen.endsWith('kubectl exec -it box -- sh\r\n')).toBe(true);
    editor.raw(false);
    finish();
    await new Promise((r) => setImmediate(r));
    editor.input('x');
    expect(screen.endsWith('$ x')).toBe(true);
  });
});
