// Mirrors the message model of github.com/miekg/dns (msg.go, types.go) that CoreDNS builds on:
// header, question and resource records for the types the cluster DNS serves (A, AAAA, CNAME, PTR,
// SRV, SOA, TXT, NS), encoded per RFC 1035. Names are compressed on encode and decode.

export const Type = { A: 1, NS: 2, CNAME: 5, SOA: 6, PTR: 12, MX: 15, TXT: 16, AAAA: 28, SRV: 33, ANY: 255 } as const;
export const Class = { INET: 1 } as const;
export const Rcode = { Success: 0, FormatError: 1, ServerFailure: 2, NameError: 3, NotImplemented: 4, Refused: 5 } as const;
export const Opcode = { Query: 0 } as const;

export const typeNames: Record<number, string> = Object.fromEntries(Object.entries(Type).map(([k, v]) => [v, k]));
export const rcodeNames: Record<number, string> = { 0: 'NOERROR', 1: 'FORMERR', 2: 'SERVFAIL', 3: 'NXDOMAIN', 4: 'NOTIMP', 5: 'REFUSED' };

export interface Question {
  name: string;
  type: number;
  class: number;
}

export interface SOAData {
  ns: string;
  mbox: string;
  serial: number;
  refresh: number;
  retry: number;
  expire: number;
  minttl: number;
}

export interface SRVData {
  priority: number;
  weight: number;
  port: number;
  target: string;
}

/** RR is a resource record; data depends on type (A/AAAA: address, CNAME/PTR/NS: name, TXT: strings). */
export type RR = { name: string; class: number; ttl: number } & (
  | { type: typeof Type.A | typeof Type.AAAA; data: string }
  | { type: typeof Type.CNAME | typeof Type.PTR | typeof Type.NS; data: string }
  | { type: typeof Type.SRV; data: SRVData }
  | { type: typeof Type.SOA; data: SOAData }
  | { type: typeof Type.TXT; data: string[] }
  | { type: number; data: Uint8Array }
);

export interface Header {
  id: number;
  response: boolean;
  opcode: number;
  authoritative: boolean;
  truncated: boolean;
  recursionDesired: boolean;
  recursionAvailable: boolean;
  rcode: number;
}

export interface Message extends Header {
  question: Question[];
  answer: RR[];
  ns: RR[];
  extra: RR[];
}

/** newQuery builds a recursive query for one name and type (dns.Msg.SetQuestion). */
export function newQuery(id: number, name: string, type: number): Message {
  return {
    id,
    response: false,
    opcode: Opcode.Query,
    authoritative: false,
    truncated: false,
    recursionDesired: true,
    recursionAvailable: false,
    rcode: 0,
    question: [{ name: fqdn(name), type, class: Class.INET }],
    answer: [],
    ns: [],
    extra: [],
  };
}

/** newReply starts the response to req (dns.Msg.SetReply). */
export function newReply(req: Message, rcode: number = Rcode.Success): Message {
  return { ...req, response: true, authoritative: false, truncated: false, recursionAvailable: false, rcode, question: [...req.question], answer: [], ns: [], extra: [] };
}

/** reverseName turns 10.254.0.1 into 1.0.254.10.in-addr.arpa. (the owner name of a PTR query). */
export function reverseName(ip: string): string {
  return `${ip.split('.').reverse().join('.')}.in-addr.arpa.`;
}

/** fqdn appends the root dot and lower-cases the name (DNS names compare case-insensitively). */
export function fqdn(name: string): string {
  const n = name.toLowerCase();
  return n.endsWith('.') ? n : `${n}.`;
}
