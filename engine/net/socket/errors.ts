// Mirrors the errno values a socket reports (include/uapi/asm-generic/errno.h) in Node's shape:
// an Error with `code`, `errno` and `syscall`, and Node's message format.
import type { NetError } from '../types.js';

const TEXT: Record<NetError['code'], [number, string]> = {
  ECONNREFUSED: [-111, 'connect ECONNREFUSED'],
  ETIMEDOUT: [-110, 'connect ETIMEDOUT'],
  EHOSTUNREACH: [-113, 'connect EHOSTUNREACH'],
  ENETUNREACH: [-101, 'connect ENETUNREACH'],
  EADDRINUSE: [-98, 'listen EADDRINUSE: address already in use'],
  EADDRNOTAVAIL: [-99, 'listen EADDRNOTAVAIL: address not available'],
  ECONNRESET: [-104, 'read ECONNRESET'],
  EPIPE: [-32, 'write EPIPE'],
};

export interface SocketError extends NetError {
  errno: number;
  syscall: string;
  address?: string;
  port?: number;
}

/** netError builds an error as Node prints it, e.g. "connect ECONNREFUSED 10.0.0.1:80". */
export function netError(code: NetError['code'], address?: string, port?: number): SocketError {
  const [errno, text] = TEXT[code];
  const where = address !== undefined ? ` ${address}${port !== undefined ? `:${port}` : ''}` : '';
  const err = new Error(`${text}${where}`) as SocketError;
  err.code = code;
  err.errno = errno;
  err.syscall = text.split(' ')[0]!;
  if (address !== undefined) err.address = address;
  if (port !== undefined) err.port = port;
  return err;
}
