// Mirrors etcd etcdctl/ctlv3/command/watch_command.go: `etcdctl watch key [range_end] [--prefix]
// [--rev] [--prev-kv]`, printing events until the signal aborts or the server cancels the watch.
import { ALL_KEYS, prefixEnd } from '../mvcc/key-range.js';
import { toBase64 } from '../server/gateway-codec.js';
import type { Json } from '../server/gateway-codec.js';
import { ExitBadArgs, ExitInterrupted, ExitWithError } from './command.js';
import type { CommandContext } from './command.js';
import { intFlag, parseFlags } from './flags.js';
import { printKV, toGoJson } from './printer.js';

export async function watchCommand(ctx: CommandContext, argv: string[]): Promise<number> {
  const f = parseFlags(argv, { values: ['rev'], bools: ['prefix', 'prev-kv', 'interactive', 'progress-notify'], short: { i: 'interactive' } });
  if (f.args.length === 0 || f.args.length > 2) throw new ExitWithError(ExitBadArgs, 'bad number of arguments');
  let [key, end] = f.args as [string, string | undefined];
  if (f.bools.has('prefix')) {
    if (end !== undefined) throw new ExitWithError(ExitBadArgs, '`--prefix` and `range_end` cannot be set at the same time, choose one');
    end = key === '' ? ALL_KEYS : prefixEnd(key);
    if (key === '') key = ALL_KEYS;
  }
  const body: Json = {
    create_request: {
      key: toBase64(key),
      range_end: end === undefined ? undefined : toBase64(end),
      start_revision: String(intFlag(f, 'rev')),
      prev_kv: f.bools.has('prev-kv'),
      progress_notify: f.bools.has('progress-notify'),
    },
  };
  const signal = ctx.io.signal ?? new AbortController().signal;
  try {
    for await (const resp of ctx.client.stream('/v3/watch', body, signal)) {
      if (resp.created) continue;
      if (ctx.writeOut === 'json') {
        ctx.io.stdout(toGoJson(watchResponse(resp)) + '\n');
      } else {
        for (const ev of (resp.events as Json[] | undefined) ?? []) {
          ctx.io.stdout(`${String(ev.type ?? 'PUT')}\n`);
          if (ev.prev_kv) printKV(ctx.io.stdout, ev.prev_kv as Json);
          printKV(ctx.io.stdout, ev.kv as Json);
        }
      }
      if (resp.canceled) {
        ctx.io.stdout(`watch was canceled (${String(resp.cancel_reason ?? '')})\n`);
        break;
      }
    }
  } catch (err) {
    if (signal.aborted) return 0;
    throw err;
  }
  if (signal.aborted) return 0;
  throw new ExitWithError(ExitInterrupted, 'watch is canceled by the server');
}

/** watchResponse shapes a gateway result like clientv3.WatchResponse, which etcdctl -w json prints. */
function watchResponse(r: Json): Json {
  return {
    Header: r.header,
    Events: (r.events as Json[] | undefined) ?? null,
    CompactRevision: r.compact_revision ?? '0',
    Canceled: r.canceled === true,
    Created: r.created === true,
  };
}
