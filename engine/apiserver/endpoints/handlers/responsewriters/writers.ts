// Mirrors k8s.io/apiserver/pkg/endpoints/handlers/responsewriters/writers.go: encode an object or a
// Status in the negotiated format. Lists reuse each cached object's JSON so large lists stay cheap.
import { stringify as toYAML } from 'yaml';
import type { Status } from '../../../../apimachinery/apis/meta/v1/types.js';
import { statusOf } from '../../../../apimachinery/api/errors/errors.js';
import type { Format } from '../negotiation/negotiate.js';

const contentTypes: Record<Format, string> = { json: 'application/json', yaml: 'application/yaml' };

export interface WriteOptions {
  format?: Format;
  pretty?: boolean;
  headers?: Record<string, string>;
}

/** writeObject answers with one object, encoded as asked. */
export function writeObject(code: number, obj: unknown, opts: WriteOptions = {}): Response {
  const format = opts.format ?? 'json';
  const body = format === 'yaml' ? toYAML(obj, { aliasDuplicateObjects: false }) : JSON.stringify(obj, null, opts.pretty ? 2 : undefined);
  return writeRaw(code, body, format, opts.headers);
}

/** writeRaw answers with an already encoded body. */
export function writeRaw(code: number, body: string, format: Format, headers: Record<string, string> = {}): Response {
  return new Response(body, { status: code, headers: { 'Content-Type': contentTypes[format], ...headers } });
}

/** errorResponse turns any error into its Status response (unknown errors are 500s). */
export function errorResponse(err: unknown, opts: WriteOptions = {}): Response {
  const status: Status = statusOf(err);
  return writeObject(status.code || 500, status, opts);
}
