// The editor pane's logic without a DOM: Tab and Shift+Tab, the caret's line and column, which files
// the list shows, new file names, and an open file that changes on disk under the editor.
import { describe, expect, it } from 'vitest';
import { checkFileName, EditorModel, indent, lineAndColumn, normalizeName, outdent, visibleFiles, type Edit } from '../../src/lab/ui/editor-model.js';

/** at marks a selection in text with [ and ] (a caret is []). */
function at(marked: string): Edit {
  const start = marked.indexOf('[');
  const end = marked.indexOf(']') - 1;
  return { text: marked.replace('[', '').replace(']', ''), start, end };
}

function marked({ text, start, end }: Edit): string {
  return text.slice(0, start) + '[' + text.slice(start, end) + ']' + text.slice(end);
}

describe('indent (Tab)', () => {
  it.each([
    { name: 'inserts two spaces at the caret', before: 'spec:\n[]replicas: 2', after: 'spec:\n  []replicas: 2' },
    { name: 'replaces a selection inside a line', before: 'replicas: [2]', after: 'replicas:   []' },
    { name: 'indents every line a selection touches', before: 'a:\n  b[: 1\nc]: 2\nd: 3', after: 'a:\n    b[: 1\n  c]: 2\nd: 3' },
  ])('$name', ({ before, after }) => {
    expect(marked(indent(at(before)))).toBe(after);
  });
});

describe('outdent (Shift+Tab)', () => {
  it.each([
    { name: 'removes two spaces before the caret', before: 'spec:\n    []replicas: 2', after: 'spec:\n  []replicas: 2' },
    { name: 'removes what there is when fewer than two', before: ' []x', after: '[]x' },
    { name: 'leaves an unindented line alone', before: 'a[]b', after: 'a[]b' },
    { name: 'outdents every selected line', before: 'a:\n  [b: 1\n    c]: 2', after: 'a:\n[b: 1\n  c]: 2' },
  ])('$name', ({ before, after }) => {
    expect(marked(outdent(at(before)))).toBe(after);
  });

  it('undoes indent on a block', () => {
    const before = at('x\n[y\nz]\n');
    expect(outdent(indent(before)).text).toBe(before.text);
  });
});

describe('lineAndColumn', () => {
  it.each([
    { offset: 0, line: 1, column: 1 },
    { offset: 3, line: 1, column: 4 },
    { offset: 4, line: 2, column: 1 },
    { offset: 9, line: 3, column: 1 },
    { offset: 10, line: 3, column: 2 },
  ])('offset $offset is line $line, column $column', ({ offset, line, column }) => {
    expect(lineAndColumn('abc\ndefg\nhi', offset)).toEqual({ line, column });
  });
});

describe('visibleFiles', () => {
  it('hides dotfiles and files in hidden folders, and sorts the rest', () => {
    expect(visibleFiles(['b.yaml', '.kube/config', 'guestbook/a.yaml', 'a.yaml', '.bashrc', 'x/.cache/y'])).toEqual(['a.yaml', 'b.yaml', 'guestbook/a.yaml']);
  });
});

describe('checkFileName', () => {
  const existing = ['pod.yaml', 'guestbook/frontend.yaml'];
  it.each([
    { name: 'my-pod.yaml', problem: undefined },
    { name: '  ./manifests/svc.yaml ', problem: undefined },
    { name: '', problem: 'empty' },
    { name: '   ', problem: 'empty' },
    { name: 'dir/', problem: 'empty' },
    { name: '/etc/passwd', problem: 'absolute' },
    { name: '~/x.yaml', problem: 'absolute' },
    { name: '../x.yaml', problem: 'parent' },
    { name: 'a/../../x.yaml', problem: 'parent' },
    { name: 'pod.yaml', problem: 'exists' },
    { name: './guestbook//frontend.yaml', problem: 'exists' },
  ])('"$name" → $problem', ({ name, problem }) => {
    expect(checkFileName(name, existing)).toBe(problem);
  });

  it('normalizes what was typed', () => {
    expect(normalizeName(' ./a//b/./c.yaml ')).toBe('a/b/c.yaml');
  });
});

describe('EditorModel', () => {
  it('is dirty while the text differs from what was saved', () => {
    const m = new EditorModel();
    expect(m.dirty).toBe(false);
    m.open('rc.yaml', 'replicas: 2\n');
    expect(m.dirty).toBe(false);
    m.edit('replicas: 4\n');
    expect(m.dirty).toBe(true);
    m.markSaved('replicas: 4\n');
    expect(m.dirty).toBe(false);
    m.edit('replicas: 2\n');
    expect(m.dirty).toBe(true);
  });

  it('follows the disk while unchanged, and keeps unsaved text when the disk changes', () => {
    const m = new EditorModel();
    m.open('f', 'one');
    expect(m.disk('one')).toBe(false);
    expect(m.disk('two')).toBe(true);
    expect(m.text).toBe('two');
    expect(m.dirty).toBe(false);
    m.edit('mine');
    expect(m.disk('three')).toBe(false);
    expect(m.text).toBe('mine');
    expect(m.disk(undefined)).toBe(false);
  });

  it('keeps the saved text when only the save was seen', () => {
    const m = new EditorModel();
    m.open('f', 'a');
    m.edit('b');
    m.markSaved('b');
    // The list refresh after the save reads back what was just written: nothing to show.
    expect(m.disk('b')).toBe(false);
    expect(m.text).toBe('b');
  });
});
