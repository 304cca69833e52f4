// Mirrors no kernel file: the record layer a userspace tunnel (like a TAP-over-TCP switch) needs to
// carry frames over a byte stream. Each record is a 4-byte big-endian length, a 1-byte type and
// the body; frames and control messages carry a 4-byte sequence number so a link can resend what
// a broken connection lost.

export const RECORD_HEADER_LEN = 5;
/** MAX_RECORD bounds a record so a corrupt length cannot make the reader buffer forever. */
export const MAX_RECORD = 1 << 20;

export enum RecordType {
  /** Hello opens every connection: JSON {session, name, peer, received}. */
  Hello = 1,
  /** Frame is seq + the next hop's IPv4 address + an Ethernet frame. */
  Frame = 2,
  /** Ack is the highest in-order sequence number received. */
  Ack = 3,
  /** Control is seq + JSON (directory and lease updates). */
  Control = 4,
}

export interface StreamRecord {
  type: RecordType;
  body: Uint8Array;
}

/** encodeRecord prefixes a body with its length and type. */
export function encodeRecord(type: RecordType, body: Uint8Array): Uint8Array {
  const out = new Uint8Array(RECORD_HEADER_LEN + body.length);
  new DataView(out.buffer).setUint32(0, body.length + 1);
  out[4] = type;
  out.set(body, RECORD_HEADER_LEN);
  return out;
}

/** encodeSequenced is a record whose body starts with a sequence number. */
export function encodeSequenced(type: RecordType, seq: number, payload: Uint8Array): Uint8Array {
  const body = new Uint8Array(4 + payload.length);
  new DataView(body.buffer).setUint32(0, seq >>> 0);
  body.set(payload, 4);
  return encodeRecord(type, body);
}

export function readSeq(body: Uint8Array): number {
  return new DataView(body.buffer, body.byteOffset, body.byteLength).getUint32(0);
}

/** RecordReader reassembles records from chunks cut anywhere, as a TCP stream delivers them. */
export class RecordReader {
  private buf: Uint8Array = new Uint8Array(0);

  /** push adds a chunk and returns the records it completed; throws on a corrupt length. */
  push(chunk: Uint8Array): StreamRecord[] {
    this.buf = this.buf.length === 0 ? chunk : concat(this.buf, chunk);
    const out: StreamRecord[] = [];
    let off = 0;
    while (this.buf.length - off >= RECORD_HEADER_LEN) {
      const v = new DataView(this.buf.buffer, this.buf.byteOffset + off, 4);
      const len = v.getUint32(0);
      if (len < 1 || len > MAX_RECORD) throw new Error(`corrupt record length ${len}`);
      if (this.buf.length - off < 4 + len) break;
      out.push({ type: this.buf[off + 4] as RecordType, body: this.buf.slice(off + RECORD_HEADER_LEN, off + 4 + len) });
      off += 4 + len;
    }
    this.buf = this.buf.subarray(off);
    return out;
  }

  /** buffered counts bytes of an incomplete record. */
  buffered(): number {
    return this.buf.length;
  }
}

export function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}
