// Mirrors github.com/miekg/dns msg.go (Pack/Unpack) and the RFC 1035 wire format: a 12-byte
// header, then questions and three record sections; names as length-prefixed labels with
// compression pointers (0xC0) to earlier names.
import { Type, type Message, type Question, type RR } from './message.js';

/** FormatError is thrown for malformed input (the server answers FORMERR). */
export class FormatError extends Error {}

export function encodeMessage(msg: Message): Uint8Array {
  const w = new Writer();
  w.u16(msg.id);
  let flags = (msg.response ? 0x8000 : 0) | ((msg.opcode & 0xf) << 11) | (msg.authoritative ? 0x400 : 0) | (msg.truncated ? 0x200 : 0);
  flags |= (msg.recursionDesired ? 0x100 : 0) | (msg.recursionAvailable ? 0x80 : 0) | (msg.rcode & 0xf);
  w.u16(flags);
  for (const n of [msg.question.length, msg.answer.length, msg.ns.length, msg.extra.length]) w.u16(n);
  for (const q of msg.question) {
    w.name(q.name);
    w.u16(q.type);
    w.u16(q.class);
  }
  for (const rr of [...msg.answer, ...msg.ns, ...msg.extra]) writeRR(w, rr);
  return w.bytes();
}

function writeRR(w: Writer, rr: RR): void {
  w.name(rr.name);
  w.u16(rr.type);
  w.u16(rr.class);
  w.u32(rr.ttl);
  const lenAt = w.reserve16();
  const start = w.length;
  switch (rr.type) {
    case Type.A:
      for (const o of (rr.data as string).split('.')) w.u8(Number(o));
      break;
    case Type.AAAA:
      for (const g of expandIPv6(rr.data as string)) w.u16(g);
      break;
    case Type.CNAME:
    case Type.PTR:
    case Type.NS:
      w.name(rr.data as string);
      break;
    case Type.SRV: {
      const d = rr.data as { priority: number; weight: number; port: number; target: string };
      w.u16(d.priority);
      w.u16(d.weight);
      w.u16(d.port);
      w.name(d.target, false); // RFC 2782: the target is not compressed.
      break;
    }
    case Type.SOA: {
      const d = rr.data as { ns: string; mbox: string; serial: number; refresh: number; retry: number; expire: number; minttl: number };
      w.name(d.ns);
      w.name(d.mbox);
      for (const v of [d.serial, d.refresh, d.retry, d.expire, d.minttl]) w.u32(v);
      break;
    }
    case Type.TXT:
      for (const s of rr.data as string[]) {
        const b = new TextEncoder().encode(s).slice(0, 255);
        w.u8(b.length);
        w.raw(b);
      }
      break;
    default:
      w.raw(rr.data as Uint8Array);
  }
  w.set16(lenAt, w.length - start);
}

export function decodeMessage(buf: Uint8Array): Message {
  const r = new Reader(buf);
  const id = r.u16();
  const flags = r.u16();
  const counts = [r.u16(), r.u16(), r.u16(), r.u16()];
  const question: Question[] = [];
  for (let i = 0; i < counts[0]; i++) question.push({ name: r.name(), type: r.u16(), class: r.u16() });
  const section = (n: number) => Array.from({ length: n }, () => readRR(r));
  return {
    id,
    response: (flags & 0x8000) !== 0,
    opcode: (flags >> 11) & 0xf,
    authoritative: (flags & 0x400) !== 0,
    truncated: (flags & 0x200) !== 0,
    recursionDesired: (flags & 0x100) !== 0,
    recursionAvailable: (flags & 0x80) !== 0,
    rcode: flags & 0xf,
    question,
    answer: section(counts[1]),
    ns: section(counts[2]),
    extra: section(counts[3]),
  };
}

function readRR(r: Reader): RR {
  const name = r.name();
  const type = r.u16();
  const cls = r.u16();
  const ttl = r.u32();
  const len = r.u16();
  const end = r.pos + len;
  if (end > r.buf.length) throw new FormatError('dns: overflow unpacking rdata');
  const base = { name, class: cls, ttl };
  let rr: RR;
  switch (type) {
    case Type.A:
      rr = { ...base, type, data: [...r.take(4)].join('.') };
      break;
    case Type.AAAA:
      rr = { ...base, type, data: Array.from({ length: 8 }, () => r.u16().toString(16)).join(':') };
      break;
    case Type.CNAME:
    case Type.PTR:
    case Type.NS:
      rr = { ...base, type, data: r.name() };
      break;
    case Type.SRV:
      rr = { ...base, type, data: { priority: r.u16(), weight: r.u16(), port: r.u16(), target: r.name() } };
      break;
    case Type.SOA:
      rr = { ...base, type, data: { ns: r.name(), mbox: r.name(), serial: r.u32(), refresh: r.u32(), retry: r.u32(), expire: r.u32(), minttl: r.u32() } };
      break;
    case Type.TXT: {
      const strings: string[] = [];
      while (r.pos < end) strings.push(new TextDecoder().decode(r.take(r.u8())));
      rr = { ...base, type, data: strings };
      break;
    }
    default:
      rr = { ...base, type, data: r.take(len) };
  }
  r.pos = end;
  return rr;
}

class Writer {
  private buf = new Uint8Array(512);
  length = 0;
  private readonly names = new Map<string, number>();

  private grow(n: number): void {
    if (this.length + n <= this.buf.length) return;
    const next = new Uint8Array(Math.max(this.buf.length * 2, this.length + n));
    next.set(this.buf);
    this.buf = next;
  }
  u8(v: number): void {
    this.grow(1);
    this.buf[this.length++] = v & 0xff;
  }
  u16(v: number): void {
    this.u8(v >> 8);
    this.u8(v);
  }
  u32(v: number): void {
    this.u16(Math.floor(v / 0x10000) & 0xffff);
    this.u16(v & 0xffff);
  }
  raw(b: Uint8Array): void {
    this.grow(b.length);
    this.buf.set(b, this.length);
    this.length += b.length;
  }
  reserve16(): number {
    this.u16(0);
    return this.length - 2;
  }
  set16(at: number, v: number): void {
    this.buf[at] = (v >> 8) & 0xff;
    this.buf[at + 1] = v & 0xff;
  }
  /** name writes a domain name, pointing to an earlier copy of any suffix when compress is on. */
  name(name: string, compress = true): void {
    const labels = name.replace(/\.$/, '').split('.').filter((l) => l !== '');
    for (let i = 0; i < labels.length; i++) {
      const suffix = labels.slice(i).join('.').toLowerCase();
      const at = this.names.get(suffix);
      if (compress && at !== undefined) return this.u16(0xc000 | at);
      if (this.length < 0x3fff) this.names.set(suffix, this.length);
      const b = new TextEncoder().encode(labels[i]);
      if (b.length > 63) throw new FormatError(`dns: label too long: ${labels[i]}`);
      this.u8(b.length);
      this.raw(b);
    }
    this.u8(0);
  }
  bytes(): Uint8Array {
    return this.buf.slice(0, this.length);
  }
}

class Reader {
  pos = 0;
  constructor(readonly buf: Uint8Array) {}

  private need(n: number): void {
    if (this.pos + n > this.buf.length) throw new FormatError('dns: overflow unpacking message');
  }
  u8(): number {
    this.need(1);
    return this.buf[this.pos++];
  }
  u16(): number {
    return (this.u8() << 8) | this.u8();
  }
  u32(): number {
    return this.u16() * 0x10000 + this.u16();
  }
  take(n: number): Uint8Array {
    this.need(n);
    const b = this.buf.slice(this.pos, this.pos + n);
    this.pos += n;
    return b;
  }
  /** name reads a possibly compressed name; pointers may only go backwards (no loops). */
  name(): string {
    const labels: string[] = [];
    let pos = this.pos;
    let jumped = false;
    let hops = 0;
    for (;;) {
      if (pos >= this.buf.length) throw new FormatError('dns: overflow unpacking domain name');
      const len = this.buf[pos];
      if ((len & 0xc0) === 0xc0) {
        if (pos + 1 >= this.buf.length) throw new FormatError('dns: overflow unpacking domain name');
        const target = ((len & 0x3f) << 8) | this.buf[pos + 1];
        if (target >= pos || ++hops > 64) throw new FormatError('dns: bad compression pointer');
        if (!jumped) this.pos = pos + 2;
        jumped = true;
        pos = target;
        continue;
      }
      if (len === 0) {
        if (!jumped) this.pos = pos + 1;
        break;
      }
      if (pos + 1 + len > this.buf.length) throw new FormatError('dns: overflow unpacking domain name');
      labels.push(new TextDecoder().decode(this.buf.slice(pos + 1, pos + 1 + len)));
      pos += 1 + len;
    }
    return labels.length ? `${labels.join('.')}.` : '.';
  }
}

function expandIPv6(ip: string): number[] {
  const [head, tail] = ip.includes('::') ? ip.split('::') : [ip, undefined];
  const h = head ? head.split(':').map((g) => parseInt(g, 16)) : [];
  const t = tail ? tail.split(':').map((g) => parseInt(g, 16)) : [];
  return tail === undefined ? h : [...h, ...new Array(8 - h.length - t.length).fill(0), ...t];
}
