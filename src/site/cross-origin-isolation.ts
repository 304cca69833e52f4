// A Vite plugin that sends the headers WebContainers need (a cross-origin isolated page) from
// `astro dev` and `astro preview`; static hosts get the same headers from public/_headers,
// netlify.toml and vercel.json.
import type { Plugin } from 'vite';

export const isolationHeaders: Record<string, string> = {
  'Cross-Origin-Embedder-Policy': 'require-corp',
  'Cross-Origin-Opener-Policy': 'same-origin',
};

type Next = () => void;
type Res = { setHeader(name: string, value: string): void };

function setHeaders(_req: unknown, res: Res, next: Next): void {
  for (const [name, value] of Object.entries(isolationHeaders)) res.setHeader(name, value);
  next();
}

/** crossOriginIsolation adds COOP/COEP to every response of the dev and preview servers. */
export function crossOriginIsolation(): Plugin {
  return {
    name: 'kubelab:cross-origin-isolation',
    configureServer(server) {
      server.middlewares.use(setHeaders);
    },
    configurePreviewServer(server) {
      server.middlewares.use(setHeaders);
    },
  };
}
