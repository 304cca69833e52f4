// Node-only glue for the process-mode underlay: a Node Readable/Writable pair (a TCP socket, or an
// HTTP upload and download) as the web-standard DuplexStream a PeerLink runs over, with
// backpressure both ways (pause the socket when the reader lags; wait for 'drain' when writing).
import type { Readable, Writable } from 'node:stream';
import type { DuplexStream } from '../net/link/duplex.js';

const HIGH_WATER_MARK = 256 * 1024;
const byteSize = { highWaterMark: HIGH_WATER_MARK, size: (c: Uint8Array) => c.byteLength };

/** nodeDuplex adapts input/output; destroy is called when either side is cancelled or aborted. */
export function nodeDuplex(input: Readable, output: Writable, destroy: () => void, label: string): DuplexStream {
  let ended = false;
  const readable = new ReadableStream<Uint8Array>(
    {
      start(c) {
        const fail = (err: Error) => {
          if (ended) return;
          ended = true;
          c.error(err);
        };
        input.on('data', (d: Buffer) => {
          if (ended) return;
          c.enqueue(new Uint8Array(d.buffer, d.byteOffset, d.byteLength));
          if ((c.desiredSize ?? 1) <= 0) input.pause();
        });
        input.on('end', () => {
          if (ended) return;
          ended = true;
          c.close();
        });
        input.on('error', fail);
        input.on('close', () => fail(new Error('connection closed')));
      },
      pull() {
        input.resume();
      },
      cancel() {
        ended = true;
        destroy();
      },
    },
    byteSize,
  );
  const writable = new WritableStream<Uint8Array>(
    {
      start(c) {
        output.on('error', (err) => c.error(err));
        output.on('close', () => c.error(new Error('connection closed')));
      },
      write(chunk) {
        return new Promise<void>((resolve, reject) => {
          if (output.destroyed) return reject(new Error('connection closed'));
          if (output.write(chunk)) return resolve();
          const done = () => {
            output.off('drain', done).off('close', done);
            if (output.destroyed) reject(new Error('connection closed'));
            else resolve();
          };
          output.on('drain', done).on('close', done);
        });
      },
      close() {
        output.end();
      },
      abort() {
        destroy();
      },
    },
    byteSize,
  );
  return { readable, writable, label };
}
