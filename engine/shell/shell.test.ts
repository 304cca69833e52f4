import { describe, it, expect } from 'vitest';
import { Shell } from './interpreter.js';
import { parse } from './parser.js';
import { readAllText } from './io.js';
import { MemFileSystem } from '../images/fs/mem-fs.js';
import type { ShellCommand } from './types.js';

// A handful of test commands, written against the invocation contract.
const commands: Record<string, ShellCommand> = {
  async cat(inv) {
    if (inv.argv.length > 1) {
      for (const f of inv.argv.slice(1)) inv.stdout(fs.readText(f.startsWith('/') ? f : `${inv.cwd}/${f}`));
      return 0;
    }
    inv.stdout(await readAllText(inv.stdin));
    return 0;
  },
  async upper(inv) {
    inv.stdout((await readAllText(inv.stdin)).toUpperCase());
    return 0;
  },
  async head(inv) {
    const n = Number(inv.argv[2] ?? 10);
    if (!inv.stdin) return 0;
    const reader = inv.stdin.getReader();
    let text = '';
    while (text.split('\n').length <= n) {
      const { value, done } = await reader.read();
      if (done) break;
      text += new TextDecoder().decode(value);
    }
    await reader.cancel();
    inv.stdout(text.split('\n').slice(0, n).map((l) => l + '\n').join(''));
    return 0;
  },
  async yes(inv) {
    for (;;) {
      inv.stdout('y\n');
      await Promise.resolve();
    }
  },
  async env(inv) {
    inv.stdout(Object.entries(inv.env).map(([k, v]) => `${k}=${v}\n`).sort().join(''));
    return 0;
  },
  async pwdcmd(inv) {
    inv.stdout(inv.cwd + '\n');
    return 0;
  },
};

let fs: MemFileSystem;

async function sh(script: string, options: { env?: Record<string, string>; args?: string[]; stdin?: string } = {}) {
  fs ??= new MemFileSystem();
  let stdout = '';
  let stderr = '';
  const shell = new Shell({ fs, commands: (n) => commands[n], env: options.env ?? { HOME: '/root' }, args: options.args });
  const stdin = options.stdin === undefined ? undefined : new ReadableStream<Uint8Array>({
    start(c) {
      c.enqueue(new TextEncoder().encode(options.stdin));
      c.close();
    },
  });
  const code = await shell.run(script, {
    stdin,
    stdout: (c) => (stdout += typeof c === 'string' ? c : new TextDecoder().decode(c)),
    stderr: (c) => (stderr += typeof c === 'string' ? c : new TextDecoder().decode(c)),
  });
  return { code, stdout, stderr };
}

function freshFs(): void {
  fs = new MemFileSystem();
  fs.mkdir('/root', { recursive: true });
  fs.mkdir('/tmp', { recursive: true });
}

describe('shell: words, quoting and expansion', () => {
  const cases: [string, string, string][] = [
    ['plain words', 'echo a   b c', 'a b c\n'],
    ['single quotes keep everything', `echo 'a  $HOME "x"'`, 'a  $HOME "x"\n'],
    ['double quotes expand', 'X=1; echo "x=$X  y"', 'x=1  y\n'],
    ['backslash escapes', 'echo a\\ b \\$HOME "\\$X \\"q\\""', 'a b $HOME $X "q"\n'],
    ['braces and defaults', 'echo ${HOME} ${NOPE:-def} ${NOPE-d2} ${HOME:+set}', '/root def d2 set\n'],
    ['assign default', 'echo ${V:=7}; echo $V', '7\n7\n'],
    ['length and trimming', 'P=/a/b/c.txt; echo ${#P} ${P##*/} ${P%/*} ${P#/*/} ${P%%.*}', '10 c.txt /a/b b/c.txt /a/b/c\n'],
    ['status variable', 'false; echo $?; true; echo $?', '1\n0\n'],
    ['command substitution', 'echo "[$(echo hi; echo there)]"', '[hi\nthere]\n'],
    ['nested substitution', 'echo $(echo $(echo deep))', 'deep\n'],
    ['backquotes', 'echo `echo old`', 'old\n'],
    ['field splitting of unquoted results', 'X="a   b"; for w in $X; do echo "<$w>"; done', '<a>\n<b>\n'],
    ['quoted results are one field', 'X="a   b"; for w in "$X"; do echo "<$w>"; done', '<a   b>\n'],
    ['empty unquoted expansion vanishes', 'E=; echo a $E b', 'a b\n'],
    ['arithmetic', 'i=3; echo $((i * 2 + 1)) $(( (1+2) % 2 )) $((10/3))', '7 1 3\n'],
    ['positional parameters', 'echo $# $1 "$@"', '2 x x y\n'],
    ['echo -n and -e', 'echo -n a; echo -e "b\\tc"', 'ab\tc\n'],
    ['printf', `printf '%s-%d|%5s|%-3s|\\n' a 42 r l`, 'a-42|    r|l  |\n'],
    ['comments', 'echo a # not this\n# nor this\necho b', 'a\nb\n'],
    ['line continuation', 'echo a \\\n b', 'a b\n'],
  ];
  it.each(cases)('%s', async (_name, script, want) => {
    freshFs();
    const r = await sh(script, { args: ['x', 'y'] });
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(want);
  });
});

describe('shell: lists, control flow and builtins', () => {
  const cases: [string, string, string, number?][] = [
    ['and-or', 'true && echo yes || echo no; false && echo yes || echo no', 'yes\nno\n'],
    ['if/elif/else', 'for x in 1 2 3; do if [ $x -eq 1 ]; then echo one; elif [ "$x" = 2 ]; then echo two; else echo other; fi; done', 'one\ntwo\nother\n'],
    ['while with arithmetic', 'i=0; while [ $i -lt 3 ]; do echo $i; i=$((i+1)); done', '0\n1\n2\n'],
    ['until', 'i=0; until [ $i -ge 2 ]; do i=$((i+1)); done; echo $i', '2\n'],
    ['break and continue', 'for i in 1 2 3 4; do [ $i = 2 ] && continue; [ $i = 4 ] && break; echo $i; done', '1\n3\n'],
    ['case', 'for f in a.txt b.sh c; do case $f in *.txt) echo text;; *.sh|*.bash) echo script;; *) echo other;; esac; done', 'text\nscript\nother\n'],
    ['functions', 'greet() { echo "hi $1"; return 3; }; greet bob; echo $?', 'hi bob\n3\n'],
    ['exit status', 'echo a; exit 3; echo b', 'a\n', 3],
    ['negation', '! false && echo negated', 'negated\n'],
    ['test operators', '[ -n "x" ] && [ -z "" ] && [ ! -e /nope ] && [ -d /tmp ] && test 2 -gt 1 && echo ok', 'ok\n'],
    ['subshell does not leak', 'X=1; (X=2; cd /tmp); echo $X; pwd', '1\n/\n'],
    ['brace group shares state', '{ X=2; cd /tmp; }; echo $X; pwd', '2\n/tmp\n'],
    ['export reaches commands, plain vars do not', 'A=1; export B=2; C=3 env', 'B=2\nC=3\nHOME=/root\n'],
    ['cd and cwd of commands', 'cd /tmp && pwdcmd && cd - >/dev/null && pwd', '/tmp\n/\n'],
    ['eval', 'CMD="echo evaluated"; eval $CMD', 'evaluated\n'],
    ['read loop from a heredoc', 'while read a b; do echo "$b:$a"; done <<EOF\n1 one\n2 two\nEOF', 'one:1\ntwo:2\n'],
    ['set -e stops on failure', 'set -e; echo a; false; echo b', 'a\n', 1],
    ['set -e ignores conditions', 'set -e; if false; then :; fi; false || true; echo survived', 'survived\n'],
  ];
  it.each(cases)('%s', async (_name, script, want, code = 0) => {
    freshFs();
    const r = await sh(script);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(want);
    expect(r.code).toBe(code);
  });
});

describe('shell: pipes and redirections', () => {
  it('pipes commands together', async () => {
    freshFs();
    expect((await sh('echo hello | upper | cat')).stdout).toBe('HELLO\n');
  });

  it('ends an endless writer when the reader stops (broken pipe)', async () => {
    freshFs();
    const r = await sh('yes | head -n 3; echo "status ${?}"');
    expect(r.stdout).toBe('y\ny\ny\nstatus 0\n');
  });

  it('writes, appends and reads files', async () => {
    freshFs();
    const r = await sh('echo one > /tmp/f; echo two >> /tmp/f; cat < /tmp/f; upper </tmp/f >/tmp/g; cat /tmp/g');
    expect(r.stdout).toBe('one\ntwo\nONE\nTWO\n');
    expect(fs.readText('/tmp/f')).toBe('one\ntwo\n');
  });

  it('redirects stderr with 2>&1 in order', async () => {
    freshFs();
    const r = await sh('nope 2>&1 | upper; nope 2>/tmp/err; cat /tmp/err; echo to-err >&2');
    expect(r.stdout).toBe('SH: NOPE: NOT FOUND\nsh: nope: not found\n');
    expect(r.stderr).toBe('to-err\n');
    const r2 = await sh('nope >/tmp/out 2>&1; cat /tmp/out');
    expect(r2.stdout).toBe('sh: nope: not found\n');
  });

  it('expands heredocs unless the delimiter is quoted', async () => {
    freshFs();
    const r = await sh('N=world\ncat <<EOF\nhello $N\n$(echo sub)\nEOF\ncat <<\'EOF\'\nhello $N\nEOF\ncat <<-X\n\tindented\n\tX\n');
    expect(r.stdout).toBe('hello world\nsub\nhello $N\nindented\n');
  });

  it('expands globs against the file system', async () => {
    freshFs();
    fs.writeFile('/tmp/a.txt', '');
    fs.writeFile('/tmp/b.txt', '');
    fs.writeFile('/tmp/c.log', '');
    const r = await sh('echo /tmp/*.txt; cd /tmp; echo *.log; echo "*.txt"; echo *.none');
    expect(r.stdout).toBe('/tmp/a.txt /tmp/b.txt\nc.log\n*.txt\n*.none\n');
  });

  it('runs background jobs and waits for them', async () => {
    freshFs();
    const r = await sh('echo bg > /tmp/j & wait; cat /tmp/j');
    expect(r.stdout).toBe('bg\n');
  });

  it('passes stdin through to the first command', async () => {
    freshFs();
    expect((await sh('upper', { stdin: 'abc\n' })).stdout).toBe('ABC\n');
  });
});

describe('shell: errors as ash prints them', () => {
  const cases: [string, string, string, number][] = [
    ['unknown command', 'nope', 'sh: nope: not found\n', 127],
    ['missing fi', 'if true; then echo', 'sh: syntax error: unexpected end of file (expecting "fi")\n', 2],
    ['stray fi', 'fi', 'sh: syntax error: unexpected "fi"\n', 2],
    ['unterminated quote', 'echo "abc', 'sh: syntax error: unterminated quoted string\n', 2],
    ['cd to nowhere', 'cd /nope', "sh: cd: can't cd to /nope: No such file or directory\n", 2],
    ['redirect into missing dir', 'echo x > /nope/f', "sh: can't create /nope/f: nonexistent directory\n", 1],
    ['read missing file', 'cat < /nope', "sh: can't open /nope: no such file\n", 1],
    ['[ without ]', '[ 1 = 1', '[: missing ]\n', 2],
    ['bad number in test', '[ a -eq 1 ]', '[: a: bad number\n', 2],
    ['unset parameter with ?', 'echo ${NOPE?is required}', 'sh: NOPE: is required\n', 2],
  ];
  it.each(cases)('%s', async (_name, script, wantErr, code) => {
    freshFs();
    const r = await sh(script);
    expect(r.stderr).toBe(wantErr);
    expect(r.code).toBe(code);
  });

  it('parses a representative script into a tree', () => {
    const list = parse('a | b && c; d &');
    expect(list).toHaveLength(2);
    expect(list[0]!.first.commands).toHaveLength(2);
    expect(list[0]!.rest[0]!.op).toBe('&&');
    expect(list[1]!.background).toBe(true);
  });
});
