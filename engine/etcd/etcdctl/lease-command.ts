// Mirrors etcd etcdctl/ctlv3/command/lease_command.go: `lease grant|revoke|timetolive|list|keep-alive --once`.
import { fromBase64 } from '../server/gateway-codec.js';
import { ExitBadArgs, ExitError, ExitWithError } from './command.js';
import type { CommandContext } from './command.js';
import { parseFlags } from './flags.js';
import { toGoJson } from './printer.js';

const hex = (id: unknown) => Number(id ?? 0).toString(16).padStart(16, '0');

function leaseId(arg: string | undefined): string {
  const id = parseInt(arg ?? '', 16);
  if (!Number.isFinite(id)) throw new ExitWithError(ExitBadArgs, `bad lease ID arg (strconv.ParseInt: parsing "${arg ?? ''}": invalid syntax), expecting ID in Hex`);
  return String(id);
}

export async function leaseCommand(ctx: CommandContext, argv: string[]): Promise<number> {
  const [sub, ...rest] = argv;
  const f = parseFlags(rest, { values: [], bools: ['keys', 'once'] });
  const out = (json: unknown, text: string) => ctx.io.stdout(ctx.writeOut === 'json' ? toGoJson(json) + '\n' : text + '\n');
  switch (sub) {
    case 'grant': {
      const ttl = Number(f.args[0]);
      if (f.args.length !== 1 || !Number.isInteger(ttl)) throw new ExitWithError(ExitBadArgs, 'lease grant command needs TTL argument');
      const r = await ctx.client.unary('/v3/lease/grant', { TTL: String(ttl) });
      out(r, `lease ${hex(r.ID)} granted with TTL(${String(r.TTL)}s)`);
      return 0;
    }
    case 'revoke': {
      if (f.args.length !== 1) throw new ExitWithError(ExitBadArgs, 'lease revoke command needs 1 argument');
      const r = await ctx.client.unary('/v3/lease/revoke', { ID: leaseId(f.args[0]) });
      out(r, `lease ${hex(leaseId(f.args[0]))} revoked`);
      return 0;
    }
    case 'timetolive': {
      if (f.args.length !== 1) throw new ExitWithError(ExitBadArgs, 'lease timetolive command needs lease ID as argument');
      const r = await ctx.client.unary('/v3/lease/timetolive', { ID: leaseId(f.args[0]), keys: f.bools.has('keys') });
      if (Number(r.TTL) === -1) {
        out(r, `lease ${hex(r.ID)} already expired`);
        return 0;
      }
      let text = `lease ${hex(r.ID)} granted with TTL(${String(r.grantedTTL)}s), remaining(${String(r.TTL)}s)`;
      if (f.bools.has('keys')) text += `, attached keys([${((r.keys as string[] | undefined) ?? []).map(fromBase64).join(' ')}])`;
      out(r, text);
      return 0;
    }
    case 'list': {
      const r = await ctx.client.unary('/v3/lease/leases', {});
      const leases = (r.leases as { ID: string }[] | undefined) ?? [];
      out(r, [`found ${leases.length} leases`, ...leases.map((l) => hex(l.ID))].join('\n'));
      return 0;
    }
    case 'keep-alive': {
      if (f.args.length !== 1) throw new ExitWithError(ExitBadArgs, 'lease keep-alive command needs lease ID as argument');
      // Only --once is offered: a single keepalive, as `etcdctl lease keep-alive --once` sends.
      const res = await ctx.client.call('/v3/lease/keepalive', { ID: leaseId(f.args[0]) });
      const r = ((await res.json()) as { result: Record<string, unknown> }).result;
      out(r, `lease ${hex(r.ID)} keepalived with TTL(${String(r.TTL)})`);
      return 0;
    }
  }
  throw new ExitWithError(ExitError, `unknown command "${sub ?? ''}" for "etcdctl lease"`);
}
