// Mirrors pkg/kubelet/cri/streaming/portforward/httpstream.go: port-forward over a multiplexed
// (SPDY) connection. For each local connection the client opens a pair of streams sharing a
// requestID — an error stream and a data stream, both naming the port; once a pair is complete the
// port inside the pod is dialled, the data stream piped to it both ways, and a failure written to
// the error stream. Leaves out the connection's idle timeout.
import type { Connection, Stream } from '../../../apimachinery/util/httpstream/httpstream.js';
import type { StreamSocket } from '../../../net/types.js';
import type { Clock } from '../../../util/clock.js';

/** Header names and values of port-forward streams (k8s.io/api/core/v1 annotation_key_constants.go). */
export const StreamType = 'streamType';
export const StreamTypeError = 'error';
export const StreamTypeData = 'data';
export const PortHeader = 'port';
export const PortForwardRequestIDHeader = 'requestID';
/** PortForwardProtocolV1Name is the only SPDY port-forward protocol. */
export const PortForwardProtocolV1Name = 'portforward.k8s.io';

/** streamCreationTimeout bounds the wait for a pair's second stream (DefaultStreamCreationTimeout). */
export const streamCreationTimeout = 30_000;
/** closeGrace is how long the other direction may still flow after one direction ended. */
const closeGrace = 1_000;

/** validateStream is httpStreamReceived's check of a new stream's headers; it throws to refuse it. */
export function validateStream(stream: Stream): void {
  const portString = stream.headers.get(PortHeader);
  if (!portString) throw new Error(`"${PortHeader}" header is required`);
  if (!/^\d+$/.test(portString) || Number(portString) > 65535) throw new Error(`unable to parse "${portString}" as a port: strconv.ParseUint: parsing "${portString}": invalid syntax`);
  if (Number(portString) < 1) throw new Error(`port "${portString}" must be > 0`);
  const streamType = stream.headers.get(StreamType);
  if (!streamType) throw new Error(`"${StreamType}" header is required`);
  if (streamType !== StreamTypeError && streamType !== StreamTypeData) throw new Error(`invalid stream type "${streamType}"`);
}

interface StreamPair {
  requestID: string;
  data?: Stream;
  error?: Stream;
  timer?: { stop(): void };
  /** errors holds the error stream's writer once something was printed to it. */
  errors?: WritableStreamDefaultWriter<Uint8Array>;
}

const enc = new TextEncoder();

/** printError writes a message to the pair's error stream, if it has one (the stream stays open). */
function printError(pair: StreamPair, message: string): void {
  if (!pair.error) return;
  pair.errors ??= pair.error.writable.getWriter();
  pair.errors.write(enc.encode(message)).catch(() => undefined);
}

/** closeStream half-closes a stream once what was written has gone out. */
async function closeStream(stream: Stream, writer?: WritableStreamDefaultWriter<Uint8Array>): Promise<void> {
  try {
    await (writer ?? stream.writable.getWriter()).close();
  } catch {
    // The stream was reset or the connection is gone.
  }
}

export interface PortForwarder {
  /** dial connects to a port inside the pod's network namespace. */
  dial(port: number): StreamSocket;
  /** describe names the pod in messages ("web_default, uid …"). */
  describe: string;
  clock: Clock;
}

/**
 * HTTPStreamHandler pairs the connection's streams by requestID and forwards each pair. Give its
 * onStream to the connection's accept.
 */
export class HTTPStreamHandler {
  private readonly pairs = new Map<string, StreamPair>();
  /** forwarding holds the pairs being forwarded (tests wait on it). */
  readonly forwarding = new Set<Promise<void>>();

  constructor(private readonly forwarder: PortForwarder) {}

  /** onStream validates a new stream (throwing refuses it) and files it under its request. */
  onStream = (stream: Stream): void => {
    validateStream(stream);
    const requestID = this.requestID(stream);
    let pair = this.pairs.get(requestID);
    if (!pair) {
      const p: StreamPair = { requestID };
      p.timer = this.forwarder.clock.setTimer(streamCreationTimeout, () => {
        this.pairs.delete(requestID);
        printError(p, `(conn=${this.forwarder.describe}, request=${requestID}) timed out waiting for streams`);
      });
      this.pairs.set(requestID, (pair = p));
    }
    const type = stream.headers.get(StreamType) === StreamTypeError ? 'error' : 'data';
    // Like upstream, a second stream of one type is accepted, and the mistake reported on the pair.
    if (pair[type]) return printError(pair, `error processing stream for request ${requestID}: ${type} stream already assigned`);
    pair[type] = stream;
    if (pair.data && pair.error) {
      pair.timer?.stop();
      this.pairs.delete(requestID);
      const p = this.portForward(pair).finally(() => this.forwarding.delete(p));
      this.forwarding.add(p);
    }
  };

  /** requestID reads the header; an old client without it pairs error stream N with data stream N+2. */
  private requestID(stream: Stream): string {
    const id = stream.headers.get(PortForwardRequestIDHeader);
    if (id) return id;
    return String(stream.headers.get(StreamType) === StreamTypeError ? stream.id : stream.id - 2);
  }

  /** portForward forwards one pair, then closes both streams; a failure goes to the error stream first. */
  private async portForward(pair: StreamPair): Promise<void> {
    const data = pair.data!;
    const port = Number(data.headers.get(PortHeader));
    let socket: StreamSocket | undefined;
    try {
      socket = this.forwarder.dial(port);
      await forwardStream(socket, data, this.forwarder.clock);
    } catch (err) {
      printError(pair, `error forwarding port ${port} to pod ${this.forwarder.describe}: ${(err as Error)?.message ?? String(err)}`);
    }
    await Promise.all([socket ? undefined : closeStream(data), closeStream(pair.error!, pair.errors)]);
  }
}

/**
 * forwardStream pipes a stream to a connection inside the pod both ways. It settles once one
 * direction has ended and the other has ended too or had a second to finish (as the runtime's
 * port-forward does), and rejects when the connection cannot be made.
 */
export function forwardStream(socket: StreamSocket, stream: Stream, clock: Clock): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const writer = stream.writable.getWriter();
    let writing = Promise.resolve();
    let connected = false;
    let ends = 0;
    let settled = false;
    const finish = (err?: Error) => {
      if (settled) return;
      settled = true;
      timer?.stop();
      // The data stream is half-closed once what the pod sent has gone out.
      writing = writing.then(() => writer.close()).catch(() => undefined);
      void writing.then(() => {
        writer.releaseLock();
        if (err) reject(err);
        else resolve();
      });
    };
    let timer: { stop(): void } | undefined;
    const ended = () => {
      ends++;
      if (ends >= 2) return finish();
      timer ??= clock.setTimer(closeGrace, () => {
        socket.destroy();
        finish();
      });
    };
    socket.on('connect', () => {
      connected = true;
      void pump();
    });
    socket.on('data', (chunk) => {
      writing = writing.then(() => writer.write(chunk.slice())).catch(() => undefined);
    });
    let podDone = false;
    const podEnded = () => {
      if (podDone) return;
      podDone = true;
      writing = writing.then(() => writer.close()).catch(() => undefined);
      void writing.then(ended);
    };
    socket.on('end', podEnded);
    socket.on('close', podEnded);
    socket.on('error', (err) => {
      if (!connected) return finish(err);
      podEnded();
    });
    const pump = async () => {
      const reader = stream.readable.getReader();
      try {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          socket.write(value);
        }
      } catch {
        // The stream was reset.
      }
      socket.end();
      ended();
    };
  });
}
