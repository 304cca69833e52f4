import { describe, it, expect } from 'vitest';
import { FakeNetwork } from '../images/testing/fake-net.js';
import { newHTTPTransport } from '../client/rest/incluster/transport.js';
import { advanceUntil } from '../client/testing/advance.js';
import { VirtualClock, flushMicrotasks } from '../util/clock.js';
import type { NetStack } from '../net/types.js';
import { serveHTTP, type FetchHandler } from './incluster-http-server.js';

const enc = new TextEncoder();

/** countingStack counts the connections a server accepts. */
function countingStack(stack: NetStack): { stack: NetStack; accepted: () => number } {
  let n = 0;
  return {
    accepted: () => n,
    stack: {
      ...stack,
      connect: stack.connect.bind(stack),
      createDatagramSocket: stack.createDatagramSocket.bind(stack),
      createServer: (cb, opts) => stack.createServer((s) => { n++; cb?.(s); }, opts),
    },
  };
}

async function setup(handler: FetchHandler) {
  const clock = new VirtualClock(0);
  const net = new FakeNetwork(clock);
  const server = countingStack(net.stack('10.0.0.1'));
  await serveHTTP(server.stack, 6443, handler);
  const transport = newHTTPTransport({ net: net.stack('10.0.0.2'), host: '10.0.0.1', port: 6443 });
  return { clock, transport, accepted: server.accepted };
}

describe('in-cluster HTTP server and transport', () => {
  it('answers over one kept-alive connection, with status, headers and bodies both ways', async () => {
    const { clock, transport, accepted } = await setup(async (req) => {
      const body = req.method === 'POST' ? await req.text() : '';
      return Response.json({ method: req.method, path: new URL(req.url).pathname, body, auth: req.headers.get('authorization') }, { status: req.method === 'POST' ? 201 : 200 });
    });
    const get = await advanceUntil(clock, transport(new Request('https://kubernetes.default.svc/api/v1/namespaces', { headers: { Authorization: 'Bearer t' } })));
    expect(get.status).toBe(200);
    expect(get.headers.get('content-type')).toContain('application/json');
    expect(await advanceUntil(clock, get.json())).toEqual({ method: 'GET', path: '/api/v1/namespaces', body: '', auth: 'Bearer t' });
    const post = await advanceUntil(clock, transport(new Request('https://x/api/v1/namespaces', { method: 'POST', body: '{"a":1}' })));
    expect(post.status).toBe(201);
    expect(await advanceUntil(clock, post.json())).toMatchObject({ method: 'POST', body: '{"a":1}' });
    expect(accepted()).toBe(1);
  });

  it('streams a chunked body event by event and stops the handler when the client aborts', async () => {
    let cancelled = false;
    let push: ((s: string) => void) | undefined;
    const { clock, transport } = await setup(async () => {
      const body = new ReadableStream<Uint8Array>({
        start: (c) => void (push = (s) => c.enqueue(enc.encode(s))),
        cancel: () => void (cancelled = true),
      });
      return new Response(body, { headers: { 'Content-Type': 'application/json' } });
    });
    const abort = new AbortController();
    const res = await advanceUntil(clock, transport(new Request('http://x/api/v1/pods?watch=true', { signal: abort.signal })));
    const reader = res.body!.getReader();
    push!('{"type":"ADDED"}\n');
    expect(new TextDecoder().decode((await advanceUntil(clock, reader.read())).value)).toBe('{"type":"ADDED"}\n');
    push!('{"type":"DELETED"}\n');
    expect(new TextDecoder().decode((await advanceUntil(clock, reader.read())).value)).toBe('{"type":"DELETED"}\n');
    abort.abort();
    await clock.advance(100);
    await flushMicrotasks(100);
    expect(cancelled).toBe(true);
  });

  it('fails a request whose server is not listening with ECONNREFUSED', async () => {
    const clock = new VirtualClock(0);
    const net = new FakeNetwork(clock);
    net.stack('10.0.0.1');
    const transport = newHTTPTransport({ net: net.stack('10.0.0.2'), host: '10.0.0.1', port: 6443 });
    await expect(advanceUntil(clock, transport(new Request('http://x/')))).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });
});
