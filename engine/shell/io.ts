// Byte plumbing for the shell: pipes between concurrently running commands (a broken pipe makes
// the writer fail like SIGPIPE), whole-stream reads and a line reader `read` can share with the
// commands that follow it on the same stdin.
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
      if (done) break;
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

/** LineInput keeps a stream's reader and leftover bytes so several readers can take turns. */
export class LineInput {
  private reader: ReadableStreamDefaultReader<Uint8Array>;
  private buffer = new Uint8Array();
  private done = false;

  constructor(stream: ReadableStream<Uint8Array>) {
    this.reader = stream.getReader();
  }

  /** readLine returns the next line without its newline, or undefined at end of input. */
  async readLine(): Promise<string | undefined> {
    for (;;) {
      const nl = this.buffer.indexOf(10);
      if (nl >= 0) {
        const line = decoder.decode(this.buffer.subarray(0, nl));
        this.buffer = this.buffer.slice(nl + 1);
        return line;
      }
      if (this.done) {
        if (this.buffer.length === 0) return undefined;
        const line = decoder.decode(this.buffer);
        this.buffer = new Uint8Array();
        return line;
      }
      const { value, done } = await this.reader.read();
      if (done) this.done = true;
      else {
        const joined = new Uint8Array(this.buffer.length + value.length);
        joined.set(this.buffer);
        joined.set(value, this.buffer.length);
        this.buffer = joined;
      }
    }
  }

  async readChunk(): Promise<Uint8Array | undefined> {
    if (this.buffer.length > 0) {
      const b = this.buffer;
      this.buffer = new Uint8Array();
      return b;
    }
    if (this.done) return undefined;
    const { value, done } = await this.reader.read();
    if (done) {
      this.done = true;
      return undefined;
    }
    return value;
  }
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

/** shareable returns a stream a command may read even after `read` took lines from the original. */
export function shareable(stream: ReadableStream<Uint8Array> | undefined): ReadableStream<Uint8Array> | undefined {
  if (!stream) return undefined;
  const input = lineInput(stream);
  return new ReadableStream({
    async pull(c) {
      const chunk = await input.readChunk();
      if (chunk) c.enqueue(chunk);
      else c.close();
    },
  }, { highWaterMark: 0 });
}
