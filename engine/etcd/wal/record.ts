// Mirrors etcd server/storage/wal/encoder.go and decoder.go: length-prefixed records with a CRC so
// a torn or corrupt tail is found on open. A frame is [u32 length][u32 crc32][payload], little-endian.
import { crc32 } from './crc32.js';

export const frameHeaderSize = 8;

/** encodeFrames frames each payload and concatenates them into one buffer (one append). */
export function encodeFrames(payloads: Uint8Array[]): Uint8Array {
  let size = 0;
  for (const p of payloads) size += frameHeaderSize + p.length;
  const out = new Uint8Array(size);
  const view = new DataView(out.buffer);
  let off = 0;
  for (const p of payloads) {
    view.setUint32(off, p.length, true);
    view.setUint32(off + 4, crc32(p), true);
    out.set(p, off + frameHeaderSize);
    off += frameHeaderSize + p.length;
  }
  return out;
}

export interface DecodeResult {
  payloads: Uint8Array[];
  /** validLength is the byte length of the intact prefix; bytes after it are torn or corrupt. */
  validLength: number;
  /** problem says why decoding stopped early (undefined when the whole buffer was intact). */
  problem?: string;
}

/** decodeFrames reads frames until the end or the first torn or corrupt one. */
export function decodeFrames(bytes: Uint8Array): DecodeResult {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const payloads: Uint8Array[] = [];
  let off = 0;
  while (off < bytes.length) {
    if (bytes.length - off < frameHeaderSize) {
      return { payloads, validLength: off, problem: `torn record header at offset ${off}` };
    }
    const length = view.getUint32(off, true);
    const sum = view.getUint32(off + 4, true);
    const start = off + frameHeaderSize;
    if (length === 0) return { payloads, validLength: off, problem: `empty record at offset ${off}` };
    if (start + length > bytes.length) {
      return { payloads, validLength: off, problem: `torn record at offset ${off} (${length} bytes expected, ${bytes.length - start} present)` };
    }
    if (crc32(bytes, start, start + length) !== sum) {
      return { payloads, validLength: off, problem: `crc mismatch in record at offset ${off}` };
    }
    payloads.push(bytes.subarray(start, start + length));
    off = start + length;
  }
  return { payloads, validLength: off };
}
