import { describe, expect, it } from 'vitest';
import type { Stream } from '../apimachinery/util/httpstream/httpstream.js';
import {
  decodeFrame, encodeFrame, FrameSplitter, RstFlowControlError, RstProtocolError, type Frame,
} from './spdy-framer.js';
import { defaultWindowSize, SpdySession, type ByteChannel, type SessionOptions } from './spdy-session.js';
import { nodeHeaderCompression } from './spdy-zlib.js';

/** pipe is an in-memory transport: what one end writes the other reads. */
function pipe(): [ByteChannel, ByteChannel] {
  const ab = new TransformStream<Uint8Array, Uint8Array>();
  const ba = new TransformStream<Uint8Array, Uint8Array>();
  const aw = ab.writable.getWriter();
  const bw = ba.writable.getWriter();
  return [
    { readable: ba.readable, write: (c) => aw.write(c), close: () => void aw.close().catch(() => undefined) },
    { readable: ab.readable, write: (c) => bw.write(c), close: () => void bw.close().catch(() => undefined) },
  ];
}

/** until turns the event loop (zlib answers from its thread pool) until cond holds. */
async function until(what: string, cond: () => boolean): Promise<void> {
  for (let i = 0; i < 2000; i++) {
    if (cond()) return;
    await new Promise<void>((r) => setImmediate(r));
  }
  throw new Error(`never happened: ${what}`);
}

function sessions(server: Partial<SessionOptions> = {}, client: Partial<SessionOptions> = {}) {
  const [a, b] = pipe();
  const accepted: Stream[] = [];
  const s = new SpdySession(a, { server: true, compression: nodeHeaderCompression(), onStream: (st) => void accepted.push(st), ...server });
  const c = new SpdySession(b, { server: false, compression: nodeHeaderCompression(), ...client });
  return { s, c, accepted };
}

async function readAll(stream: Stream): Promise<string> {
  let out = '';
  const dec = new TextDecoder();
  for await (const chunk of stream.readable as unknown as AsyncIterable<Uint8Array>) out += dec.decode(chunk, { stream: true });
  return out;
}

/** rawPeer drives a session frame by frame: it sends frames and collects the session's frames. */
function rawPeer(options: Partial<SessionOptions> & { server: boolean }) {
  const [a, b] = pipe();
  const session = new SpdySession(a, { compression: nodeHeaderCompression(), ...options });
  const out = nodeHeaderCompression();
  const back = nodeHeaderCompression();
  const got: Frame[] = [];
  void (async () => {
    const splitter = new FrameSplitter();
    for await (const chunk of b.readable as unknown as AsyncIterable<Uint8Array>) for (const raw of splitter.push(chunk)) got.push(await decodeFrame(raw, back));
  })();
  return { session, got, send: async (f: Frame) => b.write(await encodeFrame(f, out)), end: () => b.close() };
}

const enc = new TextEncoder();

describe('SpdySession', () => {
  it('opens a stream with headers, carries data both ways and half-closes with FIN', async () => {
    const { s, c, accepted } = sessions({ protocol: 'portforward.k8s.io' });
    const stream = await c.createStream(new Headers({ streamType: 'data', port: '80', requestID: '0' }));
    expect(stream.id).toBe(1);
    expect(accepted).toHaveLength(1);
    const served = accepted[0]!;
    expect(Object.fromEntries(served.headers)).toEqual({ streamtype: 'data', port: '80', requestid: '0' });
    const w = stream.writable.getWriter();
    await w.write(enc.encode('ping '));
    await w.write(enc.encode('pong'));
    await w.close();
    expect(await readAll(served)).toBe('ping pong');
    const sw = served.writable.getWriter();
    await sw.write(enc.encode('reply'));
    await sw.close();
    expect(await readAll(stream)).toBe('reply');
    // Closed both ways, the streams are forgotten.
    await until('streams forgotten', () => Object.keys(s.windows().streams).length === 0 && Object.keys(c.windows().streams).length === 0);
    expect(s.protocol).toBe('portforward.k8s.io');
    c.close();
    await Promise.all([s.closed, c.closed]);
  });

  it('resets a stream the handler refuses, and answers pings', async () => {
    const { s, c } = sessions({ onStream: () => { throw new Error('"port" header is required'); } });
    await expect(c.createStream(new Headers({ streamType: 'data' }))).rejects.toThrow('stream reset by peer (status 5)');
    await c.ping();
    await s.ping();
    c.close();
    await s.closed;
  });

  it('holds data beyond the peer’s 64 KiB window until WINDOW_UPDATE, per stream and per session', async () => {
    const { c, accepted } = sessions();
    const a = await c.createStream(new Headers({ n: 'a' }));
    const b = await c.createStream(new Headers({ n: 'b' }));
    const [sa, sb] = accepted as [Stream, Stream];
    // The server writes 48 KiB on each of two streams; nobody on the client reads yet.
    const big = new Uint8Array(48 * 1024).fill(120);
    const wa = sa.writable.getWriter().write(big);
    const wb = sb.writable.getWriter().write(big);
    // The session window (64 KiB for all streams together) stops the second stream short.
    await until('session window used up', () => a.id in c.windows().streams && c.windows().recv === 0);
    const w = c.windows();
    expect(w.streams[a.id]!.recv + w.streams[b.id]!.recv).toBe(2 * defaultWindowSize - defaultWindowSize);
    let finished = false;
    void Promise.all([wa, wb]).then(() => (finished = true));
    await new Promise<void>((r) => setImmediate(r));
    expect(finished).toBe(false);
    // Reading frees the windows: WINDOW_UPDATEs let the rest through.
    const ra = a.readable.getReader();
    const rb = b.readable.getReader();
    let got = 0;
    const drain = async (r: ReadableStreamDefaultReader<Uint8Array>) => {
      while (got < 2 * big.length) {
        const { value, done } = await r.read();
        if (done) return;
        got += value.length;
      }
    };
    void drain(ra);
    void drain(rb);
    await until('all data delivered', () => got === 2 * big.length);
    await Promise.all([wa, wb]);
    c.close();
  });

  it('resets a stream whose peer overruns the window, unless told to only track windows', async () => {
    // A client that ignores windows (as spdystream does) sends more than 64 KiB nobody reads.
    const peer = rawPeer({ server: true, onStream: () => undefined });
    await peer.send({ type: 'syn_stream', streamId: 1, associatedTo: 0, priority: 0, slot: 0, flags: 0, headers: [['n', 'x']] });
    await peer.send({ type: 'data', streamId: 1, flags: 0, data: new Uint8Array(defaultWindowSize) });
    await peer.send({ type: 'data', streamId: 1, flags: 0, data: new Uint8Array(1) });
    await until('reset sent', () => peer.got.some((f) => f.type === 'rst_stream'));
    expect(peer.got.find((f) => f.type === 'rst_stream')).toEqual({ type: 'rst_stream', streamId: 1, status: RstFlowControlError });
    // Tracking only: the same overrun is delivered.
    const lenient = sessions({ enforceFlowControl: false }, { enforceFlowControl: false });
    const l = await lenient.c.createStream(new Headers({ n: 'y' }));
    const lw = l.writable.getWriter();
    await lw.write(new Uint8Array(80 * 1024));
    await lw.close();
    expect((await readAll(lenient.accepted[0]!)).length).toBe(80 * 1024);
    lenient.c.close();
    peer.session.close();
  });

  it('sends WINDOW_UPDATE as the reader consumes, and refuses streams with the wrong id', async () => {
    const peer = rawPeer({ server: true, onStream: (st) => void readAll(st) });
    await peer.send({ type: 'syn_stream', streamId: 1, associatedTo: 0, priority: 0, slot: 0, flags: 0, headers: [['n', 'x']] });
    await peer.send({ type: 'data', streamId: 1, flags: 0, data: new Uint8Array(40 * 1024) });
    await until('window updates', () => peer.got.filter((f) => f.type === 'window_update').length === 2);
    expect(peer.got.filter((f) => f.type !== 'syn_reply')).toEqual([
      { type: 'window_update', streamId: 1, delta: 40 * 1024 },
      { type: 'window_update', streamId: 0, delta: 40 * 1024 },
    ]);
    // Even ids belong to the server; a reused id is refused too.
    await peer.send({ type: 'syn_stream', streamId: 2, associatedTo: 0, priority: 0, slot: 0, flags: 0, headers: [] });
    await peer.send({ type: 'syn_stream', streamId: 1, associatedTo: 0, priority: 0, slot: 0, flags: 0, headers: [] });
    await until('resets', () => peer.got.filter((f) => f.type === 'rst_stream').length === 2);
    expect(peer.got.filter((f) => f.type === 'rst_stream')).toEqual([
      { type: 'rst_stream', streamId: 2, status: RstProtocolError },
      { type: 'rst_stream', streamId: 1, status: RstProtocolError },
    ]);
    // A peer's SETTINGS INITIAL_WINDOW_SIZE moves the windows of open streams.
    await peer.send({ type: 'settings', flags: 0, entries: [{ flags: 0, id: 7, value: 1024 }] });
    await until('settings applied', () => peer.session.windows().streams[1]?.send === 1024);
    peer.end();
    await peer.session.closed;
  });

  it('goes away on close: the peer’s streams end and both sides close', async () => {
    const { s, c, accepted } = sessions();
    const stream = await c.createStream(new Headers({ n: 'a' }));
    const reading = readAll(stream);
    const served = accepted[0]!;
    await served.writable.getWriter().write(enc.encode('partial'));
    s.close();
    await Promise.all([s.closed, c.closed]);
    expect(await reading).toBe('partial');
    await expect(c.createStream(new Headers())).rejects.toThrow('connection is closing');
  });
});
