// Mirrors etcd etcdctl/ctlv3/command/del_command.go: `etcdctl del key [range_end] [--prefix] [--prev-kv]`.
import { ALL_KEYS, prefixEnd } from '../mvcc/key-range.js';
import { toBase64 } from '../server/gateway-codec.js';
import type { Json } from '../server/gateway-codec.js';
import { ExitBadArgs, ExitWithError } from './command.js';
import type { CommandContext } from './command.js';
import { parseFlags } from './flags.js';
import { printKV, toGoJson } from './printer.js';

export async function delCommand(ctx: CommandContext, argv: string[]): Promise<number> {
  const f = parseFlags(argv, { values: ['range'], bools: ['prefix', 'prev-kv', 'from-key'] });
  if (f.args.length === 0 || f.args.length > 2) {
    throw new ExitWithError(ExitBadArgs, 'del command needs one argument as key and an optional argument as range_end');
  }
  let [key, end] = f.args as [string, string | undefined];
  if (f.bools.has('prefix')) {
    if (end !== undefined) throw new ExitWithError(ExitBadArgs, '`--prefix` and `range_end` cannot be set at the same time, choose one');
    end = key === '' ? ALL_KEYS : prefixEnd(key);
    if (key === '') key = ALL_KEYS;
  } else if (f.bools.has('from-key')) {
    end = ALL_KEYS;
    if (key === '') key = ALL_KEYS;
  }
  const body: Json = { key: toBase64(key), range_end: end === undefined ? undefined : toBase64(end), prev_kv: f.bools.has('prev-kv') };
  const resp = await ctx.client.unary('/v3/kv/deleterange', body);
  if (ctx.writeOut === 'json') {
    ctx.io.stdout(toGoJson(resp) + '\n');
    return 0;
  }
  ctx.io.stdout(`${String(resp.deleted ?? 0)}\n`);
  for (const kv of (resp.prev_kvs as Json[] | undefined) ?? []) printKV(ctx.io.stdout, kv);
  return 0;
}
