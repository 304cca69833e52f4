// The Kubelab study site: Starlight with chapters from the top-level `content/` folder.
import { defineConfig } from 'astro/config';
import starlight from '@astrojs/starlight';

export default defineConfig({
  integrations: [
    starlight({
      title: 'Kubelab',
      description: 'Learn Kubernetes hands-on, with a complete cluster running in your browser.',
      defaultLocale: 'en',
      locales: {
        en: { label: 'English', lang: 'en' },
        'zh-cn': { label: '简体中文', lang: 'zh-CN' },
      },
    }),
  ],
});
