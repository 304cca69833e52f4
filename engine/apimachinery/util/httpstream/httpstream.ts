// Mirrors k8s.io/apimachinery/pkg/util/httpstream (httpstream.go): a connection that carries many
// streams, each opened with headers (SPDY/3.1 underneath, possibly tunnelled through a WebSocket),
// and the offer to switch a request to one. Simplified: the host does the framing; the engine sees
// streams as web-standard byte streams and finds the offer attached to the Request it is handed.
// Leaves out Dialer, SetIdleTimeout and RemoveStreams.

/** HeaderProtocolVersion names the subprotocols a client offers (portforward.k8s.io). */
export const HeaderProtocolVersion = 'X-Stream-Protocol-Version';
/** HeaderAcceptedProtocolVersions lists what the server speaks when negotiation fails. */
export const HeaderAcceptedProtocolVersions = 'X-Accepted-Stream-Protocol-Versions';

/** Stream is one stream of a connection. */
export interface Stream {
  readonly id: number;
  /** headers are the ones the stream was opened with (names lowercase). */
  readonly headers: Headers;
  /** readable yields the peer's data and ends at its FIN, a reset or the connection's end. */
  readonly readable: ReadableStream<Uint8Array>;
  /** writable sends data; closing it half-closes the stream (FIN). */
  readonly writable: WritableStream<Uint8Array>;
  /** reset abandons the stream both ways (RST_STREAM CANCEL). */
  reset(): void;
}

/**
 * NewStreamHandler sees each stream the peer opens, before it is confirmed; throwing refuses it
 * (the stream is reset), as upstream's handler returning an error does.
 */
export type NewStreamHandler = (stream: Stream) => void;

/** Connection is an accepted multiplexed connection. */
export interface Connection {
  /** protocol is the negotiated subprotocol ('' when none). */
  readonly protocol: string;
  /** createStream opens a stream and resolves once the peer confirms it. */
  createStream(headers: Headers): Promise<Stream>;
  /** close says goodbye (GOAWAY) and ends the connection once its streams are done. */
  close(): void;
  /** closed resolves when the connection is gone, whoever ended it. */
  readonly closed: Promise<void>;
}

/** StreamUpgrade is a client's offer to switch a request to a multiplexed connection. */
export interface StreamUpgrade {
  /** protocols are the offered subprotocols (X-Stream-Protocol-Version), in the client's order. */
  readonly protocols: string[];
  /** accept answers 101 Switching Protocols with protocol; the handler's Response is then ignored. */
  accept(protocol: string, onStream: NewStreamHandler): Connection;
}

const streamUpgradeKey = Symbol.for('kubelab.httpstream.upgrade');

/** attachStreamUpgrade marks req as a request the handler may switch to a multiplexed connection. */
export function attachStreamUpgrade<R extends Request>(req: R, upgrade: StreamUpgrade): R {
  Object.defineProperty(req, streamUpgradeKey, { value: upgrade, enumerable: false });
  return req;
}

/** streamUpgradeOf is the multiplexed-connection offer attached to req, if any. */
export function streamUpgradeOf(req: Request): StreamUpgrade | undefined {
  return (req as unknown as Record<symbol, StreamUpgrade | undefined>)[streamUpgradeKey];
}

/** negotiateProtocol picks the first offered protocol the server supports (upstream's Handshake). */
export function negotiateProtocol(offered: string[], supported: string[]): string | undefined {
  return offered.find((p) => supported.includes(p));
}
