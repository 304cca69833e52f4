// Mirrors etcd etcdctl/ctlv3/command/put_command.go: `etcdctl put key value [--lease=hex] [--prev-kv]`.
import { toBase64 } from '../server/gateway-codec.js';
import type { Json } from '../server/gateway-codec.js';
import { ExitBadArgs, ExitWithError } from './command.js';
import type { CommandContext } from './command.js';
import { parseFlags } from './flags.js';
import { printKV, toGoJson } from './printer.js';

export async function putCommand(ctx: CommandContext, argv: string[]): Promise<number> {
  const f = parseFlags(argv, { values: ['lease'], bools: ['prev-kv', 'ignore-value', 'ignore-lease'] });
  if (f.args.length === 0) throw new ExitWithError(ExitBadArgs, 'put command needs 1 argument and input from stdin or 2 arguments');
  if (f.args.length !== 2) throw new ExitWithError(ExitBadArgs, 'put command needs 1 argument and input from stdin or 2 arguments');
  const [key, value] = f.args as [string, string];
  const leaseHex = f.values.get('lease') ?? '0';
  const lease = parseInt(leaseHex, 16);
  if (!Number.isFinite(lease)) throw new ExitWithError(ExitBadArgs, `bad lease ID (strconv.ParseInt: parsing "${leaseHex}": invalid syntax), expecting ID in Hex`);
  const resp = await ctx.client.unary('/v3/kv/put', { key: toBase64(key), value: toBase64(value), lease: String(lease), prev_kv: f.bools.has('prev-kv') });
  if (ctx.writeOut === 'json') {
    ctx.io.stdout(toGoJson(resp) + '\n');
    return 0;
  }
  ctx.io.stdout('OK\n');
  if (resp.prev_kv) printKV(ctx.io.stdout, resp.prev_kv as Json);
  return 0;
}
