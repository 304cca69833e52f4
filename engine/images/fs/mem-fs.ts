// An in-memory file tree (what an overlayfs upper dir or a tmpfs emptyDir holds). No links, owners
// or permissions checks; modes are kept for `ls -l` and `stat`.
import type { FileStat, FileSystem } from '../types.js';
import { FsError } from './errors.js';
import { cleanPath, splitPath } from './path.js';

interface FileNode {
  type: 'file';
  data: Uint8Array;
  mode: number;
  mtimeMs: number;
}
interface DirNode {
  type: 'dir';
  children: Map<string, Node>;
  mode: number;
  mtimeMs: number;
}
type Node = FileNode | DirNode;

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** MemFileSystem is a writable tree; readOnly makes every write fail with EROFS. */
export class MemFileSystem implements FileSystem {
  private root: DirNode;

  constructor(private readonly options: { now?: () => number; readOnly?: boolean } = {}) {
    this.root = { type: 'dir', children: new Map(), mode: 0o755, mtimeMs: this.now() };
  }

  private now(): number {
    return this.options.now?.() ?? 0;
  }

  private lookup(path: string): Node | undefined {
    let node: Node = this.root;
    for (const part of splitPath(path)) {
      if (node.type !== 'dir') throw new FsError('ENOTDIR', path);
      const next = node.children.get(part);
      if (!next) return undefined;
      node = next;
    }
    return node;
  }

  private parentOf(path: string, create: boolean): { dir: DirNode; name: string } {
    const parts = splitPath(path);
    const name = parts.pop();
    if (name === undefined) throw new FsError('EISDIR', path);
    let dir: DirNode = this.root;
    for (const part of parts) {
      let next = dir.children.get(part);
      if (!next) {
        if (!create) throw new FsError('ENOENT', path);
        next = { type: 'dir', children: new Map(), mode: 0o755, mtimeMs: this.now() };
        dir.children.set(part, next);
      }
      if (next.type !== 'dir') throw new FsError('ENOTDIR', path);
      dir = next;
    }
    return { dir, name };
  }

  private writable(path: string): void {
    if (this.options.readOnly) throw new FsError('EROFS', path);
  }

  readFile(path: string): Uint8Array {
    const node = this.lookup(path);
    if (!node) throw new FsError('ENOENT', path);
    if (node.type === 'dir') throw new FsError('EISDIR', path);
    return node.data;
  }

  readText(path: string): string {
    return decoder.decode(this.readFile(path));
  }

  writeFile(path: string, data: Uint8Array | string, options: { append?: boolean; mode?: number } = {}): void {
    this.writable(path);
    const { dir, name } = this.parentOf(path, false);
    const bytes = typeof data === 'string' ? encoder.encode(data) : data;
    const existing = dir.children.get(name);
    if (existing?.type === 'dir') throw new FsError('EISDIR', path);
    if (existing && options.append) {
      const joined = new Uint8Array(existing.data.length + bytes.length);
      joined.set(existing.data);
      joined.set(bytes, existing.data.length);
      existing.data = joined;
      existing.mtimeMs = this.now();
      return;
    }
    dir.children.set(name, { type: 'file', data: bytes.slice(), mode: options.mode ?? existing?.mode ?? 0o644, mtimeMs: this.now() });
    dir.mtimeMs = this.now();
  }

  readdir(path: string): string[] {
    const node = this.lookup(path);
    if (!node) throw new FsError('ENOENT', path);
    if (node.type !== 'dir') throw new FsError('ENOTDIR', path);
    return [...node.children.keys()].sort();
  }

  stat(path: string): FileStat | undefined {
    let node: Node | undefined;
    try {
      node = this.lookup(path);
    } catch {
      return undefined;
    }
    if (!node) return undefined;
    return {
      type: node.type,
      size: node.type === 'file' ? node.data.length : 4096,
      mode: node.mode,
      mtimeMs: node.mtimeMs,
    };
  }

  mkdir(path: string, options: { recursive?: boolean } = {}): void {
    if (cleanPath(path) === '/') {
      if (options.recursive) return;
      throw new FsError('EEXIST', path);
    }
    this.writable(path);
    const { dir, name } = this.parentOf(path, options.recursive ?? false);
    const existing = dir.children.get(name);
    if (existing) {
      if (options.recursive && existing.type === 'dir') return;
      throw new FsError('EEXIST', path);
    }
    dir.children.set(name, { type: 'dir', children: new Map(), mode: 0o755, mtimeMs: this.now() });
  }

  rm(path: string, options: { recursive?: boolean } = {}): void {
    this.writable(path);
    const { dir, name } = this.parentOf(path, false);
    const node = dir.children.get(name);
    if (!node) throw new FsError('ENOENT', path);
    if (node.type === 'dir' && !options.recursive) throw new FsError('EISDIR', path);
    dir.children.delete(name);
  }
}
