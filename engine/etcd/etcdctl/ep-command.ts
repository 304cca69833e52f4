// Mirrors etcd etcdctl/ctlv3/command/ep_command.go: `etcdctl endpoint status|health` for every
// endpoint in --endpoints, with the table columns of etcdctl 3.5.
import type { Json } from '../server/gateway-codec.js';
import { ExitError, ExitWithError } from './command.js';
import type { CommandContext } from './command.js';
import { parseFlags } from './flags.js';
import { humanizeBytes, renderTable, toGoJson } from './printer.js';

export async function endpointCommand(ctx: CommandContext, argv: string[]): Promise<number> {
  const [sub, ...rest] = argv;
  parseFlags(rest, { values: [], bools: ['cluster'] });
  if (sub === 'status') return endpointStatus(ctx);
  if (sub === 'health') return endpointHealth(ctx);
  throw new ExitWithError(ExitError, `unknown command "${sub ?? ''}" for "etcdctl endpoint"`);
}

async function endpointStatus(ctx: CommandContext): Promise<number> {
  const statuses: { ep: string; resp: Json }[] = [];
  for (const ep of ctx.endpoints) statuses.push({ ep, resp: await ctx.newClient(ep).unary('/v3/maintenance/status', {}) });
  if (ctx.writeOut === 'json') {
    ctx.io.stdout(toGoJson(statuses.map((s) => ({ Endpoint: s.ep, Status: s.resp }))) + '\n');
    return 0;
  }
  const hdr = ['endpoint', 'ID', 'version', 'db size', 'is leader', 'is learner', 'raft term', 'raft index', 'raft applied index', 'errors'];
  const rows = statuses.map(({ ep, resp }) => {
    const header = resp.header as Json;
    const memberId = BigInt(String(header.member_id)).toString(16);
    return [
      ep,
      memberId,
      String(resp.version ?? ''),
      humanizeBytes(Number(resp.dbSize ?? 0)),
      String(resp.leader === header.member_id),
      String(resp.isLearner === true),
      String(resp.raftTerm ?? 0),
      String(resp.raftIndex ?? 0),
      String(resp.raftAppliedIndex ?? 0),
      ((resp.errors as string[] | undefined) ?? []).join(', '),
    ];
  });
  if (ctx.writeOut === 'table') ctx.io.stdout(renderTable(hdr, rows));
  else for (const r of rows) ctx.io.stdout(r.join(', ') + '\n');
  return 0;
}

async function endpointHealth(ctx: CommandContext): Promise<number> {
  let healthy = true;
  for (const ep of ctx.endpoints) {
    try {
      await ctx.newClient(ep).unary('/v3/kv/range', { key: 'aGVhbHRo' });
      ctx.io.stdout(`${ep} is healthy: successfully committed proposal: took = 1ms\n`);
    } catch (err) {
      healthy = false;
      ctx.io.stderr(`${ep} is unhealthy: failed to commit proposal: ${(err as Error).message}\n`);
    }
  }
  if (!healthy) throw new ExitWithError(ExitError, 'unhealthy cluster');
  return 0;
}
