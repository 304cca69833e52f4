import { describe, it, expect } from 'vitest';
import { redis, redisSlaveImage } from './image.js';
import { newTestWorld, TestContainer } from '../testing/harness.js';
import { RespReader, encodeCommand } from './resp.js';

async function cluster() {
  const w = newTestWorld();
  const master = new TestContainer(redis, w.network.stack('10.244.1.10'), w.clock, w.resolver, { hostname: 'redis-master' });
  w.resolver.set('redis-master.default.svc.cluster.local', ['10.244.1.10']);
  const m = master.start(['redis-server']);
  const r1c = new TestContainer(redis, w.network.stack('10.244.1.11'), w.clock, w.resolver, { hostname: 'redis-slave-a' });
  const r1 = r1c.start(['redis-server', '--replicaof', 'redis-master', '6379']);
  // The documents' slave image finds its master through the service environment variables.
  const r2c = new TestContainer(redisSlaveImage, w.network.stack('10.244.2.12'), w.clock, w.resolver, {
    hostname: 'redis-slave-b',
    env: { GET_HOSTS_FROM: 'env', REDIS_MASTER_SERVICE_HOST: '10.244.1.10', REDIS_MASTER_SERVICE_PORT: '6379' },
  });
  const r2 = r2c.start(['/run.sh']);
  await w.clock.advance(2000);
  const cli = (c: TestContainer, ...args: string[]) => c.run(['redis-cli', ...args]);
  return { ...w, master, m, r1c, r1, r2c, r2, cli };
}

describe('RESP', () => {
  it('decodes split input, inline commands and nested arrays', () => {
    const r = new RespReader();
    const bytes = new TextEncoder().encode(encodeCommand(['SET', 'k', 'v a']) + 'PING hello\r\n');
    r.push(bytes.subarray(0, 7));
    expect(r.readCommand()).toBeUndefined();
    r.push(bytes.subarray(7));
    expect(r.readCommand()).toEqual(['SET', 'k', 'v a']);
    expect(r.readCommand()).toEqual(['PING', 'hello']);
  });
});

describe('redis commands through redis-cli', () => {
  const cases: [string[], string, number?][] = [
    [['PING'], 'PONG\n'],
    [['SET', 'k', 'v'], 'OK\n'],
    [['GET', 'missing'], '\n'],
    [['INCR', 'n'], '1\n'],
    [['MSET', 'a', '1', 'b', '2'], 'OK\n'],
    [['SET', 'x', 'y', 'NX'], 'OK\n'],
    [['ECHO', 'hi there'], 'hi there\n'],
    [['SELECT', '1'], 'ERR DB index is out of range\n', 1],
    [['NOPE', 'a'], "ERR unknown command 'NOPE', with args beginning with: 'a' \n", 1],
    [['GET'], "ERR wrong number of arguments for 'get' command\n", 1],
  ];
  it.each(cases)('%j', async (args, want, code = 0) => {
    const { cli, master } = await cluster();
    const r = await cli(master, ...args);
    expect(r.stdout).toBe(want);
    expect(r.code).toBe(code);
  });

  it('keeps values, expiry and keys', async () => {
    const { cli, master, clock } = await cluster();
    await cli(master, 'SET', 'session', 'abc', 'EX', '10');
    await cli(master, 'APPEND', 'log', 'a');
    await cli(master, 'APPEND', 'log', 'b');
    expect((await cli(master, 'MGET', 'log', 'nope', 'session')).stdout).toBe('ab\n\nabc\n');
    expect((await cli(master, 'TTL', 'session')).stdout).toBe('10\n');
    expect((await cli(master, 'KEYS', '*')).stdout).toBe('log\nsession\n');
    await clock.advance(11_000);
    expect((await cli(master, 'EXISTS', 'session')).stdout).toBe('0\n');
    expect((await cli(master, 'DBSIZE')).stdout).toBe('1\n');
    expect((await master.run(['sh', '-c', 'redis-cli GET log | wc -c'])).stdout).toBe('3\n');
  });

  it('reports a refused connection as redis-cli does', async () => {
    const { cli, master } = await cluster();
    const r = await cli(master, '-p', '6380', 'PING');
    expect(r).toEqual({ code: 1, stdout: '', stderr: 'Could not connect to Redis at 127.0.0.1:6380: Connection refused\n' });
  });
});

describe('redis replication', () => {
  it('syncs two replicas, streams writes, refuses writes on replicas', async () => {
    const { cli, master, r1c, r2c, clock } = await cluster();
    await cli(master, 'SET', 'messages', ',hello');
    await clock.advance(100);
    expect((await cli(r1c, 'GET', 'messages')).stdout).toBe(',hello\n');
    expect((await cli(r2c, 'GET', 'messages')).stdout).toBe(',hello\n');
    const refused = await cli(r1c, 'SET', 'messages', 'x');
    expect(refused.stdout).toBe("READONLY You can't write against a read only replica.\n");
    expect(refused.code).toBe(1);

    const info = (await cli(master, 'INFO', 'replication')).stdout;
    expect(info).toContain('# Replication\r\nrole:master\r\nconnected_slaves:2\r\n');
    expect(info).toMatch(/slave[01]:ip=10\.244\.1\.11,port=6379,state=online,offset=\d+,lag=0\r\n/);
    expect(info).toMatch(/slave[01]:ip=10\.244\.2\.12,port=6379,state=online/);
    const replica = (await cli(r2c, 'INFO', 'replication')).stdout;
    expect(replica).toContain('role:slave\r\nmaster_host:10.244.1.10\r\nmaster_port:6379\r\nmaster_link_status:up\r\n');
    expect((await cli(r1c, 'ROLE')).stdout).toMatch(/^slave\nredis-master\n6379\nconnected\n\d+\n$/);
  });

  it('loads existing data on full sync and reconnects after the master restarts', async () => {
    const w = newTestWorld();
    const master = new TestContainer(redis, w.network.stack('10.0.0.1'), w.clock, w.resolver);
    const m = master.start(['redis-server']);
    await w.clock.advance(10);
    await master.run(['redis-cli', 'SET', 'before', 'sync']);
    const rc = new TestContainer(redis, w.network.stack('10.0.0.2'), w.clock, w.resolver);
    rc.start(['redis-server', '--replicaof', '10.0.0.1', '6379']);
    await w.clock.advance(1000);
    expect((await rc.run(['redis-cli', 'GET', 'before'])).stdout).toBe('sync\n');
    m.process.kill('SIGKILL');
    await w.clock.advance(1500);
    expect((await rc.run(['redis-cli', 'INFO', 'replication'])).stdout).toContain('master_link_status:down');
    master.start(['redis-server']);
    await w.clock.advance(2000);
    expect((await rc.run(['redis-cli', 'INFO', 'replication'])).stdout).toContain('master_link_status:up');
    expect((await rc.run(['redis-cli', 'GET', 'before'])).stdout).toBe('\n');
  });

  it('logs like redis and exits 0 on SIGTERM', async () => {
    const { m, r1, clock } = await cluster();
    expect(m.stdout()).toContain('# oO0OoO0OoO0Oo Redis is starting oO0OoO0OoO0Oo');
    expect(m.stdout()).toContain('1:M 01 Jan 2026 00:00:00.000 * Ready to accept connections tcp');
    expect(r1.stdout()).toContain('* MASTER <-> REPLICA sync: Finished with success');
    m.process.kill('SIGTERM');
    await clock.advance(10);
    expect((await m.process.done).exitCode).toBe(0);
  });
});
