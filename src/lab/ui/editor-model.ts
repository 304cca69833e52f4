// What the lab's editor pane knows, without the DOM: which file is open, whether it differs from
// what was last saved, how a Tab or Shift+Tab changes the text, where the caret is, which of the
// home folder's files the list shows and which new file names are acceptable.

/** INDENT is what Tab inserts: YAML indents with spaces, and the labs' manifests use two. */
export const INDENT = '  ';

/** Edit is a textarea's text with its selection. */
export interface Edit {
  text: string;
  start: number;
  end: number;
}

/**
 * indent is Tab: with no selection, or one inside a line, it replaces the selection with two
 * spaces; a selection across lines indents every line it touches, as code editors do.
 */
export function indent({ text, start, end }: Edit): Edit {
  const first = text.lastIndexOf('\n', start - 1) + 1;
  if (!text.slice(start, end).includes('\n')) {
    return { text: text.slice(0, start) + INDENT + text.slice(end), start: start + INDENT.length, end: start + INDENT.length };
  }
  const lines = text.slice(first, end).split('\n');
  const block = lines.map((l) => INDENT + l).join('\n');
  return { text: text.slice(0, first) + block + text.slice(end), start: start + INDENT.length, end: end + INDENT.length * lines.length };
}

/** outdent is Shift+Tab: every line the selection touches loses up to two leading spaces. */
export function outdent({ text, start, end }: Edit): Edit {
  const first = text.lastIndexOf('\n', start - 1) + 1;
  const lines = text.slice(first, end).split('\n');
  const removed = lines.map((l) => /^ {0,2}/.exec(l)![0].length);
  const block = lines.map((l, i) => l.slice(removed[i])).join('\n');
  const total = removed.reduce((a, b) => a + b, 0);
  const newStart = Math.max(first, start - removed[0]!);
  return { text: text.slice(0, first) + block + text.slice(end), start: newStart, end: Math.max(newStart, end - total) };
}

/** lineAndColumn is the caret's 1-based line and column. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - (before.lastIndexOf('\n') + 1) + 1 };
}

/** visibleFiles is the list the pane shows: the home folder's files, less hidden ones (.kube/…). */
export function visibleFiles(paths: readonly string[]): string[] {
  return paths.filter((p) => !p.split('/').some((part) => part.startsWith('.'))).sort((a, b) => a.localeCompare(b));
}

export type NameProblem = 'empty' | 'absolute' | 'parent' | 'exists';

/** checkFileName says why a new file's name cannot be used, or undefined when it can. */
export function checkFileName(name: string, existing: readonly string[]): NameProblem | undefined {
  const path = normalizeName(name);
  if (!path || path.endsWith('/')) return 'empty';
  if (name.trim().startsWith('/') || name.trim().startsWith('~')) return 'absolute';
  if (path.split('/').some((part) => part === '..')) return 'parent';
  if (existing.includes(path)) return 'exists';
  return undefined;
}

/** normalizeName trims a typed name and drops `./` and doubled slashes. */
export function normalizeName(name: string): string {
  return name
    .trim()
    .split('/')
    .filter((part, i, all) => part !== '.' && (part !== '' || i === all.length - 1))
    .join('/');
}

/**
 * EditorModel holds the open file: the text as last saved (or read) and the text in the editor.
 * The file on disk may change under it (a command in the terminal wrote it): an unchanged editor
 * follows the disk, a changed one keeps the learner's text.
 */
export class EditorModel {
  path?: string;
  private saved = '';
  private current = '';

  get text(): string {
    return this.current;
  }

  get dirty(): boolean {
    return this.path !== undefined && this.current !== this.saved;
  }

  /** open shows a file as read from the lab. */
  open(path: string, text: string): void {
    this.path = path;
    this.saved = this.current = text;
  }

  /** edit records what the learner typed. */
  edit(text: string): void {
    this.current = text;
  }

  /** saved records that text was written to the lab. */
  markSaved(text: string): void {
    this.saved = text;
  }

  /**
   * disk tells the model what the open file holds now; it answers whether the editor should
   * show it (the learner had no unsaved changes and the file changed).
   */
  disk(text: string | undefined): boolean {
    if (text === undefined || this.dirty || text === this.saved) return false;
    this.saved = this.current = text;
    return true;
  }

  close(): void {
    this.path = undefined;
    this.saved = this.current = '';
  }
}
