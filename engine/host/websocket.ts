// Node-only RFC 6455 server side (what golang.org/x/net/websocket does for the kube-apiserver's
// wsstream): the opening handshake on an upgraded node:http socket, and framing — masked client
// frames in, unmasked server frames out, fragments joined, ping answered, close echoed. The engine
// gets whole messages on web streams (WebSocketConn).
import { createHash, randomBytes } from 'node:crypto';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Message, WebSocketConn } from '../apimachinery/util/httpstream/wsstream/conn.js';

const GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';

/** acceptKey is Sec-WebSocket-Accept for a client's Sec-WebSocket-Key. */
export function acceptKey(key: string): string {
  return createHash('sha1').update(key + GUID).digest('base64');
}

/** encodeFrame builds one unmasked frame (server to client), or a masked one when mask is given. */
export function encodeFrame(opcode: number, payload: Uint8Array, mask?: Uint8Array): Buffer {
  const len = payload.length;
  const ext = len < 126 ? 0 : len < 65536 ? 2 : 8;
  const head = Buffer.alloc(2 + ext + (mask ? 4 : 0));
  head[0] = 0x80 | opcode;
  head[1] = (mask ? 0x80 : 0) | (ext === 0 ? len : ext === 2 ? 126 : 127);
  if (ext === 2) head.writeUInt16BE(len, 2);
  if (ext === 8) head.writeBigUInt64BE(BigInt(len), 2);
  let body = Buffer.from(payload);
  if (mask) {
    mask.forEach((b, i) => (head[2 + ext + i] = b));
    body = Buffer.from(body.map((b, i) => b ^ mask[i % 4]!));
  }
  return Buffer.concat([head, body]);
}

/** FrameParser turns bytes into frames; it keeps partial frames between chunks. */
export class FrameParser {
  private buf = Buffer.alloc(0);

  push(chunk: Buffer, onFrame: (fin: boolean, opcode: number, payload: Buffer) => void): void {
    this.buf = Buffer.concat([this.buf, chunk]);
    for (;;) {
      if (this.buf.length < 2) return;
      const b0 = this.buf[0]!;
      const b1 = this.buf[1]!;
      let len = b1 & 0x7f;
      let off = 2;
      if (len === 126) {
        if (this.buf.length < 4) return;
        len = this.buf.readUInt16BE(2);
        off = 4;
      } else if (len === 127) {
        if (this.buf.length < 10) return;
        len = Number(this.buf.readBigUInt64BE(2));
        off = 10;
      }
      const masked = (b1 & 0x80) !== 0;
      const maskAt = off;
      if (masked) off += 4;
      if (this.buf.length < off + len) return;
      const payload = Buffer.from(this.buf.subarray(off, off + len));
      if (masked) for (let i = 0; i < payload.length; i++) payload[i]! ^= this.buf[maskAt + (i % 4)]!;
      this.buf = this.buf.subarray(off + len);
      onFrame((b0 & 0x80) !== 0, b0 & 0x0f, payload);
    }
  }
}

/** handshakeResponse is the 101 answer to a WebSocket request. */
export function handshakeResponse(key: string, protocol: string): string {
  const lines = ['HTTP/1.1 101 Switching Protocols', 'Upgrade: websocket', 'Connection: Upgrade', `Sec-WebSocket-Accept: ${acceptKey(key)}`];
  if (protocol) lines.push(`Sec-WebSocket-Protocol: ${protocol}`);
  return lines.join('\r\n') + '\r\n\r\n';
}

/** serverConn runs the framing on an upgraded socket (after the 101 was written). */
export function serverConn(socket: Duplex, protocol: string, head: Buffer): WebSocketConn {
  return frameConn(socket, protocol, head, false);
}

/** frameConn runs the framing; a client (masked=true) masks every frame it sends, as RFC 6455 requires. */
function frameConn(socket: Duplex, protocol: string, head: Buffer, masked: boolean): WebSocketConn {
  const parser = new FrameParser();
  let ctrl!: ReadableStreamDefaultController<Message>;
  let closed = false;
  let parts: Buffer[] = [];
  let partOpcode = 0;
  const finish = () => {
    if (closed) return;
    closed = true;
    try {
      ctrl.close();
    } catch {
      // the reader cancelled
    }
  };
  const send = (opcode: number, payload: Uint8Array) => {
    if (!socket.destroyed && socket.writable) socket.write(encodeFrame(opcode, payload, masked ? randomBytes(4) : undefined));
  };
  const onData = (chunk: Buffer) =>
    parser.push(chunk, (fin, opcode, payload) => {
      if (opcode === 0x8) {
        send(0x8, payload.subarray(0, 2));
        finish();
        socket.end();
        return;
      }
      if (opcode === 0x9) return send(0xa, payload);
      if (opcode === 0xa) return;
      if (opcode !== 0) partOpcode = opcode;
      parts.push(payload);
      if (!fin) return;
      const data = Buffer.concat(parts);
      parts = [];
      if (!closed) ctrl.enqueue(partOpcode === 0x1 ? data.toString('utf8') : new Uint8Array(data));
    });
  const readable = new ReadableStream<Message>({
    start: (c) => {
      ctrl = c;
      socket.on('data', onData);
      socket.on('end', finish);
      socket.on('close', finish);
      socket.on('error', finish);
      if (head.length) onData(head);
    },
    cancel: () => void socket.destroy(),
  });
  const writable = new WritableStream<Message>({
    write: (msg) => send(typeof msg === 'string' ? 0x1 : 0x2, typeof msg === 'string' ? Buffer.from(msg) : msg),
    close: () => {
      // Close with 1000 (normal closure), then end our side.
      send(0x8, new Uint8Array([0x03, 0xe8]));
      socket.end();
    },
    abort: () => void socket.destroy(),
  });
  return { protocol, readable, writable };
}

/**
 * dialWebSocket opens a client WebSocket (kubectl exec from a Node process): the Upgrade request,
 * then masked framing. A server that answers without switching protocols gives its Response back.
 */
export function dialWebSocket(url: string, protocols: string[], headers: Record<string, string> = {}): Promise<WebSocketConn | Response> {
  const key = randomBytes(16).toString('base64');
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, {
      headers: { ...headers, Connection: 'Upgrade', Upgrade: 'websocket', 'Sec-WebSocket-Version': '13', 'Sec-WebSocket-Key': key, 'Sec-WebSocket-Protocol': protocols.join(', ') },
    });
    req.on('upgrade', (res: IncomingMessage, socket: Duplex, head: Buffer) => {
      if (res.headers['sec-websocket-accept'] !== acceptKey(key)) {
        socket.destroy();
        return reject(new Error('unable to upgrade connection: bad Sec-WebSocket-Accept'));
      }
      resolve(frameConn(socket, String(res.headers['sec-websocket-protocol'] ?? ''), head, true));
    });
    req.on('response', (res: IncomingMessage) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve(new Response(Buffer.concat(chunks), { status: res.statusCode ?? 500 })));
    });
    req.on('error', reject);
    req.end();
  });
}
