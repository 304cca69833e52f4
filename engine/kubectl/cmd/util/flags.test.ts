import { describe, it, expect } from 'vitest';
import { FlagError, parseFlags, type FlagDef } from './flags.js';

const defs: FlagDef[] = [
  { name: 'namespace', short: 'n', kind: 'string' },
  { name: 'all-namespaces', short: 'A', kind: 'bool' },
  { name: 'filename', short: 'f', kind: 'stringSlice' },
  { name: 'env', kind: 'stringArray' },
  { name: 'replicas', kind: 'int', default: -1 },
  { name: 'dry-run', kind: 'string', default: 'none', noOptDefault: 'unchanged' },
];

describe('parseFlags', () => {
  const cases: Array<{ name: string; argv: string[]; want: Record<string, unknown>; args?: string[] }> = [
    { name: 'long with =', argv: ['--namespace=kube-system', 'pods'], want: { namespace: 'kube-system' }, args: ['pods'] },
    { name: 'long with space', argv: ['get', '--namespace', 'x'], want: { namespace: 'x' }, args: ['get'] },
    { name: 'short with space', argv: ['-n', 'x'], want: { namespace: 'x' } },
    { name: 'short glued', argv: ['-nx'], want: { namespace: 'x' } },
    { name: 'bool short', argv: ['-A'], want: { 'all-namespaces': true } },
    { name: 'slice splits commas and repeats', argv: ['-f', 'a.yaml,b.yaml', '-f', 'c.yaml'], want: { filename: ['a.yaml', 'b.yaml', 'c.yaml'] } },
    { name: 'array keeps commas', argv: ['--env', 'A=1,2', '--env', 'B=3'], want: { env: ['A=1,2', 'B=3'] } },
    { name: 'int', argv: ['--replicas=3'], want: { replicas: 3 } },
    { name: 'no-opt default', argv: ['--dry-run'], want: { 'dry-run': 'unchanged' } },
    { name: 'double dash ends flags', argv: ['x', '--', 'sh', '-c'], want: {}, args: ['x', 'sh', '-c'] },
  ];
  it.each(cases)('$name', ({ argv, want, args }) => {
    const p = parseFlags(argv, defs);
    for (const [k, v] of Object.entries(want)) expect(p.flags[k]).toEqual(v);
    if (args) expect(p.args).toEqual(args);
  });
  it('words unknown flags as pflag does', () => {
    expect(() => parseFlags(['--bogus'], defs)).toThrow(new FlagError('unknown flag: --bogus'));
    expect(() => parseFlags(['-z'], defs)).toThrow("unknown shorthand flag: 'z' in -z");
    expect(() => parseFlags(['--replicas=x'], defs)).toThrow('invalid argument "x" for "--replicas" flag');
  });
});
