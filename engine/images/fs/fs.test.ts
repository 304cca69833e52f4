import { describe, it, expect } from 'vitest';
import { MemFileSystem } from './mem-fs.js';
import { ContainerFileSystem, newImageLayer } from './container-fs.js';
import { cleanPath, resolvePath } from './path.js';
import type { Image } from '../types.js';

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (err) {
    return `${(err as { code?: string }).code}: ${(err as Error).message}`;
  }
  return undefined;
}

describe('paths', () => {
  it.each([
    ['/a/./b/../c/', '/a/c'],
    ['//x//y', '/x/y'],
    ['/..', '/'],
  ])('cleanPath(%s) = %s', (input, want) => expect(cleanPath(input)).toBe(want));
  it('resolves relative paths against cwd', () => {
    expect(resolvePath('/usr/share', '../lib/x')).toBe('/usr/lib/x');
    expect(resolvePath('/usr', '/etc')).toBe('/etc');
  });
});

describe('MemFileSystem', () => {
  const cases: { name: string; run: (fs: MemFileSystem) => unknown; want: string }[] = [
    { name: 'read missing file', run: (fs) => fs.readFile('/nope'), want: 'ENOENT: No such file or directory' },
    { name: 'read a directory', run: (fs) => fs.readFile('/d'), want: 'EISDIR: Is a directory' },
    { name: 'path through a file', run: (fs) => fs.readFile('/d/f/x'), want: 'ENOTDIR: Not a directory' },
    { name: 'mkdir existing', run: (fs) => fs.mkdir('/d'), want: 'EEXIST: File exists' },
    { name: 'mkdir without parent', run: (fs) => fs.mkdir('/x/y'), want: 'ENOENT: No such file or directory' },
    { name: 'write into missing dir', run: (fs) => fs.writeFile('/x/y', 'a'), want: 'ENOENT: No such file or directory' },
    { name: 'rm directory without -r', run: (fs) => fs.rm('/d'), want: 'EISDIR: Is a directory' },
    { name: 'readdir of a file', run: (fs) => fs.readdir('/d/f'), want: 'ENOTDIR: Not a directory' },
  ];
  it.each(cases)('$name', ({ run, want }) => {
    const fs = new MemFileSystem();
    fs.mkdir('/d');
    fs.writeFile('/d/f', 'hello');
    expect(codeOf(() => run(fs))).toBe(want);
  });

  it('writes, appends, lists and removes', () => {
    const fs = new MemFileSystem({ now: () => 42 });
    fs.mkdir('/a/b', { recursive: true });
    fs.writeFile('/a/b/x', 'one\n');
    fs.writeFile('/a/b/x', 'two\n', { append: true });
    fs.writeFile('/a/c', '');
    expect(fs.readText('/a/b/x')).toBe('one\ntwo\n');
    expect(fs.readdir('/a')).toEqual(['b', 'c']);
    expect(fs.stat('/a/b/x')).toEqual({ type: 'file', size: 8, mode: 0o644, mtimeMs: 42 });
    fs.rm('/a', { recursive: true });
    expect(fs.stat('/a')).toBeUndefined();
  });

  it('refuses writes when read-only', () => {
    const fs = new MemFileSystem({ readOnly: true });
    expect(codeOf(() => fs.writeFile('/x', 'a'))).toBe('EROFS: Read-only file system');
  });
});

describe('ContainerFileSystem', () => {
  const image: Image = {
    name: 'nginx',
    tags: ['1.7.9'],
    config: {},
    programs: {},
    files: { '/usr/share/nginx/html/index.html': (tag) => `nginx ${tag}`, '/etc/nginx/nginx.conf': 'conf' },
    sizeBytes: 1,
  };

  it('builds the image layer for a tag', () => {
    const fs = new ContainerFileSystem(newImageLayer(image, '1.7.9'));
    expect(fs.readText('/usr/share/nginx/html/index.html')).toBe('nginx 1.7.9');
    expect(fs.readdir('/')).toContain('tmp');
  });

  it('shows a mounted volume over the image files and hides what was below', () => {
    const fs = new ContainerFileSystem(newImageLayer(image, '1.7.9'));
    const volume = new MemFileSystem();
    volume.writeFile('/index.html', 'from volume');
    fs.mount('/usr/share/nginx/html', volume);
    expect(fs.readText('/usr/share/nginx/html/index.html')).toBe('from volume');
    fs.writeFile('/usr/share/nginx/html/new.txt', 'x');
    expect(volume.readText('/new.txt')).toBe('x');
    expect(fs.readText('/etc/nginx/nginx.conf')).toBe('conf');
  });

  it('creates missing mount points, shares a volume between containers, refuses writes to read-only mounts', () => {
    const shared = new MemFileSystem();
    const a = new ContainerFileSystem(new MemFileSystem());
    const b = new ContainerFileSystem(new MemFileSystem());
    a.mount('/data', shared);
    b.mount('/cache', shared);
    a.writeFile('/data/hello', 'hi');
    expect(b.readText('/cache/hello')).toBe('hi');
    expect(a.readdir('/')).toContain('data');
    const config = new MemFileSystem();
    config.writeFile('/key', 'value');
    a.mount('/etc/config', config, { readOnly: true });
    expect(a.readText('/etc/config/key')).toBe('value');
    expect(codeOf(() => a.writeFile('/etc/config/key', 'x'))).toBe('EROFS: Read-only file system');
    expect(codeOf(() => a.rm('/etc/config', { recursive: true }))).toBe('EBUSY: Resource busy');
    expect(codeOf(() => a.mkdir('/data'))).toBe('EEXIST: File exists');
  });
});
