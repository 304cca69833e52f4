import { describe, expect, it } from 'vitest';
import { nonZeroExitStatus, optionsFrom, resizeQueue, validateOptions } from './exec.js';

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

describe('resizeQueue', () => {
  it('passes the resize channel’s sizes on and drops malformed ones', async () => {
    const q = resizeQueue();
    const enc = new TextEncoder();
    q.push(enc.encode('{"Width":120,"Height":40}'));
    q.push(enc.encode('not json'));
    q.push(enc.encode('{"Width":80}'));
    q.close();
    const sizes = [];
    for await (const size of q.stream as unknown as AsyncIterable<unknown>) sizes.push(size);
    expect(sizes).toEqual([{ width: 120, height: 40 }]);
  });
});
