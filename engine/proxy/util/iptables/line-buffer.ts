// Mirrors pkg/util/iptables (LineBuffer, MakeChainLine): builds iptables-restore input line by line.
// Arguments are joined with spaces; callers pre-quote comments that contain spaces, as upstream does.

export class LineBuffer {
  private readonly lines: string[] = [];

  /** write appends one line made of words (strings or arrays of strings). */
  write(...words: (string | string[])[]): void {
    this.lines.push(words.flat().join(' '));
  }

  /** writeChain appends a chain declaration (":CHAIN - [0:0]"), which also flushes the chain. */
  writeChain(chain: string): void {
    this.lines.push(makeChainLine(chain));
  }

  lineCount(): number {
    return this.lines.length;
  }

  toString(): string {
    return this.lines.map((l) => l + '\n').join('');
  }
}

export function makeChainLine(chain: string): string {
  return `:${chain} - [0:0]`;
}
