// Mirrors etcd etcdctl/ctlv3/command/get_command.go: `etcdctl get key [range_end]`.
import { ALL_KEYS, prefixEnd } from '../mvcc/key-range.js';
import { toBase64 } from '../server/gateway-codec.js';
import type { Json } from '../server/gateway-codec.js';
import { ExitBadArgs, ExitWithError } from './command.js';
import type { CommandContext } from './command.js';
import { intFlag, parseFlags } from './flags.js';
import { printKV, toGoJson } from './printer.js';

export async function getCommand(ctx: CommandContext, argv: string[]): Promise<number> {
  const f = parseFlags(argv, {
    values: ['limit', 'rev', 'consistency', 'order', 'sort-by'],
    bools: ['prefix', 'from-key', 'keys-only', 'count-only', 'print-value-only'],
  });
  if (f.args.length === 0 || f.args.length > 2) {
    throw new ExitWithError(ExitBadArgs, 'get command needs one argument as key and an optional argument as range_end');
  }
  const prefix = f.bools.has('prefix');
  const fromKey = f.bools.has('from-key');
  if (prefix && fromKey) throw new ExitWithError(ExitBadArgs, '`--prefix` and `--from-key` cannot be set at the same time, choose one');
  let [key, end] = f.args as [string, string | undefined];
  if (end !== undefined && (prefix || fromKey)) {
    throw new ExitWithError(ExitBadArgs, `\`--${prefix ? 'prefix' : 'from-key'}\` and \`range_end\` cannot be set at the same time, choose one`);
  }
  if (prefix) {
    end = key === '' ? ALL_KEYS : prefixEnd(key);
    if (key === '') key = ALL_KEYS;
  }
  if (fromKey) {
    end = ALL_KEYS;
    if (key === '') key = ALL_KEYS;
  }
  const body: Json = {
    key: toBase64(key),
    range_end: end === undefined ? undefined : toBase64(end),
    limit: String(intFlag(f, 'limit')),
    revision: String(intFlag(f, 'rev')),
    keys_only: f.bools.has('keys-only'),
    count_only: f.bools.has('count-only'),
  };
  const resp = await ctx.client.unary('/v3/kv/range', body);
  if (ctx.writeOut === 'json') {
    ctx.io.stdout(toGoJson(resp) + '\n');
    return 0;
  }
  if (f.bools.has('count-only')) {
    ctx.io.stdout(`${String(resp.count ?? 0)}\n`);
    return 0;
  }
  for (const kv of (resp.kvs as Json[] | undefined) ?? []) printKV(ctx.io.stdout, kv, f.bools.has('print-value-only'));
  return 0;
}
