// Mirrors pkg/volume/util/atomic_writer.go and the payload builders of the secret, configMap and
// downwardAPI plugins: keys (or the chosen items) become files with the volume's default mode or an
// item's own. Simplified: files are replaced in place, without the ..data symlink swap.
import type { KeyToPath } from '../../../api/core/v1/types.js';
import { MemFileSystem } from '../../../images/fs/mem-fs.js';
import { dirname } from '../../../images/fs/path.js';

export interface FileProjection {
  data: Uint8Array | string;
  mode: number;
}

export type Payload = Map<string, FileProjection>;

/** makePayload projects keys into files; a missing item key is an error unless optional. */
export function makePayload(
  kind: 'ConfigMap' | 'Secret',
  data: Record<string, Uint8Array | string>,
  items: KeyToPath[] | undefined,
  defaultMode: number,
  optional: boolean,
): Payload {
  const payload: Payload = new Map();
  if (!items || items.length === 0) {
    for (const [k, v] of Object.entries(data)) payload.set(k, { data: v, mode: defaultMode });
    return payload;
  }
  for (const item of items) {
    const v = data[item.key];
    if (v === undefined) {
      if (optional) continue;
      throw new Error(kind === 'Secret' ? `references non-existent secret key: ${item.key}` : `configmap references non-existent config key: ${item.key}`);
    }
    payload.set(item.path, { data: v, mode: item.mode ?? defaultMode });
  }
  return payload;
}

/** writePayload makes fs hold exactly the payload's files (old ones removed). */
export function writePayload(fs: MemFileSystem, payload: Payload): boolean {
  let changed = false;
  const wanted = new Set(payload.keys());
  for (const name of listFiles(fs, '/')) {
    if (!wanted.has(name.slice(1))) {
      fs.rm(name, { recursive: true });
      changed = true;
    }
  }
  for (const [path, file] of payload) {
    const abs = `/${path}`;
    const bytes = typeof file.data === 'string' ? new TextEncoder().encode(file.data) : file.data;
    const stat = fs.stat(abs);
    if (stat?.type === 'file' && stat.mode === file.mode && sameBytes(fs.readFile(abs), bytes)) continue;
    fs.mkdir(dirname(abs), { recursive: true });
    fs.writeFile(abs, bytes, { mode: file.mode });
    changed = true;
  }
  return changed;
}

function listFiles(fs: MemFileSystem, dir: string): string[] {
  const out: string[] = [];
  for (const name of fs.readdir(dir)) {
    const p = dir === '/' ? `/${name}` : `${dir}/${name}`;
    if (fs.stat(p)?.type === 'dir') out.push(...listFiles(fs, p));
    else out.push(p);
  }
  return out;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
