// containerd internal/cri/server/sandbox_portforward_linux.go: the runtime's side of port-forward —
// a connection to localhost:<port> inside the sandbox's network namespace, and the words it uses
// when nothing answers there. Leaves out the IPv6 attempt's own outcome (pods here are IPv4 only;
// the IPv6 half of the message repeats the IPv4 failure).
import type { NetError, StreamSocket } from '../../net/types.js';

const dialWords: Partial<Record<NetError['code'], string>> = {
  ECONNREFUSED: 'connect: connection refused',
  ETIMEDOUT: 'connect: connection timed out',
  EHOSTUNREACH: 'connect: no route to host',
  ENETUNREACH: 'connect: network is unreachable',
};

/** portForwardError is containerd's message for a dial inside the sandbox that failed. */
export function portForwardError(sandboxId: string, port: number, err: NetError): NetError {
  const words = dialWords[err.code] ?? err.message;
  const v4 = `dial tcp4 127.0.0.1:${port}: ${words}`;
  const v6 = `dial tcp6 [::1]:${port}: ${words}`;
  const out = new Error(
    `failed to execute portforward in network namespace "/var/run/netns/${sandboxId}": failed to connect to localhost:${port} inside namespace "${sandboxId}", IPv4: ${v4} IPv6 ${v6} `,
  ) as NetError;
  out.code = err.code;
  return out;
}

/** sandboxPortForward wraps the connection so a failed dial reports containerd's message. */
export function sandboxPortForward(socket: StreamSocket, sandboxId: string, port: number): StreamSocket {
  let connected = false;
  socket.on('connect', () => void (connected = true));
  type Listener = (...args: never[]) => void;
  const translated = new Map<Listener, Listener>();
  const wrapped: StreamSocket = {
    get localAddress() {
      return socket.localAddress;
    },
    get localPort() {
      return socket.localPort;
    },
    get remoteAddress() {
      return socket.remoteAddress;
    },
    get remotePort() {
      return socket.remotePort;
    },
    write: (data) => socket.write(data),
    end: (data) => socket.end(data),
    destroy: (err) => socket.destroy(err),
    setTimeout: (ms) => socket.setTimeout(ms),
    on(event: string, listener: Listener) {
      let l = listener;
      if (event === 'error') {
        l = ((err: NetError) => (listener as (e: NetError) => void)(connected ? err : portForwardError(sandboxId, port, err))) as Listener;
        translated.set(listener, l);
      }
      (socket.on as (e: string, l: Listener) => StreamSocket)(event, l);
      return wrapped;
    },
    off(event: string, listener: Listener) {
      socket.off(event, translated.get(listener) ?? listener);
      return wrapped;
    },
  } as StreamSocket;
  return wrapped;
}
