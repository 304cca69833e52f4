// Mirrors k8s.io/apimachinery/pkg/util/httpstream/wsstream (conn.go) and the channel framing of
// remotecommand: how a WebSocket reaches the engine. Simplified: the host (Node's http server, an
// in-process pair) does the RFC 6455 handshake and framing; the engine sees whole messages on a
// web-standard duplex, and finds the upgrade offer attached to the Request it is handed.

/** Message is one WebSocket message: binary (Uint8Array) or text (string). */
export type Message = Uint8Array | string;

/** WebSocketConn is an accepted WebSocket: messages in, messages out. */
export interface WebSocketConn {
  /** protocol is the negotiated subprotocol ('' when none). */
  readonly protocol: string;
  /** readable yields the peer's messages and closes when the peer closes. */
  readonly readable: ReadableStream<Message>;
  /** writable sends messages; closing it closes the connection (a Close frame). */
  readonly writable: WritableStream<Message>;
}

/** WebSocketUpgrade is a client's offer to switch protocols, attached to its Request. */
export interface WebSocketUpgrade {
  /** protocols are the subprotocols the client offered, in its order of preference. */
  readonly protocols: string[];
  /** accept completes the handshake (101 Switching Protocols) with protocol; the Response the handler returns is then ignored. */
  accept(protocol: string): WebSocketConn;
}

const upgradeKey = Symbol.for('kubelab.websocket.upgrade');

/** attachUpgrade marks req as a WebSocket request the handler may accept. */
export function attachUpgrade<R extends Request>(req: R, upgrade: WebSocketUpgrade): R {
  Object.defineProperty(req, upgradeKey, { value: upgrade, enumerable: false });
  return req;
}

/** upgradeOf is the WebSocket offer attached to req, if any. */
export function upgradeOf(req: Request): WebSocketUpgrade | undefined {
  return (req as unknown as Record<symbol, WebSocketUpgrade | undefined>)[upgradeKey];
}

/** parseProtocols splits a Sec-WebSocket-Protocol header. */
export function parseProtocols(header: string | null): string[] {
  return (header ?? '').split(',').map((p) => p.trim()).filter(Boolean);
}

/**
 * forwardRequest is req sent on to another URL (the API server to a kubelet, the upgrade-aware
 * proxy): same method, headers, body and signal, and the same upgrade offer.
 */
export function forwardRequest(req: Request, url: string | URL, headers?: Headers): Request {
  const init: RequestInit & { duplex?: 'half' } = { method: req.method, headers: headers ?? req.headers, signal: req.signal };
  if (req.body && req.method !== 'GET' && req.method !== 'HEAD') {
    init.body = req.body;
    init.duplex = 'half';
  }
  const out = new Request(url, init);
  const upgrade = upgradeOf(req);
  return upgrade ? attachUpgrade(out, upgrade) : out;
}

/**
 * newPipe returns the two ends of an in-memory WebSocket: what one writes the other reads, and
 * closing one's writable closes the other's readable.
 */
export function newPipe(protocol: string): [WebSocketConn, WebSocketConn] {
  const ab = new TransformStream<Message, Message>();
  const ba = new TransformStream<Message, Message>();
  return [
    { protocol, readable: ba.readable, writable: ab.writable },
    { protocol, readable: ab.readable, writable: ba.writable },
  ];
}

/**
 * newInMemoryUpgrade is an upgrade offer without a socket (in-process clients, tests): client
 * resolves with the client's end once the handler accepts.
 */
export function newInMemoryUpgrade(protocols: string[]): { upgrade: WebSocketUpgrade; client: Promise<WebSocketConn> } {
  let resolve!: (c: WebSocketConn) => void;
  const client = new Promise<WebSocketConn>((r) => (resolve = r));
  const upgrade: WebSocketUpgrade = {
    protocols,
    accept(protocol) {
      const [server, peer] = newPipe(protocol);
      resolve(peer);
      return server;
    },
  };
  return { upgrade, client };
}

/** WebSocketDialer opens a client WebSocket, or gives back the server's refusal as a Response. */
export type WebSocketDialer = (url: string, protocols: string[], headers?: Record<string, string>) => Promise<WebSocketConn | Response>;

let dialer: WebSocketDialer | undefined;

/** setWebSocketDialer installs the host's client (Node has no WebSocket before v22). */
export function setWebSocketDialer(d: WebSocketDialer | undefined): void {
  dialer = d;
}

/** webSocketDialer is the installed client, if any. */
export function webSocketDialer(): WebSocketDialer | undefined {
  return dialer;
}

// ---- Channel framing (remotecommand and port-forward over WebSocket) ----

/** Channel protocols the kubelet speaks for exec/attach, newest first. */
export const remoteCommandProtocols = ['v5.channel.k8s.io', 'v4.channel.k8s.io', 'channel.k8s.io'];
/** Port-forward's WebSocket protocols (the kubelet's websocket port-forward, not the SPDY tunnel). */
export const portForwardProtocols = ['v4.channel.k8s.io', 'portforward.k8s.io'];

/** Stream IDs of remotecommand's channel protocols; 255 closes a stream (v5). */
export const StreamStdin = 0;
export const StreamStdout = 1;
export const StreamStderr = 2;
export const StreamError = 3;
export const StreamResize = 4;
export const StreamClose = 255;

/** frame prefixes data with its channel byte. */
export function frame(channel: number, data: Uint8Array | string): Uint8Array {
  const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
  const out = new Uint8Array(bytes.length + 1);
  out[0] = channel;
  out.set(bytes, 1);
  return out;
}

/** unframe splits a binary message into its channel and payload. */
export function unframe(msg: Message): { channel: number; data: Uint8Array } | undefined {
  const bytes = typeof msg === 'string' ? new TextEncoder().encode(msg) : msg;
  if (bytes.length === 0) return undefined;
  return { channel: bytes[0]!, data: bytes.subarray(1) };
}

/** negotiate picks the first offered protocol the server supports ('' when the client offered none). */
export function negotiate(offered: string[], supported: string[]): string | undefined {
  if (offered.length === 0) return '';
  return offered.find((p) => supported.includes(p));
}
