import { describe, it, expect } from 'vitest';
import type { PodNetworkMode } from '../../engine/net/network.js';
import { transports, twoProcesses, echoServer, connected, exchange, until } from './helpers.js';

const MB = 1024 * 1024;

/** pattern is 1 MB of bytes that differ from chunk to chunk, so a lost or repeated segment shows. */
function pattern(): Uint8Array {
  const b = new Uint8Array(MB);
  for (let i = 0; i < b.length; i++) b[i] = (i * 31 + (i >> 10)) & 255;
  return b;
}

describe.each(transports)('process-mode underlay over $name', (t) => {
  it.each<PodNetworkMode>(['routing', 'overlay'])('a pod in one process talks to a pod in another (%s)', async (mode) => {
    const env = await twoProcesses(t, mode);
    try {
      await echoServer(env.p2.netns, 8080, 'p2:');
      await echoServer(env.p1.netns, 8081, 'p1:');
      const s = await connected(env.p1.netns, env.p2.ip, 8080);
      expect(await exchange(s, 'hello')).toBe('p2:hello');
      expect(s.remoteAddress).toBe(env.p2.ip);
      const back = await connected(env.p2.netns, env.p1.ip, 8081);
      expect(await exchange(back, 'and back')).toBe('p1:and back');
      // Pods see each other's real addresses (no NAT between nodes) and the frames crossed the socket.
      expect(env.link.stats.framesOut).toBeGreaterThan(2);
      expect(env.link.stats.framesIn).toBeGreaterThan(2);
      const refused = await new Promise<string>((resolve) => env.p1.netns.stack.connect({ host: env.p2.ip, port: 9 }).on('error', (e) => resolve(e.code)));
      expect(refused).toBe('ECONNREFUSED');
    } finally {
      await env.close();
    }
  });

  it('moves 1 MB between pods with backpressure', async () => {
    const env = await twoProcesses(t, 'overlay');
    try {
      const data = pattern();
      const received: Uint8Array[] = [];
      await env.p2.netns.stack
        .createServer((s) => {
          s.on('data', (d) => received.push(d));
          s.on('end', () => s.end(`got ${received.reduce((n, c) => n + c.length, 0)}`));
        })
        .listen(9000);
      const s = await connected(env.p1.netns, env.p2.ip, 9000);
      const reply = new Promise<string>((resolve) => s.on('data', (d) => resolve(new TextDecoder().decode(d))));
      let blocked = 0;
      for (let off = 0; off < data.length; off += 16 * 1024) {
        if (!s.write(data.subarray(off, off + 16 * 1024))) {
          blocked++;
          await new Promise<void>((r) => s.on('drain', r));
        }
      }
      s.end();
      expect(await reply).toBe(`got ${MB}`);
      const all = new Uint8Array(MB);
      let off = 0;
      for (const c of received) {
        all.set(c, off);
        off += c.length;
      }
      expect(Buffer.compare(all, data)).toBe(0);
      expect(blocked).toBeGreaterThan(10);
      // The virtual TCP window, not an unbounded queue, paced the link.
      expect(env.link.stats.maxUnackedBytes).toBeLessThan(512 * 1024);
    } finally {
      await env.close();
    }
  });

  it('reconnects after the connection breaks, losing no byte of an open stream', async () => {
    const env = await twoProcesses(t, 'routing');
    try {
      await echoServer(env.p2.netns, 7);
      const s = await connected(env.p1.netns, env.p2.ip, 7);
      expect(await exchange(s, 'before')).toBe('before');
      const echoed: Uint8Array[] = [];
      s.on('data', (d) => echoed.push(d));
      const data = pattern().subarray(0, 256 * 1024);
      let breaks = 0;
      for (let off = 0; off < data.length; off += 8192) {
        s.write(data.subarray(off, off + 8192));
        if (off === 64 * 1024 || off === 160 * 1024) {
          // Break while segments are in flight, then keep writing while the link redials.
          await until(() => env.link.connected, 'link up before the break');
          env.listener.breakAll();
          breaks++;
        }
        await new Promise((r) => setImmediate(r));
      }
      expect(breaks).toBe(2);
      await until(() => echoed.reduce((n, c) => n + c.length, 0) >= data.length, 'all bytes echoed');
      expect(Buffer.compare(Buffer.concat(echoed), data)).toBe(0);
      expect(env.link.stats.connects).toBeGreaterThanOrEqual(3);
      const fresh = await connected(env.p1.netns, env.p2.ip, 7);
      expect(await exchange(fresh, 'after')).toBe('after');
    } finally {
      await env.close();
    }
  });
});
