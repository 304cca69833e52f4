// The Redis commands the guestbook and redis-cli users need (redis/src/t_string.c, db.c,
// expire.c, server.c, replication.c), with Redis 7's error texts.
import { arr, bulk, err, int, nil, ok, type Reply } from './resp.js';
import type { RedisServer } from './server.js';

export interface CommandSpec {
  /** arity as in Redis' command table: n = exactly n args (with the name), -n = at least n. */
  arity: number;
  write: boolean;
  run(server: RedisServer, args: string[]): Reply;
}

const NOT_INT = err('ERR value is not an integer or out of range');

function toInt(s: string): number | undefined {
  return /^-?\d+$/.test(s) && Math.abs(Number(s)) <= Number.MAX_SAFE_INTEGER ? Number(s) : undefined;
}

function globToRegExp(pattern: string): RegExp {
  let src = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '*') src += '.*';
    else if (c === '?') src += '.';
    else if (c === '\\' && i + 1 < pattern.length) src += '\\' + pattern[++i];
    else if (c === '[') {
      const end = pattern.indexOf(']', i);
      if (end < 0) src += '\\[';
      else {
        src += '[' + pattern.slice(i + 1, end).replace(/^\^/, '^') + ']';
        i = end;
      }
    } else src += c.replace(/[.+^${}()|\\/]/g, '\\$&');
  }
  return new RegExp(`^${src}$`, 's');
}

function incrBy(server: RedisServer, key: string, by: number): Reply {
  const cur = server.db.get(key) ?? '0';
  const n = toInt(cur);
  if (n === undefined) return NOT_INT;
  server.db.update(key, String(n + by));
  return int(n + by);
}

export const commands: Record<string, CommandSpec> = {
  ping: { arity: -1, write: false, run: (_s, a) => (a.length > 1 ? bulk(a[1]!) : { type: 'simple', value: 'PONG' }) },
  echo: { arity: 2, write: false, run: (_s, a) => bulk(a[1]!) },
  get: { arity: 2, write: false, run: (s, a) => bulk(s.db.get(a[1]!) ?? null) },
  set: {
    arity: -3,
    write: true,
    run(s, a) {
      const [, key, value] = a as [string, string, string];
      let expireAt: number | undefined;
      let nx = false;
      let xx = false;
      let keepTtl = false;
      let get = false;
      for (let i = 3; i < a.length; i++) {
        const opt = a[i]!.toUpperCase();
        if ((opt === 'EX' || opt === 'PX') && a[i + 1] !== undefined) {
          const n = toInt(a[++i]!);
          if (n === undefined) return NOT_INT;
          if (n <= 0) return err("ERR invalid expire time in 'set' command");
          expireAt = s.clock.now() + (opt === 'EX' ? n * 1000 : n);
        } else if (opt === 'NX') nx = true;
        else if (opt === 'XX') xx = true;
        else if (opt === 'KEEPTTL') keepTtl = true;
        else if (opt === 'GET') get = true;
        else return err('ERR syntax error');
      }
      if (nx && xx) return err('ERR syntax error');
      const old = s.db.get(key);
      if ((nx && old !== undefined) || (xx && old === undefined)) return get ? bulk(old ?? null) : nil;
      if (keepTtl) s.db.update(key, value);
      else s.db.set(key, value, expireAt);
      return get ? bulk(old ?? null) : ok;
    },
  },
  del: { arity: -2, write: true, run: (s, a) => int(a.slice(1).filter((k) => s.db.has(k) && s.db.delete(k)).length) },
  exists: { arity: -2, write: false, run: (s, a) => int(a.slice(1).filter((k) => s.db.has(k)).length) },
  incr: { arity: 2, write: true, run: (s, a) => incrBy(s, a[1]!, 1) },
  decr: { arity: 2, write: true, run: (s, a) => incrBy(s, a[1]!, -1) },
  incrby: { arity: 3, write: true, run: (s, a) => (toInt(a[2]!) === undefined ? NOT_INT : incrBy(s, a[1]!, toInt(a[2]!)!)) },
  append: {
    arity: 3,
    write: true,
    run(s, a) {
      const v = (s.db.get(a[1]!) ?? '') + a[2]!;
      s.db.update(a[1]!, v);
      return int(new TextEncoder().encode(v).length);
    },
  },
  strlen: { arity: 2, write: false, run: (s, a) => int(new TextEncoder().encode(s.db.get(a[1]!) ?? '').length) },
  keys: { arity: 2, write: false, run: (s, a) => arr(s.db.keys().filter((k) => globToRegExp(a[1]!).test(k)).sort().map((k) => bulk(k))) },
  mget: { arity: -2, write: false, run: (s, a) => arr(a.slice(1).map((k) => bulk(s.db.get(k) ?? null))) },
  mset: {
    arity: -3,
    write: true,
    run(s, a) {
      if (a.length % 2 === 0) return err("ERR wrong number of arguments for 'mset' command");
      for (let i = 1; i < a.length; i += 2) s.db.set(a[i]!, a[i + 1]!);
      return ok;
    },
  },
  expire: {
    arity: -3,
    write: true,
    run(s, a) {
      const n = toInt(a[2]!);
      if (n === undefined) return NOT_INT;
      if (n <= 0) return int(s.db.delete(a[1]!) ? 1 : 0);
      return int(s.db.expire(a[1]!, s.clock.now() + n * 1000) ? 1 : 0);
    },
  },
  persist: { arity: 2, write: true, run: (s, a) => int(s.db.ttlMs(a[1]!) >= 0 && s.db.expire(a[1]!, undefined) ? 1 : 0) },
  ttl: { arity: 2, write: false, run: (s, a) => int(((ms) => (ms < 0 ? ms : Math.round(ms / 1000)))(s.db.ttlMs(a[1]!))) },
  pttl: { arity: 2, write: false, run: (s, a) => int(s.db.ttlMs(a[1]!)) },
  type: { arity: 2, write: false, run: (s, a) => ({ type: 'simple', value: s.db.has(a[1]!) ? 'string' : 'none' }) },
  dbsize: { arity: 1, write: false, run: (s) => int(s.db.size()) },
  flushall: { arity: -1, write: true, run: (s) => (s.db.flush(), ok) },
  flushdb: { arity: -1, write: true, run: (s) => (s.db.flush(), ok) },
  select: { arity: 2, write: false, run: (_s, a) => (toInt(a[1]!) === 0 ? ok : toInt(a[1]!) === undefined ? NOT_INT : err('ERR DB index is out of range')) },
  info: { arity: -1, write: false, run: (s, a) => bulk(s.info(a.slice(1))) },
  role: { arity: 1, write: false, run: (s) => s.roleReply() },
  config: {
    arity: -2,
    write: false,
    run(s, a) {
      const sub = a[1]!.toLowerCase();
      if (sub === 'get') {
        const out: ReturnType<typeof bulk>[] = [];
        for (const pattern of a.slice(2)) {
          const re = globToRegExp(pattern.toLowerCase());
          for (const [k, v] of Object.entries(s.config())) if (re.test(k)) out.push(bulk(k), bulk(v));
        }
        return arr(out);
      }
      if (sub === 'set') return ok;
      if (sub === 'resetstat') return ok;
      return err(`ERR unknown subcommand '${a[1]}'. Try CONFIG HELP.`);
    },
  },
  replicaof: {
    arity: 3,
    write: false,
    run(s, a) {
      if (a[1]!.toLowerCase() === 'no' && a[2]!.toLowerCase() === 'one') {
        s.promote();
        return ok;
      }
      const port = toInt(a[2]!);
      if (port === undefined) return NOT_INT;
      s.replicate(a[1]!, port);
      return ok;
    },
  },
  command: { arity: -1, write: false, run: () => arr([]) },
  client: { arity: -2, write: false, run: (_s, a) => (a[1]!.toLowerCase() === 'id' ? int(1) : ok) },
  replconf: { arity: -1, write: false, run: () => ok },
};
commands.slaveof = commands.replicaof!;
