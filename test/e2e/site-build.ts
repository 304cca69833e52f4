// Makes sure the site is built once for the browser tests: `npm test` builds before vitest; run
// alone, the e2e suite builds when dist/ is missing or older than the sources it was built from.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const root = new URL('../../', import.meta.url).pathname;
export const dist = join(root, 'dist');

function newest(dir: string): number {
  let t = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    t = Math.max(t, entry.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

/** ensureBuilt builds the engine bundle and runs `astro build` unless dist/ is newer than the sources (site, chapters, labs, engine). */
export function ensureBuilt(): void {
  const marker = join(dist, 'en', 'first-lab', 'index.html');
  const fresh = existsSync(marker) && statSync(marker).mtimeMs >= Math.max(...['src', 'content', 'labs', 'engine'].map((d) => newest(join(root, d))));
  if (fresh) return;
  execFileSync(process.execPath, ['scripts/build-engine-bundle.mjs'], { cwd: root, stdio: 'inherit' });
  execFileSync('npx', ['astro', 'build'], { cwd: root, stdio: 'inherit' });
}
