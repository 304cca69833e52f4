// Mirrors pkg/kubelet/cri/streaming/portforward/websocket.go: port-forward over one WebSocket with
// two channels per requested port — data on 2i and errors on 2i+1 — each opened by a two-byte
// little-endian port number, and one connection into the pod's network namespace per port.
// Simplified: binary channels only (no base64 codec).
import { frame, unframe, type WebSocketConn } from '../../../apimachinery/util/httpstream/wsstream/conn.js';
import type { StreamSocket } from '../../../net/types.js';

/** parsePorts reads the port (kubelet) or ports (API server) query parameters. */
export function parsePorts(q: URLSearchParams): number[] {
  const raw = [...q.getAll('port'), ...q.getAll('ports')].flatMap((p) => p.split(',')).map((p) => p.trim()).filter(Boolean);
  if (raw.length === 0) throw new Error('query parameter "port" is required');
  return raw.map((p) => {
    if (!/^\d+$/.test(p) || Number(p) > 65535) throw new Error(`unable to parse "${p}" as a port: strconv.ParseUint: parsing "${p}": invalid syntax`);
    if (Number(p) < 1) throw new Error(`port "${p}" must be > 0`);
    return Number(p);
  });
}

const portBytes = (port: number) => new Uint8Array([port & 0xff, port >> 8]);

/**
 * servePortForward pipes each port's data channel to a connection opened with dial, and reports a
 * failed dial on the port's error channel. It resolves when every connection has ended.
 */
export async function servePortForward(conn: WebSocketConn, ports: number[], dial: (port: number) => StreamSocket, describe: string): Promise<void> {
  const writer = conn.writable.getWriter();
  let writing = Promise.resolve();
  const send = (channel: number, data: Uint8Array | string) => {
    writing = writing.then(() => writer.write(frame(channel, data))).catch(() => undefined);
  };
  for (let i = 0; i < ports.length; i++) {
    send(2 * i, portBytes(ports[i]!));
    send(2 * i + 1, portBytes(ports[i]!));
  }
  const sockets: (StreamSocket | undefined)[] = [];
  const finished = ports.map(
    (port, i) =>
      new Promise<void>((resolve) => {
        let socket: StreamSocket;
        const fail = (err: unknown) => {
          send(2 * i + 1, `error forwarding port ${port} to pod ${describe}: ${(err as Error)?.message ?? String(err)}`);
          resolve();
        };
        try {
          socket = dial(port);
        } catch (err) {
          return fail(err);
        }
        sockets[i] = socket;
        socket.on('data', (chunk) => send(2 * i, chunk));
        socket.on('error', (err) => fail(err));
        socket.on('close', () => resolve());
        socket.on('end', () => resolve());
      }),
  );
  const reading = (async () => {
    const reader = conn.readable.getReader();
    for (;;) {
      const { done, value } = await reader.read().catch(() => ({ done: true as const, value: undefined }));
      if (done) break;
      const m = unframe(value);
      if (!m || m.channel % 2 !== 0) continue;
      const socket = sockets[m.channel / 2];
      if (socket && m.data.length > 0) socket.write(m.data.slice());
    }
    for (const s of sockets) s?.end();
  })();
  await Promise.all(finished);
  await writing;
  await writer.close().catch(() => undefined);
  void reading;
}
