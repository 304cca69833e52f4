// Mirrors the stub resolver programs link against (glibc res_search; Go's net/dnsclient_unix.go
// nameList and tryOneName): expand a name with the resolv.conf search list according to ndots,
// ask each nameserver in turn with timeout and attempts, and report errors with node:dns codes
// (ENOTFOUND, ETIMEOUT, ESERVFAIL, EREFUSED). Images and node tools (nslookup, wget) use it.
import type { NetStack } from '../net/types.js';
import type { Clock } from '../util/clock.js';
import { exchange, TimeoutError } from './client.js';
import type { ResolvConf } from './resolv-conf.js';
import { newQuery, Rcode, Type, fqdn, reverseName, type Message, type RR, type SRVData } from './wire/message.js';

export class ResolverError extends Error {
  constructor(
    readonly code: 'ENOTFOUND' | 'ETIMEOUT' | 'ESERVFAIL' | 'EREFUSED' | 'ENODATA' | 'ECONNREFUSED',
    readonly syscall: string,
    readonly hostname: string,
  ) {
    super(`${syscall} ${code} ${hostname}`);
  }
}

export interface LookupAnswer {
  /** name is the candidate that answered (after search expansion). */
  name: string;
  /** server is the nameserver that answered. */
  server: string;
  answer: RR[];
  reply: Message;
}

/** nameList mirrors Go's dnsConfig.nameList: the candidates tried for a name, in order. */
export function nameList(name: string, conf: ResolvConf): string[] {
  if (name.endsWith('.')) return [name.toLowerCase()];
  const dots = name.split('.').length - 1;
  const searched = conf.searches.map((s) => fqdn(`${name}.${s}`));
  return dots >= conf.options.ndots ? [fqdn(name), ...searched] : [...searched, fqdn(name)];
}

export interface ResolverOptions {
  stack: NetStack;
  clock: Clock;
  conf: ResolvConf;
}

export class Resolver {
  private nextID = 1;

  constructor(private readonly options: ResolverOptions) {}

  /** lookup resolves name for qtype through the search list; it throws ResolverError. */
  async lookup(name: string, qtype: number, syscall = 'query', depth = 0): Promise<LookupAnswer> {
    const { conf } = this.options;
    if (conf.nameservers.length === 0) throw new ResolverError('ECONNREFUSED', syscall, name);
    let lastError: ResolverError['code'] | undefined;
    let notFound = false;
    for (const candidate of nameList(name, conf)) {
      const result = await this.tryOneName(candidate, qtype, syscall, name);
      if ('answer' in result) {
        // A CNAME without the target's records (an ExternalName service): resolve the target too.
        const last = result.answer[result.answer.length - 1];
        if (last.type !== Type.CNAME || qtype === Type.CNAME || depth >= 8) return result;
        const next = await this.lookup(fqdn(last.data as string), qtype, syscall, depth + 1);
        return { ...next, name: candidate, answer: [...result.answer, ...next.answer] };
      }
      // NXDOMAIN and NODATA move on to the next candidate; a name that some server said does not
      // exist is reported as not found rather than as another candidate's server failure.
      if (result.error === 'ENOTFOUND' || result.error === 'ENODATA') notFound = true;
      else lastError = result.error;
    }
    throw new ResolverError(notFound || !lastError ? 'ENOTFOUND' : lastError, syscall, name);
  }

  private async tryOneName(candidate: string, qtype: number, syscall: string, original: string): Promise<LookupAnswer | { error: ResolverError['code'] }> {
    const { conf, stack, clock } = this.options;
    let error: ResolverError['code'] = 'ETIMEOUT';
    for (let attempt = 0; attempt < Math.max(1, conf.options.attempts); attempt++) {
      for (const server of conf.nameservers) {
        const query = newQuery(this.nextID++ & 0xffff, candidate, qtype);
        let reply: Message;
        try {
          reply = await exchange(query, { stack, clock, server, timeoutMs: conf.options.timeout * 1000 });
        } catch (err) {
          if (err instanceof TimeoutError) continue;
          throw new ResolverError('ETIMEOUT', syscall, original);
        }
        if (reply.rcode === Rcode.NameError) return { error: 'ENOTFOUND' };
        if (reply.rcode === Rcode.ServerFailure) {
          error = 'ESERVFAIL';
          continue;
        }
        if (reply.rcode === Rcode.Refused) {
          error = 'EREFUSED';
          continue;
        }
        const answer = followCNAMEs(reply.answer, candidate, qtype);
        if (answer.length === 0) return { error: 'ENODATA' };
        return { name: candidate, server, answer, reply };
      }
    }
    return { error };
  }

  /** resolve4 returns the IPv4 addresses of name (dns.resolve4). */
  async resolve4(name: string): Promise<string[]> {
    if (/^\d{1,3}(\.\d{1,3}){3}$/.test(name)) return [name];
    const res = await this.lookup(name, Type.A, 'queryA');
    return res.answer.filter((r) => r.type === Type.A).map((r) => r.data as string);
  }

  /** resolveSrv returns SRV records (dns.resolveSrv: name, port, priority, weight). */
  async resolveSrv(name: string): Promise<{ name: string; port: number; priority: number; weight: number }[]> {
    const res = await this.lookup(name, Type.SRV, 'querySrv');
    return res.answer.filter((r) => r.type === Type.SRV).map((r) => {
      const d = r.data as SRVData;
      return { name: d.target.replace(/\.$/, ''), port: d.port, priority: d.priority, weight: d.weight };
    });
  }

  /** reverse returns the names of an IPv4 address (dns.reverse). */
  async reverse(ip: string): Promise<string[]> {
    const res = await this.lookup(reverseName(ip), Type.PTR, 'getHostByAddr');
    return res.answer.filter((r) => r.type === Type.PTR).map((r) => (r.data as string).replace(/\.$/, ''));
  }
}

/** followCNAMEs keeps the records of qtype reachable from name through CNAMEs in the answer. */
function followCNAMEs(answer: RR[], name: string, qtype: number): RR[] {
  const out: RR[] = [];
  let current = fqdn(name);
  for (let hops = 0; hops < 8; hops++) {
    const direct = answer.filter((r) => fqdn(r.name) === current && (r.type === qtype || qtype === Type.ANY));
    if (direct.length) return [...out, ...direct];
    const cname = answer.find((r) => fqdn(r.name) === current && r.type === Type.CNAME);
    if (!cname) return out;
    out.push(cname);
    current = fqdn(cname.data as string);
  }
  return [];
}
