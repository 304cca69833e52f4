// Mirrors glibc's getaddrinfo as the node tools see it: literals and "localhost" answer at once,
// every other name goes through the cluster DNS's stub resolver (engine/dns/resolver.ts) with the
// shell's resolv.conf. This file only adapts the tools' context to it; the resolver lives there.
import type { ToolContext } from './types.js';
import { defaultResolvOptions, type ResolvConf } from '../../dns/resolv-conf.js';
import { Resolver, ResolverError } from '../../dns/resolver.js';
import { Type } from '../../dns/wire/message.js';
import { isIP } from '../ip/addr.js';

/** DNS_TIMEOUT_MS is how long nslookup and dig wait for one answer (their 5 s default). */
export const DNS_TIMEOUT_MS = 5000;

/** resolvConf turns the tool context's resolv.conf fields into the resolver's form (glibc defaults). */
export function resolvConf(ctx: ToolContext): ResolvConf {
  const r = ctx.resolv;
  return {
    nameservers: [...(r?.nameservers ?? [])],
    searches: [...(r?.search ?? [])],
    options: { ...defaultResolvOptions, ...(r?.ndots !== undefined ? { ndots: r.ndots } : {}) },
  };
}

/** newResolver is the stub resolver of the context's namespace. */
export function newResolver(ctx: ToolContext): Resolver {
  return new Resolver({ stack: ctx.netns.stack, clock: ctx.clock, conf: resolvConf(ctx) });
}

export interface Lookup {
  name?: string;
  addresses: string[];
  error?: 'NXDOMAIN' | 'TIMEOUT' | 'NOSERVER' | 'SERVFAIL';
}

const lookupErrors: Record<ResolverError['code'], NonNullable<Lookup['error']>> = {
  ENOTFOUND: 'NXDOMAIN',
  ENODATA: 'NXDOMAIN',
  ETIMEOUT: 'TIMEOUT',
  ESERVFAIL: 'SERVFAIL',
  EREFUSED: 'SERVFAIL',
  ECONNREFUSED: 'NOSERVER',
};

/** lookupHost resolves a host name to IPv4 addresses ("localhost" and literals included). */
export async function lookupHost(ctx: ToolContext, host: string): Promise<Lookup> {
  if (isIP(host)) return { name: host, addresses: [host] };
  if (host === 'localhost') return { name: host, addresses: ['127.0.0.1'] };
  try {
    const res = await newResolver(ctx).lookup(host, Type.A, 'getaddrinfo');
    const addresses = res.answer.filter((r) => r.type === Type.A).map((r) => r.data as string);
    return { name: res.name.replace(/\.$/, ''), addresses };
  } catch (err) {
    if (!(err instanceof ResolverError)) throw err;
    return { addresses: [], error: lookupErrors[err.code] };
  }
}
