// `kubelab grade` and `kubelab lab`: labs and submissions on disk. A lab is a folder under labs/
// (or any path) with lab.ts exporting the definition; its files are read into a path → text map.
import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Lab, LabFiles } from '../../grader/types.js';

/**
 * labsRoot is the repository's labs folder (this file lives in engine/cmd/kubelab/). Worked out on
 * use: in a bundled engine import.meta.url may not name a file at all.
 */
export function labsRoot(): string {
  return resolve(new URL('../../../labs', import.meta.url).pathname);
}

/** readTree reads every file under dir into a map of relative path → text. */
export async function readTree(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  const walk = async (d: string): Promise<void> => {
    for (const entry of (await readdir(d, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = join(d, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'node_modules') await walk(p);
      } else if (entry.isFile()) out[relative(dir, p).split('\\').join('/')] = await readFile(p, 'utf8');
    }
  };
  await walk(dir);
  return out;
}

/** labDir finds a lab by id (labs/<id>) or by path. */
export async function labDir(idOrPath: string): Promise<string> {
  for (const candidate of [resolve(idOrPath), join(labsRoot(), idOrPath)]) {
    if (await stat(join(candidate, 'lab.ts')).then((s) => s.isFile(), () => false)) return candidate;
  }
  throw new Error(`lab "${idOrPath}" not found (looked for lab.ts in ./${idOrPath} and labs/${idOrPath})`);
}

/** loadLab imports a lab's definition and reads its files. */
export async function loadLab(idOrPath: string): Promise<{ lab: Lab; files: LabFiles; dir: string }> {
  const dir = await labDir(idOrPath);
  const mod = (await import(pathToFileURL(join(dir, 'lab.ts')).href)) as { default?: Lab };
  if (!mod.default) throw new Error(`${join(dir, 'lab.ts')} has no default export (export default defineLab({…}))`);
  const files = await readTree(dir);
  delete files['lab.ts'];
  return { lab: mod.default, files, dir };
}

/** listLabs lists the lab ids under labs/. */
export async function listLabs(): Promise<string[]> {
  const entries = await readdir(labsRoot(), { withFileTypes: true });
  const ids: string[] = [];
  for (const e of entries) if (e.isDirectory() && (await stat(join(labsRoot(), e.name, 'lab.ts')).then(() => true, () => false))) ids.push(e.name);
  return ids.sort();
}
