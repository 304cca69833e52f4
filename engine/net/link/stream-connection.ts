// Mirrors no kernel file: one physical byte stream under a PeerLink — the reader and writer of a
// DuplexStream, the record reassembly, records already read, and the Hello that opens it.
import type { DuplexStream } from './duplex.js';
import { RecordReader, RecordType, type StreamRecord } from './frame-stream.js';

const decoder = new TextDecoder();

export interface Hello {
  session: string;
  name: string;
  /** peer is the session the sender last talked to on this link (null when none). */
  peer: string | null;
  /** received is the last sequence number the sender read from that session. */
  received: number;
}

/** Connection is one physical stream under a link, possibly with records already read. */
export class Connection {
  readonly reader: ReadableStreamDefaultReader<Uint8Array>;
  readonly writer: WritableStreamDefaultWriter<Uint8Array>;
  readonly records = new RecordReader();
  readonly urgent: Uint8Array[] = [];
  pending: StreamRecord[] = [];
  established = false;
  pumping = false;
  closed = false;

  constructor(readonly duplex: DuplexStream) {
    this.reader = duplex.readable.getReader();
    this.writer = duplex.writable.getWriter();
  }

  /** readHello reads until the first record, which must be a Hello. */
  async readHello(): Promise<Hello> {
    while (this.pending.length === 0) {
      const { value, done } = await this.reader.read();
      if (done) throw new Error('connection closed before hello');
      this.pending.push(...this.records.push(value));
    }
    const first = this.pending.shift()!;
    if (first.type !== RecordType.Hello) throw new Error(`expected hello, got record type ${first.type}`);
    return JSON.parse(decoder.decode(first.body)) as Hello;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.reader.cancel().catch(() => {});
    this.writer.abort().catch(() => {});
  }
}
