// Node-only switch to SPDY/3.1 (k8s.io/apimachinery/pkg/util/httpstream/spdy upgrade.go and
// roundtripper.go) and its WebSocket tunnel (KEP-4006: client-go's tunneling dialer and connection,
// the API server's tunneling handler): a request that offers `Upgrade: SPDY/3.1`, or a WebSocket
// subprotocol "SPDY/3.1+<protocol>", becomes a SPDY session on the socket, or on the WebSocket's
// binary messages. Also the client side of both, for tests.
import { request as httpRequest, type IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import {
  HeaderProtocolVersion, type NewStreamHandler, type StreamUpgrade,
} from '../apimachinery/util/httpstream/httpstream.js';
import { parseProtocols, type WebSocketConn } from '../apimachinery/util/httpstream/wsstream/conn.js';
import { SpdySession, type ByteChannel } from './spdy-session.js';
import { nodeHeaderCompression } from './spdy-zlib.js';
import { dialWebSocket, handshakeResponse, serverConn } from './websocket.js';

/** HeaderSpdy31 is the Upgrade token of SPDY/3.1. */
export const HeaderSpdy31 = 'SPDY/3.1';
/** tunnelingPrefix marks a WebSocket subprotocol that carries SPDY (constants.WebsocketsSPDYTunnelingPrefix). */
export const tunnelingPrefix = 'SPDY/3.1+';

/** socketChannel runs a session's bytes straight over an upgraded socket. */
export function socketChannel(socket: Duplex, head: Buffer): ByteChannel {
  const readable = new ReadableStream<Uint8Array>({
    start(c) {
      let done = false;
      const finish = () => {
        if (done) return;
        done = true;
        try {
          c.close();
        } catch {
          // the reader cancelled
        }
      };
      if (head.length) c.enqueue(new Uint8Array(head));
      socket.on('data', (b: Buffer) => {
        if (!done) c.enqueue(new Uint8Array(b.buffer, b.byteOffset, b.byteLength));
      });
      socket.on('end', finish).on('close', finish).on('error', finish);
    },
    cancel: () => void socket.destroy(),
  });
  return {
    readable,
    write: (chunk) =>
      new Promise<void>((resolve) => {
        if (socket.destroyed || !socket.writable) return resolve();
        if (socket.write(chunk)) resolve();
        else socket.once('drain', () => resolve()).once('close', () => resolve());
      }),
    close: () => void socket.end(),
  };
}

/** webSocketChannel carries a session's bytes in binary WebSocket messages (the tunnel's framing). */
export function webSocketChannel(conn: WebSocketConn): ByteChannel {
  const writer = conn.writable.getWriter();
  const readable = conn.readable.pipeThrough(
    new TransformStream<Uint8Array | string, Uint8Array>({
      transform(msg, c) {
        // The tunnel speaks binary only; upstream fails a text message as "invalid message type".
        if (typeof msg === 'string') return c.error(new Error('invalid message type received'));
        c.enqueue(msg);
      },
    }),
  );
  return {
    readable,
    write: (chunk) => writer.write(chunk).catch(() => undefined),
    close: () => void writer.close().catch(() => undefined),
  };
}

/** spdyUpgradeResponse is the 101 answer that switches a request to SPDY/3.1. */
export function spdyUpgradeResponse(protocol: string): string {
  const lines = ['HTTP/1.1 101 Switching Protocols', 'Connection: Upgrade', `Upgrade: ${HeaderSpdy31}`];
  if (protocol) lines.push(`${HeaderProtocolVersion}: ${protocol}`);
  return lines.join('\r\n') + '\r\n\r\n';
}

/** isSpdyUpgrade says whether a request asks for SPDY/3.1 (upstream's IsUpgradeRequest plus the token). */
export function isSpdyUpgrade(req: IncomingMessage): boolean {
  const connection = String(req.headers.connection ?? '').toLowerCase();
  return connection.includes('upgrade') && String(req.headers.upgrade ?? '').toLowerCase() === HeaderSpdy31.toLowerCase();
}

/** tunnelledProtocols are the SPDY protocols a WebSocket request offers through the tunnel prefix. */
export function tunnelledProtocols(req: IncomingMessage): string[] {
  if (String(req.headers.upgrade ?? '').toLowerCase() !== 'websocket') return [];
  return parseProtocols(String(req.headers['sec-websocket-protocol'] ?? ''))
    .filter((p) => p.startsWith(tunnelingPrefix))
    .map((p) => p.slice(tunnelingPrefix.length));
}

/**
 * streamUpgradeFor builds the offer for a SPDY request (or a WebSocket tunnelling SPDY), or
 * undefined when the request asks for neither. claim() guards against a second acceptance of the
 * same request (its WebSocket offer may be attached too).
 */
export function streamUpgradeFor(req: IncomingMessage, socket: Duplex, head: Buffer, claim: () => void): StreamUpgrade | undefined {
  // Kubernetes clients do not speak SPDY flow control (see SessionOptions.enforceFlowControl).
  const open = (channel: ByteChannel, protocol: string, onStream: NewStreamHandler) =>
    new SpdySession(channel, { server: true, protocol, onStream, compression: nodeHeaderCompression(), enforceFlowControl: false });
  if (isSpdyUpgrade(req)) {
    const raw = req.headers[HeaderProtocolVersion.toLowerCase()];
    const protocols = (Array.isArray(raw) ? raw : [raw ?? '']).flatMap((v) => parseProtocols(v));
    return {
      protocols,
      accept(protocol, onStream) {
        claim();
        socket.write(spdyUpgradeResponse(protocol));
        return open(socketChannel(socket, head), protocol, onStream);
      },
    };
  }
  const tunnelled = tunnelledProtocols(req);
  const key = req.headers['sec-websocket-key'];
  if (tunnelled.length === 0 || typeof key !== 'string') return undefined;
  return {
    protocols: tunnelled,
    accept(protocol, onStream) {
      claim();
      socket.write(handshakeResponse(key, tunnelingPrefix + protocol));
      return open(webSocketChannel(serverConn(socket, tunnelingPrefix + protocol, head)), protocol, onStream);
    },
  };
}

export interface DialOptions {
  /** tunnel dials a WebSocket carrying SPDY instead of a plain SPDY upgrade. */
  tunnel?: boolean;
  method?: string;
  onStream?: NewStreamHandler;
  /** enforceFlowControl is off by default: Kubernetes' SPDY peers (spdystream) ignore windows. */
  enforceFlowControl?: boolean;
}

/**
 * dialSPDY opens a client session (what kubectl's SPDY and tunnelling dialers do); a server that
 * does not switch protocols gives its Response back.
 */
export async function dialSPDY(url: string, protocols: string[], options: DialOptions = {}): Promise<SpdySession | Response> {
  const session = (channel: ByteChannel, protocol: string) =>
    new SpdySession(channel, { server: false, protocol, compression: nodeHeaderCompression(), onStream: options.onStream, enforceFlowControl: options.enforceFlowControl ?? false });
  if (options.tunnel) {
    const conn = await dialWebSocket(url, protocols.map((p) => tunnelingPrefix + p));
    if (conn instanceof Response) return conn;
    return session(webSocketChannel(conn), conn.protocol.slice(tunnelingPrefix.length));
  }
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, {
      method: options.method ?? 'POST',
      headers: { Connection: 'Upgrade', Upgrade: HeaderSpdy31, [HeaderProtocolVersion]: protocols.join(', ') },
    });
    req.on('upgrade', (res: IncomingMessage, socket: Duplex, head: Buffer) => {
      resolve(session(socketChannel(socket, head), String(res.headers[HeaderProtocolVersion.toLowerCase()] ?? '')));
    });
    req.on('response', (res: IncomingMessage) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      const headers = new Headers();
      for (const [k, v] of Object.entries(res.headers)) if (typeof v === 'string') headers.set(k, v);
      res.on('end', () => resolve(new Response(Buffer.concat(chunks), { status: res.statusCode ?? 500, headers })));
    });
    req.on('error', reject);
    req.end();
  });
}
