// Mirrors no kernel file: the byte pipe a process-mode underlay runs over. A DuplexStream is a
// web-standard ReadableStream/WritableStream pair, so a TCP socket, a pair of long-lived HTTP
// requests or an in-memory pipe all look the same to a PeerLink.

export interface DuplexStream {
  readable: ReadableStream<Uint8Array>;
  writable: WritableStream<Uint8Array>;
  /** label names the connection for logs (e.g. "tcp 127.0.0.1:40112"). */
  label?: string;
}

/** Dialer opens a fresh connection to the same peer (called again after a break). */
export type Dialer = () => Promise<DuplexStream>;

/** memoryDuplexPair returns two connected ends; break() fails both as a reset socket would. */
export function memoryDuplexPair(highWaterMark = 64 * 1024): { a: DuplexStream; b: DuplexStream; break(): void } {
  const strategy = new ByteLengthQueuingStrategy({ highWaterMark });
  const controllers: TransformStreamDefaultController<Uint8Array>[] = [];
  const pipe = () => new TransformStream<Uint8Array, Uint8Array>({ start: (c) => void controllers.push(c) }, strategy, strategy);
  const ab = pipe();
  const ba = pipe();
  return {
    a: { readable: ba.readable, writable: ab.writable, label: 'memory a' },
    b: { readable: ab.readable, writable: ba.writable, label: 'memory b' },
    break() {
      for (const c of controllers) c.error(new Error('connection reset'));
    },
  };
}
