// Small helpers every built-in program needs: sleeping that ends with the process, waiting for a
// connection, and reading whole inputs.
import type { NetError, NetStack, StreamSocket } from '../../net/types.js';
import type { ProcessContext } from '../types.js';
import { readAll } from '../../shell/io.js';

/** sleep resolves after ms of the context's clock, or early (false) when the process is killed. */
export function sleep(ctx: Pick<ProcessContext, 'clock' | 'aborted'>, ms: number): Promise<boolean> {
  if (ctx.aborted.aborted) return Promise.resolve(false);
  return new Promise((resolve) => {
    const timer = ctx.clock.setTimer(ms, () => {
      ctx.aborted.removeEventListener('abort', onAbort);
      resolve(true);
    });
    const onAbort = (): void => {
      timer.stop();
      resolve(false);
    };
    ctx.aborted.addEventListener('abort', onAbort, { once: true });
  });
}

/** untilAborted resolves when the process is killed: the body of servers that never exit on their own. */
export function untilAborted(ctx: Pick<ProcessContext, 'aborted'>): Promise<void> {
  if (ctx.aborted.aborted) return Promise.resolve();
  return new Promise((resolve) => ctx.aborted.addEventListener('abort', () => resolve(), { once: true }));
}

/** connect opens a stream and resolves once it is established. */
export function connect(net: NetStack, host: string, port: number, timeoutMs?: number): Promise<StreamSocket> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host, port, timeoutMs });
    const onError = (err: NetError): void => reject(err);
    socket.on('error', onError);
    socket.on('connect', () => {
      socket.off('error', onError);
      resolve(socket);
    });
  });
}

/** errnoText is the strerror text for a network error code, as busybox prints it. */
export function errnoText(err: unknown): string {
  const code = (err as { code?: string }).code;
  switch (code) {
    case 'ECONNREFUSED': return 'Connection refused';
    case 'ETIMEDOUT': return 'Connection timed out';
    case 'EHOSTUNREACH': return 'No route to host';
    case 'ENETUNREACH': return 'Network is unreachable';
    case 'ECONNRESET': return 'Connection reset by peer';
    case 'EADDRINUSE': return 'Address in use';
    default: return err instanceof Error ? err.message : String(err);
  }
}

export async function readStdin(ctx: Pick<ProcessContext, 'stdin'>): Promise<string> {
  return new TextDecoder().decode(await readAll(ctx.stdin));
}

/** resolveHost turns a host name into one address through the container's resolver. */
export async function resolveHost(ctx: Pick<ProcessContext, 'resolver'>, host: string): Promise<string | undefined> {
  if (/^\d+\.\d+\.\d+\.\d+$/.test(host)) return host;
  try {
    const addrs = await ctx.resolver.lookup(host);
    return addrs[0];
  } catch {
    return undefined;
  }
}
