// The redis-server program: options from the command line (`--port`, `--replicaof host port`,
// `--slaveof`, a config file's `port`/`replicaof` lines), Redis' start-up banner, serve until killed.
import type { Program } from '../types.js';
import { RedisServer, REDIS_VERSION } from './server.js';
import { untilAborted } from '../lib/process-util.js';
import { resolvePath } from '../fs/path.js';

/** parseOptions reads `--name value…` pairs and an optional config file (first operand). */
export function parseOptions(argv: string[], readFile: (p: string) => string | undefined): Map<string, string[]> {
  const opts = new Map<string, string[]>();
  let i = 1;
  if (argv[1] && !argv[1].startsWith('--')) {
    const text = readFile(argv[1]) ?? '';
    for (const line of text.split('\n')) {
      const words = line.trim().split(/\s+/);
      if (words[0] && !words[0].startsWith('#')) opts.set(words[0].toLowerCase(), words.slice(1));
    }
    i = 2;
  }
  while (i < argv.length) {
    const name = argv[i]!.replace(/^--/, '').toLowerCase();
    const values: string[] = [];
    i++;
    while (i < argv.length && !argv[i]!.startsWith('--')) values.push(argv[i++]!);
    opts.set(name, values);
  }
  return opts;
}

export const redisServer: Program = async (ctx) => {
  const opts = parseOptions(ctx.argv, (p) => {
    try {
      return ctx.fs.readText(resolvePath(ctx.cwd, p));
    } catch {
      return undefined;
    }
  });
  const port = Number(opts.get('port')?.[0] ?? 6379);
  const server = new RedisServer(ctx, port);
  ctx.stdout(`1:C ${banner(ctx.clock.now())} # oO0OoO0OoO0Oo Redis is starting oO0OoO0OoO0Oo\n`);
  ctx.stdout(`1:C ${banner(ctx.clock.now())} # Redis version=${REDIS_VERSION}, bits=64, commit=00000000, modified=0, pid=1, just started\n`);
  try {
    await server.listen();
  } catch {
    ctx.stderr(`1:M ${banner(ctx.clock.now())} # Warning: Could not create server TCP listening socket *:${port}: bind: Address already in use\n`);
    return 1;
  }
  const replicaOf = opts.get('replicaof') ?? opts.get('slaveof');
  if (replicaOf && replicaOf.length >= 2 && replicaOf[0]!.toLowerCase() !== 'no') server.replicate(replicaOf[0]!, Number(replicaOf[1]));
  ctx.onSignal((signal) => {
    if (signal === 'SIGTERM' || signal === 'SIGINT') {
      server.log('#', 'User requested shutdown...');
      server.log('#', 'Redis is now ready to exit, bye bye...');
      shutdown();
    }
  });
  let shutdown = (): void => {};
  await Promise.race([untilAborted(ctx), new Promise<void>((resolve) => (shutdown = resolve))]);
  return 0;
};

function banner(ms: number): string {
  const d = new Date(ms);
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const p = (n: number, w = 2): string => String(n).padStart(w, '0');
  return `${p(d.getUTCDate())} ${months[d.getUTCMonth()]} ${d.getUTCFullYear()} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}.${p(d.getUTCMilliseconds(), 3)}`;
}

/**
 * redisSlave is the documents' slave image start script: follow the master found through the
 * service environment variables (GET_HOSTS_FROM=env) or by its DNS name redis-master.
 */
export const redisSlave: Program = async (ctx) => {
  const fromEnv = (ctx.env.GET_HOSTS_FROM ?? 'dns') === 'env';
  const host = fromEnv ? ctx.env.REDIS_MASTER_SERVICE_HOST ?? '' : 'redis-master';
  const port = fromEnv ? ctx.env.REDIS_MASTER_SERVICE_PORT ?? '6379' : '6379';
  return redisServer({ ...ctx, argv: ['redis-server', '--slaveof', host, port] });
};
