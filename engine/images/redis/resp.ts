// RESP2, the Redis serialization protocol (redis/src/networking.c processMultibulkBuffer and
// processInlineBuffer for requests, addReply* for replies): a streaming decoder and encoders.

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export type Reply =
  | { type: 'simple'; value: string }
  | { type: 'error'; value: string }
  | { type: 'integer'; value: number }
  | { type: 'bulk'; value: string | null }
  | { type: 'array'; value: Reply[] | null };

export const ok: Reply = { type: 'simple', value: 'OK' };
export const nil: Reply = { type: 'bulk', value: null };
export const bulk = (value: string | null): Reply => ({ type: 'bulk', value });
export const int = (value: number): Reply => ({ type: 'integer', value });
export const err = (value: string): Reply => ({ type: 'error', value });
export const arr = (value: Reply[] | null): Reply => ({ type: 'array', value });

export function encodeReply(r: Reply): string {
  switch (r.type) {
    case 'simple': return `+${r.value}\r\n`;
    case 'error': return `-${r.value}\r\n`;
    case 'integer': return `:${r.value}\r\n`;
    case 'bulk': return r.value === null ? '$-1\r\n' : `$${encoder.encode(r.value).length}\r\n${r.value}\r\n`;
    case 'array': return r.value === null ? '*-1\r\n' : `*${r.value.length}\r\n${r.value.map(encodeReply).join('')}`;
  }
}

/** encodeCommand writes a request as a multibulk array. */
export function encodeCommand(args: string[]): string {
  return encodeReply(arr(args.map((a) => bulk(a))));
}

/** RespReader buffers bytes and yields complete values; incomplete input waits for more. */
export class RespReader {
  private buf = new Uint8Array();
  private pos = 0;

  push(chunk: Uint8Array): void {
    const rest = this.buf.subarray(this.pos);
    const joined = new Uint8Array(rest.length + chunk.length);
    joined.set(rest);
    joined.set(chunk, rest.length);
    this.buf = joined;
    this.pos = 0;
  }

  /** consumed is how many bytes readReply/readCommand took in their last successful call. */
  consumed = 0;

  private line(from: number): { text: string; next: number } | undefined {
    for (let i = from; i + 1 < this.buf.length; i++) {
      if (this.buf[i] === 13 && this.buf[i + 1] === 10) return { text: decoder.decode(this.buf.subarray(from, i)), next: i + 2 };
    }
    return undefined;
  }

  private parse(at: number): { reply: Reply; next: number } | undefined {
    const l = this.line(at);
    if (!l) return undefined;
    const kind = l.text[0];
    const body = l.text.slice(1);
    switch (kind) {
      case '+': return { reply: { type: 'simple', value: body }, next: l.next };
      case '-': return { reply: { type: 'error', value: body }, next: l.next };
      case ':': return { reply: int(Number(body)), next: l.next };
      case '$': {
        const n = Number(body);
        if (n < 0) return { reply: nil, next: l.next };
        if (this.buf.length < l.next + n + 2) return undefined;
        return { reply: bulk(decoder.decode(this.buf.subarray(l.next, l.next + n))), next: l.next + n + 2 };
      }
      case '*': {
        const n = Number(body);
        if (n < 0) return { reply: arr(null), next: l.next };
        const items: Reply[] = [];
        let next = l.next;
        for (let i = 0; i < n; i++) {
          const item = this.parse(next);
          if (!item) return undefined;
          items.push(item.reply);
          next = item.next;
        }
        return { reply: arr(items), next };
      }
      default:
        // Inline command (telnet / nc style): words separated by spaces.
        return { reply: arr(l.text.trim().split(/\s+/).filter(Boolean).map((w) => bulk(w))), next: l.next };
    }
  }

  readReply(): Reply | undefined {
    const r = this.parse(this.pos);
    if (!r) return undefined;
    this.consumed = r.next - this.pos;
    this.pos = r.next;
    return r.reply;
  }

  /** readCommand returns the next request's arguments. */
  readCommand(): string[] | undefined {
    for (;;) {
      const r = this.readReply();
      if (!r) return undefined;
      if (r.type === 'array' && r.value && r.value.length > 0) return r.value.map((v) => String(v.value ?? ''));
    }
  }

  /** readRaw takes n bytes verbatim (the RDB payload of a full sync, which has no trailing CRLF). */
  readRaw(n: number): string | undefined {
    if (this.buf.length - this.pos < n) return undefined;
    const s = decoder.decode(this.buf.subarray(this.pos, this.pos + n));
    this.pos += n;
    return s;
  }

  /** readLine takes one CRLF-terminated line. */
  readLine(): string | undefined {
    const l = this.line(this.pos);
    if (!l) return undefined;
    this.pos = l.next;
    return l.text;
  }
}
