// The ListenHTTP of a machine of the virtual network (net.Listen + http.Serve, as `kubectl proxy`
// does on a workstation): a terminal whose host cannot open real ports (a browser tab) serves on
// the machine's own stack instead, where the lab's previews and tools reach it.
import type { ListenHTTP } from '../kubectl/cmd/util/io.js';
import type { LocalListener } from '../kubectl/cmd/port-forward.js';
import type { NetStack, StreamSocket } from '../net/types.js';
import { serveHTTP } from './incluster-http-server.js';

/** bindErrors word the stack's errors as Go's syscall errors read. */
const bindErrors: Record<string, string> = {
  EADDRINUSE: 'bind: address already in use',
  EADDRNOTAVAIL: 'bind: cannot assign requested address',
  EACCES: 'bind: permission denied',
};

/** ListenedServer is a server a command opened and has not closed yet. */
export interface ListenedServer {
  address: string;
  port: number;
  /** command names what serves there: kubectl proxy, kubectl port-forward. */
  command: string;
}

export interface NetnsListener {
  /** listen serves HTTP (kubectl proxy). */
  listen: ListenHTTP;
  /** listenTCP hands each connection to the command (kubectl port-forward). */
  listenTCP: LocalListener;
  /** open lists the servers listening now. */
  open(): ListenedServer[];
}

/** listenError words a failed bind as Go's net.Listen does. */
function listenError(err: unknown, address: string, port: number): Error {
  const { code, message } = err as { code?: string; message: string };
  return new Error(`listen tcp ${address}:${port}: ${(code && bindErrors[code]) ?? message}`);
}

/**
 * netnsListener listens on stack; onChange hears each server opening and closing (the lab's
 * previews list them).
 */
export function netnsListener(stack: NetStack, onChange: () => void = () => {}): NetnsListener {
  const open = new Set<ListenedServer>();
  /** opened records a bound server and returns its close, which forgets it again. */
  const opened = (command: string, bound: { address: string; port: number }, close: () => void) => {
    const entry: ListenedServer = { address: bound.address, port: bound.port, command };
    open.add(entry);
    onChange();
    return () => {
      close();
      if (open.delete(entry)) onChange();
    };
  };
  const listen: ListenHTTP = async (address, port, handler) => {
    const host = address === 'localhost' ? '127.0.0.1' : address;
    const server = await serveHTTP(stack, port, handler, host).catch((err: unknown) => {
      throw listenError(err, address, port);
    });
    const close = opened('kubectl proxy', server.address, () => server.close());
    return { ...server.address, close: async () => close() };
  };
  const listenTCP: LocalListener = async (address, port, onConnection) => {
    const sockets = new Set<StreamSocket>();
    const server = stack.createServer((socket) => {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      onConnection(localConnection(socket));
    }, { allowHalfOpen: true });
    const bound = await server.listen(port, address).catch((err: unknown) => {
      throw listenError(err, address, port);
    });
    const close = opened('kubectl port-forward', bound, () => {
      server.close();
      for (const s of sockets) s.destroy();
    });
    return { port: bound.port, close };
  };
  return { listen, listenTCP, open: () => [...open] };
}

/**
 * localConnection is port-forward's view of an accepted socket. Port-forward listens only once its
 * stream to the pod is open; what the client sent meanwhile is kept for it, as a paused socket would.
 */
function localConnection(socket: StreamSocket) {
  const early: Uint8Array[] = [];
  let ended = false;
  let onData: ((chunk: Uint8Array) => void) | undefined;
  let onEnd: (() => void) | undefined;
  socket.on('data', (chunk) => (onData ? onData(chunk) : early.push(chunk)));
  socket.on('end', () => (onEnd ? onEnd() : (ended = true)));
  return {
    onData: (fn: (chunk: Uint8Array) => void) => {
      onData = fn;
      for (const chunk of early.splice(0)) fn(chunk);
    },
    onEnd: (fn: () => void) => {
      onEnd = fn;
      if (ended) fn();
    },
    write: (chunk: Uint8Array) => void socket.write(chunk),
    end: () => socket.end(),
  };
}
