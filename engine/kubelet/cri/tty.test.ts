import { describe, expect, it } from 'vitest';
import { flushMicrotasks } from '../../util/clock.js';
import { onlcr, Terminal } from './tty.js';
import type { Signal } from '../../images/types.js';

function setup() {
  let echoed = '';
  const signals: Signal[] = [];
  const term = new Terminal((s) => void (echoed += s));
  term.foreground = (s) => void signals.push(s);
  const reads: string[] = [];
  let ended = false;
  void (async () => {
    const reader = term.stdin.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      reads.push(new TextDecoder().decode(value));
    }
    ended = true;
  })();
  return { term, signals, reads, echoed: () => echoed, ended: () => ended };
}

describe('Terminal (a pty in canonical mode)', () => {
  it('echoes keystrokes, turns Enter (\\r) into a line ending in \\n, erases with DEL, ^U and ^W', async () => {
    const t = setup();
    t.term.input('lx\x7fs -l\r');
    t.term.input('bad\x15ok\r');
    t.term.input('one two\x17three\r');
    await flushMicrotasks();
    expect(t.reads).toEqual(['ls -l\n', 'ok\n', 'one three\n']);
    expect(t.echoed()).toBe('lx\b \bs -l\r\nbad\b \b\b \b\b \bok\r\none two\b \b\b \b\b \bthree\r\n');
  });

  it('^D hands over the pending text, and alone is a zero-length read (end of input) after which reading goes on', async () => {
    const t = setup();
    t.term.input('abc\x04');
    t.term.input('\x04');
    t.term.input('more\r');
    await flushMicrotasks();
    expect(t.reads).toEqual(['abc', '', 'more\n']);
    expect(t.ended()).toBe(false);
    expect(t.echoed()).toBe('abcmore\r\n');
    t.term.hangup();
    await flushMicrotasks();
    expect(t.ended()).toBe(true);
  });

  it('^C drops the line, echoes ^C and signals the foreground with SIGINT; other controls echo as ^X', async () => {
    const t = setup();
    t.term.input('sleep\x03');
    t.term.input('a\x01\x7f\r');
    await flushMicrotasks();
    expect(t.signals).toEqual(['SIGINT']);
    expect(t.reads).toEqual(['a\n']);
    expect(t.echoed()).toBe('sleep^Ca^A\b \b\b \b\r\n');
  });

  it('writes program output with \\r\\n (onlcr) and records resizes', () => {
    const t = setup();
    t.term.output('one\ntwo\r\n');
    t.term.resize({ width: 100, height: 30 });
    expect(t.echoed()).toBe('one\r\ntwo\r\n');
    expect(onlcr(new TextEncoder().encode('x\n'))).toBe('x\r\n');
    expect(t.term.size).toEqual({ width: 100, height: 30 });
  });
});
