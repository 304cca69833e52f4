// The line discipline in front of the Worker runtime: editing keys, history, Ctrl-C and paste.
import { describe, expect, it } from 'vitest';
import { LineEditor } from '../../src/lab/terminal/line-editor.js';

function setup() {
  const ran: string[] = [];
  let interrupts = 0;
  let finish: (() => void) | undefined;
  let screen = '';
  const editor = new LineEditor({
    prompt: '$ ',
    write: (d) => void (screen += d),
    run: (line) => {
      ran.push(line);
      return new Promise<void>((resolve) => (finish = resolve));
    },
    interrupt: () => void interrupts++,
  });
  editor.start();
  const settle = async () => {
    finish?.();
    finish = undefined;
    await new Promise((r) => setImmediate(r));
  };
  return { editor, ran, settle, interrupts: () => interrupts, screen: () => screen };
}

const LEFT = '\x1b[D';
const UP = '\x1b[A';
const DOWN = '\x1b[B';

describe('LineEditor', () => {
  it.each([
    { name: 'plain line', keys: ['kubectl get ns\r'], want: 'kubectl get ns' },
    { name: 'backspace', keys: ['kubectl get nss', '\x7f', '\r'], want: 'kubectl get ns' },
    { name: 'insert after moving left', keys: ['kubectl get s', LEFT, 'n', '\r'], want: 'kubectl get ns' },
    { name: 'home and end', keys: ['get ns', '\x01', 'kubectl ', '\x05', ' -o name\r'], want: 'kubectl get ns -o name' },
    { name: 'Ctrl-U kills to the start', keys: ['oops', '\x15', 'kubectl version\r'], want: 'kubectl version' },
    { name: 'Ctrl-W deletes a word', keys: ['kubectl get pods', '\x17', 'ns\r'], want: 'kubectl get ns' },
    { name: 'delete key', keys: ['kubectl xget', '\x01', '\x1b[C'.repeat(8), '\x1b[3~', '\r'], want: 'kubectl get' },
  ])('$name', ({ keys, want }) => {
    const t = setup();
    for (const k of keys) t.editor.input(k);
    expect(t.ran).toEqual([want]);
  });

  it('recalls history with the arrow keys and keeps the draft', async () => {
    const t = setup();
    t.editor.input('one\r');
    await t.settle();
    t.editor.input('two\r');
    await t.settle();
    t.editor.input('dra');
    t.editor.input(UP);
    t.editor.input(UP);
    t.editor.input(UP); // stays on the oldest
    t.editor.input('\r');
    await t.settle();
    t.editor.input('dra');
    t.editor.input(UP);
    t.editor.input(DOWN);
    t.editor.input('ft\r');
    expect(t.ran).toEqual(['one', 'two', 'one', 'draft']);
  });

  it('interrupts a running command on Ctrl-C and holds keys typed ahead', async () => {
    const t = setup();
    t.editor.input('kubectl get pods -w\r');
    expect(t.editor.running).toBe(true);
    t.editor.input('\x03');
    expect(t.interrupts()).toBe(1);
    t.editor.input('next\r');
    expect(t.ran).toEqual(['kubectl get pods -w']);
    await t.settle();
    expect(t.ran).toEqual(['kubectl get pods -w', 'next']);
  });

  it('runs pasted lines one after another', async () => {
    const t = setup();
    t.editor.input('a\rb\r');
    expect(t.ran).toEqual(['a']);
    await t.settle();
    expect(t.ran).toEqual(['a', 'b']);
  });

  it('prints ^C and a new prompt when idle', () => {
    const t = setup();
    t.editor.input('half');
    t.editor.input('\x03');
    expect(t.screen().endsWith('^C\r\n$ ')).toBe(true);
    t.editor.input('\r');
    expect(t.ran).toEqual([]);
  });

  it('continues an unfinished command with "> " and sends the lines joined (a pasted heredoc)', async () => {
    const ran: string[] = [];
    let screen = '';
    const editor = new LineEditor({
      prompt: '$ ',
      write: (d) => void (screen += d),
      // Unfinished until a line reads EOF, like the worker's shell answers.
      run: async (text) => (ran.push(text), /\nEOF$/.test(text) ? undefined : 'more'),
      interrupt: () => {},
    });
    editor.start();
    editor.input('cat <<EOF\rone\r\rEOF\r');
    for (let i = 0; i < 10; i++) await new Promise((r) => setImmediate(r));
    expect(ran).toEqual(['cat <<EOF', 'cat <<EOF\none', 'cat <<EOF\none\n', 'cat <<EOF\none\n\nEOF']);
    // The prompt shown after each Enter: PS2 while the heredoc is open, PS1 once it ran.
    expect([...screen.matchAll(/\r\n(\$ |> )/g)].map((m) => m[1])).toEqual(['> ', '> ', '> ', '$ ']);
  });

  it('drops an unfinished command on Ctrl-C', async () => {
    const ran: string[] = [];
    const editor = new LineEditor({ prompt: '$ ', write: () => {}, run: async (text) => (ran.push(text), text.startsWith('echo "') && !text.endsWith('"') ? 'more' : undefined), interrupt: () => {} });
    editor.input('echo "abc\r');
    await new Promise((r) => setImmediate(r));
    editor.input('\x03');
    editor.input('echo ok\r');
    await new Promise((r) => setImmediate(r));
    expect(ran).toEqual(['echo "abc', 'echo ok']);
  });

  it('echoes ^C when it interrupts a running command', () => {
    const t = setup();
    t.editor.input('sleep 100\r');
    t.editor.input('\x03');
    expect(t.screen().endsWith('sleep 100\r\n^C\r\n')).toBe(true);
  });
});

/** Screen is a tiny VT model: enough of CR, LF, cursor up/down/forward, erase and auto-wrap. */
class Screen {
  rows: string[][] = [[]];
  r = 0;
  c = 0;
  private pendingWrap = false;
  constructor(private readonly cols: number) {}
  write(data: string): void {
    for (let i = 0; i < data.length; i++) {
      const esc = /^\x1b\[([\d;]*)([ABCDJKm])/.exec(data.slice(i));
      if (esc) {
        const n = Number(esc[1] || 1);
        if (esc[2] === 'm') {
          i += esc[0].length - 1;
          continue;
        }
        if (esc[2] === 'A') this.r = Math.max(0, this.r - n);
        else if (esc[2] === 'B') this.r += n;
        else if (esc[2] === 'C') this.c = Math.min(this.cols - 1, this.c + n);
        else if (esc[2] === 'D') this.c = Math.max(0, this.c - n);
        else if (esc[2] === 'J') (this.rows = this.rows.slice(0, this.r + 1)), (this.row().length = this.c);
        else this.row().length = Math.min(this.row().length, this.c);
        this.pendingWrap = false;
        i += esc[0].length - 1;
        continue;
      }
      const ch = data[i]!;
      if (ch === '\r') (this.c = 0), (this.pendingWrap = false);
      else if (ch === '\n') this.r++, (this.pendingWrap = false);
      else {
        if (this.pendingWrap) (this.r++, (this.c = 0)), (this.pendingWrap = false);
        this.row()[this.c] = ch;
        if (this.c === this.cols - 1) this.pendingWrap = true;
        else this.c++;
      }
    }
  }
  row(): string[] {
    while (this.rows.length <= this.r) this.rows.push([]);
    return this.rows[this.r]!;
  }
  text(): string {
    return this.rows.map((r) => Array.from(r, (ch) => ch ?? ' ').join('').trimEnd()).join('\n');
  }
}

describe('LineEditor on a narrow terminal', () => {
  it.each([
    { name: 'typed one key at a time past the edge', keys: [...'kubectl get pods -o wide'], cursorAt: 24 },
    { name: 'exactly two rows', keys: [...'kubectl get pods -o w'], cursorAt: 21 },
    { name: 'edited in the first row', keys: [...'kubectl get pods -o wide', ...Array(20).fill(LEFT), 'X'], cursorAt: 5 },
  ])('keeps one copy of the prompt and the line: $name', ({ keys, cursorAt }) => {
    const screen = new Screen(12);
    const editor = new LineEditor({ prompt: '\x1b[32m$\x1b[0m ', write: (d) => screen.write(d), run: async () => {}, interrupt: () => {}, columns: () => 12 });
    editor.start();
    for (const k of keys) editor.input(k);
    const typed = keys.filter((k) => k.length === 1).join('');
    const line = keys.includes(LEFT) ? typed.slice(0, 4) + 'X' + typed.slice(4, -1) : typed;
    const want = `$ ${line}`.match(/.{1,12}/g)!.join('\n');
    expect(screen.text()).toBe(want);
    // The cursor is where the next key lands.
    expect([screen.r, screen.c]).toEqual([Math.floor((2 + cursorAt) / 12), (2 + cursorAt) % 12]);
  });
});
