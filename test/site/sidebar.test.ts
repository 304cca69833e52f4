// The sidebar follows the syllabus: parts in order, each part's overview first, chapters in
// syllabus order, unlisted pages last; and the content folders match the syllabus' parts.
import { existsSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildSidebar, type SidebarGroup } from '../../src/site/sidebar.js';
import { labs, locales, parts } from '../../src/syllabus.js';

const syllabusParts = ['intro', 'getting-started', 'concepts', 'architecture', 'security', 'networking', 'developer-guide', 'operations', 'cases', 'source-reading'];

describe('buildSidebar', () => {
  it('lists every part in the syllabus order with translated labels', () => {
    const items = buildSidebar(() => ['index']);
    const groups = items.filter((i): i is SidebarGroup => 'items' in i);
    expect(groups.map((g) => g.items[0]!.slug)).toEqual(syllabusParts);
    expect(groups[0]).toMatchObject({ label: 'Introduction', translations: { 'zh-CN': '入门介绍' } });
    expect(groups.every((g) => g.translations['zh-CN'] && g.translations['zh-CN'] !== g.label)).toBe(true);
  });

  it('starts with the first lab and the progress page', () => {
    expect(buildSidebar(() => []).slice(0, 2)).toEqual([{ slug: 'first-lab' }, { slug: 'progress' }]);
  });

  it('orders chapters as the syllabus does, whatever the folder order, and skips unwritten ones', () => {
    const items = buildSidebar((part) => (part === 'concepts' ? ['services', 'zz-extra', 'index', 'pods', 'nodes', 'a-extra'] : []));
    const groups = items.filter((i): i is SidebarGroup => 'items' in i);
    expect(groups).toHaveLength(1);
    expect(groups[0]!.items.map((i) => i.slug)).toEqual([
      'concepts',
      'concepts/nodes',
      'concepts/pods',
      'concepts/services',
      'concepts/a-extra',
      'concepts/zz-extra',
    ]);
  });
});

describe('content folders', () => {
  const content = new URL('../../content/', import.meta.url).pathname;
  it.each(locales)('%s has an overview page for every part and no folder outside the syllabus', (locale) => {
    const folders = readdirSync(`${content}${locale}`, { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => d.name)
      .sort();
    expect(folders).toEqual([...syllabusParts].sort());
    for (const part of syllabusParts) expect(existsSync(`${content}${locale}/${part}/index.mdx`)).toBe(true);
  });

  it('parts and labs in the syllabus data are consistent', () => {
    expect(parts.map((p) => p.id)).toEqual(syllabusParts);
    const ids = labs.map((l) => l.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const l of labs.slice(1)) {
      const [part, slug] = l.page.split('/');
      expect(parts.find((p) => p.id === part)?.pages, l.id).toContain(slug);
    }
  });
});
