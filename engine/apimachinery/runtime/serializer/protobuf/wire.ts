// Mirrors the wire-format half of gogo/protobuf's generated Unmarshal code (encodeVarint… skipGenerated):
// reading tags, varints, fixed32/64 and length-delimited fields from a byte slice.

/** WireType is the low three bits of a field's tag. */
export const WireType = { Varint: 0, Fixed64: 1, Bytes: 2, Fixed32: 5 } as const;

/** ProtoError is a malformed protobuf message; its text follows gogo/protobuf's. */
export class ProtoError extends Error {}

/**
 * Reader walks one message. Varints come back as bigint only past 2^49 so the common small
 * values stay plain numbers; negative int32/int64 are ten-byte varints and take the bigint path.
 */
export class Reader {
  pos = 0;
  constructor(readonly buf: Uint8Array) {}

  done(): boolean {
    return this.pos >= this.buf.length;
  }

  /** varint reads an unsigned varint: a number when it is below 2^49, else a bigint. */
  varint(): number | bigint {
    let n = 0;
    let mul = 1;
    for (let i = 0; i < 7; i++) {
      const b = this.byte();
      n += (b & 0x7f) * mul;
      if (b < 0x80) return n;
      mul *= 128;
    }
    let big = BigInt(n);
    let shift = 49n;
    for (let i = 7; i < 10; i++) {
      const b = this.byte();
      big |= BigInt(b & 0x7f) << shift;
      if (b < 0x80) return BigInt.asUintN(64, big);
      shift += 7n;
    }
    throw new ProtoError('proto: integer overflow');
  }

  /** tag reads a field key: field number and wire type. */
  tag(): [number, number] {
    const key = this.varint();
    if (typeof key === 'bigint') throw new ProtoError('proto: integer overflow');
    const no = Math.floor(key / 8);
    const wire = key % 8;
    if (no <= 0) throw new ProtoError(`proto: illegal tag ${no} (wire type ${wire})`);
    return [no, wire];
  }

  /** bytes reads a length-delimited field's payload. */
  bytes(): Uint8Array {
    const len = this.varint();
    if (typeof len === 'bigint' || len < 0) throw new ProtoError('proto: negative length found during unmarshaling');
    const end = this.pos + len;
    if (end > this.buf.length) throw new ProtoError('unexpected EOF');
    const out = this.buf.subarray(this.pos, end);
    this.pos = end;
    return out;
  }

  fixed64(): DataView {
    return this.fixed(8);
  }

  fixed32(): DataView {
    return this.fixed(4);
  }

  /** skip passes over a field this decoder does not know, as skipGenerated does. */
  skip(wire: number): void {
    switch (wire) {
      case WireType.Varint:
        this.varint();
        return;
      case WireType.Fixed64:
        this.fixed(8);
        return;
      case WireType.Bytes:
        this.bytes();
        return;
      case WireType.Fixed32:
        this.fixed(4);
        return;
      default:
        throw new ProtoError(`proto: illegal wireType ${wire}`);
    }
  }

  private fixed(n: number): DataView {
    if (this.pos + n > this.buf.length) throw new ProtoError('unexpected EOF');
    const view = new DataView(this.buf.buffer, this.buf.byteOffset + this.pos, n);
    this.pos += n;
    return view;
  }

  private byte(): number {
    if (this.pos >= this.buf.length) throw new ProtoError('unexpected EOF');
    return this.buf[this.pos++]!;
  }
}

/** toInt converts a raw varint to the signed or unsigned integer a field declares. */
export function toInt(v: number | bigint, bits: 32 | 64, signed: boolean): number {
  if (typeof v === 'number' && v < 2 ** 31) return v;
  const big = BigInt(v);
  return Number(signed ? BigInt.asIntN(bits, big) : BigInt.asUintN(bits, big));
}
