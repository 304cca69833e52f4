// Benchmarks for the SPDY/3.1 session behind `kubectl port-forward`: bulk throughput on one stream
// with flow control enforced and only tracked, and streams opened per second (each a compressed
// SYN_STREAM and SYN_REPLY, as every forwarded connection costs two). Over an in-memory byte pipe,
// so the figures are the session's own cost. Prints figures measured in one run; nothing is asserted.
import type { Stream } from '../engine/apimachinery/util/httpstream/httpstream.js';
import { SpdySession, type ByteChannel } from '../engine/host/spdy-session.js';
import { nodeHeaderCompression } from '../engine/host/spdy-zlib.js';

function pipe(): [ByteChannel, ByteChannel] {
  const ab = new TransformStream<Uint8Array, Uint8Array>();
  const ba = new TransformStream<Uint8Array, Uint8Array>();
  const aw = ab.writable.getWriter();
  const bw = ba.writable.getWriter();
  return [
    { readable: ba.readable, write: (c) => aw.write(c), close: () => void aw.close().catch(() => undefined) },
    { readable: ab.readable, write: (c) => bw.write(c), close: () => void bw.close().catch(() => undefined) },
  ];
}

function pair(enforceFlowControl: boolean) {
  const [a, b] = pipe();
  const accepted: Stream[] = [];
  const server = new SpdySession(a, { server: true, compression: nodeHeaderCompression(), enforceFlowControl, onStream: (s) => void accepted.push(s) });
  const client = new SpdySession(b, { server: false, compression: nodeHeaderCompression(), enforceFlowControl });
  return { server, client, accepted };
}

async function throughput(enforce: boolean, bytes: number): Promise<number> {
  const { client, accepted } = pair(enforce);
  const stream = await client.createStream(new Headers({ streamtype: 'data', port: '80', requestid: '0' }));
  const served = accepted[0]!;
  const chunk = new Uint8Array(32 * 1024);
  const start = performance.now();
  const reading = (async () => {
    let got = 0;
    const reader = served.readable.getReader();
    while (got < bytes) {
      const { value, done } = await reader.read();
      if (done) break;
      got += value.length;
    }
    return got;
  })();
  const writer = stream.writable.getWriter();
  for (let sent = 0; sent < bytes; sent += chunk.length) await writer.write(chunk);
  const got = await reading;
  const ms = performance.now() - start;
  client.close();
  if (got !== bytes) throw new Error(`received ${got} of ${bytes} bytes`);
  return bytes / 1024 / 1024 / (ms / 1000);
}

async function streamsPerSecond(count: number): Promise<number> {
  const { client } = pair(false);
  const start = performance.now();
  for (let i = 0; i < count; i++) {
    const s = await client.createStream(new Headers({ streamtype: i % 2 ? 'data' : 'error', port: '80', requestid: String(i >> 1) }));
    s.reset();
  }
  const ms = performance.now() - start;
  client.close();
  return count / (ms / 1000);
}

const size = 32 * 1024 * 1024;
const enforced = await throughput(true, size);
const tracked = await throughput(false, size);
const streams = await streamsPerSecond(2000);
console.log(`one stream, 32 MiB, flow control enforced:   ${enforced.toFixed(0)} MiB/s`);
console.log(`one stream, 32 MiB, windows only tracked:    ${tracked.toFixed(0)} MiB/s  (enforced/tracked ${(enforced / tracked).toFixed(2)})`);
console.log(`streams opened and confirmed:                ${streams.toFixed(0)} /s  (${(streams / 2).toFixed(0)} forwarded connections/s)`);
