import { describe, expect, it } from 'vitest';
import { busybox } from './image.js';
import { newTestWorld } from '../testing/harness.js';
import { ContainerFileSystem, newImageLayer } from '../fs/container-fs.js';
import { startProcess } from '../process.js';
import { markTerminal } from '../../shell/io.js';
import { flushMicrotasks } from '../../util/clock.js';

/** session starts sh with a stdin fed line by line (a terminal's cooked input when tty is set). */
function session(argv: string[], tty = false) {
  const w = newTestWorld();
  const fs = new ContainerFileSystem(newImageLayer(busybox, 'latest', () => w.clock.now()));
  let ctrl!: ReadableStreamDefaultController<Uint8Array>;
  const stdin = new ReadableStream<Uint8Array>({ start: (c) => void (ctrl = c) });
  if (tty) markTerminal(stdin);
  let out = '';
  const dec = new TextDecoder();
  const write = (c: Uint8Array | string) => void (out += typeof c === 'string' ? c : dec.decode(c));
  const proc = startProcess({
    image: busybox, argv, env: { HOME: '/root' }, cwd: '/', hostname: 'box', fs, net: w.network.stack('10.244.1.5'),
    resolver: w.resolver, clock: w.clock, stdin, stdout: write, stderr: write,
  });
  let exit: number | undefined;
  void proc.done.then((s) => (exit = s.exitCode));
  return {
    proc,
    clock: w.clock,
    /** type sends text and returns what the shell wrote meanwhile. */
    async type(text: string): Promise<string> {
      const from = out.length;
      ctrl.enqueue(new TextEncoder().encode(text));
      await flushMicrotasks(100);
      return out.slice(from);
    },
    /** eof is ^D on an empty line: a zero-length read. */
    async eof(): Promise<void> {
      ctrl.enqueue(new Uint8Array());
      await flushMicrotasks(100);
    },
    async close(): Promise<void> {
      ctrl.close();
      await flushMicrotasks(100);
    },
    output: () => out,
    exit: () => exit,
  };
}

describe('busybox sh reading commands from stdin', () => {
  it('on a terminal: prompts with PS1 (\\w \\$), runs each line as it comes, PS2 for unfinished commands, exit ends it', async () => {
    const s = session(['sh'], true);
    await flushMicrotasks(50);
    expect(s.output()).toBe('/ # ');
    expect(await s.type('echo hello\n')).toBe('hello\n/ # ');
    expect(await s.type('cd /root\n')).toBe('~ # ');
    expect(await s.type('cd /tmp\n')).toBe('/tmp # ');
    expect(await s.type('for i in 1 2\n')).toBe('> ');
    expect(await s.type('do echo $i\n')).toBe('> ');
    expect(await s.type('done\n')).toBe('1\n2\n/tmp # ');
    expect(await s.type('echo "open\n')).toBe('> ');
    expect(await s.type('quote"\n')).toBe('open\nquote\n/tmp # ');
    expect(await s.type('fi\n')).toBe('sh: syntax error: unexpected "fi"\n/tmp # ');
    expect(await s.type('false\n')).toBe('/tmp # ');
    expect(await s.type('echo $?; exit 3\n')).toBe('1\n');
    await flushMicrotasks(50);
    expect(s.exit()).toBe(3);
  });

  it('ends at end of input with the last status; ^D ends only the command that reads', async () => {
    const s = session(['sh'], true);
    await s.type('cat > /tmp/note\n');
    await s.type('line one\n');
    await s.eof();
    expect(await s.type('cat /tmp/note\n')).toBe('line one\n/ # ');
    await s.type('sh -c "exit 4"\n');
    await s.eof();
    expect(s.exit()).toBe(4);
    expect(s.output().endsWith('/ # \n')).toBe(true);
  });

  it('SIGINT ends the running line (status 130) and gives the prompt back; the shell lives on', async () => {
    const s = session(['sh'], true);
    await s.type('sleep 100; echo not reached\n');
    await s.clock.advance(1000);
    s.proc.kill('SIGINT');
    await flushMicrotasks(100);
    expect(s.output()).toBe('/ # \n/ # ');
    expect(await s.type('echo $?\n')).toBe('130\n/ # ');
    // At the prompt, SIGINT drops the half-typed command.
    await s.type('if true\n');
    s.proc.kill('SIGINT');
    await flushMicrotasks(50);
    expect(await s.type('echo fresh\n')).toBe('fresh\n/ # ');
    // An interactive shell ignores SIGTERM.
    s.proc.kill('SIGTERM');
    await flushMicrotasks(50);
    expect(s.exit()).toBeUndefined();
    await s.close();
    expect(s.exit()).toBe(0);
  });

  it('sh -i prompts on any input; without a terminal or -i there is no prompt and lines still run as they come', async () => {
    const i = session(['sh', '-i']);
    await flushMicrotasks(50);
    expect(await i.type('echo a\n')).toBe('a\n/ # ');
    const s = session(['sh']);
    expect(await s.type('echo one\n')).toBe('one\n');
    expect(await s.type('if true; then\n')).toBe('');
    expect(await s.type('echo two; fi\n')).toBe('two\n');
    expect(await s.type('read x\nhello\necho got $x\n')).toBe('got hello\n');
    await s.close();
    expect(s.exit()).toBe(0);
    expect(s.output()).toBe('one\ntwo\ngot hello\n');
  });

  it('without a terminal a syntax error ends the shell with status 2', async () => {
    const s = session(['sh']);
    expect(await s.type('echo before\nfi\necho after\n')).toBe('before\nsh: syntax error: unexpected "fi"\n');
    expect(s.exit()).toBe(2);
  });
});
