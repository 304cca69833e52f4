// test and [ (coreutils/test.c): file tests against the shell's file system, string and integer
// comparisons, ! -a -o and parentheses. Exit 0 true, 1 false, 2 on a usage error.
import type { CommandInvocation, FileSystem } from '../types.js';
import { resolvePath } from '../../images/fs/path.js';

class TestError extends Error {}

/** makeTest returns test/[ bound to a file system. */
export function makeTest(fs: FileSystem) {
  return async function test(inv: CommandInvocation): Promise<number> {
    let args = inv.argv.slice(1);
    const name = inv.argv[0] ?? 'test';
    if (name === '[') {
      if (args[args.length - 1] !== ']') {
        inv.stderr('[: missing ]\n');
        return 2;
      }
      args = args.slice(0, -1);
    }
    try {
      return evaluate(args, fs, inv.cwd) ? 0 : 1;
    } catch (err) {
      inv.stderr(`${name}: ${(err as Error).message}\n`);
      return 2;
    }
  };
}

function evaluate(args: string[], fs: FileSystem, cwd: string): boolean {
  let i = 0;
  const peek = (): string | undefined => args[i];
  const orExpr = (): boolean => {
    let v = andExpr();
    while (peek() === '-o') {
      i++;
      v = andExpr() || v;
    }
    return v;
  };
  const andExpr = (): boolean => {
    let v = notExpr();
    while (peek() === '-a') {
      i++;
      v = notExpr() && v;
    }
    return v;
  };
  const notExpr = (): boolean => {
    if (peek() === '!' && args.length - i > 1) {
      i++;
      return !notExpr();
    }
    return primary();
  };
  const primary = (): boolean => {
    const a = args[i];
    if (a === undefined) throw new TestError('argument expected');
    if (a === '(' && args.length - i > 2) {
      i++;
      const v = orExpr();
      if (args[i++] !== ')') throw new TestError('closing paren expected');
      return v;
    }
    const op = args[i + 1];
    if (op !== undefined && BINARY.has(op) && args[i + 2] !== undefined) {
      i += 3;
      return binary(a, op, args[i - 1]!);
    }
    if (/^-[a-zA-Z]$/.test(a) && args[i + 1] !== undefined) {
      i += 2;
      return unary(a, args[i - 1]!, fs, cwd);
    }
    i++;
    return a !== '';
  };
  if (args.length === 0) return false;
  const v = orExpr();
  if (i < args.length) throw new TestError(`${args[i]}: unknown operand`);
  return v;
}

const BINARY = new Set(['=', '==', '!=', '-eq', '-ne', '-lt', '-le', '-gt', '-ge', '<', '>']);

function int(s: string): number {
  if (!/^\s*-?\d+\s*$/.test(s)) throw new TestError(`${s}: bad number`);
  return Number(s);
}

function binary(a: string, op: string, b: string): boolean {
  switch (op) {
    case '=':
    case '==': return a === b;
    case '!=': return a !== b;
    case '<': return a < b;
    case '>': return a > b;
    case '-eq': return int(a) === int(b);
    case '-ne': return int(a) !== int(b);
    case '-lt': return int(a) < int(b);
    case '-le': return int(a) <= int(b);
    case '-gt': return int(a) > int(b);
    default: return int(a) >= int(b);
  }
}

function unary(op: string, arg: string, fs: FileSystem, cwd: string): boolean {
  const stat = (): ReturnType<FileSystem['stat']> => fs.stat(resolvePath(cwd, arg));
  switch (op) {
    case '-n': return arg !== '';
    case '-z': return arg === '';
    case '-e': case '-r': case '-w': return stat() !== undefined;
    case '-f': return stat()?.type === 'file';
    case '-d': return stat()?.type === 'dir';
    case '-s': return (stat()?.size ?? 0) > 0 && stat()?.type === 'file';
    case '-x': return ((stat()?.mode ?? 0) & 0o111) !== 0;
    case '-L': case '-h': return false;
    default: throw new TestError(`${op}: unknown operand`);
  }
}
