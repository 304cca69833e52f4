// Mirrors the request-body half of k8s.io/apiserver/pkg/endpoints/handlers (rest.go limitedReadBody,
// create.go's decode + transformDecodeError) and the strict JSON/YAML serializers: size limit, JSON or
// YAML bodies, protobuf bodies (decoded to the same JSON), apiVersion/kind checks, and fieldValidation.
import { parse as parseYAML } from 'yaml';
import type { KubeObject } from '../../../apimachinery/apis/meta/v1/types.js';
import { newBadRequest, newRequestEntityTooLarge, newUnsupportedMediaType } from '../../../apimachinery/api/errors/errors.js';
import { apiVersionOf, parseAPIVersion, type GroupVersionKind } from '../../../apimachinery/runtime/schema/group-version.js';
import { decodeFindings, duplicateFields } from '../../../api/openapi/index.js';
import { mediaTypeOf } from './negotiation/negotiate.js';
import { canonicalTime } from '../../../apimachinery/apis/meta/v1/time.js';
import { ContentTypeProtobuf, decode as decodeProtobuf, decodeUnknown, hasPrefix } from '../../../apimachinery/runtime/serializer/protobuf/protobuf.js';
import { messageFor, protobufMessages } from '../../../api/protobuf/index.js';

/** maxRequestBodyBytes is the API server's default --max-request-bytes for JSON/YAML (3 MiB). */
export const maxRequestBodyBytes = 3 * 1024 * 1024;

export type FieldValidation = 'Strict' | 'Warn' | 'Ignore';

/**
 * readBody reads at most limit bytes; a larger body is 413 RequestEntityTooLarge. A protobuf body
 * comes back as a binary string (one char per byte) so every body can travel as text to parseRaw.
 */
export async function readBody(req: Request, limit = maxRequestBodyBytes): Promise<string> {
  const declared = Number(req.headers.get('content-length') ?? '0');
  if (declared > limit) throw newRequestEntityTooLarge(`limit is ${limit}`);
  if (!req.body) return '';
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      throw newRequestEntityTooLarge(`limit is ${limit}`);
    }
    chunks.push(value);
  }
  const all = new Uint8Array(size);
  let off = 0;
  for (const c of chunks) (all.set(c, off), (off += c.byteLength));
  if (mediaTypeOf(req.headers.get('content-type')) === ContentTypeProtobuf) return binaryString(all);
  return new TextDecoder().decode(all);
}

function binaryString(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return s;
}

function bytesOf(binary: string): Uint8Array {
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i) & 0xff;
  return out;
}

/** summarizeBinary mirrors summarizeData for non-JSON bodies: the first 30 bytes in hex. */
function summarizeBinary(bytes: Uint8Array): string {
  if (!bytes.length) return '<empty>';
  const hex = [...bytes.subarray(0, 30)].map((b) => b.toString(16).padStart(2, '0')).join('');
  return bytes.length > 30 ? hex + ' ...' : hex;
}

/**
 * parseProtobuf decodes a protobuf body to its JSON object, as the protobuf serializer followed by
 * transformDecodeError would: without a readable envelope the object is "unrecognized"; with one, a
 * body that does not decode "cannot be handled as" the endpoint's kind.
 */
function parseProtobuf(binary: string, expectedKind: string): unknown {
  const bytes = bytesOf(binary);
  if (!hasPrefix(bytes)) {
    throw newBadRequest(
      `the object provided is unrecognized (must be of type ${expectedKind}): provided data does not appear to be a protobuf message, expected prefix [107 56 115 0] (${summarizeBinary(bytes)})`,
    );
  }
  try {
    return decodeProtobuf(bytes, protobufMessages, messageFor);
  } catch (err) {
    const message = (err as Error).message;
    let envelope: { apiVersion: string; kind: string } | undefined;
    try {
      envelope = decodeUnknown(bytes);
    } catch {
      envelope = undefined;
    }
    if (!envelope?.kind) {
      throw newBadRequest(`the object provided is unrecognized (must be of type ${expectedKind}): ${message} (${summarizeBinary(bytes)})`);
    }
    const version = envelope.apiVersion.slice(envelope.apiVersion.indexOf('/') + 1);
    throw newBadRequest(`${envelope.kind} in version "${version}" cannot be handled as a ${expectedKind}: ${message}`);
  }
}

export function fieldValidationOf(url: URL): FieldValidation {
  const v = url.searchParams.get('fieldValidation') ?? '';
  if (v === '') return 'Warn';
  if (v === 'Strict' || v === 'Warn' || v === 'Ignore') return v;
  throw newBadRequest(`fieldValidation: Unsupported value: "${v}": supported values: "Ignore", "Strict", "Warn"`);
}

/** summarizeData mirrors handlers' summarizeData: the first 30 bytes and " ...". */
function summarize(body: string): string {
  return body.length > 30 ? body.slice(0, 30) + ' ...' : body;
}

function jsonSyntaxMessage(text: string, err: unknown): string {
  const m = /position (\d+)/.exec(String((err as Error).message));
  if (!text.trim() || !m || Number(m[1]) >= text.length) return 'unexpected end of JSON input';
  return `invalid character '${text[Number(m[1])]}' looking for beginning of value`;
}

/** parseRaw turns a body into a JSON value (YAML is converted), with upstream's decode messages. */
export function parseRaw(text: string, contentType: string | null, expectedKind: string): unknown {
  const type = mediaTypeOf(contentType);
  const unrecognized = (msg: string) =>
    newBadRequest(`the object provided is unrecognized (must be of type ${expectedKind}): ${msg} (${summarize(text)})`);
  if (type === 'application/yaml' || type === 'application/apply-patch+yaml') {
    try {
      return parseYAML(text, { uniqueKeys: false }) ?? null;
    } catch (err) {
      throw unrecognized(`error converting YAML to JSON: yaml: ${(err as Error).message.split('\n')[0]}`);
    }
  }
  if (type === ContentTypeProtobuf) return parseProtobuf(text, expectedKind);
  if (type && type !== 'application/json' && !type.endsWith('+json')) throw newUnsupportedMediaType(type);
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw unrecognized(`couldn't get version/kind; json parse error: ${jsonSyntaxMessage(text, err)}`);
  }
}

export interface Decoded {
  object: KubeObject;
  warnings: string[];
}

/**
 * decodeObject checks a parsed body against the endpoint's kind: apiVersion/kind default to the
 * endpoint's, a different group/version or kind is a 400, wrong JSON types always fail, and unknown
 * or duplicate fields fail, warn or pass according to fieldValidation.
 */
export function decodeObject(raw: unknown, text: string, gvk: GroupVersionKind, validation: FieldValidation): Decoded {
  const expected = apiVersionOf(gvk);
  const cannotHandle = (kind: string, version: string, msg: string) =>
    newBadRequest(`${kind} in version "${version}" cannot be handled as a ${gvk.kind}: ${msg}`);
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    const what = Array.isArray(raw) ? 'array' : raw === null ? 'null' : typeof raw;
    throw newBadRequest(
      `the object provided is unrecognized (must be of type ${gvk.kind}): couldn't get version/kind; json parse error: json: cannot unmarshal ${what} into Go value of type struct { APIVersion string "json:\\"apiVersion,omitempty\\""; Kind string "json:\\"kind,omitempty\\"" } (${summarize(text)})`,
    );
  }
  const obj = raw as KubeObject;
  // Only a JSON object's text can repeat a key; read it before the object below is filled in.
  const checkDuplicates = validation !== 'Ignore' && text.trimStart().startsWith('{');
  const duplicates = checkDuplicates ? duplicateFields(text, raw) : [];
  const apiVersion = typeof obj.apiVersion === 'string' && obj.apiVersion ? obj.apiVersion : expected;
  const kind = typeof obj.kind === 'string' && obj.kind ? obj.kind : gvk.kind;
  const gv = parseAPIVersion(apiVersion);
  if (gv.group !== gvk.group || gv.version !== gvk.version) {
    throw newBadRequest(`the API version in the data (${apiVersion}) does not match the expected API version (${expected})`);
  }
  if (kind !== gvk.kind) {
    throw cannotHandle(kind, gv.version, `converting (${gv.version}.${kind}) to (${gvk.group || 'core'}.${gvk.kind}): unknown conversion`);
  }
  obj.apiVersion = apiVersion;
  obj.kind = kind;
  const findings = decodeFindings(gvk, obj);
  if (findings.typeErrors.length) throw cannotHandle(kind, gv.version, findings.typeErrors[0]!);
  if (typeof obj.metadata !== 'object' || obj.metadata === null) obj.metadata = {};
  canonicalizeTimes(obj, (msg) => cannotHandle(kind, gv.version, msg));
  const warnings: string[] = [];
  if (validation !== 'Ignore') {
    const problems = [
      ...findings.unknownFields.map((p) => `unknown field "${p}"`),
      ...duplicates.map((p) => `duplicate field "${p}"`),
    ];
    if (problems.length && validation === 'Strict') throw cannotHandle(kind, gv.version, `strict decoding error: ${problems.join(', ')}`);
    warnings.push(...problems);
  }
  return { object: obj, warnings };
}

/**
 * canonicalizeTimes brings the metadata's times to metav1.Time's wire form, as decoding into
 * metav1.Time does upstream: a client that sends "…:46.000Z" sends the same time as "…:46Z".
 */
function canonicalizeTimes(obj: KubeObject, fail: (msg: string) => Error): void {
  const meta = obj.metadata;
  try {
    if (typeof meta.creationTimestamp === 'string') meta.creationTimestamp = canonicalTime(meta.creationTimestamp);
    if (typeof meta.deletionTimestamp === 'string') meta.deletionTimestamp = canonicalTime(meta.deletionTimestamp)!;
    for (const entry of meta.managedFields ?? []) if (typeof entry.time === 'string') entry.time = canonicalTime(entry.time)!;
  } catch (err) {
    throw fail((err as Error).message);
  }
}

/** decodeRequest reads a request's body and decodes it as gvk with the fieldValidation it asks for. */
export async function decodeRequest(req: Request, url: URL, gvk: GroupVersionKind): Promise<Decoded> {
  const text = await readBody(req);
  const contentType = req.headers.get('content-type');
  const raw = parseRaw(text, contentType, gvk.kind);
  const validation = fieldValidationOf(url);
  // The protobuf decoder is not a strict decoder upstream: every field it yields is a real field.
  return decodeObject(raw, text, gvk, mediaTypeOf(contentType) === ContentTypeProtobuf ? 'Ignore' : validation);
}

/** warningHeader formats one warning as the Warning header value (RFC 7234, code 299). */
export function warningHeader(text: string): string {
  return `299 - ${JSON.stringify(text)}`;
}

/** warningHeaders carries decoding warnings (fieldValidation=Warn) in one Warning header. */
export function warningHeaders(warnings: string[]): Record<string, string> {
  return warnings.length ? { Warning: warnings.map(warningHeader).join(', ') } : {};
}
