import { constants, createInflate, deflateSync, inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { headerDictionary } from './spdy-dictionary.js';
import {
  decodeFrame, decodeHeaderBlock, encodeFrame, encodeHeaderBlock, FlagFin, FrameSplitter, SpdyError, type Frame,
} from './spdy-framer.js';
import { nodeHeaderCompression } from './spdy-zlib.js';

/** adler32 as zlib computes a dictionary's DICTID. */
function adler32(bytes: Uint8Array): number {
  let a = 1;
  let b = 0;
  for (const x of bytes) {
    a = (a + x) % 65521;
    b = (b + a) % 65521;
  }
  return ((b << 16) | a) >>> 0;
}

describe('SPDY/3 dictionary', () => {
  it('is the 1423 bytes whose Adler-32 every SPDY/3 peer puts in its zlib header', () => {
    expect(headerDictionary.length).toBe(1423);
    // The DICTID a Go or Chromium SPDY/3 framer writes after its zlib header (FDICT set).
    expect(adler32(headerDictionary).toString(16)).toBe('e3c6a7c2');
    expect(new TextDecoder().decode(headerDictionary.subarray(0, 11))).toBe('\0\0\0\x07options');
  });
});

describe('SPDY frames', () => {
  const frames: Array<[string, Frame]> = [
    ['data with FIN', { type: 'data', streamId: 5, flags: FlagFin, data: new TextEncoder().encode('hello') }],
    ['empty data', { type: 'data', streamId: 0x7ffffffd, flags: 0, data: new Uint8Array() }],
    ['SYN_STREAM', { type: 'syn_stream', streamId: 1, associatedTo: 0, priority: 7, slot: 0, flags: 0, headers: [['streamtype', 'error'], ['port', '80'], ['requestid', '0']] }],
    ['SYN_REPLY', { type: 'syn_reply', streamId: 1, flags: 0, headers: [] }],
    ['HEADERS with several values', { type: 'headers', streamId: 3, flags: FlagFin, headers: [['x-multi', 'a\0b']] }],
    ['RST_STREAM', { type: 'rst_stream', streamId: 3, status: 5 }],
    ['SETTINGS', { type: 'settings', flags: 0, entries: [{ flags: 1, id: 7, value: 131072 }, { flags: 0, id: 4, value: 100 }] }],
    ['PING', { type: 'ping', id: 0xfffffffe }],
    ['GOAWAY', { type: 'goaway', lastGoodStreamId: 9, status: 0 }],
    ['WINDOW_UPDATE', { type: 'window_update', streamId: 0, delta: 32768 }],
  ];

  it('round-trip through bytes, in one shared compression context per direction', async () => {
    const out = nodeHeaderCompression();
    const back = nodeHeaderCompression();
    const splitter = new FrameSplitter();
    const bytes: Uint8Array[] = [];
    for (const [, f] of frames) bytes.push(await encodeFrame(f, out));
    // Fed one byte at a time, the splitter still cuts exactly the frames that were written.
    const all = Uint8Array.from(bytes.flatMap((b) => [...b]));
    const raws = [...all].flatMap((b) => splitter.push(new Uint8Array([b])));
    expect(raws).toHaveLength(frames.length);
    const decoded: Frame[] = [];
    for (const raw of raws) decoded.push(await decodeFrame(raw, back));
    expect(decoded).toEqual(frames.map(([, f]) => f));
    out.close();
    back.close();
  });

  it('lays control and data frames out as the spec draws them', async () => {
    const c = nodeHeaderCompression();
    expect([...(await encodeFrame({ type: 'ping', id: 1 }, c))]).toEqual([0x80, 3, 0, 6, 0, 0, 0, 4, 0, 0, 0, 1]);
    expect([...(await encodeFrame({ type: 'window_update', streamId: 1, delta: 0x10000 }, c))]).toEqual([0x80, 3, 0, 9, 0, 0, 0, 8, 0, 0, 0, 1, 0, 1, 0, 0]);
    expect([...(await encodeFrame({ type: 'data', streamId: 2, flags: FlagFin, data: new Uint8Array([7]) }, c))]).toEqual([0, 0, 0, 2, 1, 0, 0, 1, 7]);
    expect([...(await encodeFrame({ type: 'rst_stream', streamId: 2, status: 3 }, c))]).toEqual([0x80, 3, 0, 3, 0, 0, 0, 8, 0, 0, 0, 2, 0, 0, 0, 3]);
    c.close();
  });

  it('compresses header blocks with the dictionary, readable by plain zlib', async () => {
    const c = nodeHeaderCompression();
    const block = encodeHeaderBlock([['streamtype', 'data'], ['port', '8080']]);
    const first = await c.deflate(block);
    // zlib header with FDICT, then the dictionary's Adler-32; a sync flush ends in 00 00 ff ff.
    expect(first[0]).toBe(0x78);
    expect(first[1]! & 0x20).toBe(0x20);
    expect(Buffer.from(first.subarray(2, 6)).readUInt32BE(0)).toBe(adler32(headerDictionary));
    expect([...first.subarray(-4)]).toEqual([0, 0, 0xff, 0xff]);
    const inflate = createInflate({ dictionary: Buffer.from(headerDictionary) });
    const got = await new Promise<Buffer>((resolve) => {
      const chunks: Buffer[] = [];
      inflate.on('data', (d: Buffer) => chunks.push(d));
      inflate.write(first);
      inflate.flush(constants.Z_SYNC_FLUSH, () => resolve(Buffer.concat(chunks)));
    });
    expect(decodeHeaderBlock(new Uint8Array(got))).toEqual([['streamtype', 'data'], ['port', '8080']]);
    // The second block reuses the context: no zlib header again, and far fewer bytes.
    const second = await c.deflate(block);
    expect(second[0]).not.toBe(0x78);
    expect(second.length).toBeLessThan(first.length);
    c.close();
  });

  it('inflates what a one-shot zlib deflate with the dictionary produced (another peer)', async () => {
    const block = encodeHeaderBlock([['port', '80'], ['streamtype', 'error'], ['requestid', '3']]);
    const peer = deflateSync(block, { dictionary: Buffer.from(headerDictionary), finishFlush: constants.Z_SYNC_FLUSH });
    const c = nodeHeaderCompression();
    expect(decodeHeaderBlock(await c.inflate(new Uint8Array(peer)))).toEqual([['port', '80'], ['streamtype', 'error'], ['requestid', '3']]);
    expect(inflateSync(Buffer.from(await c.deflate(block)), { dictionary: Buffer.from(headerDictionary), finishFlush: constants.Z_SYNC_FLUSH }).equals(Buffer.from(block))).toBe(true);
    c.close();
  });

  it('refuses header blocks upstream refuses', () => {
    const upper = encodeHeaderBlock([['Port', '80']]);
    // encodeHeaderBlock lowercases; build an uppercase name by hand.
    upper.set(new TextEncoder().encode('P'), 8);
    expect(() => decodeHeaderBlock(upper, 3)).toThrow(new SpdyError('header was not lowercased', 1, 3));
    expect(() => decodeHeaderBlock(encodeHeaderBlock([['a', '1'], ['a', '2']]))).toThrow('multiple headers with same name');
    expect(() => decodeHeaderBlock(encodeHeaderBlock([['a', '1']]).subarray(0, 10))).toThrow('compressed payload size was incorrect');
  });

  it('rejects frames with a zero stream id or a wrong length', async () => {
    const c = nodeHeaderCompression();
    await expect(decodeFrame({ control: false, streamId: 0, flags: 0, payload: new Uint8Array() }, c)).rejects.toThrow('stream id zero is disallowed');
    await expect(decodeFrame({ control: true, version: 3, code: 6, flags: 0, payload: new Uint8Array(5) }, c)).rejects.toThrow('invalid control frame');
    expect(await decodeFrame({ control: true, version: 2, code: 6, flags: 0, payload: new Uint8Array(4) }, c)).toEqual({ type: 'unknown', version: 2, code: 6, flags: 0 });
    c.close();
  });
});
