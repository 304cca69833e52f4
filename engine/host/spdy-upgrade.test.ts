import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { streamUpgradeOf, type Stream } from '../apimachinery/util/httpstream/httpstream.js';
import { serve, type ServedHandler } from './http-server.js';
import { dialSPDY } from './spdy-upgrade.js';
import { SpdySession } from './spdy-session.js';

/** echo answers every stream with its own bytes upper-cased, then FIN. */
async function echo(stream: Stream): Promise<void> {
  const writer = stream.writable.getWriter();
  for await (const chunk of stream.readable as unknown as AsyncIterable<Uint8Array>) await writer.write(new TextEncoder().encode(new TextDecoder().decode(chunk).toUpperCase()));
  await writer.close();
}

async function roundTrip(session: SpdySession, text: string): Promise<string> {
  const stream = await session.createStream(new Headers({ streamtype: 'data' }));
  const w = stream.writable.getWriter();
  await w.write(new TextEncoder().encode(text));
  await w.close();
  let out = '';
  for await (const chunk of stream.readable as unknown as AsyncIterable<Uint8Array>) out += new TextDecoder().decode(chunk);
  return out;
}

describe('SPDY upgrades on the HTTP server', () => {
  let served: ServedHandler;
  const seen: string[] = [];
  beforeAll(async () => {
    served = await serve(async (req) => {
      const offer = streamUpgradeOf(req);
      seen.push(`${req.method} ${offer ? offer.protocols.join(',') : 'none'}`);
      if (!offer || !offer.protocols.includes('portforward.k8s.io')) return new Response('unable to upgrade: unable to negotiate protocol\n', { status: 403 });
      offer.accept('portforward.k8s.io', (s) => void echo(s));
      return new Response(null, { status: 200 });
    });
  });
  afterAll(async () => served?.close());

  it('switches a POST with Upgrade: SPDY/3.1 to a session', async () => {
    const session = await dialSPDY(`${served.url}/pf`, ['portforward.k8s.io']);
    if (!(session instanceof SpdySession)) throw new Error(`refused: ${session.status}`);
    expect(session.protocol).toBe('portforward.k8s.io');
    expect(await roundTrip(session, 'first')).toBe('FIRST');
    expect(await roundTrip(session, 'second')).toBe('SECOND');
    await session.ping();
    session.close();
    await session.closed;
  });

  it('switches a WebSocket offering SPDY/3.1+portforward.k8s.io to a session in binary messages', async () => {
    const session = await dialSPDY(`${served.url}/pf`, ['portforward.k8s.io'], { tunnel: true });
    if (!(session instanceof SpdySession)) throw new Error(`refused: ${session.status}`);
    expect(session.protocol).toBe('portforward.k8s.io');
    expect(await roundTrip(session, 'tunnelled')).toBe('TUNNELLED');
    session.close();
    await session.closed;
  });

  it('answers a refused offer as plain HTTP', async () => {
    const res = await dialSPDY(`${served.url}/pf`, ['v9.example']);
    expect(res).toBeInstanceOf(Response);
    expect([(res as Response).status, await (res as Response).text()]).toEqual([403, 'unable to upgrade: unable to negotiate protocol\n']);
    expect(seen).toEqual(['POST portforward.k8s.io', 'GET portforward.k8s.io', 'POST v9.example']);
  });
});
