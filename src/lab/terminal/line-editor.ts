// A line discipline for runtimes whose shell reads whole lines (the Worker runtime): it turns raw
// terminal keystrokes into an edited line with a prompt, cursor movement and history, and hands
// finished lines to `run`. Keys typed while a command runs wait until the prompt returns, unless the
// command put the terminal in raw mode (kubectl exec -it): then every key goes to it as typed.

export interface LineEditorOptions {
  prompt: string;
  write(data: string): void;
  /**
   * run executes a line; the editor shows the prompt again when it settles. It answers 'more'
   * when the text is unfinished (open quote, heredoc): the editor then shows continuePrompt and
   * calls run again with the lines so far, joined by newlines, plus the next one.
   */
  run(line: string): Promise<void | 'more'>;
  /** continuePrompt is sh's PS2 ("> "). */
  continuePrompt?: string;
  /** interrupt stops the running command (Ctrl-C). */
  interrupt(): void;
  /** send gives keystrokes to the running command while it holds the terminal raw. */
  send?(data: string): void;
  /** clear empties the screen and its scrollback (Ctrl-L). */
  clear?(): void;
  historyLimit?: number;
  /** columns is the terminal's width; with it, lines longer than a row are redrawn in place. */
  columns?(): number;
}

export class LineEditor {
  private line = '';
  private cursor = 0;
  private readonly history: string[] = [];
  /** historyIndex is history.length while editing a new line. */
  private historyIndex = 0;
  private draft = '';
  private busy = false;
  private pending = '';
  /** continued holds the earlier lines of an unfinished command, each ending in a newline. */
  private continued = '';
  /** row is how many rows below the prompt's first row the cursor was left by the last redraw. */
  private row = 0;
  /** rawMode is set while the running command holds the terminal raw. */
  private rawMode = false;

  constructor(private readonly o: LineEditorOptions) {}

  /** start prints the first prompt. */
  start(): void {
    this.row = 0;
    this.o.write(this.prompt());
  }

  get running(): boolean {
    return this.busy;
  }

  /** raw puts the terminal in raw mode for the running command, or takes it out (cfmakeraw). */
  raw(on: boolean): void {
    this.rawMode = on && this.busy;
  }

  /** input takes keystrokes or pasted text exactly as the terminal reports them. */
  input(data: string): void {
    if (this.busy && this.rawMode && this.o.send) return this.o.send(data);
    if (this.busy) {
      if (data.includes('\x03')) {
        this.pending = '';
        this.o.write('^C\r\n');
        this.o.interrupt();
      } else this.pending += data;
      return;
    }
    let i = 0;
    while (i < data.length && !this.busy) {
      const seq = nextSequence(data, i);
      i += seq.length;
      this.key(seq);
    }
    if (i < data.length) this.pending = data.slice(i) + this.pending;
  }

  private key(seq: string): void {
    switch (seq) {
      case '\r':
      case '\n':
        return this.submit();
      case '\x7f':
      case '\b':
        if (this.cursor > 0) this.edit(this.line.slice(0, this.cursor - 1) + this.line.slice(this.cursor), this.cursor - 1);
        return;
      case '\x1b[3~':
        if (this.cursor < this.line.length) this.edit(this.line.slice(0, this.cursor) + this.line.slice(this.cursor + 1), this.cursor);
        return;
      case '\x1b[D':
      case '\x02':
        return this.edit(this.line, Math.max(0, this.cursor - 1));
      case '\x1b[C':
      case '\x06':
        return this.edit(this.line, Math.min(this.line.length, this.cursor + 1));
      case '\x1b[H':
      case '\x1bOH':
      case '\x01':
        return this.edit(this.line, 0);
      case '\x1b[F':
      case '\x1bOF':
      case '\x05':
        return this.edit(this.line, this.line.length);
      case '\x1b[A':
      case '\x10':
        return this.recall(-1);
      case '\x1b[B':
      case '\x0e':
        return this.recall(1);
      case '\x15':
        return this.edit(this.line.slice(this.cursor), 0);
      case '\x0b':
        return this.edit(this.line.slice(0, this.cursor), this.cursor);
      case '\x17': {
        const before = this.line.slice(0, this.cursor).replace(/\S+\s*$/, '');
        return this.edit(before + this.line.slice(this.cursor), before.length);
      }
      case '\x03':
        this.continued = '';
        this.row = 0;
        this.o.write('^C\r\n' + this.prompt());
        this.line = '';
        this.cursor = 0;
        this.historyIndex = this.history.length;
        return;
      case '\x0c':
        this.o.clear?.();
        return this.redraw();
      case '\x1b[200~':
      case '\x1b[201~':
        return;
    }
    if (seq.startsWith('\x1b') || (seq.length === 1 && seq < ' ')) return;
    this.edit(this.line.slice(0, this.cursor) + seq + this.line.slice(this.cursor), this.cursor + seq.length);
  }

  private submit(): void {
    const line = this.line;
    // The cursor may sit mid-line of a wrapped command: leave from its last row.
    const cols = this.o.columns?.();
    const last = cols ? Math.floor((visibleLength(this.prompt()) + line.length) / cols) : 0;
    this.o.write(last > this.row ? `\x1b[${last - this.row}B\r\n` : '\r\n');
    this.row = 0;
    this.line = '';
    this.cursor = 0;
    if (line.trim() && this.history.at(-1) !== line) {
      this.history.push(line);
      if (this.history.length > (this.o.historyLimit ?? 500)) this.history.shift();
    }
    this.historyIndex = this.history.length;
    this.draft = '';
    const text = this.continued + line;
    if (!text.trim()) return void this.o.write(this.prompt());
    this.busy = true;
    void this.o
      .run(text)
      .then((answer) => void (this.continued = answer === 'more' ? `${text}\n` : ''))
      .catch((err: unknown) => {
        this.continued = '';
        this.o.write(`${err instanceof Error ? err.message : String(err)}\r\n`);
      })
      .then(() => {
        this.busy = false;
        this.o.write(this.prompt());
        const rest = this.pending;
        this.pending = '';
        if (rest) this.input(rest);
      });
  }

  /** prompt is PS1, or PS2 while a command continues over several lines. */
  private prompt(): string {
    return this.continued ? (this.o.continuePrompt ?? '> ') : this.o.prompt;
  }

  private recall(step: number): void {
    const next = this.historyIndex + step;
    if (next < 0 || next > this.history.length) return;
    if (this.historyIndex === this.history.length) this.draft = this.line;
    this.historyIndex = next;
    const text = next === this.history.length ? this.draft : this.history[next]!;
    this.edit(text, text.length);
  }

  private edit(line: string, cursor: number): void {
    this.line = line;
    this.cursor = cursor;
    this.redraw();
  }

  /** redraw rewrites the prompt line and puts the cursor back in place. */
  private redraw(): void {
    const cols = this.o.columns?.();
    if (!cols) {
      const back = this.line.length - this.cursor;
      return this.o.write(`\r\x1b[K${this.prompt()}${this.line}${back ? `\x1b[${back}D` : ''}`);
    }
    // A line longer than the terminal wraps: go up to the prompt's row, clear to the end of the
    // screen, write it all, then walk back to the cursor's row and column.
    const start = visibleLength(this.prompt());
    const end = start + this.line.length;
    let out = `${this.row ? `\x1b[${this.row}A` : ''}\r\x1b[J${this.prompt()}${this.line}`;
    // At the right edge the terminal holds the cursor until the next character: force the wrap.
    if (this.line.length && end % cols === 0) out += ' \r\x1b[K';
    const at = start + this.cursor;
    const up = Math.floor(end / cols) - Math.floor(at / cols);
    out += `${up ? `\x1b[${up}A` : ''}\r${at % cols ? `\x1b[${at % cols}C` : ''}`;
    this.row = Math.floor(at / cols);
    this.o.write(out);
  }
}

/** visibleLength counts a prompt's characters without its colour codes. */
function visibleLength(s: string): number {
  return s.replace(/\x1b\[[0-9;]*m/g, '').length;
}

/** nextSequence returns the key at data[i]: an escape sequence, a control byte, or a run of text. */
function nextSequence(data: string, i: number): string {
  const c = data[i]!;
  if (c === '\x1b') {
    const m = /^\x1b(\[[0-9;]*[~A-Za-z]|O[A-Za-z])/.exec(data.slice(i));
    return m ? m[0] : c;
  }
  if (c < ' ' || c === '\x7f') return c;
  let j = i;
  while (j < data.length && data[j]! >= ' ' && data[j] !== '\x7f') j++;
  return data.slice(i, j);
}
