// Mirrors Go's net/http wire layer (internal/chunked, readRequest/ReadResponse framing, reduced): an
// incremental HTTP/1.1 message parser — start line, headers, then a body framed by Content-Length,
// chunked transfer coding or the connection's close — shared by the in-cluster client and server.
const decoder = new TextDecoder();
const encoder = new TextEncoder();

export interface MessageHead {
  /** startLine split in three: [method, target, version] or [version, status, reason]. */
  startLine: [string, string, string];
  /** headers in arrival order with lower-case names. */
  headers: [string, string][];
}

/** Framing is how a message's body ends. */
export type Framing = { kind: 'none' } | { kind: 'length'; remaining: number } | { kind: 'chunked' } | { kind: 'close' };

export interface MessageHandlers {
  onHead(head: MessageHead): void;
  onBody(data: Uint8Array): void;
  onEnd(): void;
}

/** header returns the first value of a (lower-case) header. */
export function header(head: MessageHead, name: string): string | undefined {
  return head.headers.find(([k]) => k === name)?.[1];
}

/**
 * framingFor decides how a body is delimited (RFC 9112 §6.3): chunked wins over Content-Length; a
 * response without either runs until close; a request without either has no body.
 */
export function framingFor(head: MessageHead, isResponse: boolean, noBody = false): Framing {
  if (noBody) return { kind: 'none' };
  if (isResponse) {
    const status = Number(head.startLine[1]);
    if ((status >= 100 && status < 200) || status === 204 || status === 304) return { kind: 'none' };
  }
  if (/chunked/i.test(header(head, 'transfer-encoding') ?? '')) return { kind: 'chunked' };
  const length = header(head, 'content-length');
  if (length !== undefined) {
    const n = Number(length);
    if (!Number.isInteger(n) || n < 0) throw new Error(`invalid Content-Length ${JSON.stringify(length)}`);
    return n === 0 ? { kind: 'none' } : { kind: 'length', remaining: n };
  }
  return isResponse ? { kind: 'close' } : { kind: 'none' };
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  if (a.length === 0) return b;
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

function indexOfCRLF(buf: Uint8Array, from = 0): number {
  for (let i = from; i + 1 < buf.length; i++) if (buf[i] === 13 && buf[i + 1] === 10) return i;
  return -1;
}

function indexOfHeadEnd(buf: Uint8Array): number {
  for (let i = 0; i + 3 < buf.length; i++) {
    if (buf[i] === 13 && buf[i + 1] === 10 && buf[i + 2] === 13 && buf[i + 3] === 10) return i;
  }
  return -1;
}

/** parseHead reads a start line and header fields (without the final blank line). */
export function parseHead(text: string): MessageHead {
  const lines = text.split('\r\n');
  const first = lines[0] ?? '';
  const a = first.indexOf(' ');
  const b = a < 0 ? -1 : first.indexOf(' ', a + 1);
  const startLine: [string, string, string] = a < 0 ? [first, '', ''] : b < 0 ? [first.slice(0, a), first.slice(a + 1), ''] : [first.slice(0, a), first.slice(a + 1, b), first.slice(b + 1)];
  const headers: [string, string][] = [];
  for (const line of lines.slice(1)) {
    const i = line.indexOf(':');
    if (i > 0) headers.push([line.slice(0, i).trim().toLowerCase(), line.slice(i + 1).trim()]);
  }
  return { startLine, headers };
}

/**
 * MessageParser is fed a connection's bytes and reports messages one after another (keep-alive).
 * framing decides each body's delimitation once its head is known (the client knows it sent HEAD).
 */
export class MessageParser {
  private buf: Uint8Array = new Uint8Array();
  private state: 'head' | 'body' | 'chunk-size' | 'chunk-data' | 'chunk-crlf' | 'trailer' = 'head';
  private framing: Framing = { kind: 'none' };
  private chunkRemaining = 0;

  constructor(
    private readonly handlers: MessageHandlers,
    private readonly framingOf: (head: MessageHead) => Framing,
    /** maxHeadBytes bounds a head that never ends (Go's DefaultMaxHeaderBytes is 1 MiB). */
    private readonly maxHeadBytes = 1 << 20,
  ) {}

  /** inBody is true while a message's body is still arriving. */
  get inBody(): boolean {
    return this.state !== 'head';
  }

  /** push consumes bytes; it throws on malformed input (the caller closes the connection). */
  push(data: Uint8Array): void {
    this.buf = concat(this.buf, data);
    for (;;) {
      if (this.state === 'head') {
        const end = indexOfHeadEnd(this.buf);
        if (end < 0) {
          if (this.buf.length > this.maxHeadBytes) throw new Error('header too large');
          return;
        }
        const head = parseHead(decoder.decode(this.buf.subarray(0, end)));
        this.buf = this.buf.slice(end + 4);
        this.framing = this.framingOf(head);
        this.handlers.onHead(head);
        this.state = this.framing.kind === 'chunked' ? 'chunk-size' : 'body';
        if (this.framing.kind === 'none') this.finishMessage();
        continue;
      }
      if (this.state === 'body') {
        if (this.buf.length === 0) return;
        if (this.framing.kind === 'close') {
          this.emitBody(this.buf.length);
          return;
        }
        if (this.framing.kind !== 'length') return;
        const n = Math.min(this.framing.remaining, this.buf.length);
        this.emitBody(n);
        this.framing.remaining -= n;
        if (this.framing.remaining === 0) this.finishMessage();
        continue;
      }
      const crlf = indexOfCRLF(this.buf);
      if (this.state === 'chunk-size') {
        if (crlf < 0) return;
        const size = parseInt(decoder.decode(this.buf.subarray(0, crlf)).split(';')[0]!.trim(), 16);
        if (Number.isNaN(size)) throw new Error('malformed chunked encoding');
        this.buf = this.buf.slice(crlf + 2);
        this.chunkRemaining = size;
        this.state = size === 0 ? 'trailer' : 'chunk-data';
        continue;
      }
      if (this.state === 'chunk-data') {
        if (this.buf.length === 0) return;
        const n = Math.min(this.chunkRemaining, this.buf.length);
        this.emitBody(n);
        this.chunkRemaining -= n;
        if (this.chunkRemaining === 0) this.state = 'chunk-crlf';
        continue;
      }
      if (this.state === 'chunk-crlf') {
        if (this.buf.length < 2) return;
        this.buf = this.buf.slice(2);
        this.state = 'chunk-size';
        continue;
      }
      // trailer: header lines until an empty one.
      if (crlf < 0) return;
      const line = this.buf.subarray(0, crlf);
      this.buf = this.buf.slice(crlf + 2);
      if (line.length === 0) this.finishMessage();
    }
  }

  /** close reports the connection's end: it completes a close-delimited body; false means truncated. */
  close(): boolean {
    if (this.state === 'body' && this.framing.kind === 'close') {
      this.finishMessage();
      return true;
    }
    return this.state === 'head' && this.buf.length === 0;
  }

  private emitBody(n: number): void {
    const chunk = this.buf.slice(0, n);
    this.buf = this.buf.slice(n);
    if (chunk.length > 0) this.handlers.onBody(chunk);
  }

  private finishMessage(): void {
    this.state = 'head';
    this.framing = { kind: 'none' };
    this.handlers.onEnd();
  }
}

/** encodeHead serializes a start line and headers, ending with the blank line. */
export function encodeHead(startLine: string, headers: [string, string][]): Uint8Array {
  return encoder.encode([startLine, ...headers.map(([k, v]) => `${k}: ${v}`)].join('\r\n') + '\r\n\r\n');
}

/** encodeChunk frames one chunk of a chunked body; an empty chunk is the last one. */
export function encodeChunk(data: Uint8Array): Uint8Array {
  if (data.length === 0) return encoder.encode('0\r\n\r\n');
  const size = encoder.encode(`${data.length.toString(16)}\r\n`);
  const out = new Uint8Array(size.length + data.length + 2);
  out.set(size);
  out.set(data, size.length);
  out.set([13, 10], size.length + data.length);
  return out;
}

/** canonicalHeader writes a header name the way Go's textproto does ("content-type" → "Content-Type"). */
export function canonicalHeader(name: string): string {
  return name.toLowerCase().replace(/(^|-)([a-z])/g, (_, dash: string, c: string) => dash + c.toUpperCase());
}
