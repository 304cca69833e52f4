// The Worker runtime's minimal command-line runner: word splitting, quoting, variables and lists.
import { describe, expect, it } from 'vitest';
import { parseLine, runLine, type Program } from '../../src/lab/runtime/worker/line-runner.js';

describe('parseLine', () => {
  const env = { NS: 'kube-system', EMPTY: '' };
  it.each([
    { line: 'kubectl get ns', want: [['kubectl', 'get', 'ns']] },
    { line: `kubectl  get pods   -n "$NS"`, want: [['kubectl', 'get', 'pods', '-n', 'kube-system']] },
    { line: `echo 'a  b' "c \\"d\\"" e\\ f`, want: [['echo', 'a  b', 'c "d"', 'e f']] },
    { line: `echo '$NS' \${NS}x $EMPTY ""`, want: [['echo', '$NS', 'kube-systemx', '', '']] },
    { line: 'a; b && c || d', want: [['a'], ['b'], ['c'], ['d']] },
    { line: 'echo hi # a comment', want: [['echo', 'hi']] },
    { line: 'echo -o=jsonpath={.a}', want: [['echo', '-o=jsonpath={.a}']] },
  ])('$line', ({ line, want }) => {
    expect(parseLine(line, env).map((s) => s.argv)).toEqual(want);
  });

  it.each(["echo 'open", 'echo "open', '&& a', 'a &&'])('rejects %s', (line) => {
    expect(() => parseLine(line, {})).toThrow();
  });
});

describe('runLine', () => {
  const calls: string[] = [];
  const programs: Record<string, Program> = {
    ok: async (argv) => (calls.push(`ok ${argv.join(' ')}`), 0),
    fail: async () => (calls.push('fail'), 1),
  };
  const io = () => ({ stdout: () => {}, stderr: () => {}, env: {} as Record<string, string>, signal: new AbortController().signal });

  it.each([
    { line: 'fail && ok a', calls: ['fail'], code: 1 },
    { line: 'fail || ok b', calls: ['fail', 'ok b'], code: 0 },
    { line: 'ok c && ok d; fail', calls: ['ok c', 'ok d', 'fail'], code: 1 },
    { line: 'X=1; ok $X', calls: ['ok 1'], code: 0 },
  ])('$line', async ({ line, calls: want, code }) => {
    calls.length = 0;
    expect(await runLine(line, programs, io())).toBe(code);
    expect(calls).toEqual(want);
  });
});
