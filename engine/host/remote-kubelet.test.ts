import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StatusError } from '../apimachinery/api/errors/errors.js';
import { attachUpgrade, newInMemoryUpgrade, upgradeOf } from '../apimachinery/util/httpstream/wsstream/conn.js';
import { RemoteKubeletConnection } from './remote-kubelet.js';
import { serve, type ServedHandler } from './http-server.js';

/** kubelet is a stand-in kubelet server: logs, a refusal, and an exec that echoes over WebSocket. */
async function kubelet(req: Request): Promise<Response> {
  const url = new URL(req.url);
  if (url.pathname === '/containerLogs/default/web/nginx') return new Response(`log of web, tail=${url.searchParams.get('tailLines')}\n`);
  if (url.pathname === '/containerLogs/default/web/waiting') return new Response('container "waiting" in pod "web" is waiting to start: ContainerCreating', { status: 400 });
  const ws = upgradeOf(req);
  if (url.pathname.startsWith('/exec/') && ws) {
    const conn = ws.accept(ws.protocols[0]!);
    void (async () => {
      const writer = conn.writable.getWriter();
      await writer.write(`cmd=${url.searchParams.get('command')} auth=${req.headers.get('authorization')}`);
      for await (const m of conn.readable as unknown as AsyncIterable<string>) await writer.write(`echo:${m}`);
      await writer.close();
    })();
    return new Response(null, { status: 200 });
  }
  return new Response('404 page not found\n', { status: 404 });
}

describe('RemoteKubeletConnection', () => {
  let served: ServedHandler;
  let conn: RemoteKubeletConnection;
  beforeAll(async () => {
    served = await serve(kubelet);
    const closed = await serve(async () => new Response(''));
    await closed.close();
    const at: Record<string, { url?: string; ip: string }> = {
      'node-1': { url: served.url, ip: '192.168.1.101' },
      'node-2': { ip: '192.168.1.102' },
      'node-3': { url: closed.url, ip: '192.168.1.103' },
    };
    conn = new RemoteKubeletConnection((name) => at[name]);
  });
  afterAll(() => served.close());

  it('reads container logs from the node process over HTTP', async () => {
    const body = await conn.getContainerLogs('node-1', 'default', 'web', 'nginx', { tailLines: 5 });
    expect(await new Response(body).text()).toBe('log of web, tail=5\n');
    await expect(conn.getContainerLogs('node-1', 'default', 'web', 'waiting', {})).rejects.toThrow('container "waiting" in pod "web" is waiting to start: ContainerCreating');
  });

  it.each([
    ['node-2', 'a failed node (no process)', 'dial tcp 192.168.1.102:10250: connect: connection refused'],
    ['node-3', 'a node whose process just died', 'dial tcp 192.168.1.103:10250: connect: connection refused'],
    ['node-9', 'an unknown node', 'dial tcp node-9:10250: lookup node-9: no such host'],
  ])('answers %s (%s) with the API server\'s dial error', async (node, _what, message) => {
    const err = await conn.getContainerLogs(node, 'default', 'web', 'nginx', {}).then(() => undefined, (e: unknown) => e);
    expect(err).toBeInstanceOf(StatusError);
    expect((err as StatusError).message).toBe(`Get "https://${node}:10250/containerLogs/default/web/nginx": ${message}`);
  });

  it('joins the client\'s WebSocket to one it dials to the kubelet, message by message', async () => {
    const { upgrade, client } = newInMemoryUpgrade(['v5.channel.k8s.io', 'v4.channel.k8s.io']);
    const req = attachUpgrade(new Request('http://node-1:10250/exec/default/web/nginx?command=hostname', { headers: { Authorization: 'Bearer t' } }), upgrade);
    await conn.kubelet('node-1', req);
    const ws = await client;
    expect(ws.protocol).toBe('v5.channel.k8s.io');
    const reader = ws.readable.getReader();
    const writer = ws.writable.getWriter();
    expect((await reader.read()).value).toBe('cmd=hostname auth=Bearer t');
    await writer.write('hello');
    expect((await reader.read()).value).toBe('echo:hello');
    await writer.close();
    expect((await reader.read()).done).toBe(true);
  });

  it('passes a plain request on and returns the kubelet\'s answer', async () => {
    const res = await conn.kubelet('node-1', new Request('http://node-1:10250/nowhere'));
    expect(res.status).toBe(404);
    expect(await res.text()).toBe('404 page not found\n');
  });
});
