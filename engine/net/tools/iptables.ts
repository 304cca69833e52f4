// The iptables, iptables-save and iptables-restore front ends as shell tools over a namespace's
// netfilter (iptables/xtables-legacy-multi.c dispatches the same way).
import type { Tool } from './types.js';
import { readAll } from './types.js';
import type { TableName } from '../netfilter/types.js';
import { IptablesError } from '../netfilter/types.js';

export const iptables: Tool = async (argv, io, ctx) => {
  const r = ctx.netns.netfilter.run(argv);
  if (r.stdout) io.stdout(r.stdout);
  if (r.stderr) io.stderr(r.stderr);
  return r.code;
};

export const iptablesSave: Tool = async (argv, io, ctx) => {
  let table: TableName | undefined;
  let counters = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '-t' || a === '--table') table = argv[++i] as TableName;
    else if (a === '-c' || a === '--counters') counters = true;
    else {
      io.stderr(`iptables-save: unrecognized option '${a}'\n`);
      return 1;
    }
  }
  if (table && !['filter', 'nat', 'mangle', 'raw'].includes(table)) {
    io.stderr(`iptables-save v1.8.7 (legacy): Cannot initialize: Table does not exist (do you need to insmod?)\n\n`);
    return 1;
  }
  io.stdout(ctx.netns.netfilter.save(table, { counters }));
  return 0;
};

export const iptablesRestore: Tool = async (argv, io, ctx) => {
  const noflush = argv.includes('-n') || argv.includes('--noflush');
  const counters = argv.includes('-c') || argv.includes('--counters');
  const text = await readAll(io.stdin);
  try {
    ctx.netns.netfilter.restore(text, { noflush, counters });
    return 0;
  } catch (e) {
    if (e instanceof IptablesError) {
      io.stderr(e.message + '\n');
      return e.status;
    }
    throw e;
  }
};
