import { describe, it, expect } from 'vitest';
import { VirtualClock } from '../../engine/util/clock.js';
import { openStore } from '../../engine/etcd/embed.js';
import { runEtcdctl } from '../../engine/etcd/etcdctl/ctl.js';
import { newGateway } from '../../engine/etcd/server/gateway.js';
import { serve } from '../../engine/host/http-server.js';
import type { Transport } from '../../engine/client/transport.js';

async function etcdctl(transport: Transport, line: string, endpoint?: string, signal?: AbortSignal, onOut?: (all: string) => void) {
  let stdout = '';
  let stderr = '';
  const out = (s: string) => {
    stdout += s;
    onOut?.(stdout);
  };
  const code = await runEtcdctl(line.split(' '), { transport, endpoint, signal, stdout: out, stderr: (s) => (stderr += s) });
  return { code, stdout, stderr };
}

describe('gateway and etcdctl round trips', () => {
  it('works through the in-process handler', async () => {
    const { store } = await openStore({ clock: new VirtualClock() });
    const transport = newGateway(store);
    expect((await etcdctl(transport, 'put /registry/namespaces/default {"kind":"Namespace"}')).stdout).toBe('OK\n');
    expect((await etcdctl(transport, 'put /registry/namespaces/default {"kind":"Namespace","v":2} --prev-kv')).stdout).toBe(
      'OK\n/registry/namespaces/default\n{"kind":"Namespace"}\n',
    );
    expect(store.range('/registry/namespaces/default').kvs[0]).toMatchObject({ version: 2, createRevision: 2, modRevision: 3 });
    const lease = await etcdctl(transport, 'lease grant 60');
    expect(lease.stdout).toMatch(/^lease [0-9a-f]{16} granted with TTL\(60s\)\n$/);
    const id = lease.stdout.split(' ')[1]!;
    await etcdctl(transport, `put /tmp/x y --lease=${id}`);
    expect((await etcdctl(transport, `lease timetolive ${id} --keys`)).stdout).toBe(`lease ${id} granted with TTL(60s), remaining(60s), attached keys([/tmp/x])\n`);
    expect((await etcdctl(transport, 'del /tmp/x --prev-kv')).stdout).toBe('1\n/tmp/x\ny\n');
    expect((await etcdctl(transport, 'put k v --lease=abc')).stderr).toBe('Error: etcdserver: requested lease not found\n');
  });

  it('works over real HTTP, including a streaming watch', async () => {
    const { store } = await openStore({ clock: new VirtualClock() });
    const served = await serve(newGateway(store));
    const endpoint = served.url;
    const transport: Transport = (req) => fetch(req);
    try {
      expect((await etcdctl(transport, 'put /h/a 1', endpoint)).code).toBe(0);
      const abort = new AbortController();
      const expected = 'PUT\n/h/b\n2\nDELETE\n/h/a\n\n';
      // Stop the watch as soon as both events were printed.
      const watching = etcdctl(transport, 'watch /h/ --prefix', endpoint, abort.signal, (all) => all === expected && abort.abort());
      // Wait (by yielding to I/O, not sleeping) until the watch is registered on the server.
      while (store.watchable.watcherCount === 0) await new Promise((r) => setImmediate(r));
      await store.put('/h/b', '2');
      await store.delete('/h/a');
      expect(await watching).toEqual({ code: 0, stdout: expected, stderr: '' });
      expect((await etcdctl(transport, 'get /h/ --prefix', endpoint)).stdout).toBe('/h/b\n2\n');
      const status = await etcdctl(transport, `endpoint status --endpoints=${endpoint} -w json`);
      expect(status.stdout).toMatch(/^\[\{"Endpoint":"http:\/\/127\.0\.0\.1:\d+","Status":\{"header":\{"cluster_id":14841639068965178418,.*"version":"3\.5\.0","dbSize":\d+,"leader":10276657743932975437,"raftIndex":3,"raftTerm":2,"raftAppliedIndex":3,"dbSizeInUse":\d+\}\}\]\n$/);
    } finally {
      await served.close();
    }
  });

  it('reports an unreachable endpoint', async () => {
    const res = await etcdctl((req) => fetch(req), 'get a', 'http://127.0.0.1:1');
    expect(res).toEqual({ code: 1, stdout: '', stderr: 'Error: context deadline exceeded\n' });
  });
});
