// The documents' hello world on a 3-node cluster, on the virtual clock: redis-master RC + service,
// redis-slave RC (2) + service, frontend RC (3) + NodePort 30001; every pod Running; a message
// posted through NodePort 30001 on any node is read back through the slaves.
import { readdir, readFile } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { Cluster } from '../../engine/cluster/cluster.js';
import { advanceUntil } from '../../engine/client/testing/advance.js';
import { runKubectl } from '../../engine/kubectl/cmd/cmd.js';
import { memoryFiles } from '../../engine/kubectl/cmd/util/io.js';
import { NET_TOOLS } from '../../engine/net/tools/index.js';
import type { NetNamespace } from '../../engine/net/netns.js';
import { VirtualClock } from '../../engine/util/clock.js';

const fixtures = new URL('../fixtures/guestbook/', import.meta.url);

async function guestbookFiles(): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  for (const name of await readdir(fixtures)) files[`/guestbook/${name}`] = await readFile(new URL(name, fixtures), 'utf8');
  return files;
}

async function kubectl(cluster: Cluster, clock: VirtualClock, files: Record<string, string>, args: string[]) {
  let stdout = '';
  let stderr = '';
  const run = runKubectl(args, {
    transport: cluster.plane.transport,
    stdin: async () => '',
    stdout: (s) => void (stdout += s),
    stderr: (s) => void (stderr += s),
    env: {},
    files: memoryFiles(files),
    clock,
  });
  const code = await advanceUntil(clock, run, 100);
  return { code, stdout, stderr };
}

async function curl(netns: NetNamespace, clock: VirtualClock, url: string) {
  let stdout = '';
  const run = NET_TOOLS.curl!(['-s', url], { stdout: (s) => void (stdout += s), stderr: () => undefined }, { netns, clock, tools: NET_TOOLS });
  const code = await advanceUntil(clock, run, 50);
  return { code, stdout };
}

describe('the guestbook on a 3-node cluster', () => {
  let cluster: Cluster | undefined;
  let clock: VirtualClock;
  afterEach(async () => {
    if (cluster) await advanceUntil(clock, cluster.stop());
    cluster = undefined;
  });

  it('runs every pod, serves the page on NodePort 30001 of every node and reads a message back through the slaves', async () => {
    clock = new VirtualClock(Date.UTC(2026, 0, 1));
    cluster = await advanceUntil(clock, Cluster.start({ clock, nodes: 3, seed: 11 }));
    const files = await guestbookFiles();
    const applied = await kubectl(cluster, clock, files, ['apply', '-f', '/guestbook']);
    expect(applied.code).toBe(0);

    let pods = '';
    for (let i = 0; i < 300; i++) {
      pods = (await kubectl(cluster, clock, files, ['get', 'pods', '--no-headers'])).stdout;
      const lines = pods.trim().split('\n');
      if (lines.length === 6 && lines.every((l) => /\s1\/1\s+Running\s/.test(l))) break;
      await clock.advance(1000);
    }
    expect(pods.trim().split('\n').filter((l) => /\s1\/1\s+Running\s/.test(l))).toHaveLength(6);
    const wide = (await kubectl(cluster, clock, files, ['get', 'pods', '-o', 'wide', '--no-headers', '-l', 'tier=frontend'])).stdout;
    expect(new Set(wide.trim().split('\n').map((l) => l.split(/\s+/)[6]))).toEqual(new Set(['node-1', 'node-2', 'node-3']));

    const outside = cluster.master.host;
    for (const node of cluster.nodes.values()) {
      // kube-proxy syncs at most once per second, so a NodePort may open a moment after the pods run.
      let page = await curl(outside, clock, `http://${node.machine.ip}:30001/`);
      for (let i = 0; i < 20 && !page.stdout.includes('<title>Guestbook</title>'); i++) {
        await clock.advance(200);
        page = await curl(outside, clock, `http://${node.machine.ip}:30001/`);
      }
      expect(page.stdout).toContain('<title>Guestbook</title>');
    }
    const set = await curl(outside, clock, `http://192.168.1.101:30001/guestbook.php?cmd=set&key=messages&value=hello%20kubelab`);
    expect(set.stdout).toBe('{"message": "Updated"}');
    // Replication to the slaves is asynchronous; read until they have it.
    let got = '';
    for (let i = 0; i < 50 && !got.includes('hello kubelab'); i++) {
      got = (await curl(outside, clock, `http://192.168.1.103:30001/guestbook.php?cmd=get&key=messages`)).stdout;
      await clock.advance(200);
    }
    expect(got).toBe('{"data": "hello kubelab"}');
  });
});
