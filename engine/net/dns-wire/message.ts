// Mirrors the DNS wire format of RFC 1035 (+ RFC 3596 AAAA, RFC 2782 SRV) as miekg/dns models it:
// a message with header flags, questions and three record sections; names are compressed on
// encode and pointers followed on decode. Shared by the resolver tools and the cluster DNS server.

export const TYPE = { A: 1, NS: 2, CNAME: 5, SOA: 6, PTR: 12, TXT: 16, AAAA: 28, SRV: 33, ANY: 255 } as const;
export const CLASS_IN = 1;
export const RCODE = { NOERROR: 0, FORMERR: 1, SERVFAIL: 2, NXDOMAIN: 3, NOTIMP: 4, REFUSED: 5 } as const;

export type RecordType = keyof typeof TYPE;

export interface Question {
  name: string;
  type: number;
  class: number;
}

export interface SrvData {
  priority: number;
  weight: number;
  port: number;
  target: string;
}

export interface SoaData {
  mname: string;
  rname: string;
  serial: number;
  refresh: number;
  retry: number;
  expire: number;
  minimum: number;
}

/** RecordData: A/AAAA → address text; NS/CNAME/PTR → a name; TXT → strings; others → raw bytes. */
export type RecordData = string | string[] | SrvData | SoaData | Uint8Array;

export interface ResourceRecord {
  name: string;
  type: number;
  class: number;
  ttl: number;
  data: RecordData;
}

export interface Flags {
  qr: boolean;
  opcode: number;
  aa: boolean;
  tc: boolean;
  rd: boolean;
  ra: boolean;
  rcode: number;
}

export interface Message {
  id: number;
  flags: Flags;
  questions: Question[];
  answers: ResourceRecord[];
  authorities: ResourceRecord[];
  additionals: ResourceRecord[];
}

export function defaultFlags(): Flags {
  return { qr: false, opcode: 0, aa: false, tc: false, rd: true, ra: false, rcode: 0 };
}

/** newQuery builds a recursive query for one name and type. */
export function newQuery(id: number, name: string, type: number): Message {
  return { id, flags: defaultFlags(), questions: [{ name: fqdn(name), type, class: CLASS_IN }], answers: [], authorities: [], additionals: [] };
}

/** newReply builds a response to a query, copying its id, question and RD bit. */
export function newReply(query: Message, rcode: number = RCODE.NOERROR): Message {
  return {
    id: query.id,
    flags: { qr: true, opcode: query.flags.opcode, aa: true, tc: false, rd: query.flags.rd, ra: true, rcode },
    questions: query.questions.map((q) => ({ ...q })),
    answers: [],
    authorities: [],
    additionals: [],
  };
}

export function fqdn(name: string): string {
  return name.endsWith('.') ? name : `${name}.`;
}

export function typeName(t: number): string {
  return (Object.keys(TYPE) as RecordType[]).find((k) => TYPE[k] === t) ?? `TYPE${t}`;
}

export function rcodeName(r: number): string {
  return (Object.keys(RCODE) as Array<keyof typeof RCODE>).find((k) => RCODE[k] === r) ?? `RCODE${r}`;
}

/** reverseName turns 10.254.0.1 into 1.0.254.10.in-addr.arpa. (for PTR queries). */
export function reverseName(ip: string): string {
  return `${ip.split('.').reverse().join('.')}.in-addr.arpa.`;
}

// ---- encoding ----

class Writer {
  private buf = new Uint8Array(512);
  len = 0;
  private names = new Map<string, number>();

  private ensure(n: number): void {
    if (this.len + n <= this.buf.length) return;
    const next = new Uint8Array(Math.max(this.buf.length * 2, this.len + n));
    next.set(this.buf);
    this.buf = next;
  }

  u8(v: number): void {
    this.ensure(1);
    this.buf[this.len++] = v & 255;
  }

  u16(v: number): void {
    this.u8(v >> 8);
    this.u8(v);
  }

  u32(v: number): void {
    this.u16((v >>> 16) & 0xffff);
    this.u16(v & 0xffff);
  }

  bytes(b: Uint8Array): void {
    this.ensure(b.length);
    this.buf.set(b, this.len);
    this.len += b.length;
  }

  name(n: string): void {
    const labels = fqdn(n).split('.').filter((l) => l.length > 0);
    for (let i = 0; i < labels.length; i++) {
      const suffix = labels.slice(i).join('.').toLowerCase();
      const at = this.names.get(suffix);
      if (at !== undefined) {
        this.u16(0xc000 | at);
        return;
      }
      if (this.len < 0x3fff) this.names.set(suffix, this.len);
      const bytes = new TextEncoder().encode(labels[i]);
      if (bytes.length > 63) throw new Error(`label too long: ${labels[i]}`);
      this.u8(bytes.length);
      this.bytes(bytes);
    }
    this.u8(0);
  }

  patch16(at: number, v: number): void {
    this.buf[at] = (v >> 8) & 255;
    this.buf[at + 1] = v & 255;
  }

  result(): Uint8Array {
    return this.buf.slice(0, this.len);
  }
}

function ipv4Bytes(ip: string): Uint8Array {
  const parts = ip.split('.').map(Number);
  if (parts.length !== 4 || parts.some((p) => !(p >= 0 && p <= 255))) throw new Error(`bad A record address ${ip}`);
  return Uint8Array.from(parts);
}

function ipv6Bytes(ip: string): Uint8Array {
  const [head, tail] = ip.includes('::') ? ip.split('::') : [ip, undefined];
  const h = head ? head.split(':') : [];
  const t = tail ? tail.split(':') : [];
  const groups = tail === undefined ? h : [...h, ...Array(8 - h.length - t.length).fill('0'), ...t];
  const out = new Uint8Array(16);
  groups.forEach((g, i) => {
    const v = parseInt(g || '0', 16);
    out[i * 2] = v >> 8;
    out[i * 2 + 1] = v & 255;
  });
  return out;
}

function writeRecord(w: Writer, r: ResourceRecord): void {
  w.name(r.name);
  w.u16(r.type);
  w.u16(r.class);
  w.u32(r.ttl);
  const lenAt = w.len;
  w.u16(0);
  const start = w.len;
  const d = r.data;
  switch (r.type) {
    case TYPE.A:
      w.bytes(ipv4Bytes(d as string));
      break;
    case TYPE.AAAA:
      w.bytes(ipv6Bytes(d as string));
      break;
    case TYPE.NS:
    case TYPE.CNAME:
    case TYPE.PTR:
      w.name(d as string);
      break;
    case TYPE.SRV: {
      const s = d as SrvData;
      w.u16(s.priority);
      w.u16(s.weight);
      w.u16(s.port);
      w.name(s.target);
      break;
    }
    case TYPE.SOA: {
      const s = d as SoaData;
      w.name(s.mname);
      w.name(s.rname);
      for (const v of [s.serial, s.refresh, s.retry, s.expire, s.minimum]) w.u32(v);
      break;
    }
    case TYPE.TXT:
      for (const s of d as string[]) {
        const b = new TextEncoder().encode(s);
        w.u8(b.length);
        w.bytes(b);
      }
      break;
    default:
      w.bytes(d as Uint8Array);
  }
  w.patch16(lenAt, w.len - start);
}

export function encodeMessage(m: Message): Uint8Array {
  const w = new Writer();
  const f = m.flags;
  w.u16(m.id);
  w.u16((f.qr ? 0x8000 : 0) | ((f.opcode & 15) << 11) | (f.aa ? 0x400 : 0) | (f.tc ? 0x200 : 0) | (f.rd ? 0x100 : 0) | (f.ra ? 0x80 : 0) | (f.rcode & 15));
  w.u16(m.questions.length);
  w.u16(m.answers.length);
  w.u16(m.authorities.length);
  w.u16(m.additionals.length);
  for (const q of m.questions) {
    w.name(q.name);
    w.u16(q.type);
    w.u16(q.class);
  }
  for (const r of [...m.answers, ...m.authorities, ...m.additionals]) writeRecord(w, r);
  return w.result();
}

// ---- decoding ----

class Reader {
  pos = 0;
  constructor(readonly buf: Uint8Array) {}

  need(n: number): void {
    if (this.pos + n > this.buf.length) throw new Error('dns: message truncated');
  }

  u8(): number {
    this.need(1);
    return this.buf[this.pos++]!;
  }

  u16(): number {
    return (this.u8() << 8) | this.u8();
  }

  u32(): number {
    return ((this.u16() << 16) | this.u16()) >>> 0;
  }

  name(): string {
    const labels: string[] = [];
    let pos = this.pos;
    let jumped = false;
    for (let hops = 0; hops < 128; hops++) {
      if (pos >= this.buf.length) throw new Error('dns: bad name');
      const len = this.buf[pos]!;
      if ((len & 0xc0) === 0xc0) {
        if (pos + 1 >= this.buf.length) throw new Error('dns: bad pointer');
        if (!jumped) this.pos = pos + 2;
        pos = ((len & 0x3f) << 8) | this.buf[pos + 1]!;
        jumped = true;
        continue;
      }
      if (len === 0) {
        if (!jumped) this.pos = pos + 1;
        return labels.length ? `${labels.join('.')}.` : '.';
      }
      if (pos + 1 + len > this.buf.length) throw new Error('dns: bad label');
      labels.push(new TextDecoder().decode(this.buf.subarray(pos + 1, pos + 1 + len)));
      pos += 1 + len;
    }
    throw new Error('dns: too many compression pointers');
  }
}

function readRecord(r: Reader): ResourceRecord {
  const name = r.name();
  const type = r.u16();
  const klass = r.u16();
  const ttl = r.u32();
  const len = r.u16();
  r.need(len);
  const end = r.pos + len;
  let data: RecordData;
  switch (type) {
    case TYPE.A:
      data = Array.from(r.buf.subarray(r.pos, r.pos + 4)).join('.');
      break;
    case TYPE.AAAA: {
      const g: string[] = [];
      for (let i = 0; i < 16; i += 2) g.push(((r.buf[r.pos + i]! << 8) | r.buf[r.pos + i + 1]!).toString(16));
      data = g.join(':').replace(/(^|:)0(:0)+(:|$)/, '::');
      break;
    }
    case TYPE.NS:
    case TYPE.CNAME:
    case TYPE.PTR:
      data = r.name();
      break;
    case TYPE.SRV:
      data = { priority: r.u16(), weight: r.u16(), port: r.u16(), target: r.name() };
      break;
    case TYPE.SOA:
      data = { mname: r.name(), rname: r.name(), serial: r.u32(), refresh: r.u32(), retry: r.u32(), expire: r.u32(), minimum: r.u32() };
      break;
    case TYPE.TXT: {
      const out: string[] = [];
      while (r.pos < end) {
        const n = r.u8();
        out.push(new TextDecoder().decode(r.buf.subarray(r.pos, r.pos + n)));
        r.pos += n;
      }
      data = out;
      break;
    }
    default:
      data = r.buf.slice(r.pos, end);
  }
  r.pos = end;
  return { name, type, class: klass, ttl, data };
}

export function decodeMessage(buf: Uint8Array): Message {
  const r = new Reader(buf);
  const id = r.u16();
  const f = r.u16();
  const counts = [r.u16(), r.u16(), r.u16(), r.u16()] as const;
  const flags: Flags = { qr: !!(f & 0x8000), opcode: (f >> 11) & 15, aa: !!(f & 0x400), tc: !!(f & 0x200), rd: !!(f & 0x100), ra: !!(f & 0x80), rcode: f & 15 };
  const questions: Question[] = [];
  for (let i = 0; i < counts[0]; i++) questions.push({ name: r.name(), type: r.u16(), class: r.u16() });
  const section = (n: number) => Array.from({ length: n }, () => readRecord(r));
  return { id, flags, questions, answers: section(counts[1]), authorities: section(counts[2]), additionals: section(counts[3]) };
}
