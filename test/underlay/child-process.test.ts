import { describe, it, expect } from 'vitest';
import { spawn } from 'node:child_process';
import { VirtualClock } from '../../engine/util/clock.js';
import type { PodNetworkMode } from '../../engine/net/network.js';
import { ping } from '../../engine/net/tools/ping.js';
import { transports, newProcess, connected, exchange, until } from './helpers.js';

/** startChild runs child-node.ts in a new Node process and resolves with its pod IP. */
function startChild(transport: string, port: number, mode: PodNetworkMode) {
  const child = spawn(process.execPath, ['bin/run-ts.mjs', 'test/underlay/child-node.ts', transport, String(port), mode], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const podIp = new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      if (out.includes('\n')) resolve((JSON.parse(out.split('\n')[0]!) as { podIp: string }).podIp);
    });
    child.once('exit', (code) => reject(new Error(`child exited with ${code}: ${stderr}`)));
  });
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  return { child, podIp, exited };
}

describe.each(transports)('a node machine in a child process over $name', (t) => {
  it.each<PodNetworkMode>(['routing', 'overlay'])('answers the master\'s ping and TCP echo (%s)', async (mode) => {
    const clock = new VirtualClock();
    const parent = newProcess('master', clock, mode);
    const master = parent.net.addMachine({ name: 'master', ip: '192.168.1.100/24', role: 'master' });
    const listener = await t.listen(parent.underlay);
    const { child, podIp, exited } = startChild(t.name, listener.port, mode);
    try {
      const ip = await podIp;
      await parent.underlay.whenReachable('192.168.1.101');
      // The pod CIDR's route arrives with the node's announcement (routing) or its lease (overlay).
      await until(() => master.host.route(ip)?.nextHop !== '192.168.1.1', 'a route to the pod');

      const out: string[] = [];
      const done = ping(['-c', '1', ip], { stdout: (s) => out.push(s), stderr: (s) => out.push(s) }, { netns: master.host, clock });
      await until(() => out.join('').includes('bytes from'), 'an echo reply');
      await clock.advance(100);
      expect(await done).toBe(0);
      expect(out.join('')).toMatch(new RegExp(`64 bytes from ${ip.replaceAll('.', '\\.')}: icmp_seq=1 ttl=63`));

      const s = await connected(master.host, ip, 7);
      expect(await exchange(s, 'across processes')).toBe('across processes');
      expect(s.localAddress).toBe(mode === 'routing' ? '192.168.1.100' : master.host.route(ip)?.src);
    } finally {
      child.kill();
      await exited;
      parent.underlay.close();
      await listener.close();
    }
  });
});
