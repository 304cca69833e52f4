import { describe, expect, it } from 'vitest';
import { upgradeOf } from '../apimachinery/util/httpstream/wsstream/conn.js';
import { serve } from './http-server.js';
import { acceptKey, dialWebSocket, encodeFrame, FrameParser } from './websocket.js';

describe('RFC 6455 framing', () => {
  it('computes the handshake answer of the RFC’s example', () => {
    expect(acceptKey('dGhlIHNhbXBsZSBub25jZQ==')).toBe('s3pPLMBiTxaQ9kYGzzhZRbK+xOo=');
  });

  it.each([
    ['short', 5, undefined],
    ['16-bit length', 300, new Uint8Array([1, 2, 3, 4])],
    ['64-bit length', 70_000, new Uint8Array([9, 8, 7, 6])],
  ])('round-trips a %s frame, split across chunks', (_name, size, mask) => {
    const payload = new Uint8Array(size).map((_, i) => i % 251);
    const bytes = encodeFrame(0x2, payload, mask);
    const got: Array<[boolean, number, Buffer]> = [];
    const parser = new FrameParser();
    parser.push(bytes.subarray(0, 3), (...f) => got.push(f));
    expect(got).toEqual([]);
    parser.push(bytes.subarray(3), (...f) => got.push(f));
    expect(got).toHaveLength(1);
    expect(got[0]![0]).toBe(true);
    expect(got[0]![1]).toBe(0x2);
    expect(new Uint8Array(got[0]![2])).toEqual(payload);
  });
});

describe('WebSocket upgrade through the host server', () => {
  it('hands the offer to the handler, frames messages both ways, and passes refusals on as HTTP', async () => {
    const served = await serve(async (req) => {
      const upgrade = upgradeOf(req);
      if (!upgrade || new URL(req.url).pathname !== '/echo') return new Response('no such stream', { status: 404 });
      const conn = upgrade.accept(upgrade.protocols.includes('v5.channel.k8s.io') ? 'v5.channel.k8s.io' : '');
      void (async () => {
        const reader = conn.readable.getReader();
        const writer = conn.writable.getWriter();
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          await writer.write(typeof value === 'string' ? value.toUpperCase() : value.map((b) => b + 1));
          if (value === 'bye') await writer.close();
        }
      })();
      return new Response(null);
    });
    try {
      const conn = await dialWebSocket(`${served.url}/echo`, ['v5.channel.k8s.io']);
      if (conn instanceof Response) throw new Error(`refused: ${conn.status}`);
      expect(conn.protocol).toBe('v5.channel.k8s.io');
      const writer = conn.writable.getWriter();
      const reader = conn.readable.getReader();
      await writer.write(new Uint8Array([1, 2, 3]));
      expect((await reader.read()).value).toEqual(new Uint8Array([2, 3, 4]));
      await writer.write('bye');
      expect((await reader.read()).value).toBe('BYE');
      expect((await reader.read()).done).toBe(true);
      const refused = await dialWebSocket(`${served.url}/nope`, []);
      expect(refused instanceof Response && [refused.status, await refused.text()]).toEqual([404, 'no such stream']);
    } finally {
      await served.close();
    }
  });
});
