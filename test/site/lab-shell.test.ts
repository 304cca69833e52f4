// The lab terminal's shell: which lines are unfinished (the terminal then shows sh's "> "), and
// state that lasts from one line to the next.
import { describe, expect, it } from 'vitest';
import { MemFileSystem } from '../../engine/images/fs/mem-fs.js';
import { LabShell, needsMore } from '../../src/lab/runtime/worker/lab-shell.js';

describe('needsMore', () => {
  it.each([
    { name: 'a plain command', text: 'kubectl get pods', more: false },
    { name: 'an open single quote', text: "echo 'abc", more: true },
    { name: 'an open double quote', text: 'echo "abc', more: true },
    { name: 'a closed quote over two lines', text: 'echo "a\nb"', more: false },
    { name: 'a trailing backslash', text: 'kubectl get \\', more: true },
    { name: 'an escaped backslash at the end', text: 'echo \\\\', more: false },
    { name: 'a trailing pipe', text: 'kubectl get pods |', more: true },
    { name: 'a trailing &&', text: 'true &&', more: true },
    { name: 'an if without fi', text: 'if true; then echo x', more: true },
    { name: 'a heredoc without its delimiter', text: 'kubectl apply -f - <<EOF\nkind: Pod', more: true },
    { name: 'a heredoc with its delimiter', text: 'kubectl apply -f - <<EOF\nkind: Pod\nEOF', more: false },
    { name: 'a quoted delimiter', text: "cat <<'END'\n$x\nEND", more: false },
    { name: 'a <<- heredoc with a tab before the delimiter', text: 'cat <<-EOF\n\tx\n\tEOF', more: false },
    { name: 'two heredocs, the second unfinished', text: 'cat <<A; cat <<B\na\nA\nb', more: true },
    { name: 'a delimiter only inside the body text', text: 'cat <<EOF\nEOF is near', more: true },
    { name: 'a plain syntax error is not unfinished', text: 'echo )', more: false },
  ])('$name', ({ text, more }) => {
    expect(needsMore(text)).toBe(more);
  });
});

describe('LabShell', () => {
  function shell() {
    const fs = new MemFileSystem();
    fs.mkdir('/home/learner/sub', { recursive: true });
    return new LabShell(fs, () => undefined, { HOME: '/home/learner' }, '/home/learner');
  }
  const run = async (sh: LabShell, line: string) => {
    let out = '';
    const code = await sh.run(line, { stdout: (s) => void (out += s), stderr: (s) => void (out += s) }, new AbortController().signal);
    return { code, out };
  };

  it('keeps variables, functions, the folder and $? between lines', async () => {
    const sh = shell();
    await run(sh, 'X=1; export Y=2; greet() { echo "hi $1"; }; cd sub; false');
    expect(await run(sh, 'echo "$? $X $Y $PWD"; greet you')).toEqual({ code: 0, out: '1 1 2 /home/learner/sub\nhi you\n' });
    expect(sh.cwd).toBe('/home/learner/sub');
    expect(sh.env()).toMatchObject({ HOME: '/home/learner', Y: '2' });
  });

  it('answers 130 at once when interrupted, even if the command ignores the signal', async () => {
    const fs = new MemFileSystem();
    let release!: () => void;
    const stuck = new Promise<number>((resolve) => (release = () => resolve(0)));
    const sh = new LabShell(fs, (name) => (name === 'stuck' ? () => stuck : undefined), {}, '/');
    const abort = new AbortController();
    const running = sh.run('stuck', { stdout: () => {}, stderr: () => {} }, abort.signal);
    abort.abort();
    expect(await running).toBe(130);
    release();
  });
});
