// Builds Starlight's sidebar from the syllabus: one group per part in the syllabus order, each part's
// overview first, then its chapters in syllabus order — only those already written — then any
// extra pages of the part alphabetically.
import { firstLab, parts, type Locale } from '../syllabus.js';

/** langOf maps a locale folder to the BCP-47 tag Starlight keys label translations by. */
export const langOf: Record<Locale, string> = { en: 'en', 'zh-cn': 'zh-CN' };

export interface SidebarLink {
  slug: string;
}
export interface SidebarGroup {
  label: string;
  translations: Record<string, string>;
  collapsed?: boolean;
  items: SidebarLink[];
}
export type SidebarItem = SidebarLink | SidebarGroup;

/**
 * buildSidebar lists the pages present in the default locale. `pagesOf(part)` returns the slugs
 * (without extension, `index` for the overview) found in that part's folder.
 */
export function buildSidebar(pagesOf: (part: string) => string[]): SidebarItem[] {
  const items: SidebarItem[] = [
    { slug: firstLab.page },
    { slug: 'progress' },
  ];
  for (const part of parts) {
    const present = new Set(pagesOf(part.id));
    const ordered = part.pages.filter((p) => present.has(p));
    const extra = [...present].filter((p) => p !== 'index' && !part.pages.includes(p)).sort();
    const links: SidebarLink[] = [];
    if (present.has('index')) links.push({ slug: part.id });
    for (const p of [...ordered, ...extra]) links.push({ slug: `${part.id}/${p}` });
    if (links.length === 0) continue;
    items.push({ label: part.label.en, translations: { [langOf['zh-cn']]: part.label['zh-cn'] }, collapsed: false, items: links });
  }
  return items;
}
