// Byte plumbing for the shell: pipes between concurrently running commands (a broken pipe makes
// the writer fail like SIGPIPE), whole-stream reads and a line reader `read` can share with the
// commands that follow it on the same stdin. A zero-length chunk is what read() returning 0 is on
// a terminal (^D): the end of input for the reader at hand, after which the stream may go on.
import type { Output } from './types.js';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export function toBytes(chunk: Uint8Array | string): Uint8Array {
  return typeof chunk === 'string' ? encoder.encode(chunk) : chunk;
}

export function toText(chunk: Uint8Array | string): string {
  return typeof chunk === 'string' ? chunk : decoder.decode(chunk);
}

/** BrokenPipeError is thrown by a pipe's writer once its reader has gone (exit status 141). */
export class BrokenPipeError extends Error {
  constructor() {
    super('Broken pipe');
    this.name = 'BrokenPipeError';
  }
}

export interface Pipe {
  readable: ReadableStream<Uint8Array>;
  write: Output;
  close(): void;
  /** breakPipe marks the reader gone: later writes throw BrokenPipeError. */
  breakPipe(): void;
}

export function createPipe(): Pipe {
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  let closed = false;
  let broken = false;
  const readable = new ReadableStream<Uint8Array>({
    start: (c) => void (controller = c),
    cancel: () => void (broken = true),
  });
  return {
    readable,
    write(chunk) {
      if (broken) throw new BrokenPipeError();
      if (closed) return;
      const bytes = toBytes(chunk);
      if (bytes.length > 0) controller.enqueue(bytes);
    },
    close() {
      if (closed) return;
      closed = true;
      if (!broken) controller.close();
    },
    breakPipe() {
      broken = true;
    },
  };
}

export function streamOf(input: Uint8Array | string): ReadableStream<Uint8Array> {
  const bytes = toBytes(input);
  return new ReadableStream({
    start(c) {
      if (bytes.length > 0) c.enqueue(bytes);
      c.close();
    },
  });
}

/** readAll reads a stream to its end (undefined stdin reads as empty). */
export async function readAll(stream: ReadableStream<Uint8Array> | undefined): Promise<Uint8Array> {
  if (!stream) return new Uint8Array();
  const input = inputs.get(stream);
  const chunks: Uint8Array[] = [];
  if (input) {
    for (let c = await input.readChunk(); c; c = await input.readChunk()) chunks.push(c);
  } else {
    const reader = stream.getReader();
    for (;;) {
      const { value, done } = await reader.read();
      if (done || value.length === 0) break;
      chunks.push(value);
    }
    reader.releaseLock();
  }
  const total = chunks.reduce((n, c) => n + c.length, 0);
  const out = new Uint8Array(total);
  let off = 0;
  for (const c of chunks) {
    out.set(c, off);
    off += c.length;
  }
  return out;
}

export async function readAllText(stream: ReadableStream<Uint8Array> | undefined): Promise<string> {
  return decoder.decode(await readAll(stream));
}

/**
 * LineInput keeps a stream's reader and leftover bytes so several readers can take turns. A read
 * given a signal gives up when it fires without taking anything: the bytes in flight go to the
 * next reader (a command killed while reading a terminal does not swallow the next line).
 */
export class LineInput {
  private reader: ReadableStreamDefaultReader<Uint8Array>;
  private buffer = new Uint8Array();
  private done = false;
  private inflight: Promise<ReadableStreamReadResult<Uint8Array>> | undefined;

  constructor(stream: ReadableStream<Uint8Array>) {
    this.reader = stream.getReader();
  }

  /** next reads one chunk: the bytes, 'end' for a zero-length read, or undefined when the stream (or the wait) is over. */
  private async next(signal?: AbortSignal): Promise<Uint8Array | 'end' | undefined> {
    for (;;) {
      if (this.done || signal?.aborted) return undefined;
      const p = (this.inflight ??= this.reader.read());
      const r = signal ? await Promise.race([p, aborted(signal)]) : await p;
      if (r === undefined) return undefined;
      if (this.inflight !== p) continue; // another reader took these bytes
      this.inflight = undefined;
      if (r.done) {
        this.done = true;
        return undefined;
      }
      return r.value.length === 0 ? 'end' : r.value;
    }
  }

  /** readLine returns the next line without its newline, or undefined at end of input. */
  async readLine(): Promise<string | undefined> {
    let ended = false;
    for (;;) {
      const nl = this.buffer.indexOf(10);
      if (nl >= 0) {
        const line = decoder.decode(this.buffer.subarray(0, nl));
        this.buffer = this.buffer.slice(nl + 1);
        return line;
      }
      if (this.done || ended) {
        if (this.buffer.length === 0) return undefined;
        const line = decoder.decode(this.buffer);
        this.buffer = new Uint8Array();
        return line;
      }
      const value = await this.next();
      if (value === 'end') ended = true;
      else if (value) {
        const joined = new Uint8Array(this.buffer.length + value.length);
        joined.set(this.buffer);
        joined.set(value, this.buffer.length);
        this.buffer = joined;
      }
    }
  }

  /** readChunk returns the next bytes, or undefined at end of input (or when signal fires first). */
  async readChunk(signal?: AbortSignal): Promise<Uint8Array | undefined> {
    if (this.buffer.length > 0) {
      const b = this.buffer;
      this.buffer = new Uint8Array();
      return b;
    }
    const value = await this.next(signal);
    return value === 'end' ? undefined : value;
  }
}

function aborted(signal: AbortSignal): Promise<undefined> {
  return new Promise((resolve) => signal.addEventListener('abort', () => resolve(undefined), { once: true }));
}

const inputs = new WeakMap<ReadableStream<Uint8Array>, LineInput>();

/** lineInput returns the shared LineInput of a stream. */
export function lineInput(stream: ReadableStream<Uint8Array>): LineInput {
  let input = inputs.get(stream);
  if (!input) {
    input = new LineInput(stream);
    inputs.set(stream, input);
  }
  return input;
}

const terminals = new WeakSet<ReadableStream<Uint8Array>>();

/** markTerminal records that a stream is read from a terminal (a pty's input). */
export function markTerminal(stream: ReadableStream<Uint8Array>): ReadableStream<Uint8Array> {
  terminals.add(stream);
  return stream;
}

/** isatty says whether a stream is a terminal's input (isatty(0)). */
export function isatty(stream: ReadableStream<Uint8Array> | undefined): boolean {
  return stream !== undefined && terminals.has(stream);
}

/**
 * shareable returns a stream a command may read even after `read` took lines from the original;
 * it is a terminal when the original is. The command's read ends at the original's end of input
 * (the original goes on after a terminal's ^D) or when signal fires: the command is over.
 */
export function shareable(stream: ReadableStream<Uint8Array> | undefined, signal?: AbortSignal): ReadableStream<Uint8Array> | undefined {
  if (!stream) return undefined;
  const input = lineInput(stream);
  const shared = new ReadableStream<Uint8Array>({
    async pull(c) {
      const chunk = await input.readChunk(signal);
      if (chunk) c.enqueue(chunk);
      else c.close();
    },
  }, { highWaterMark: 0 });
  return isatty(stream) ? markTerminal(shared) : shared;
}
