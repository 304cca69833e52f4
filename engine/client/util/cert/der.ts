// Just enough DER (ITU-T X.690) to write X.509 certificates: tag-length-value encoding of the few
// ASN.1 types a certificate uses.

export type DER = Uint8Array<ArrayBuffer>;

function concat(parts: Uint8Array[]): DER {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

function length(n: number): Uint8Array {
  if (n < 0x80) return Uint8Array.of(n);
  const bytes: number[] = [];
  for (let v = n; v > 0; v >>= 8) bytes.unshift(v & 0xff);
  return Uint8Array.of(0x80 | bytes.length, ...bytes);
}

export function tlv(tag: number, ...content: Uint8Array[]): DER {
  const body = concat(content);
  return concat([Uint8Array.of(tag), length(body.length), body]);
}

export const sequence = (...items: DER[]) => tlv(0x30, ...items);
export const set = (...items: DER[]) => tlv(0x31, ...items);
export const explicit = (n: number, inner: DER) => tlv(0xa0 + n, inner);
export const octetString = (bytes: Uint8Array) => tlv(0x04, bytes);
export const bitString = (bytes: Uint8Array) => tlv(0x03, Uint8Array.of(0), bytes);
export const utf8String = (text: string) => tlv(0x0c, new TextEncoder().encode(text));
export const boolean = (v: boolean) => tlv(0x01, Uint8Array.of(v ? 0xff : 0));

/** integer encodes a non-negative big-endian magnitude as a DER INTEGER. */
export function integer(magnitude: Uint8Array): DER {
  let i = 0;
  while (i < magnitude.length - 1 && magnitude[i] === 0) i++;
  const trimmed = magnitude.slice(i);
  return tlv(0x02, trimmed[0]! & 0x80 ? concat([Uint8Array.of(0), trimmed]) : trimmed);
}

export function oid(dotted: string): DER {
  const parts = dotted.split('.').map(Number);
  const bytes: number[] = [40 * parts[0]! + parts[1]!];
  for (const p of parts.slice(2)) {
    const chunk: number[] = [p & 0x7f];
    for (let v = p >>> 7; v > 0; v >>>= 7) chunk.unshift(0x80 | (v & 0x7f));
    bytes.push(...chunk);
  }
  return tlv(0x06, Uint8Array.from(bytes));
}

/** utcTime writes YYMMDDHHMMSSZ (valid until 2049, which certificates here never pass). */
export function utcTime(ms: number): DER {
  const d = new Date(ms);
  const two = (n: number) => String(n).padStart(2, '0');
  const text = `${two(d.getUTCFullYear() % 100)}${two(d.getUTCMonth() + 1)}${two(d.getUTCDate())}${two(d.getUTCHours())}${two(d.getUTCMinutes())}${two(d.getUTCSeconds())}Z`;
  return tlv(0x17, new TextEncoder().encode(text));
}

/** pem wraps DER bytes in PEM armour with 64-character lines. */
export function pem(label: string, der: Uint8Array): string {
  let bin = '';
  for (const b of der) bin += String.fromCharCode(b);
  const b64 = btoa(bin).replace(/.{64}/g, '$&\n').replace(/\n$/, '');
  return `-----BEGIN ${label}-----\n${b64}\n-----END ${label}-----\n`;
}
