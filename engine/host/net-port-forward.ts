// Mirrors kubectl port-forward's local side (k8s.io/client-go/tools/portforward) and a NodePort seen
// from outside: a real listening TCP port on the host; each real connection opens a virtual stream
// into the dataplane (a node IP:NodePort or a pod IP:port) and bytes are piped both ways with
// backpressure. Node-only: it is the edge between the virtual network and the real one.
import { createServer, type Server, type Socket } from 'node:net';
import type { NetworkNamespace, StreamSocket } from '../net/types.js';

export interface PortForwardOptions {
  /** netns is where the virtual connections start (a node's host namespace for NodePorts). */
  netns: NetworkNamespace;
  /** target is read for each connection (host may be a getter). */
  target: { readonly host: string; port: number };
  /** listenPort 0 picks a free port. */
  listenPort?: number;
  listenHost?: string;
  /** onError reports a failed virtual connection (e.g. ECONNREFUSED), as kubectl logs it. */
  onError?: (err: Error) => void;
}

export interface PortForward {
  readonly port: number;
  readonly host: string;
  close(): Promise<void>;
}

function pipe(real: Socket, virt: StreamSocket): void {
  real.on('data', (chunk: Buffer) => {
    if (!virt.write(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength).slice())) real.pause();
  });
  virt.on('drain', () => real.resume());
  real.on('end', () => virt.end());
  real.on('error', () => virt.destroy());
  real.on('close', () => virt.destroy());
  virt.on('data', (chunk) => {
    if (!real.write(chunk)) {
      // The virtual side has no pause(); the real socket buffers until it drains.
    }
  });
  virt.on('end', () => real.end());
  // After a FIN the real socket flushes what it holds before closing; only an abort destroys it.
  virt.on('close', () => {
    if (!real.writableEnded) real.destroy();
  });
}

/** forwardPort listens on a real port and forwards every connection into the dataplane. */
export function forwardPort(options: PortForwardOptions): Promise<PortForward> {
  const sockets = new Set<Socket>();
  // allowHalfOpen: a client's FIN is passed on; the real socket closes when the virtual side ends too.
  const server: Server = createServer({ allowHalfOpen: true }, (real) => {
    sockets.add(real);
    real.on('close', () => sockets.delete(real));
    real.pause();
    const virt = options.netns.stack.connect({ host: options.target.host, port: options.target.port });
    virt.on('connect', () => {
      pipe(real, virt);
      real.resume();
    });
    virt.on('error', (err) => {
      options.onError?.(err);
      real.destroy();
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.listenPort ?? 0, options.listenHost ?? '127.0.0.1', () => {
      const addr = server.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      resolve({
        port,
        host: options.listenHost ?? '127.0.0.1',
        close: () =>
          new Promise<void>((done) => {
            for (const s of sockets) s.destroy();
            server.close(() => done());
          }),
      });
    });
  });
}
