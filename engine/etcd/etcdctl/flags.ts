// Mirrors the cobra/pflag parsing etcdctl relies on (etcdctl/ctlv3/ctl.go): --flag=value,
// --flag value, -w json, and boolean flags, with the positional arguments left over.

export interface FlagSpec {
  /** values names flags that take a value (long names, plus short aliases in `short`). */
  values: string[];
  bools: string[];
  short?: Record<string, string>;
}

export interface ParsedFlags {
  args: string[];
  values: Map<string, string>;
  bools: Set<string>;
}

export class FlagError extends Error {}

export function parseFlags(argv: string[], spec: FlagSpec): ParsedFlags {
  const out: ParsedFlags = { args: [], values: new Map(), bools: new Set() };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') {
      out.args.push(...argv.slice(i + 1));
      break;
    }
    if (!a.startsWith('-') || a === '-') {
      out.args.push(a);
      continue;
    }
    let name: string;
    let inline: string | undefined;
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      name = eq < 0 ? a.slice(2) : a.slice(2, eq);
      inline = eq < 0 ? undefined : a.slice(eq + 1);
    } else {
      const s = a.slice(1, 2);
      name = spec.short?.[s] ?? s;
      inline = a.length > 2 ? a.slice(a[2] === '=' ? 3 : 2) : undefined;
    }
    if (spec.bools.includes(name)) {
      out.bools.add(name);
      if (inline === 'false') out.bools.delete(name);
    } else if (spec.values.includes(name)) {
      const v = inline ?? argv[++i];
      if (v === undefined) throw new FlagError(`flag needs an argument: --${name}`);
      out.values.set(name, v);
    } else {
      throw new FlagError(`unknown flag: --${name}`);
    }
  }
  return out;
}

/** intFlag reads an integer flag, failing like pflag on garbage. */
export function intFlag(flags: ParsedFlags, name: string, fallback = 0): number {
  const v = flags.values.get(name);
  if (v === undefined) return fallback;
  const n = Number(v);
  if (!Number.isInteger(n)) throw new FlagError(`invalid argument "${v}" for "--${name}" flag: strconv.ParseInt: parsing "${v}": invalid syntax`);
  return n;
}
