// A tiny Markdown renderer for the lab task texts (labs/<id>/task.<locale>.md), run at build time
// by <Lab>. It knows what the task texts use — headings, paragraphs, ordered and unordered lists
// (nested by indentation, with continuation lines), fenced code, inline code, bold, italic and
// links — and escapes everything else, so a task can never inject markup into the page.

const escapes: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };

/** escapeHTML makes text safe inside an element or a quoted attribute. */
export function escapeHTML(text: string): string {
  return text.replace(/[&<>"]/g, (c) => escapes[c]!);
}

/** renderInline renders code spans, links, bold and italic; code spans are never parsed further. */
export function renderInline(text: string): string {
  // Code spans are set aside first, so emphasis may wrap them but never reaches inside.
  const codes: string[] = [];
  const html = escapeHTML(text.replace(/`([^`]+)`/g, (_, code: string) => `\u0000${codes.push(code) - 1}\u0000`))
    .replace(/\[([^\]]+)\]\(([^)\s]+)\)/g, (_, label: string, href: string) => (/^(https?:|\/|#|\.)/.test(href) ? `<a href="${href}">${label}</a>` : label))
    .replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>')
    .replace(/(^|[^*\w])\*([^*\s][^*]*)\*/g, '$1<em>$2</em>')
    .replace(/(^|\W)_([^_\s][^_]*)_(?=\W|$)/g, '$1<em>$2</em>');
  return html.replace(/\u0000(\d+)\u0000/g, (_, i: string) => `<code>${escapeHTML(codes[Number(i)]!)}</code>`);
}

const cjk = /[\u3000-\u9fff\uff00-\uffef]/;

/** joinLines joins a wrapped paragraph; Chinese text wraps without a space between lines. */
export function joinLines(lines: string[]): string {
  return lines.reduce((text, line) => (!text ? line : cjk.test(text.at(-1)!) || cjk.test(line[0]!) ? text + line : `${text} ${line}`), '');
}

interface ListItem {
  marker: 'ol' | 'ul';
  indent: number;
  lines: string[];
}

const itemRe = /^(\s*)(\d+[.)]|[-*+])\s+(.*)$/;

/** renderList renders consecutive list lines; deeper-indented items nest in the item before them. */
function renderList(items: ListItem[]): string {
  let html = '';
  let i = 0;
  while (i < items.length) {
    const first = items[i]!;
    html += `<${first.marker}>`;
    while (i < items.length && items[i]!.indent === first.indent) {
      const item = items[i++]!;
      const children: ListItem[] = [];
      while (i < items.length && items[i]!.indent > first.indent) children.push(items[i++]!);
      html += `<li>${renderInline(joinLines(item.lines))}${children.length ? renderList(children) : ''}</li>`;
    }
    html += `</${first.marker}>`;
    // A shallower item after a nested run starts a new list at its own level.
  }
  return html;
}

export interface RenderOptions {
  /** headingOffset shifts heading levels (a task's "#" becomes an h3 with 2), capped at h6. */
  headingOffset?: number;
}

/** renderMarkdown turns a task text into HTML. */
export function renderMarkdown(markdown: string, options: RenderOptions = {}): string {
  const offset = options.headingOffset ?? 0;
  const lines = markdown.replace(/\r\n?/g, '\n').split('\n');
  const out: string[] = [];
  let paragraph: string[] = [];
  let list: ListItem[] = [];
  const flush = () => {
    if (paragraph.length) out.push(`<p>${renderInline(joinLines(paragraph))}</p>`);
    if (list.length) out.push(renderList(list));
    paragraph = [];
    list = [];
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const fence = /^\s*(`{3,}|~{3,})(\S*)/.exec(line);
    if (fence) {
      flush();
      const body: string[] = [];
      while (++i < lines.length && !lines[i]!.trim().startsWith(fence[1]!)) body.push(lines[i]!);
      const lang = fence[2] ? ` data-lang="${escapeHTML(fence[2])}"` : '';
      out.push(`<pre${lang}><code>${escapeHTML(body.join('\n'))}</code></pre>`);
      continue;
    }
    const heading = /^(#{1,6})\s+(.*?)\s*#*\s*$/.exec(line);
    if (heading) {
      flush();
      const level = Math.min(6, heading[1]!.length + offset);
      out.push(`<h${level}>${renderInline(heading[2]!)}</h${level}>`);
      continue;
    }
    if (!line.trim()) {
      flush();
      continue;
    }
    const item = itemRe.exec(line);
    if (item && !paragraph.length) {
      list.push({ marker: /\d/.test(item[2]!) ? 'ol' : 'ul', indent: item[1]!.length, lines: [item[3]!] });
    } else if (list.length) {
      list[list.length - 1]!.lines.push(line.trim());
    } else {
      paragraph.push(line.trim());
    }
  }
  flush();
  return out.join('\n');
}
