// A container's root filesystem: the image layer copied into a private writable layer (what
// overlayfs gives each container) plus volume mounts at paths, as the kubelet's volume manager
// sets them up. Simplified: the image layer is copied rather than shared copy-on-write.
import type { FileStat, FileSystem, Image } from '../types.js';
import { FsError } from './errors.js';
import { MemFileSystem } from './mem-fs.js';
import { cleanPath, dirname } from './path.js';

interface Mount {
  path: string;
  fs: FileSystem;
  readOnly: boolean;
}

/** newImageLayer builds a writable tree holding an image's files for one tag. */
export function newImageLayer(image: Image, tag: string, now?: () => number): MemFileSystem {
  const layer = new MemFileSystem({ now });
  for (const [path, content] of Object.entries(image.files)) {
    layer.mkdir(dirname(path), { recursive: true });
    const text = typeof content === 'function' ? content(tag) : content;
    layer.writeFile(path, text, { mode: path.includes('/bin/') ? 0o755 : 0o644 });
  }
  for (const dir of ['/tmp', '/etc', '/proc', '/root', '/var', '/dev']) layer.mkdir(dir, { recursive: true });
  return layer;
}

/** ContainerFileSystem routes each path to the deepest mount covering it, else to the root layer. */
export class ContainerFileSystem implements FileSystem {
  private mountTable: Mount[] = [];

  constructor(private readonly root: FileSystem) {}

  /** mount places fs at path (creating the mount point); a later mount at the same path replaces it. */
  mount(path: string, fs: FileSystem, options: { readOnly?: boolean } = {}): void {
    const at = cleanPath(path);
    const [under] = this.route(at);
    if (!under.fs.stat(under.rel)) under.fs.mkdir(under.rel, { recursive: true });
    this.mountTable = this.mountTable.filter((m) => m.path !== at);
    this.mountTable.push({ path: at, fs, readOnly: options.readOnly ?? false });
    this.mountTable.sort((a, b) => b.path.length - a.path.length);
  }

  /** mounts lists mount points, deepest first. */
  mounts(): { path: string; readOnly: boolean }[] {
    return this.mountTable.map((m) => ({ path: m.path, readOnly: m.readOnly }));
  }

  private route(path: string): [{ fs: FileSystem; rel: string; readOnly: boolean }, Mount | undefined] {
    const p = cleanPath(path);
    for (const m of this.mountTable) {
      if (p === m.path || p.startsWith(m.path === '/' ? '/' : m.path + '/')) {
        return [{ fs: m.fs, rel: cleanPath(p.slice(m.path.length) || '/'), readOnly: m.readOnly }, m];
      }
    }
    return [{ fs: this.root, rel: p, readOnly: false }, undefined];
  }

  private forWrite(path: string): { fs: FileSystem; rel: string } {
    const [target] = this.route(path);
    if (target.readOnly) throw new FsError('EROFS', path);
    return target;
  }

  readFile(path: string): Uint8Array {
    const [t] = this.route(path);
    return t.fs.readFile(t.rel);
  }

  readText(path: string): string {
    const [t] = this.route(path);
    return t.fs.readText(t.rel);
  }

  writeFile(path: string, data: Uint8Array | string, options?: { append?: boolean; mode?: number }): void {
    const t = this.forWrite(path);
    t.fs.writeFile(t.rel, data, options);
  }

  readdir(path: string): string[] {
    const [t] = this.route(path);
    return t.fs.readdir(t.rel);
  }

  stat(path: string): FileStat | undefined {
    const [t] = this.route(path);
    return t.fs.stat(t.rel);
  }

  mkdir(path: string, options?: { recursive?: boolean }): void {
    const [t, m] = this.route(path);
    if (m && t.rel === '/') {
      if (options?.recursive) return;
      throw new FsError('EEXIST', path);
    }
    if (t.readOnly) throw new FsError('EROFS', path);
    t.fs.mkdir(t.rel, options);
  }

  rm(path: string, options?: { recursive?: boolean }): void {
    const p = cleanPath(path);
    if (this.mountTable.some((m) => m.path === p || (options?.recursive && m.path.startsWith(p === '/' ? '/' : p + '/')))) {
      throw new FsError('EBUSY', path);
    }
    const t = this.forWrite(p);
    t.fs.rm(t.rel, options);
  }
}
