// Mirrors pkg/proxy/userspace/proxysocket.go: the socket a userspace proxier opens for each service
// port. TCP: accept, pick an endpoint through the load balancer (retrying other endpoints when a
// dial fails), then copy bytes both ways until either side closes. UDP: one backend socket per
// client address, replies relayed back until the client has been idle for udpIdleTimeout.
import type { DatagramSocket, NetStack, SocketAddress, StreamServer, StreamSocket } from '../../net/types.js';
import type { Clock, Timer } from '../../util/clock.js';
import type { LoadBalancerRR } from './roundrobin.js';

/** endpointDialTimeouts: upstream tries up to four endpoints, waiting longer each time. */
const endpointDialTimeouts = [250, 500, 1000, 2000];

export interface ProxySocket {
  /** listenPort is the local port the portal rules redirect to. */
  readonly listenPort: number;
  close(): void;
  /** activeConnections counts open client connections (TCP) or client sessions (UDP). */
  activeConnections(): number;
}

export interface ProxySocketOptions {
  stack: NetStack;
  clock: Clock;
  loadBalancer: LoadBalancerRR;
  /** service is the load balancer key of the service port. */
  service: string;
  protocol: 'TCP' | 'UDP';
  listenIP: string;
  /** udpIdleTimeout is --udp-timeout (ms, default 250). */
  udpIdleTimeout?: number;
  onError?: (err: unknown) => void;
}

/** newProxySocket opens the proxy socket on a free port of listenIP. */
export async function newProxySocket(options: ProxySocketOptions): Promise<ProxySocket> {
  if (options.protocol === 'UDP') return newUDPProxySocket(options);
  return newTCPProxySocket(options);
}

function splitEndpoint(endpoint: string): { host: string; port: number } {
  const i = endpoint.lastIndexOf(':');
  return { host: endpoint.slice(0, i), port: Number(endpoint.slice(i + 1)) };
}

async function newTCPProxySocket(options: ProxySocketOptions): Promise<ProxySocket> {
  const open = new Set<StreamSocket>();
  // Half-open on both legs, like upstream's copyBytes with CloseWrite: a client's FIN is passed to
  // the backend, and the backend's answer still flows back until the backend ends too.
  const server: StreamServer = options.stack.createServer(
    (client) => {
      open.add(client);
      client.on('close', () => open.delete(client));
      void handleTCPConnection(options, client);
    },
    { allowHalfOpen: true },
  );
  const addr: SocketAddress = await server.listen(0, options.listenIP);
  return {
    listenPort: addr.port,
    close: () => {
      server.close();
      for (const c of open) c.destroy();
    },
    activeConnections: () => open.size,
  };
}

/** tryConnect mirrors TCPProxySocket's dial loop: each failure resets session affinity. */
async function tryConnect(options: ProxySocketOptions, client: StreamSocket): Promise<StreamSocket | undefined> {
  for (let i = 0; i < endpointDialTimeouts.length; i++) {
    let endpoint: string;
    try {
      endpoint = options.loadBalancer.nextEndpoint(options.service, client.remoteAddress, i !== 0);
    } catch (err) {
      options.onError?.(err);
      return undefined;
    }
    const { host, port } = splitEndpoint(endpoint);
    const backend = options.stack.connect({ host, port, timeoutMs: endpointDialTimeouts[i], allowHalfOpen: true });
    // The endpoint may answer (and even close) before this function resumes: relay from the start.
    copyBytes(backend, client);
    const ok = await new Promise<boolean>((resolve) => {
      backend.on('connect', () => resolve(true));
      backend.on('error', () => resolve(false));
    });
    if (ok) return backend;
  }
  return undefined;
}

async function handleTCPConnection(options: ProxySocketOptions, client: StreamSocket): Promise<void> {
  // Buffer what the client sends while the backend is being dialled.
  const early: Uint8Array[] = [];
  let clientEnded = false;
  const buffer = (chunk: Uint8Array) => early.push(chunk);
  const markEnd = () => void (clientEnded = true);
  client.on('data', buffer);
  client.on('end', markEnd);
  const backend = await tryConnect(options, client);
  client.off('data', buffer);
  client.off('end', markEnd);
  if (!backend) {
    client.destroy();
    return;
  }
  for (const chunk of early) backend.write(chunk);
  if (clientEnded) backend.end();
  copyBytes(client, backend, true);
}

/** copyBytes pipes from → to: data, half-close, and resets (a failed dial is not relayed). */
function copyBytes(from: StreamSocket, to: StreamSocket, alreadyConnected = false): void {
  let connected = alreadyConnected;
  from.on('connect', () => void (connected = true));
  from.on('data', (chunk) => {
    connected = true;
    to.write(chunk);
  });
  from.on('end', () => to.end());
  from.on('error', () => {
    if (connected) to.destroy();
  });
}

async function newUDPProxySocket(options: ProxySocketOptions): Promise<ProxySocket> {
  const socket: DatagramSocket = options.stack.createDatagramSocket();
  const clients = new Map<string, { backend: DatagramSocket; ready: Promise<unknown>; timer: Timer; target: { host: string; port: number } }>();
  const idle = options.udpIdleTimeout ?? 250;
  const drop = (key: string) => {
    const c = clients.get(key);
    if (!c) return;
    c.timer.stop();
    c.backend.close();
    clients.delete(key);
  };
  socket.on('message', (msg, rinfo) => {
    const key = `${rinfo.address}:${rinfo.port}`;
    void (async () => {
      let c = clients.get(key);
      if (!c) {
        let endpoint: string;
        try {
          endpoint = options.loadBalancer.nextEndpoint(options.service, rinfo.address);
        } catch (err) {
          options.onError?.(err);
          return;
        }
        const { host, port } = splitEndpoint(endpoint);
        const backend = options.stack.createDatagramSocket();
        // Replies from the endpoint go back to the client from the proxy's own port.
        backend.on('message', (reply) => {
          socket.send(reply, rinfo.port, rinfo.address);
          const entry = clients.get(key);
          if (entry) {
            entry.timer.stop();
            entry.timer = options.clock.setTimer(idle, () => drop(key));
          }
        });
        // Registered before binding, so a second datagram from the client reuses this session.
        c = { backend, ready: backend.bind(0), timer: options.clock.setTimer(idle, () => drop(key)), target: { host, port } };
        clients.set(key, c);
      }
      c.timer.stop();
      c.timer = options.clock.setTimer(idle, () => drop(key));
      await c.ready;
      c.backend.send(msg, c.target.port, c.target.host);
    })();
  });
  const addr = await socket.bind(0, options.listenIP);
  return {
    listenPort: addr.port,
    close: () => {
      socket.close();
      for (const key of [...clients.keys()]) drop(key);
    },
    activeConnections: () => clients.size,
  };
}
