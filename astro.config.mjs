// The Kubelab study site: Starlight with chapters from the top-level `content/` folder, the sidebar
// built from the syllabus, and the headers that let a page boot WebContainers.
import { existsSync, readdirSync } from 'node:fs';
import { defineConfig } from 'astro/config';
import starlight from '@astrojs/starlight';
import { buildSidebar } from './src/site/sidebar.ts';
import { crossOriginIsolation, isolationHeaders } from './src/site/cross-origin-isolation.ts';

/** pagesOf lists the page slugs of one part in the default locale. */
function pagesOf(part) {
  const dir = new URL(`./content/en/${part}/`, import.meta.url);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => /\.mdx?$/.test(f))
    .map((f) => f.replace(/\.mdx?$/, ''));
}

export default defineConfig({
  redirects: { '/': '/en/' },
  // Astro's preview server drops user Vite plugins, so the headers are also set here.
  server: { headers: isolationHeaders },
  vite: {
    plugins: [crossOriginIsolation()],
    worker: { format: 'es' },
    // Pre-bundle what the lab loads on Start, so `astro dev` does not reload the page mid-start.
    optimizeDeps: { include: ['@xterm/xterm', '@xterm/addon-fit', 'yaml'] },
  },
  integrations: [
    starlight({
      title: 'Kubelab',
      description: 'Learn Kubernetes hands-on, with a complete cluster running in your browser.',
      defaultLocale: 'en',
      locales: {
        en: { label: 'English', lang: 'en' },
        'zh-cn': { label: '简体中文', lang: 'zh-CN' },
      },
      sidebar: buildSidebar(pagesOf),
      customCss: ['./src/styles/kubelab.css'],
      expressiveCode: {
        themes: ['github-dark', 'github-light'],
        shiki: { langAlias: { console: 'shellsession' } },
      },
    }),
  ],
});
