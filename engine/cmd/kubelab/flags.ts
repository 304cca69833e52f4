// Flag parsing for kubelab's subcommands: `--name value`, `--name=value` and booleans.

export interface ParsedFlags {
  values: Map<string, string>;
  positional: string[];
}

/** parseFlags reads the flags it knows; an unknown flag is an error, as in kubectl. */
export function parseFlags(argv: string[], known: { values: string[]; booleans?: string[] }): ParsedFlags {
  const values = new Map<string, string>();
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith('--')) {
      positional.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq < 0 ? undefined : eq);
    if (known.booleans?.includes(name)) {
      values.set(name, eq < 0 ? 'true' : arg.slice(eq + 1));
    } else if (known.values.includes(name)) {
      const value = eq < 0 ? argv[++i] : arg.slice(eq + 1);
      if (value === undefined) throw new Error(`flag needs an argument: --${name}`);
      values.set(name, value);
    } else {
      throw new Error(`unknown flag: --${name}`);
    }
  }
  return { values, positional };
}

/** portFlag parses a TCP port number (0 lets the system choose). */
export function portFlag(flags: ParsedFlags, name: string, fallback: number): number {
  const text = flags.values.get(name);
  if (text === undefined) return fallback;
  const port = Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`invalid value "${text}" for --${name}: must be a port number`);
  return port;
}
