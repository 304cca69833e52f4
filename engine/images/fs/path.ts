// Path helpers shaped like Go's path.Clean / path.Join for slash-separated container paths.

/** cleanPath returns the shortest absolute path equal to p ("/a/./b/../c/" → "/a/c"). */
export function cleanPath(p: string): string {
  const out: string[] = [];
  for (const part of p.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') out.pop();
    else out.push(part);
  }
  return '/' + out.join('/');
}

/** resolvePath makes p absolute against cwd. */
export function resolvePath(cwd: string, p: string): string {
  return cleanPath(p.startsWith('/') ? p : `${cwd}/${p}`);
}

export function splitPath(p: string): string[] {
  return cleanPath(p).split('/').filter(Boolean);
}

export function basename(p: string): string {
  const parts = splitPath(p);
  return parts[parts.length - 1] ?? '/';
}

export function dirname(p: string): string {
  const parts = splitPath(p);
  parts.pop();
  return '/' + parts.join('/');
}
