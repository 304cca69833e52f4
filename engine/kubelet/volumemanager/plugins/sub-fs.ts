// Mirrors a bind mount of a host directory (pkg/volume/hostpath, pkg/volume/util/subpath): a view
// of one directory of a larger tree, so hostPath volumes and PV backings share the node's files.
import type { FileStat, FileSystem } from '../../../images/types.js';
import { cleanPath } from '../../../images/fs/path.js';

export class SubFileSystem implements FileSystem {
  constructor(
    private readonly parent: FileSystem,
    private readonly root: string,
  ) {}

  private at(path: string): string {
    return cleanPath(`${this.root}/${cleanPath(path)}`);
  }

  readFile(path: string): Uint8Array {
    return this.parent.readFile(this.at(path));
  }
  readText(path: string): string {
    return this.parent.readText(this.at(path));
  }
  writeFile(path: string, data: Uint8Array | string, options?: { append?: boolean; mode?: number }): void {
    this.parent.writeFile(this.at(path), data, options);
  }
  readdir(path: string): string[] {
    return this.parent.readdir(this.at(path));
  }
  stat(path: string): FileStat | undefined {
    return this.parent.stat(this.at(path));
  }
  mkdir(path: string, options?: { recursive?: boolean }): void {
    if (cleanPath(path) === '/') return;
    this.parent.mkdir(this.at(path), options);
  }
  rm(path: string, options?: { recursive?: boolean }): void {
    this.parent.rm(this.at(path), options);
  }
}
