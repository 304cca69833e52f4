// A container's terminal as runc's console gives it (a pty in the kernel's default termios: canonical
// mode with ICRNL, ECHO/ECHOE/ECHOCTL/ECHOKE, ISIG and ONLCR). The client side types raw keystrokes
// into it; the program reads cooked lines and writes output that comes back with "\r\n". Leaves out
// raw mode (no program here asks for it), job control (^Z), ^\ and flow control (^S/^Q).
import type { Signal } from '../../images/types.js';

export interface TerminalSize {
  width: number;
  height: number;
}

const encoder = new TextEncoder();

/** onlcr is the output side's "\n" → "\r\n". */
export function onlcr(chunk: Uint8Array | string): string {
  const text = typeof chunk === 'string' ? chunk : new TextDecoder().decode(chunk);
  return text.replace(/\r?\n/g, '\r\n');
}

/**
 * Terminal is one pty. `input` is what the client types, `stdin` what the program reads, `output`
 * what the program writes. A ^D on an empty line is an end of input the program sees as a
 * zero-length chunk (read() returning 0), after which it may read on: `cat` ends, its shell goes on.
 */
export class Terminal {
  readonly stdin: ReadableStream<Uint8Array>;
  /** size is the last size the client reported (the resize channel). */
  size: TerminalSize | undefined;
  /** foreground receives the signals typed at the terminal (the foreground process group). */
  foreground: ((signal: Signal) => void) | undefined;
  private ctrl!: ReadableStreamDefaultController<Uint8Array>;
  private line = '';
  private closed = false;
  private readonly decoder = new TextDecoder();

  constructor(private readonly echo: (text: string) => void) {
    this.stdin = new ReadableStream<Uint8Array>({ start: (c) => void (this.ctrl = c) });
  }

  /** output is the program's side of writing: what the client sees. */
  output = (chunk: Uint8Array | string): void => this.echo(onlcr(chunk));

  /** input takes the client's keystrokes. */
  input(data: Uint8Array | string): void {
    const text = typeof data === 'string' ? data : this.decoder.decode(data, { stream: true });
    for (const ch of text) this.key(ch);
  }

  private key(ch: string): void {
    switch (ch) {
      case '\r': // ICRNL
      case '\n':
        this.echo('\r\n');
        this.deliver(this.line + '\n');
        this.line = '';
        return;
      case '\x7f': // VERASE
      case '\b':
        if (this.line) {
          const chars = [...this.line];
          const last = chars.pop()!;
          this.line = chars.join('');
          // ECHOCTL showed a control character as two columns (^X): erase both.
          this.echo(last < ' ' && last !== '\t' ? '\b \b\b \b' : '\b \b');
        }
        return;
      case '\x15': // VKILL with ECHOKE
        this.echo([...this.line].map((c) => (c < ' ' && c !== '\t' ? '\b \b\b \b' : '\b \b')).join(''));
        this.line = '';
        return;
      case '\x17': { // VWERASE
        const kept = this.line.replace(/\S+\s*$/, '');
        this.echo('\b \b'.repeat([...this.line].length - [...kept].length));
        this.line = kept;
        return;
      }
      case '\x04': // VEOF: the pending line goes without a newline; alone, it is an end of input.
        this.deliver(this.line);
        this.line = '';
        return;
      case '\x03': // VINTR: the line is dropped and the foreground gets SIGINT.
        this.echo('^C');
        this.line = '';
        this.foreground?.('SIGINT');
        return;
    }
    if (ch < ' ' && ch !== '\t') {
      this.echo(`^${String.fromCharCode(ch.charCodeAt(0) + 64)}`);
      this.line += ch;
      return;
    }
    this.echo(ch);
    this.line += ch;
  }

  /** deliver hands the program a read; an empty one is the ^D end of input. */
  private deliver(text: string): void {
    if (this.closed) return;
    this.ctrl.enqueue(encoder.encode(text));
  }

  /** resize records the client's window size. */
  resize(size: TerminalSize): void {
    this.size = size;
  }

  /** hangup closes the terminal's input for good (the client went away). */
  hangup(): void {
    if (this.closed) return;
    this.closed = true;
    try {
      this.ctrl.close();
    } catch {
      // already closed
    }
  }
}

/** parseResize reads a resize channel message ({"Width":80,"Height":24}); undefined when malformed. */
export function parseResize(data: Uint8Array): TerminalSize | undefined {
  try {
    const v = JSON.parse(new TextDecoder().decode(data)) as { Width?: unknown; Height?: unknown };
    if (typeof v.Width !== 'number' || typeof v.Height !== 'number') return undefined;
    return { width: v.Width, height: v.Height };
  } catch {
    return undefined;
  }
}
