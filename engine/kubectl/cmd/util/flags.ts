// Mirrors github.com/spf13/pflag as kubectl uses it: long and shorthand flags, `--x=v`, `--x v`,
// `-n v`, `-nv`, bool flags, repeated string-array flags, and `--` ending flag parsing.

export type FlagKind = 'bool' | 'string' | 'int' | 'stringArray' | 'stringSlice';

export interface FlagDef {
  name: string;
  short?: string;
  kind: FlagKind;
  default?: string | boolean | number | string[];
  /** noOptDefault is the value a string flag takes when given without "=value" (e.g. --dry-run). */
  noOptDefault?: string;
}

export type FlagValues = Record<string, string | boolean | number | string[] | undefined>;

export interface Parsed {
  flags: FlagValues;
  args: string[];
  /** changed names the flags the user set. */
  changed: Set<string>;
  /** dashIndex is the position in args where `--` appeared, or -1. */
  dashIndex: number;
}

/** FlagError is a usage error; kubectl prints it with a "See 'kubectl <cmd> --help'" line. */
export class FlagError extends Error {}

/** parseFlags parses argv against defs; unknown flags are errors worded as pflag words them. */
export function parseFlags(argv: string[], defs: FlagDef[]): Parsed {
  const byName = new Map(defs.map((d) => [d.name, d]));
  const byShort = new Map(defs.filter((d) => d.short).map((d) => [d.short!, d]));
  const flags: FlagValues = {};
  for (const d of defs) flags[d.name] = Array.isArray(d.default) ? [...d.default] : d.default ?? defaultFor(d.kind);
  const changed = new Set<string>();
  const args: string[] = [];
  let dashIndex = -1;
  const seenArray = new Set<string>();
  const set = (d: FlagDef, raw: string, shown: string) => {
    changed.add(d.name);
    switch (d.kind) {
      case 'bool':
        if (!/^(true|false|1|0|t|f|TRUE|FALSE|True|False)$/.test(raw))
          throw new FlagError(`invalid argument "${raw}" for "${shown}" flag: strconv.ParseBool: parsing "${raw}": invalid syntax`);
        flags[d.name] = /^(true|1|t|TRUE|True)$/.test(raw);
        return;
      case 'int': {
        if (!/^-?\d+$/.test(raw))
          throw new FlagError(`invalid argument "${raw}" for "${shown}" flag: strconv.ParseInt: parsing "${raw}": invalid syntax`);
        flags[d.name] = Number(raw);
        return;
      }
      case 'stringArray':
      case 'stringSlice': {
        // The first use replaces the default; later uses append. Comma-separated values split
        // as pflag's StringSlice does (kubectl's -f and -l take either form).
        const prev = seenArray.has(d.name) ? (flags[d.name] as string[]) : [];
        seenArray.add(d.name);
        flags[d.name] = [...prev, ...(d.kind === 'stringSlice' ? raw.split(',').filter((x) => x !== '') : [raw])];
        return;
      }
      default:
        flags[d.name] = raw;
    }
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') {
      dashIndex = args.length;
      args.push(...argv.slice(i + 1));
      break;
    }
    if (a.startsWith('--') && a.length > 2) {
      const eq = a.indexOf('=');
      const name = eq < 0 ? a.slice(2) : a.slice(2, eq);
      const d = byName.get(name);
      if (!d) throw new FlagError(`unknown flag: --${name}`);
      if (eq >= 0) set(d, a.slice(eq + 1), `--${name}`);
      else if (d.kind === 'bool') set(d, 'true', `--${name}`);
      else if (d.noOptDefault !== undefined) set(d, d.noOptDefault, `--${name}`);
      else {
        if (i + 1 >= argv.length) throw new FlagError(`flag needs an argument: --${name}`);
        set(d, argv[++i]!, `--${name}`);
      }
      continue;
    }
    if (a.startsWith('-') && a.length > 1) {
      // Shorthand: -A, -n ns, -nns, -n=ns, or several bools together (-it).
      for (let j = 1; j < a.length; j++) {
        const c = a[j]!;
        const d = byShort.get(c);
        if (!d) throw new FlagError(`unknown shorthand flag: '${c}' in ${a}`);
        const shown = `-${c}, --${d.name}`;
        if (d.kind === 'bool') {
          if (a[j + 1] === '=') {
            set(d, a.slice(j + 2), shown);
            break;
          }
          set(d, 'true', shown);
          continue;
        }
        let rest = a.slice(j + 1);
        if (rest.startsWith('=')) rest = rest.slice(1);
        if (rest) set(d, rest, shown);
        else if (d.noOptDefault !== undefined) set(d, d.noOptDefault, shown);
        else {
          if (i + 1 >= argv.length) throw new FlagError(`flag needs an argument: '${c}' in -${c}`);
          set(d, argv[++i]!, shown);
        }
        break;
      }
      continue;
    }
    args.push(a);
  }
  return { flags, args, changed, dashIndex };
}

function defaultFor(kind: FlagKind): string | boolean | number | string[] {
  return kind === 'bool' ? false : kind === 'int' ? 0 : kind === 'stringArray' || kind === 'stringSlice' ? [] : '';
}

export const str = (v: FlagValues, name: string): string => (v[name] as string | undefined) ?? '';
export const bool = (v: FlagValues, name: string): boolean => v[name] === true;
export const int = (v: FlagValues, name: string): number => (v[name] as number | undefined) ?? 0;
export const arr = (v: FlagValues, name: string): string[] => (v[name] as string[] | undefined) ?? [];
