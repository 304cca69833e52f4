import { describe, it, expect } from 'vitest';
import { VirtualClock } from '../../util/clock.js';
import { EtcdServer } from '../server/etcd-server.js';
import { newGateway } from '../server/gateway.js';
import { runEtcdctl } from './ctl.js';
import { humanizeBytes } from './printer.js';

async function setup() {
  const { server } = await EtcdServer.open({ clock: new VirtualClock() });
  const transport = newGateway(server);
  const files = new Map<string, Uint8Array>();
  const run = async (line: string, signal?: AbortSignal, onOut?: (all: string) => void) => {
    let stdout = '';
    let stderr = '';
    const code = await runEtcdctl(line.split(' ').filter(Boolean), {
      transport,
      stdout: (s) => {
        stdout += s;
        onOut?.(stdout);
      },
      stderr: (s) => (stderr += s),
      signal,
      files: { readFile: async (p) => files.get(p) ?? Promise.reject(new Error(`open ${p}: no such file or directory`)), writeFile: async (p, d) => void files.set(p, d) },
    });
    return { code, stdout, stderr };
  };
  return { server, run, files };
}

describe('etcdctl', () => {
  it('puts, gets and deletes with the simple printer', async () => {
    const { run } = await setup();
    expect(await run('put /registry/pods/default/a {"a":1}')).toEqual({ code: 0, stdout: 'OK\n', stderr: '' });
    await run('put /registry/pods/default/b two');
    await run('put /registry/services/x three');
    expect((await run('get /registry/pods/default/a')).stdout).toBe('/registry/pods/default/a\n{"a":1}\n');
    expect((await run('get /registry/pods --prefix --keys-only')).stdout).toBe('/registry/pods/default/a\n\n/registry/pods/default/b\n\n');
    expect((await run('get /registry/ --prefix --limit 1 --print-value-only')).stdout).toBe('{"a":1}\n');
    expect((await run('get /registry/pods/default/b --from-key --keys-only')).stdout).toBe('/registry/pods/default/b\n\n/registry/services/x\n\n');
    expect((await run('get /registry/pods/default/a --rev=1')).stdout).toBe('');
    expect((await run('del /registry/pods --prefix')).stdout).toBe('2\n');
    expect((await run('get --prefix "" --count-only')).code).toBe(0);
  });

  it('prints -w json as etcdctl does (numbers bare, bytes base64)', async () => {
    const { run } = await setup();
    await run('put foo bar');
    expect((await run('get foo -w json')).stdout).toBe(
      '{"header":{"cluster_id":14841639068965178418,"member_id":10276657743932975437,"revision":2,"raft_term":2},"kvs":[{"key":"Zm9v","create_revision":2,"mod_revision":2,"version":1,"value":"YmFy"}],"count":1}\n',
    );
  });

  it('compacts and reports reads below the compacted revision', async () => {
    const { run } = await setup();
    await run('put k 1');
    await run('put k 2');
    expect((await run('compaction 3')).stdout).toBe('compacted revision 3\n');
    expect(await run('get k --rev 2')).toEqual({ code: 1, stdout: '', stderr: 'Error: etcdserver: mvcc: required revision has been compacted\n' });
  });

  it('prints endpoint status as a table with etcdctl 3.5 columns', async () => {
    const { run } = await setup();
    await run('put a b');
    const out = (await run('endpoint status -w table')).stdout.split('\n');
    expect(out[1]).toBe('|    ENDPOINT    |        ID        | VERSION | DB SIZE | IS LEADER | IS LEARNER | RAFT TERM | RAFT INDEX | RAFT APPLIED INDEX | ERRORS |');
    expect(out[3]).toBe('| 127.0.0.1:2379 | 8e9e05c52164694d |   3.5.0 |     2 B |      true |      false |         2 |          1 |                  1 |        |');
    expect((await run('endpoint status')).stdout).toBe('127.0.0.1:2379, 8e9e05c52164694d, 3.5.0, 2 B, true, false, 2, 1, 1, \n');
  });

  it('watches from a revision until aborted', async () => {
    const { run, server } = await setup();
    await run('put /w/a 1');
    const abort = new AbortController();
    const expected = 'PUT\n/w/a\n1\nPUT\n/w/a\n1\n/w/a\n2\n';
    const watching = run('watch /w/ --prefix --rev 2 --prev-kv', abort.signal, (all) => all === expected && abort.abort());
    await server.put('/w/a', '2');
    const res = await watching;
    expect(res).toEqual({ code: 0, stdout: expected, stderr: '' });
  });

  it('saves a snapshot and reports its status', async () => {
    const { run, files } = await setup();
    await run('put a 1');
    await run('put b 2');
    expect((await run('snapshot save /tmp/snap.db')).stdout).toBe('Snapshot saved at /tmp/snap.db\n');
    expect(files.get('/tmp/snap.db')!.length).toBeGreaterThan(0);
    const status = await run('snapshot status /tmp/snap.db -w table');
    expect(status.stdout.split('\n')[1]).toBe('|   HASH   | REVISION | TOTAL KEYS | TOTAL SIZE | VERSION |');
    expect(status.stdout.split('\n')[3]).toMatch(/^\| +[0-9a-f]+ \| +3 \| +2 \| +\d+ B \| +3\.5\.0 \|$/);
  });

  it('reports bad arguments and unknown commands with etcdctl exit codes', async () => {
    const { run } = await setup();
    expect(await run('get')).toEqual({ code: 128, stdout: '', stderr: 'Error: get command needs one argument as key and an optional argument as range_end\n' });
    expect((await run('frobnicate')).stderr).toBe('Error: unknown command "frobnicate" for "etcdctl"\n');
    expect((await run('get a -w table')).code).toBe(4);
  });

  it('humanizes sizes as go-humanize does', () => {
    expect([5, 20480, 1_500_000, 25_000].map(humanizeBytes)).toEqual(['5 B', '20 kB', '1.5 MB', '25 kB']);
  });
});
