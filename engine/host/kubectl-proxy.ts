// Node-only listener for `kubectl proxy` (proxy_server.go's Listen and ServeOnListener: net.Listen on tcp, then http.Server): a real HTTP port on the host whose requests the proxy answers, streamed.
import type { AddressInfo } from 'node:net';
import type { ListenHTTP } from '../kubectl/cmd/util/io.js';
import { serve } from './http-server.js';

/** bindErrors word Node's listen failures as Go's syscall errors read. */
const bindErrors: Record<string, string> = {
  EADDRINUSE: 'bind: address already in use',
  EACCES: 'bind: permission denied',
  EADDRNOTAVAIL: 'bind: cannot assign requested address',
};

/** nodeListenHTTP listens on address:port (0 picks a free port) and serves the handler there. */
export const nodeListenHTTP: ListenHTTP = async (address, port, handler) => {
  try {
    const served = await serve(handler, { host: address, port });
    const bound = served.server.address() as AddressInfo;
    return { address: bound.address, port: bound.port, close: served.close };
  } catch (err) {
    const { code, message } = err as { code?: string; message: string };
    const where = address.includes(':') ? `[${address}]:${port}` : `${address}:${port}`;
    if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') throw new Error(`listen tcp: lookup ${address}: no such host`);
    throw new Error(`listen tcp ${where}: ${(code && bindErrors[code]) ?? message}`);
  }
};
