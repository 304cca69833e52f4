// The task renderer: what the lab task texts use, escaped, and every lab's task renders in both languages.
import { describe, expect, it } from 'vitest';
import { joinLines, renderInline, renderMarkdown } from '../../src/lab/task-markdown.js';

const tasks = import.meta.glob<string>('../../labs/*/task.*.md', { query: '?raw', import: 'default', eager: true });

describe('renderMarkdown', () => {
  it.each([
    { name: 'heading with offset', md: '## Your task', opts: { headingOffset: 1 }, html: '<h3>Your task</h3>' },
    { name: 'wrapped paragraph', md: 'one\ntwo', opts: {}, html: '<p>one two</p>' },
    { name: 'Chinese wraps without a space', md: '第一行\n第二行', opts: {}, html: '<p>第一行第二行</p>' },
    { name: 'ordered list with continuation', md: '1. first\n   more\n2. second', opts: {}, html: '<ol><li>first more</li><li>second</li></ol>' },
    { name: 'nested list', md: '1. a\n   - x\n   - y\n2. b', opts: {}, html: '<ol><li>a<ul><li>x</li><li>y</li></ul></li><li>b</li></ol>' },
    { name: 'fenced code is escaped and kept as is', md: '```sh\nkubectl get <x> # **no**\n```', opts: {}, html: '<pre data-lang="sh"><code>kubectl get &lt;x&gt; # **no**</code></pre>' },
    { name: 'raw HTML is escaped', md: '<script>alert(1)</script>', opts: {}, html: '<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>' },
  ])('$name', ({ md, opts, html }) => {
    expect(renderMarkdown(md, opts)).toBe(html);
  });

  it('renders inline code, bold, italic and only safe links', () => {
    expect(renderInline('**`redis-slave`** on *port* `a*b*c`')).toBe('<strong><code>redis-slave</code></strong> on <em>port</em> <code>a*b*c</code>');
    expect(renderInline('[docs](https://kubernetes.io) [x](javascript:void)')).toBe('<a href="https://kubernetes.io">docs</a> x');
    expect(renderInline('DB_PASSWORD stays')).toBe('DB_PASSWORD stays');
  });

  it('joins mixed lines', () => {
    expect(joinLines(['用', 'kubectl', 'run'])).toBe('用kubectl run');
  });

  it.each(Object.keys(tasks))('%s renders headings, lists and no stray markup', (path) => {
    const html = renderMarkdown(tasks[path]!, { headingOffset: 1 });
    expect(html).toMatch(/<h3>/);
    expect(html).toMatch(/<ol>/);
    expect(html).not.toMatch(/\*\*|<h1>/);
  });
});
