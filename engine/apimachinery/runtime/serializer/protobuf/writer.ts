// Mirrors the encode helpers of gogo/protobuf's generated code (encodeVarintGenerated and the
// MarshalToSizedBuffer field writers), forward instead of backward. Used to build test bodies.
import { protoEncodingPrefix } from './protobuf.js';

/** Writer appends protobuf fields; nested messages are written by passing another Writer's bytes. */
export class Writer {
  private parts: number[] = [];

  /** varint writes an unsigned varint; negative numbers go out as ten-byte two's complement, as Go does. */
  private raw(v: number | bigint): void {
    let n = BigInt.asUintN(64, BigInt(v));
    while (n >= 0x80n) {
      this.parts.push(Number(n & 0x7fn) | 0x80);
      n >>= 7n;
    }
    this.parts.push(Number(n));
  }

  private key(no: number, wire: number): void {
    this.raw(no * 8 + wire);
  }

  varint(no: number, v: number | bigint | boolean): this {
    this.key(no, 0);
    this.raw(typeof v === 'boolean' ? (v ? 1 : 0) : v);
    return this;
  }

  bytes(no: number, v: Uint8Array | Writer): this {
    const b = v instanceof Writer ? v.finish() : v;
    this.key(no, 2);
    this.raw(b.length);
    for (const x of b) this.parts.push(x);
    return this;
  }

  string(no: number, v: string): this {
    return this.bytes(no, new TextEncoder().encode(v));
  }

  double(no: number, v: number): this {
    const b = new Uint8Array(8);
    new DataView(b.buffer).setFloat64(0, v, true);
    this.key(no, 1);
    for (const x of b) this.parts.push(x);
    return this;
  }

  /** mapEntry writes one map<string, …> entry {key = 1, value = 2}. */
  mapEntry(no: number, key: string, value: string | Writer): this {
    const entry = new Writer().string(1, key);
    if (typeof value === 'string') entry.string(2, value);
    else entry.bytes(2, value);
    return this.bytes(no, entry);
  }

  finish(): Uint8Array {
    return Uint8Array.from(this.parts);
  }
}

/** envelope wraps a message in the "k8s\0" prefix and runtime.Unknown, as the protobuf serializer's Encode does. */
export function envelope(apiVersion: string, kind: string, message: Writer | Uint8Array): Uint8Array {
  const unk = new Writer().bytes(1, new Writer().string(1, apiVersion).string(2, kind)).bytes(2, message).string(3, '').string(4, '');
  const body = unk.finish();
  const out = new Uint8Array(protoEncodingPrefix.length + body.length);
  out.set(protoEncodingPrefix);
  out.set(body, protoEncodingPrefix.length);
  return out;
}
