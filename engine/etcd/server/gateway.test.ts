import { describe, it, expect } from 'vitest';
import { VirtualClock } from '../../util/clock.js';
import { EtcdServer } from './etcd-server.js';
import { newGateway } from './gateway.js';
import { toBase64 } from './gateway-codec.js';

async function setup() {
  const { server } = await EtcdServer.open({ clock: new VirtualClock() });
  const handler = newGateway(server);
  const post = async (path: string, body: unknown) => {
    const res = await handler(new Request(`http://etcd${path}`, { method: 'POST', body: JSON.stringify(body) }));
    return { status: res.status, body: (await res.json()) as Record<string, any> };
  };
  return { server, handler, post };
}

describe('v3 JSON gateway', () => {
  it('puts and ranges with etcd field names, base64 bytes and int64 strings', async () => {
    const { post } = await setup();
    const put = await post('/v3/kv/put', { key: toBase64('foo'), value: toBase64('bar') });
    expect(put).toEqual({ status: 200, body: { header: { cluster_id: '14841639068965178418', member_id: '10276657743932975437', revision: '2', raft_term: '2' } } });
    const range = await post('/v3/kv/range', { key: toBase64('foo') });
    expect(range.body).toEqual({
      header: { cluster_id: '14841639068965178418', member_id: '10276657743932975437', revision: '2', raft_term: '2' },
      kvs: [{ key: 'Zm9v', create_revision: '2', mod_revision: '2', version: '1', value: 'YmFy' }],
      count: '1',
    });
  });

  it('runs a txn with compares and reports responses', async () => {
    const { post } = await setup();
    const txn = (mod: string) =>
      post('/v3/kv/txn', {
        compare: [{ target: 'MOD', result: 'EQUAL', key: toBase64('k'), mod_revision: mod }],
        success: [{ request_put: { key: toBase64('k'), value: toBase64('v') } }],
        failure: [{ request_range: { key: toBase64('k') } }],
      });
    const first = await txn('0');
    expect(first.body.succeeded).toBe(true);
    expect(first.body.responses).toEqual([{ response_put: { header: expect.objectContaining({ revision: '2' }) } }]);
    const second = await txn('0');
    expect(second.body.succeeded).toBeUndefined();
    expect(second.body.responses[0].response_range.kvs[0].mod_revision).toBe('2');
  });

  it('maps compaction errors to gRPC OutOfRange', async () => {
    const { post } = await setup();
    await post('/v3/kv/put', { key: toBase64('a'), value: toBase64('1') });
    await post('/v3/kv/put', { key: toBase64('a'), value: toBase64('2') });
    expect((await post('/v3/kv/compaction', { revision: '3' })).status).toBe(200);
    const old = await post('/v3/kv/range', { key: toBase64('a'), revision: '2' });
    expect(old).toEqual({ status: 400, body: { error: 'etcdserver: mvcc: required revision has been compacted', code: 11, message: 'etcdserver: mvcc: required revision has been compacted' } });
  });

  it('streams watch results as newline-delimited JSON until aborted', async () => {
    const { server, handler } = await setup();
    await server.put('/w/a', '1');
    const abort = new AbortController();
    const res = await handler(new Request('http://etcd/v3/watch', { method: 'POST', body: JSON.stringify({ create_request: { key: toBase64('/w/'), range_end: toBase64('/w0'), start_revision: '2' } }), signal: abort.signal }));
    const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
    let text = '';
    const results = () => text.split('\n').slice(0, -1).map((l) => JSON.parse(l).result);
    await server.put('/w/b', '2');
    await server.delete('/w/a');
    while (results().flatMap((r: any) => r?.events ?? []).length < 3) text += (await reader.read()).value ?? '';
    const got = results();
    expect(got[0].created).toBe(true);
    const events = got.slice(1).flatMap((r: any) => r.events);
    expect(events.map((e: any) => [e.type ?? 'PUT', e.kv.key, e.kv.mod_revision])).toEqual([
      ['PUT', toBase64('/w/a'), '2'],
      ['PUT', toBase64('/w/b'), '3'],
      ['DELETE', toBase64('/w/a'), '4'],
    ]);
    abort.abort();
    expect((await reader.read()).done).toBe(true);
    expect(server.watchable.watcherCount).toBe(0);
  });

  it('grants, keeps alive and revokes leases', async () => {
    const { post, server } = await setup();
    const grant = await post('/v3/lease/grant', { TTL: '60', ID: '4660' });
    expect(grant.body).toMatchObject({ ID: '4660', TTL: '60' });
    await post('/v3/kv/put', { key: toBase64('l'), value: toBase64('v'), lease: '4660' });
    const ttl = await post('/v3/lease/timetolive', { ID: '4660', keys: true });
    expect(ttl.body).toMatchObject({ ID: '4660', TTL: '60', grantedTTL: '60', keys: [toBase64('l')] });
    await post('/v3/lease/revoke', { ID: '4660' });
    expect(server.range('l').count).toBe(0);
    const missing = await post('/v3/lease/revoke', { ID: '4660' });
    expect(missing).toMatchObject({ status: 404, body: { error: 'etcdserver: requested lease not found', code: 5 } });
  });
});
