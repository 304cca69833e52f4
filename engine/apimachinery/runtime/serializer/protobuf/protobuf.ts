// Mirrors k8s.io/apimachinery/pkg/runtime/serializer/protobuf/protobuf.go (Serializer.Decode): the
// four-byte "k8s\0" prefix, the runtime.Unknown envelope {typeMeta = 1 {apiVersion = 1, kind = 2},
// raw = 2, contentEncoding = 3, contentType = 4} and the typed message in raw, decoded to JSON.
// Decode only: the API server answers in JSON, which every protobuf client also accepts.
import type { MessageTable } from './schema.js';
import { unmarshal } from './unmarshal.js';
import { ProtoError, Reader, WireType } from './wire.js';

/** ContentTypeProtobuf is the media type Kubernetes clients send protobuf bodies with. */
export const ContentTypeProtobuf = 'application/vnd.kubernetes.protobuf';

/** protoEncodingPrefix marks a Kubernetes protobuf body: "k8s" and a zero byte. */
export const protoEncodingPrefix = new Uint8Array([0x6b, 0x38, 0x73, 0x00]);

/** Unknown is runtime.Unknown: the envelope around every protobuf-encoded object. */
export interface Unknown {
  apiVersion: string;
  kind: string;
  raw: Uint8Array;
  contentEncoding: string;
  contentType: string;
}

/** hasPrefix says whether data starts with the Kubernetes protobuf prefix. */
export function hasPrefix(data: Uint8Array): boolean {
  return protoEncodingPrefix.every((b, i) => data[i] === b);
}

/** decodeUnknown strips the prefix and reads the envelope. */
export function decodeUnknown(data: Uint8Array): Unknown {
  if (!hasPrefix(data)) {
    throw new ProtoError(`provided data does not appear to be a protobuf message, expected prefix [${protoEncodingPrefix.join(' ')}]`);
  }
  const out: Unknown = { apiVersion: '', kind: '', raw: new Uint8Array(0), contentEncoding: '', contentType: '' };
  const utf8 = new TextDecoder();
  const text = (b: Uint8Array) => utf8.decode(b);
  const r = new Reader(data.subarray(protoEncodingPrefix.length));
  while (!r.done()) {
    const [no, wire] = r.tag();
    if (wire !== WireType.Bytes) {
      r.skip(wire);
      continue;
    }
    const bytes = r.bytes();
    if (no === 1) {
      const tm = new Reader(bytes);
      while (!tm.done()) {
        const [n2, w2] = tm.tag();
        if (w2 !== WireType.Bytes) tm.skip(w2);
        else if (n2 === 1) out.apiVersion = text(tm.bytes());
        else if (n2 === 2) out.kind = text(tm.bytes());
        else tm.skip(w2);
      }
    } else if (no === 2) out.raw = bytes;
    else if (no === 3) out.contentEncoding = text(bytes);
    else if (no === 4) out.contentType = text(bytes);
  }
  return out;
}

/** NotRegisteredError is runtime's notRegisteredErr: the envelope names a kind with no message. */
export class NotRegisteredError extends Error {}

/**
 * decode reads a protobuf body into the JSON object of the kind its envelope names, with apiVersion
 * and kind set from the envelope. messageFor maps apiVersion/kind to a message in table.
 */
export function decode(
  data: Uint8Array,
  table: MessageTable,
  messageFor: (apiVersion: string, kind: string) => string | undefined,
): Record<string, unknown> {
  const unk = decodeUnknown(data);
  const message = messageFor(unk.apiVersion, unk.kind);
  if (!message) {
    throw new NotRegisteredError(`no kind "${unk.kind}" is registered for version "${unk.apiVersion}" in scheme "pkg/api/legacyscheme/scheme.go:30"`);
  }
  const body = unmarshal(table, message, unk.raw);
  return { apiVersion: unk.apiVersion, kind: unk.kind, ...body };
}
