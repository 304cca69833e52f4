import { describe, expect, it } from 'vitest';
import { flushMicrotasks } from '../../util/clock.js';
import { ContainerIO, type StdioConfig } from './container-io.js';

const enc = new TextEncoder();
const text = (c: Uint8Array | string) => (typeof c === 'string' ? c : new TextDecoder().decode(c));

function setup(config: StdioConfig) {
  const log: string[] = [];
  const io = new ContainerIO(config, { stdout: (c) => void log.push(`out:${text(c)}`), stderr: (c) => void log.push(`err:${text(c)}`) });
  // The container's program: reads stdin until it ends, as cat does.
  let read = '';
  let eof = false;
  if (io.stdin) {
    void (async () => {
      for await (const c of io.stdin as unknown as AsyncIterable<Uint8Array>) read += text(c);
      eof = true;
    })();
  }
  return { io, log, read: () => read, eof: () => eof };
}

/** client is one attached client's streams. */
function client() {
  let ctrl!: ReadableStreamDefaultController<Uint8Array>;
  const stdin = new ReadableStream<Uint8Array>({ start: (c) => void (ctrl = c) });
  const got: string[] = [];
  return {
    stdin,
    stdout: (c: Uint8Array | string) => void got.push(`1:${text(c)}`),
    stderr: (c: Uint8Array | string) => void got.push(`2:${text(c)}`),
    type: (s: string) => ctrl.enqueue(enc.encode(s)),
    endInput: () => ctrl.close(),
    got,
  };
}

describe('ContainerIO', () => {
  it('sends output to the log and to every attached client until the container exits', async () => {
    const { io, log } = setup({});
    const a = client();
    const b = client();
    const ctl = new AbortController();
    let aDone = false;
    void io.attach({ stdout: a.stdout, stderr: a.stderr, signal: ctl.signal }).then(() => (aDone = true));
    const bDone = io.attach({ stdout: b.stdout, stderr: b.stderr });
    io.stdout('one\n');
    io.stderr('two\n');
    ctl.abort();
    await flushMicrotasks();
    expect(aDone).toBe(true);
    io.stdout('three\n');
    io.close();
    await bDone;
    expect(a.got).toEqual(['1:one\n', '2:two\n']);
    expect(b.got).toEqual(['1:one\n', '2:two\n', '1:three\n']);
    expect(log).toEqual(['out:one\n', 'err:two\n', 'out:three\n']);
  });

  it('stdinOnce without a terminal: the client’s end of input closes the container’s stdin, and the client stays for the output', async () => {
    const c = setup({ stdin: true, stdinOnce: true });
    const a = client();
    let done = false;
    void c.io.attach({ stdin: a.stdin, stdout: a.stdout }).then(() => (done = true));
    a.type('hello\n');
    a.endInput();
    await flushMicrotasks();
    expect([c.read(), c.eof(), done]).toEqual(['hello\n', true, false]);
    c.io.stdout('hello\n');
    c.io.close();
    await flushMicrotasks();
    expect([done, a.got]).toEqual([true, ['1:hello\n']]);
  });

  it('without stdinOnce the client is let go at its end of input, and the next client can still type', async () => {
    const c = setup({ stdin: true });
    const a = client();
    const first = c.io.attach({ stdin: a.stdin, stdout: a.stdout });
    a.type('a\n');
    a.endInput();
    await first;
    const b = client();
    void c.io.attach({ stdin: b.stdin, stdout: b.stdout });
    b.type('b\n');
    await flushMicrotasks();
    expect([c.read(), c.eof()]).toEqual(['a\nb\n', false]);
    c.io.close();
  });

  it('with a terminal: input is echoed and handed over by lines, output gets \\r\\n, stderr shares the terminal', async () => {
    const c = setup({ stdin: true, stdinOnce: true, tty: true });
    const a = client();
    void c.io.attach({ stdin: a.stdin, stdout: a.stdout, stderr: a.stderr });
    a.type('ec');
    await flushMicrotasks();
    expect(c.read()).toBe('');
    a.type('ho hi\r');
    await flushMicrotasks();
    expect(c.read()).toBe('echo hi\n');
    c.io.stdout('hi\n');
    c.io.stderr('oops\n');
    expect(a.got.join('').replace(/1:/g, '')).toBe('echo hi\r\nhi\r\noops\r\n');
    expect(c.log.filter((l) => l.startsWith('err:'))).toEqual([]);
    // ^C signals the container's process.
    const signals: string[] = [];
    c.io.setForeground((s) => void signals.push(s));
    a.type('sleep 9\x03');
    await flushMicrotasks();
    expect(signals).toEqual(['SIGINT']);
    // ^D on an empty line is an end of input (a zero-length read); the terminal stays open.
    a.type('\x04');
    await flushMicrotasks();
    expect([c.read().length, c.eof()]).toEqual(['echo hi\n'.length, false]);
    c.io.close();
    await flushMicrotasks();
    expect(c.eof()).toBe(true);
  });

  it('lets a client with nothing to attach go at once, and refuses nobody after the exit', async () => {
    const c = setup({});
    await c.io.attach({});
    c.io.close();
    const a = client();
    await c.io.attach({ stdout: a.stdout });
    expect(a.got).toEqual([]);
  });
});
