// English and Simplified Chinese at parity: every page in both locales with the same slug, the same
// number of headings, code blocks, labs and manifests in the same order.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const content = new URL('../../content/', import.meta.url).pathname;

function pages(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...pages(p));
    else if (/\.mdx?$/.test(entry.name)) out.push(p);
  }
  return out;
}

/** shape lists what must match across locales: heading levels, code fences, lab ids and manifest files. */
export function shape(text: string): string[] {
  const body = text.replace(/^---\n[\s\S]*?\n---\n/, '');
  const out: string[] = [];
  let fence = '';
  for (const line of body.split('\n')) {
    const f = /^\s*(`{3,}|~{3,})(\S*)/.exec(line);
    if (f) {
      if (!fence) (fence = f[1]!), out.push(`code:${f[2] || 'text'}`);
      else if (f[1]!.startsWith(fence[0]!) && f[1]!.length >= fence.length) fence = '';
      continue;
    }
    if (fence) continue;
    const h = /^(#{1,6})\s/.exec(line);
    if (h) out.push(`h${h[1]!.length}`);
    for (const m of line.matchAll(/<Lab\s+id="([^"]+)"/g)) out.push(`lab:${m[1]}`);
    for (const m of line.matchAll(/<Manifest\s+file="([^"]+)"/g)) out.push(`manifest:${m[1]}`);
  }
  return out;
}

const en = pages(join(content, 'en')).map((p) => relative(join(content, 'en'), p)).sort();
const zh = pages(join(content, 'zh-cn')).map((p) => relative(join(content, 'zh-cn'), p)).sort();

describe('locale parity', () => {
  it('has the same pages in both locales', () => {
    expect(zh).toEqual(en);
  });

  it.each(en.filter((p) => zh.includes(p)))('%s has the same headings, code blocks, labs and manifests', (page) => {
    const a = shape(readFileSync(join(content, 'en', page), 'utf8'));
    const b = shape(readFileSync(join(content, 'zh-cn', page), 'utf8'));
    expect(b).toEqual(a);
  });

  it('shape sees headings, fences, labs and manifests but not headings inside code', () => {
    const text = '---\ntitle: x\n---\n## A\n```sh\n# not a heading\n```\n<Lab id="pods" />\n### B\n<Manifest file="a.yaml" code={a} />\n';
    expect(shape(text)).toEqual(['h2', 'code:sh', 'lab:pods', 'h3', 'manifest:a.yaml']);
  });
});
