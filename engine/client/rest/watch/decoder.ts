// Mirrors k8s.io/client-go/rest/watch/decoder.go with apimachinery's JSON framer (util/framer):
// splits a streaming body into newline-delimited JSON watch events. A read may end in the middle of
// an event or carry several; only complete lines are decoded.
import type { KubeObject, Status, WatchEvent, WatchEventType } from '../../../apimachinery/apis/meta/v1/types.js';

const eventTypes: ReadonlySet<string> = new Set(['ADDED', 'MODIFIED', 'DELETED', 'BOOKMARK', 'ERROR']);

/** decodeEvent parses one framed line; a malformed one throws, as a decoder error does upstream. */
export function decodeEvent<T = KubeObject>(line: string): WatchEvent<T> {
  const raw = JSON.parse(line) as { type?: unknown; object?: unknown };
  if (typeof raw.type !== 'string' || !eventTypes.has(raw.type)) {
    throw new Error(`got invalid watch event type: ${String(raw.type)}`);
  }
  if (raw.object === null || typeof raw.object !== 'object') throw new Error('watch event has no object');
  return { type: raw.type as WatchEventType, object: raw.object as T | Status };
}

/**
 * frameLines yields complete lines from a byte stream. Bytes are decoded with a streaming
 * TextDecoder so multi-byte characters split across chunks survive; the unterminated tail is held
 * until the next chunk, and flushed when the stream ends. Only the new chunk is searched for the
 * end of a line: an event of megabytes arriving in thousands of small reads is scanned once.
 */
export async function* frameLines(reader: ReadableStreamDefaultReader<Uint8Array>): AsyncGenerator<string> {
  const decoder = new TextDecoder();
  let pending = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    const chunk = decoder.decode(value, { stream: true });
    let nl = chunk.indexOf('\n');
    if (nl < 0) {
      pending += chunk;
      continue;
    }
    const first = (pending + chunk.slice(0, nl)).trim();
    pending = '';
    if (first) yield first;
    let start = nl + 1;
    for (nl = chunk.indexOf('\n', start); nl >= 0; nl = chunk.indexOf('\n', start)) {
      const line = chunk.slice(start, nl).trim();
      if (line) yield line;
      start = nl + 1;
    }
    pending = chunk.slice(start);
  }
  pending += decoder.decode();
  if (pending.trim()) yield pending.trim();
}
