// The lab's editor pane: a list of the files in the learner's home folder and a plain textarea to
// edit one. Saving writes through the runtime's files, so `kubectl apply -f` in the terminal reads
// what the editor shows. Tab indents with two spaces (Escape, then Tab, leaves the editor, so the
// keyboard is never trapped), Ctrl/Cmd+S saves, and every outcome is announced in a live region.
// The list follows the lab: it is read again whenever the runtime says its files may have changed.
import type { LabRuntime } from '../runtime/types.js';
import { checkFileName, EditorModel, indent, lineAndColumn, normalizeName, outdent, visibleFiles, type Edit } from './editor-model.js';

type Strings = Record<string, string>;

function $<T extends HTMLElement>(root: HTMLElement, selector: string): T {
  const el = root.querySelector<T>(selector);
  if (!el) throw new Error(`editor markup lacks ${selector}`);
  return el;
}

const fill = (template: string, file: string) => template.replace('{file}', file);

export class EditorPane {
  private readonly model = new EditorModel();
  private runtime?: LabRuntime;
  private unwatch?: () => void;
  private files: string[] = [];
  private readonly list: HTMLUListElement;
  private readonly text: HTMLTextAreaElement;
  private readonly name: HTMLElement;
  private readonly dirtyMark: HTMLElement;
  private readonly position: HTMLElement;
  private readonly status: HTMLElement;
  private readonly saveButton: HTMLButtonElement;
  private readonly newButton: HTMLButtonElement;
  private readonly newForm: HTMLFormElement;
  private readonly newName: HTMLInputElement;
  /** leaving is set by Escape: the next Tab moves focus instead of indenting. */
  private leaving = false;
  /** reopen is the file that was open when the lab stopped. */
  private reopen?: string;
  /** refreshing serialises list reads; again asks for one more after the current one. */
  private refreshing?: Promise<void>;
  private again = false;

  constructor(
    private readonly root: HTMLElement,
    private readonly t: Strings,
  ) {
    this.list = $(root, '.kl-file-list');
    this.text = $(root, '.kl-editor-text');
    this.name = $(root, '.kl-editor-name');
    this.dirtyMark = $(root, '.kl-editor-dirty');
    this.position = $(root, '.kl-editor-pos');
    this.status = $(root, '.kl-editor-status');
    this.saveButton = $(root, '[data-action="save"]');
    this.newButton = $(root, '[data-action="new-file"]');
    this.newForm = $(root, '.kl-new-file');
    this.newName = $(root, '.kl-new-file input');

    this.text.addEventListener('input', () => this.edited());
    this.text.addEventListener('keydown', (e) => this.key(e));
    for (const type of ['keyup', 'click', 'select', 'focus']) this.text.addEventListener(type, () => this.showPosition());
    root.addEventListener('keydown', (e) => {
      if ((e.ctrlKey || e.metaKey) && !e.altKey && e.key.toLowerCase() === 's') {
        e.preventDefault();
        void this.save();
      }
    });
    this.saveButton.addEventListener('click', () => void this.save());
    $(root, '[data-action="refresh-files"]').addEventListener('click', () => void this.refresh(true));
    this.newButton.addEventListener('click', () => this.toggleNew(this.newForm.hidden !== false));
    $(root, '[data-action="cancel-new"]').addEventListener('click', () => this.toggleNew(false));
    this.newForm.addEventListener('submit', (e) => {
      e.preventDefault();
      void this.create(this.newName.value);
    });
    this.newForm.addEventListener('keydown', (e) => e.key === 'Escape' && this.toggleNew(false));
    // Unsaved text is the one thing a reload would lose: ask first, as editors do.
    addEventListener('beforeunload', (e) => {
      if (this.model.dirty) e.preventDefault();
    });
  }

  /** attach shows the pane for a running lab and lists its files. */
  async attach(runtime: LabRuntime): Promise<void> {
    this.runtime = runtime;
    this.unwatch = runtime.watchFiles?.(() => void this.refresh());
    this.root.hidden = false;
    await this.refresh();
  }

  /** detach hides the pane while the lab is not running (Reset lab); the open file is opened again on attach. */
  detach(): void {
    this.unwatch?.();
    this.unwatch = undefined;
    this.runtime = undefined;
    this.root.hidden = true;
    this.reopen = this.model.path;
    this.model.close();
    this.text.value = '';
    this.text.disabled = true;
    this.showState();
  }

  /**
   * refresh reads the file list again and, when the open file changed on disk and the editor
   * holds no unsaved text, shows its new content.
   */
  refresh(announce = false): Promise<void> {
    if (this.refreshing) {
      this.again = true;
      return this.refreshing;
    }
    this.refreshing = (async () => {
      do {
        this.again = false;
        await this.readFiles().catch((err: unknown) => this.say(`${this.t['editor.error'] ?? 'Error:'} ${(err as Error).message ?? err}`));
      } while (this.again);
      this.refreshing = undefined;
      if (announce) this.say((this.t['editor.listed'] ?? '{count} files').replace('{count}', String(this.files.length)));
    })();
    return this.refreshing;
  }

  private async readFiles(): Promise<void> {
    const runtime = this.runtime;
    if (!runtime) return;
    const files = visibleFiles(await runtime.files.list());
    if (runtime !== this.runtime) return;
    if (files.join('\n') !== this.files.join('\n')) {
      this.files = files;
      this.renderList();
    }
    const path = this.model.path;
    if (path === undefined) {
      // Nothing open yet: the file open before a reset, else the first one.
      const first = this.reopen !== undefined && files.includes(this.reopen) ? this.reopen : files[0];
      if (first !== undefined) await this.open(first, false);
      return;
    }
    const text = await runtime.files.read(path);
    if (this.model.path === path && this.model.disk(text)) this.showText(this.model.text, true);
  }

  private renderList(): void {
    const focused = (document.activeElement as HTMLElement | null)?.dataset?.file;
    this.list.replaceChildren(
      ...this.files.map((path) => {
        const li = document.createElement('li');
        const button = document.createElement('button');
        button.type = 'button';
        button.className = 'kl-file';
        button.dataset.file = path;
        button.textContent = path;
        button.addEventListener('click', () => void this.open(path, true));
        li.append(button);
        return li;
      }),
    );
    if (focused) this.list.querySelector<HTMLElement>(`[data-file="${CSS.escape(focused)}"]`)?.focus();
    this.showState();
  }

  /** open reads a file into the editor; unsaved text in another file is only dropped when the learner agrees. */
  async open(path: string, announce: boolean): Promise<void> {
    const runtime = this.runtime;
    if (!runtime) return;
    if (this.model.dirty && this.model.path !== path && !confirm(fill(this.t['editor.discard'] ?? 'Discard the changes to {file}?', this.model.path!))) return;
    const text = await runtime.files.read(path);
    if (text === undefined) return this.say(fill(this.t['editor.missing'] ?? '{file} is gone.', path));
    this.model.open(path, text);
    this.showText(text, false);
    if (announce) this.say(fill(this.t['editor.opened'] ?? 'Opened {file}.', path));
  }

  /** save writes the editor's text to the open file. */
  async save(): Promise<void> {
    const { runtime, model } = this;
    const path = model.path;
    if (!runtime || path === undefined || this.text.disabled) return;
    const text = this.text.value;
    try {
      await runtime.files.write(path, text);
      if (model.path === path) model.markSaved(text);
      this.showState();
      this.say(fill(this.t['editor.saved'] ?? 'Saved {file}.', path));
    } catch (err) {
      this.say(`${fill(this.t['editor.saveFailed'] ?? 'Could not save {file}:', path)} ${(err as Error).message ?? err}`);
    }
  }

  private toggleNew(show: boolean): void {
    this.newForm.hidden = !show;
    this.newButton.setAttribute('aria-expanded', String(show));
    this.newName.removeAttribute('aria-invalid');
    if (show) {
      this.newName.value = '';
      this.newName.focus();
    } else this.newButton.focus();
  }

  /** create makes an empty file in the home folder and opens it. */
  private async create(typed: string): Promise<void> {
    const runtime = this.runtime;
    if (!runtime) return;
    const problem = checkFileName(typed, this.files);
    if (problem) {
      this.newName.setAttribute('aria-invalid', 'true');
      return this.say(fill(this.t[`editor.name.${problem}`] ?? problem, normalizeName(typed)));
    }
    const path = normalizeName(typed);
    if (this.model.dirty && !confirm(fill(this.t['editor.discard'] ?? 'Discard the changes to {file}?', this.model.path!))) return;
    await runtime.files.write(path, '');
    this.newForm.hidden = true;
    this.newButton.setAttribute('aria-expanded', 'false');
    this.model.open(path, '');
    this.showText('', false);
    await this.refresh();
    this.text.focus();
    this.say(fill(this.t['editor.created'] ?? 'Created {file}.', path));
  }

  private key(e: KeyboardEvent): void {
    if (e.key === 'Escape') {
      this.leaving = true;
      return;
    }
    const leaving = this.leaving;
    this.leaving = false;
    if (e.key !== 'Tab' || e.ctrlKey || e.metaKey || e.altKey || leaving) return;
    e.preventDefault();
    const before: Edit = { text: this.text.value, start: this.text.selectionStart, end: this.text.selectionEnd };
    this.replace(before, e.shiftKey ? outdent(before) : indent(before));
  }

  /**
   * replace puts an edit into the textarea as typing would, so the browser's undo still works:
   * the changed span is selected and replaced with insertText where the browser has it.
   */
  private replace(before: Edit, after: Edit): void {
    let from = 0;
    while (from < before.text.length && before.text[from] === after.text[from]) from++;
    let tail = 0;
    while (tail < before.text.length - from && tail < after.text.length - from && before.text.at(-1 - tail) === after.text.at(-1 - tail)) tail++;
    const insert = after.text.slice(from, after.text.length - tail);
    this.text.setSelectionRange(from, before.text.length - tail);
    const typed = insert === '' ? document.execCommand('delete') : document.execCommand('insertText', false, insert);
    if (!typed || this.text.value !== after.text) {
      this.text.value = after.text;
      this.edited();
    }
    this.text.setSelectionRange(after.start, after.end);
    this.showPosition();
  }

  private edited(): void {
    this.model.edit(this.text.value);
    this.showState();
  }

  private showText(text: string, keepCaret: boolean): void {
    const { selectionStart, selectionEnd } = this.text;
    this.text.disabled = false;
    this.text.value = text;
    if (keepCaret) this.text.setSelectionRange(Math.min(selectionStart, text.length), Math.min(selectionEnd, text.length));
    else this.text.setSelectionRange(0, 0), (this.text.scrollTop = 0);
    this.showState();
    this.showPosition();
  }

  private showState(): void {
    const path = this.model.path;
    this.name.textContent = path ?? this.t['editor.none'] ?? '';
    this.dirtyMark.hidden = !this.model.dirty;
    this.saveButton.disabled = path === undefined || this.text.disabled;
    this.root.dataset.dirty = String(this.model.dirty);
    for (const b of this.list.querySelectorAll<HTMLElement>('.kl-file')) {
      if (b.dataset.file === path) b.setAttribute('aria-current', 'true');
      else b.removeAttribute('aria-current');
      b.dataset.dirty = String(b.dataset.file === path && this.model.dirty);
    }
  }

  private showPosition(): void {
    const { line, column } = lineAndColumn(this.text.value, this.text.selectionStart);
    this.position.textContent = (this.t['editor.position'] ?? 'Ln {line}, Col {column}').replace('{line}', String(line)).replace('{column}', String(column));
  }

  private say(message: string): void {
    // The same words twice in a row are announced again only if the region changes.
    this.status.textContent = this.status.textContent === message ? `${message}\u00a0` : message;
  }
}
