// Mirrors Go's text/tabwriter (its column-block algorithm) as kubectl configures it: for tables
// printers.GetNewTabWriter (minwidth 6, padding 3, RememberWidths so `get -w` rows stay aligned),
// for describe minwidth 0 and padding 2. Cells end at '\t'; the text after a line's last tab is
// not padded; a column's width is set per block of consecutive lines that have that column.

export interface TabWriterOptions {
  minWidth?: number;
  padding?: number;
  /** rememberWidths keeps column widths from earlier flushes (kubectl's fork of tabwriter). */
  rememberWidths?: boolean;
}

export class TabWriter {
  private lines: string[][] = [];
  private pending = '';
  private remembered: number[] = [];
  private readonly minWidth: number;
  private readonly padding: number;
  private readonly remember: boolean;

  constructor(private readonly out: (s: string) => void, o: TabWriterOptions = { minWidth: 6, padding: 3, rememberWidths: true }) {
    this.minWidth = o.minWidth ?? 0;
    this.padding = o.padding ?? 0;
    this.remember = o.rememberWidths ?? false;
  }

  /** write buffers text; lines are split on '\n' and cells on '\t'. */
  write(text: string): void {
    // A line may arrive in pieces ("Labels:\t", then "a=b\n"): keep the unfinished tail.
    const parts = (this.pending + text).split('\n');
    this.pending = parts.pop()!;
    for (const p of parts) this.lines.push(p.split('\t'));
  }

  /** resetWidths forgets remembered widths (a new table starts). */
  resetWidths(): void {
    this.remembered = [];
  }

  /** flush prints buffered lines aligned. */
  flush(): void {
    let text = '';
    const widths: number[] = [];
    const writeLines = (from: number, to: number) => {
      for (let i = from; i < to; i++) {
        const cells = this.lines[i]!;
        let line = '';
        for (let j = 0; j < cells.length; j++) {
          const cell = cells[j]!;
          line += j < widths.length && j < cells.length - 1 ? cell + ' '.repeat(Math.max(0, widths[j]! - textWidth(cell))) : cell;
        }
        text += line + '\n';
      }
    };
    const format = (line0: number, line1: number): void => {
      const column = widths.length;
      for (let cur = line0; cur < line1; cur++) {
        if (column >= this.lines[cur]!.length - 1) continue;
        writeLines(line0, cur);
        line0 = cur;
        let width = this.minWidth;
        for (; cur < line1; cur++) {
          const line = this.lines[cur]!;
          if (column >= line.length - 1) break;
          width = Math.max(width, textWidth(line[column]!) + this.padding);
        }
        if (this.remember) {
          width = Math.max(width, this.remembered[column] ?? 0);
          this.remembered[column] = width;
        }
        widths.push(width);
        format(line0, cur);
        widths.pop();
        line0 = cur;
        cur--;
      }
      writeLines(line0, line1);
    };
    format(0, this.lines.length);
    this.lines = [];
    if (this.pending) {
      text += this.pending;
      this.pending = '';
    }
    if (text) this.out(text);
  }
}

/** textWidth counts runes as Go's tabwriter does (one per code point). */
function textWidth(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

/** formatTable aligns rows of cells in one go (helper for tests and simple commands). */
export function formatTable(rows: string[][], o?: TabWriterOptions): string {
  let out = '';
  const w = new TabWriter((s) => (out += s), o);
  for (const r of rows) w.write(r.join('\t') + '\n');
  w.flush();
  return out;
}
