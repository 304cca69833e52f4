// redis-cli (redis/src/redis-cli.c) without a terminal: run the command from the arguments (or
// each line of stdin) and print replies raw, as redis-cli does when stdout is not a tty.
import type { Program, ProcessContext } from '../types.js';
import type { StreamSocket } from '../../net/types.js';
import { connect, errnoText, resolveHost } from '../lib/process-util.js';
import { encodeCommand, RespReader, type Reply } from './resp.js';
import { readAll } from '../../shell/io.js';

/** formatRaw prints a reply the way cliFormatReplyRaw does. */
export function formatRaw(r: Reply): string {
  switch (r.type) {
    case 'simple':
    case 'error':
      return r.value;
    case 'integer':
      return String(r.value);
    case 'bulk':
      return r.value ?? '';
    case 'array':
      return (r.value ?? []).map(formatRaw).join('\n');
  }
}

/** RedisConnection sends commands one at a time over a socket and reads their replies. */
export class RedisConnection {
  private reader = new RespReader();
  private waiting: ((r: Reply | undefined) => void)[] = [];
  private closed = false;

  constructor(private readonly socket: StreamSocket) {
    socket.on('data', (chunk) => {
      this.reader.push(chunk);
      for (let r = this.reader.readReply(); r; r = this.reader.readReply()) this.waiting.shift()?.(r);
    });
    const fail = (): void => {
      this.closed = true;
      for (const w of this.waiting.splice(0)) w(undefined);
    };
    socket.on('close', fail);
    socket.on('error', fail);
  }

  static async open(ctx: Pick<ProcessContext, 'net' | 'resolver'>, host: string, port: number, timeoutMs = 5000): Promise<RedisConnection> {
    const address = await resolveHost(ctx, host);
    if (!address) throw Object.assign(new Error('Name or service not known'), { code: 'ENOTFOUND' });
    return new RedisConnection(await connect(ctx.net, address, port, timeoutMs));
  }

  /** command resolves with the reply, or undefined when the connection dropped. */
  command(args: string[]): Promise<Reply | undefined> {
    if (this.closed) return Promise.resolve(undefined);
    return new Promise((resolve) => {
      this.waiting.push(resolve);
      this.socket.write(encodeCommand(args));
    });
  }

  close(): void {
    this.socket.end();
  }
}

function splitLine(line: string): string[] {
  const out: string[] = [];
  const re = /"((?:[^"\\]|\\.)*)"|'([^']*)'|(\S+)/g;
  for (const m of line.matchAll(re)) out.push(m[1] !== undefined ? m[1].replace(/\\(.)/g, '$1') : m[2] ?? m[3]!);
  return out;
}

export const redisCli: Program = async (ctx) => {
  let host = '127.0.0.1';
  let port = 6379;
  const args: string[] = [];
  for (let i = 1; i < ctx.argv.length; i++) {
    const a = ctx.argv[i]!;
    if (args.length === 0 && a === '-h') host = ctx.argv[++i] ?? host;
    else if (args.length === 0 && a === '-p') port = Number(ctx.argv[++i]);
    else if (args.length === 0 && (a === '-n' || a === '-a')) i++;
    else if (args.length === 0 && (a === '--raw' || a === '--no-raw' || a === '--no-auth-warning')) continue;
    else args.push(a);
  }
  let conn: RedisConnection;
  try {
    conn = await RedisConnection.open(ctx, host, port);
  } catch (err) {
    ctx.stderr(`Could not connect to Redis at ${host}:${port}: ${errnoText(err)}\n`);
    return 1;
  }
  const batches = args.length > 0 ? [args] : new TextDecoder().decode(await readAll(ctx.stdin)).split('\n').map(splitLine).filter((l) => l.length > 0);
  let status = 0;
  for (const cmd of batches) {
    const reply = await conn.command(cmd);
    if (!reply) {
      ctx.stderr('Error: Server closed the connection\n');
      return 1;
    }
    ctx.stdout(formatRaw(reply) + '\n');
    if (reply.type === 'error') status = 1;
  }
  conn.close();
  return status;
};
