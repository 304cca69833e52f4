import { describe, expect, it } from 'vitest';
import { lineDiscipline, nonZeroExitStatus, optionsFrom, validateOptions } from './exec.js';

describe('exec options', () => {
  it.each([
    ['command=ls&stdout=true', undefined],
    ['stdout=true', 'you must specify at least 1 command'],
    ['command=ls', 'you must specify at least 1 of stdin, stdout, stderr'],
    ['command=sh&stdin=true&stdout=true&stderr=true&tty=true', 'stderr cannot be used with a tty'],
  ])('%s', (q, want) => expect(validateOptions(optionsFrom(new URLSearchParams(q)))).toBe(want));

  it('words a non-zero exit as the kubelet does', () => {
    expect(nonZeroExitStatus(['sh', '-c', 'exit 3'], 3).message).toBe('command terminated with non-zero exit code: error executing command [sh -c exit 3], exit code 3');
  });
});

describe('lineDiscipline', () => {
  it('echoes, erases and hands over whole lines; ^D on an empty line is end of input', () => {
    let echoed = '';
    const lines: string[] = [];
    let eof = false;
    const feed = lineDiscipline((s) => void (echoed += s), (b) => void lines.push(new TextDecoder().decode(b)), () => void (eof = true));
    feed(new TextEncoder().encode('lx\x7fs -l\r'));
    feed(new TextEncoder().encode('bad\x15ok\r\x04'));
    expect(lines).toEqual(['ls -l\n', 'ok\n']);
    expect(echoed).toBe('lx\b \bs -l\r\nbad\b \b\b \b\b \bok\r\n');
    expect(eof).toBe(true);
  });
});
