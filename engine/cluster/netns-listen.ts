// The ListenHTTP of a machine of the virtual network (net.Listen + http.Serve, as `kubectl proxy`
// does on a workstation): a terminal whose host cannot open real ports (a browser tab) serves on
// the machine's own stack instead, where the lab's previews and tools reach it.
import type { ListenHTTP } from '../kubectl/cmd/util/io.js';
import type { NetStack } from '../net/types.js';
import { serveHTTP } from './incluster-http-server.js';

/** bindErrors word the stack's errors as Go's syscall errors read. */
const bindErrors: Record<string, string> = {
  EADDRINUSE: 'bind: address already in use',
  EADDRNOTAVAIL: 'bind: cannot assign requested address',
  EACCES: 'bind: permission denied',
};

/** ListenedServer is a server a ListenHTTP opened and has not closed yet. */
export interface ListenedServer {
  address: string;
  port: number;
}

export interface NetnsListener {
  listen: ListenHTTP;
  /** open lists the servers listening now. */
  open(): ListenedServer[];
}

/**
 * netnsListener listens on stack; onChange hears each server opening and closing (the lab's
 * previews list them).
 */
export function netnsListener(stack: NetStack, onChange: () => void = () => {}): NetnsListener {
  const open = new Set<ListenedServer>();
  const listen: ListenHTTP = async (address, port, handler) => {
    const host = address === 'localhost' ? '127.0.0.1' : address;
    let server;
    try {
      server = await serveHTTP(stack, port, handler, host);
    } catch (err) {
      const { code, message } = err as { code?: string; message: string };
      throw new Error(`listen tcp ${address}:${port}: ${(code && bindErrors[code]) ?? message}`);
    }
    const entry: ListenedServer = { address: server.address.address, port: server.address.port };
    open.add(entry);
    onChange();
    return {
      ...entry,
      close: async () => {
        server.close();
        if (open.delete(entry)) onChange();
      },
    };
  };
  return { listen, open: () => [...open] };
}
