// Mirrors etcd etcdctl/ctlv3/command/compaction_command.go: `etcdctl compaction <revision>`.
import { ExitBadArgs, ExitWithError } from './command.js';
import type { CommandContext } from './command.js';
import { parseFlags } from './flags.js';

export async function compactionCommand(ctx: CommandContext, argv: string[]): Promise<number> {
  const f = parseFlags(argv, { values: [], bools: ['physical'] });
  if (f.args.length !== 1) throw new ExitWithError(ExitBadArgs, 'compaction command needs 1 argument');
  const rev = Number(f.args[0]);
  if (!Number.isInteger(rev)) throw new ExitWithError(ExitBadArgs, `strconv.ParseInt: parsing "${f.args[0]}": invalid syntax`);
  await ctx.client.unary('/v3/kv/compaction', { revision: String(rev), physical: f.bools.has('physical') });
  ctx.io.stdout(`compacted revision ${rev}\n`);
  return 0;
}
