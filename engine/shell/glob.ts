// Pattern matching for pathname expansion, `case` and ${x#pattern} (XCU 2.13): * ? [...] with
// quoted characters matching themselves.
import type { FileSystem } from './types.js';

/** PatternChar is one character of a pattern and whether quoting made it literal. */
export interface PatternChar {
  ch: string;
  quoted: boolean;
}

export function patternChars(text: string, quoted = false): PatternChar[] {
  return [...text].map((ch) => ({ ch, quoted }));
}

export function hasGlob(chars: PatternChar[]): boolean {
  return chars.some((c) => !c.quoted && (c.ch === '*' || c.ch === '?' || c.ch === '['));
}

/** patternSource converts a pattern to a RegExp body; greedy picks * as greedy or lazy. */
export function patternSource(chars: PatternChar[], greedy = true): string {
  let out = '';
  for (let i = 0; i < chars.length; i++) {
    const { ch, quoted } = chars[i]!;
    if (quoted) out += escape(ch);
    else if (ch === '*') out += greedy ? '.*' : '.*?';
    else if (ch === '?') out += '.';
    else if (ch === '[') {
      let j = i + 1;
      let cls = '';
      if (chars[j]?.ch === '!' || chars[j]?.ch === '^') {
        cls += '^';
        j++;
      }
      while (j < chars.length && chars[j]!.ch !== ']') cls += chars[j]!.ch === '\\' ? '\\\\' : chars[j]!.ch, j++;
      if (j >= chars.length) out += '\\[';
      else {
        out += `[${cls}]`;
        i = j;
      }
    } else out += escape(ch);
  }
  return out;
}

function escape(ch: string): string {
  return ch.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

export function matchPattern(text: string, chars: PatternChar[]): boolean {
  return new RegExp(`^${patternSource(chars)}$`, 's').test(text);
}

/** expandGlob lists the paths matching a pattern, sorted; [] when none match. */
export function expandGlob(fs: FileSystem, cwd: string, chars: PatternChar[]): string[] {
  const text = chars.map((c) => c.ch).join('');
  const absolute = text.startsWith('/');
  const segments: PatternChar[][] = [[]];
  for (const c of chars) {
    if (c.ch === '/') segments.push([]);
    else segments[segments.length - 1]!.push(c);
  }
  let paths: string[] = [absolute ? '/' : ''];
  for (const seg of segments) {
    if (seg.length === 0) continue;
    const next: string[] = [];
    for (const base of paths) {
      const dir = base === '' ? cwd : resolve(cwd, base);
      if (!hasGlob(seg)) {
        const candidate = join(base, seg.map((c) => c.ch).join(''));
        if (fs.stat(resolve(cwd, candidate))) next.push(candidate);
        continue;
      }
      let names: string[];
      try {
        names = fs.readdir(dir);
      } catch {
        continue;
      }
      const re = new RegExp(`^${patternSource(seg)}$`, 's');
      for (const name of names) {
        if (name.startsWith('.') && seg[0]?.ch !== '.') continue;
        if (re.test(name)) next.push(join(base, name));
      }
    }
    paths = next;
  }
  return paths.filter((p) => p !== '' && p !== '/').sort();
}

function join(base: string, name: string): string {
  if (base === '') return name;
  return base.endsWith('/') ? base + name : `${base}/${name}`;
}

function resolve(cwd: string, p: string): string {
  return p.startsWith('/') ? p : `${cwd.replace(/\/$/, '')}/${p}`;
}
