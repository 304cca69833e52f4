// moby/spdystream spdy (types.go, read.go, write.go): SPDY/3.1 frames to bytes and back — control
// frames (SYN_STREAM, SYN_REPLY, RST_STREAM, SETTINGS, PING, GOAWAY, HEADERS, WINDOW_UPDATE) and
// data frames, with name/value header blocks compressed through an injected zlib context.
// Web-standard on purpose; leaves out CREDENTIAL frames (unused by any peer we meet).

export const spdyVersion = 3;

export const FlagFin = 0x01;
export const FlagUnidirectional = 0x02;
export const FlagClearSettings = 0x01;

/** Control frame type codes. */
export const TypeSynStream = 1;
export const TypeSynReply = 2;
export const TypeRstStream = 3;
export const TypeSettings = 4;
export const TypePing = 6;
export const TypeGoAway = 7;
export const TypeHeaders = 8;
export const TypeWindowUpdate = 9;

/** RST_STREAM status codes. */
export const RstProtocolError = 1;
export const RstInvalidStream = 2;
export const RstRefusedStream = 3;
export const RstUnsupportedVersion = 4;
export const RstCancel = 5;
export const RstInternalError = 6;
export const RstFlowControlError = 7;
export const RstStreamInUse = 8;
export const RstStreamAlreadyClosed = 9;
export const RstFrameTooLarge = 11;

/** GOAWAY status codes. */
export const GoAwayOK = 0;
export const GoAwayProtocolError = 1;
export const GoAwayInternalError = 2;

/** SETTINGS ids this session understands. */
export const SettingsMaxConcurrentStreams = 4;
export const SettingsInitialWindowSize = 7;

/** maxFrameLength is the 24-bit length limit of one frame's payload. */
export const maxFrameLength = 0xffffff;

/** HeaderList is a name/value block in order; several values of one name are joined by NUL. */
export type HeaderList = Array<[string, string]>;

export type Frame =
  | { type: 'data'; streamId: number; flags: number; data: Uint8Array }
  | { type: 'syn_stream'; streamId: number; associatedTo: number; priority: number; slot: number; flags: number; headers: HeaderList }
  | { type: 'syn_reply'; streamId: number; flags: number; headers: HeaderList }
  | { type: 'rst_stream'; streamId: number; status: number }
  | { type: 'settings'; flags: number; entries: Array<{ flags: number; id: number; value: number }> }
  | { type: 'ping'; id: number }
  | { type: 'goaway'; lastGoodStreamId: number; status: number }
  | { type: 'headers'; streamId: number; flags: number; headers: HeaderList }
  | { type: 'window_update'; streamId: number; delta: number }
  | { type: 'unknown'; version: number; code: number; flags: number };

/**
 * HeaderCompression is one session's pair of zlib contexts (one per direction, shared by every
 * header block of the connection, preloaded with the SPDY dictionary). deflate ends each block
 * with a sync flush; calls are made one at a time, in frame order.
 */
export interface HeaderCompression {
  deflate(block: Uint8Array): Promise<Uint8Array>;
  inflate(block: Uint8Array): Promise<Uint8Array>;
}

/** SpdyError is a frame the peer should not have sent; status is the RST_STREAM or GOAWAY code. */
export class SpdyError extends Error {
  constructor(message: string, readonly status = RstProtocolError, readonly streamId = 0) {
    super(message);
  }
}

const enc = new TextEncoder();
const dec = new TextDecoder();

/** encodeHeaderBlock is the uncompressed name/value block: counts and lengths as 32-bit integers. */
export function encodeHeaderBlock(headers: HeaderList): Uint8Array {
  const parts = headers.map(([n, v]) => [enc.encode(n.toLowerCase()), enc.encode(v)] as const);
  const out = new Uint8Array(4 + parts.reduce((s, [n, v]) => s + 8 + n.length + v.length, 0));
  const view = new DataView(out.buffer);
  view.setUint32(0, parts.length);
  let at = 4;
  for (const [n, v] of parts) {
    view.setUint32(at, n.length);
    out.set(n, at + 4);
    at += 4 + n.length;
    view.setUint32(at, v.length);
    out.set(v, at + 4);
    at += 4 + v.length;
  }
  return out;
}

/** decodeHeaderBlock reads a name/value block; names must be lowercase and appear once. */
export function decodeHeaderBlock(block: Uint8Array, streamId = 0): HeaderList {
  const view = new DataView(block.buffer, block.byteOffset, block.byteLength);
  const need = (at: number, n: number) => {
    if (at + n > block.length) throw new SpdyError('compressed payload size was incorrect', RstProtocolError, streamId);
  };
  need(0, 4);
  const count = view.getUint32(0);
  const out: HeaderList = [];
  const seen = new Set<string>();
  let at = 4;
  for (let i = 0; i < count; i++) {
    need(at, 4);
    const nl = view.getUint32(at);
    need(at + 4, nl + 4);
    const name = dec.decode(block.subarray(at + 4, at + 4 + nl));
    at += 4 + nl;
    const vl = view.getUint32(at);
    need(at + 4, vl);
    const value = dec.decode(block.subarray(at + 4, at + 4 + vl));
    at += 4 + vl;
    if (name === '' || name !== name.toLowerCase()) throw new SpdyError('header was not lowercased', RstProtocolError, streamId);
    if (seen.has(name)) throw new SpdyError('multiple headers with same name', RstProtocolError, streamId);
    seen.add(name);
    out.push([name, value]);
  }
  return out;
}

/** RawFrame is one frame cut from the byte stream, before its header block is inflated. */
export type RawFrame =
  | { control: true; version: number; code: number; flags: number; payload: Uint8Array }
  | { control: false; streamId: number; flags: number; payload: Uint8Array };

/** FrameSplitter cuts a byte stream into frames; it keeps a partial frame between chunks. */
export class FrameSplitter {
  private buf = new Uint8Array(0);

  push(chunk: Uint8Array): RawFrame[] {
    if (this.buf.length === 0) this.buf = chunk.slice();
    else {
      const joined = new Uint8Array(this.buf.length + chunk.length);
      joined.set(this.buf);
      joined.set(chunk, this.buf.length);
      this.buf = joined;
    }
    const frames: RawFrame[] = [];
    let at = 0;
    while (this.buf.length - at >= 8) {
      const view = new DataView(this.buf.buffer, this.buf.byteOffset + at, 8);
      const first = view.getUint32(0);
      const second = view.getUint32(4);
      const length = second & 0xffffff;
      if (this.buf.length - at < 8 + length) break;
      const payload = this.buf.slice(at + 8, at + 8 + length);
      const flags = second >>> 24;
      if (first & 0x80000000) frames.push({ control: true, version: (first >>> 16) & 0x7fff, code: first & 0xffff, flags, payload });
      else frames.push({ control: false, streamId: first & 0x7fffffff, flags, payload });
      at += 8 + length;
    }
    this.buf = this.buf.slice(at);
    return frames;
  }
}

function fixed(payload: Uint8Array, length: number, what: string): DataView {
  if (payload.length !== length) throw new SpdyError(`invalid control frame: ${what} of length ${payload.length}`);
  return new DataView(payload.buffer, payload.byteOffset, payload.byteLength);
}

/** decodeFrame turns a raw frame into a Frame, inflating its header block in the session's context. */
export async function decodeFrame(raw: RawFrame, compression: HeaderCompression): Promise<Frame> {
  if (!raw.control) {
    if (raw.streamId === 0) throw new SpdyError('stream id zero is disallowed');
    return { type: 'data', streamId: raw.streamId, flags: raw.flags, data: raw.payload };
  }
  const p = raw.payload;
  const view = new DataView(p.buffer, p.byteOffset, p.byteLength);
  const u31 = (at: number) => view.getUint32(at) & 0x7fffffff;
  const headersAt = async (at: number, streamId: number) => {
    if (p.length < at) throw new SpdyError('invalid control frame: too short');
    return decodeHeaderBlock(await compression.inflate(p.subarray(at)), streamId);
  };
  if (raw.version !== spdyVersion) return { type: 'unknown', version: raw.version, code: raw.code, flags: raw.flags };
  switch (raw.code) {
    case TypeSynStream: {
      if (p.length < 10) throw new SpdyError('invalid control frame: SYN_STREAM too short');
      const streamId = u31(0);
      if (streamId === 0) throw new SpdyError('stream id zero is disallowed');
      return { type: 'syn_stream', streamId, associatedTo: u31(4), priority: p[8]! >> 5, slot: p[9]!, flags: raw.flags, headers: await headersAt(10, streamId) };
    }
    case TypeSynReply:
    case TypeHeaders: {
      if (p.length < 4) throw new SpdyError('invalid control frame: too short');
      const streamId = u31(0);
      if (streamId === 0) throw new SpdyError('stream id zero is disallowed');
      return { type: raw.code === TypeSynReply ? 'syn_reply' : 'headers', streamId, flags: raw.flags, headers: await headersAt(4, streamId) };
    }
    case TypeRstStream: {
      const v = fixed(p, 8, 'RST_STREAM');
      const streamId = v.getUint32(0) & 0x7fffffff;
      if (streamId === 0) throw new SpdyError('stream id zero is disallowed');
      return { type: 'rst_stream', streamId, status: v.getUint32(4) };
    }
    case TypeSettings: {
      if (p.length < 4) throw new SpdyError('invalid control frame: SETTINGS too short');
      const n = view.getUint32(0);
      fixed(p, 4 + 8 * n, 'SETTINGS');
      const entries = [];
      for (let i = 0; i < n; i++) {
        const word = view.getUint32(4 + 8 * i);
        entries.push({ flags: word >>> 24, id: word & 0xffffff, value: view.getUint32(8 + 8 * i) });
      }
      return { type: 'settings', flags: raw.flags, entries };
    }
    case TypePing:
      return { type: 'ping', id: fixed(p, 4, 'PING').getUint32(0) };
    case TypeGoAway: {
      const v = fixed(p, 8, 'GOAWAY');
      return { type: 'goaway', lastGoodStreamId: v.getUint32(0) & 0x7fffffff, status: v.getUint32(4) };
    }
    case TypeWindowUpdate: {
      const v = fixed(p, 8, 'WINDOW_UPDATE');
      return { type: 'window_update', streamId: v.getUint32(0) & 0x7fffffff, delta: v.getUint32(4) & 0x7fffffff };
    }
    default:
      return { type: 'unknown', version: raw.version, code: raw.code, flags: raw.flags };
  }
}

function controlFrame(code: number, flags: number, payload: Uint8Array): Uint8Array {
  if (payload.length > maxFrameLength) throw new SpdyError('frame too large', RstFrameTooLarge);
  const out = new Uint8Array(8 + payload.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, 0x80000000 | (spdyVersion << 16) | code);
  view.setUint32(4, (flags << 24) | payload.length);
  out.set(payload, 8);
  return out;
}

function words(...values: number[]): Uint8Array {
  const out = new Uint8Array(4 * values.length);
  const view = new DataView(out.buffer);
  values.forEach((v, i) => view.setUint32(4 * i, v >>> 0));
  return out;
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

/** encodeFrame serializes a frame, deflating its header block in the session's context. */
export async function encodeFrame(frame: Frame, compression: HeaderCompression): Promise<Uint8Array> {
  switch (frame.type) {
    case 'data': {
      if (frame.data.length > maxFrameLength) throw new SpdyError('frame too large', RstFrameTooLarge);
      const out = new Uint8Array(8 + frame.data.length);
      const view = new DataView(out.buffer);
      view.setUint32(0, frame.streamId & 0x7fffffff);
      view.setUint32(4, (frame.flags << 24) | frame.data.length);
      out.set(frame.data, 8);
      return out;
    }
    case 'syn_stream': {
      const head = new Uint8Array(10);
      const view = new DataView(head.buffer);
      view.setUint32(0, frame.streamId & 0x7fffffff);
      view.setUint32(4, frame.associatedTo & 0x7fffffff);
      head[8] = (frame.priority & 0x7) << 5;
      head[9] = frame.slot;
      const block = await compression.deflate(encodeHeaderBlock(frame.headers));
      return controlFrame(TypeSynStream, frame.flags, concat(head, block));
    }
    case 'syn_reply':
    case 'headers': {
      const block = await compression.deflate(encodeHeaderBlock(frame.headers));
      return controlFrame(frame.type === 'syn_reply' ? TypeSynReply : TypeHeaders, frame.flags, concat(words(frame.streamId & 0x7fffffff), block));
    }
    case 'rst_stream':
      return controlFrame(TypeRstStream, 0, words(frame.streamId & 0x7fffffff, frame.status));
    case 'settings':
      return controlFrame(TypeSettings, frame.flags, words(frame.entries.length, ...frame.entries.flatMap((e) => [(e.flags << 24) | (e.id & 0xffffff), e.value])));
    case 'ping':
      return controlFrame(TypePing, 0, words(frame.id));
    case 'goaway':
      return controlFrame(TypeGoAway, 0, words(frame.lastGoodStreamId & 0x7fffffff, frame.status));
    case 'window_update':
      return controlFrame(TypeWindowUpdate, 0, words(frame.streamId & 0x7fffffff, frame.delta & 0x7fffffff));
    case 'unknown':
      return controlFrame(frame.code, frame.flags, new Uint8Array());
  }
}
