import { describe, it, expect } from 'vitest';
import { VirtualClock } from '../../util/clock.js';
import { Connection, PeerLink, type PeerLinkHandlers } from './peer-link.js';
import { memoryDuplexPair, type DuplexStream } from './duplex.js';
import { RecordReader, RecordType, encodeRecord, encodeSequenced, readSeq } from './frame-stream.js';

interface Recorder extends PeerLinkHandlers {
  frames: number[];
  ups: boolean[];
  resets: number;
}

function recorder(): Recorder {
  const r: Recorder = {
    frames: [],
    ups: [],
    resets: 0,
    onFrame: (b) => r.frames.push(b[0]! * 256 + b[1]!),
    onControl: () => {},
    onUp: (_l, fresh) => r.ups.push(fresh),
    onReset: () => r.resets++,
  };
  return r;
}

async function until(cond: () => boolean): Promise<void> {
  for (let i = 0; i < 2000 && !cond(); i++) await new Promise((r) => setTimeout(r, 0));
  expect(cond()).toBe(true);
}

/** pair wires a dialing link to an accepting one through fresh in-memory pipes per dial. */
function pair(clock: VirtualClock, acceptor: () => PeerLink) {
  const pipes: Array<ReturnType<typeof memoryDuplexPair>> = [];
  const accept = async (d: DuplexStream) => {
    const c = new Connection(d);
    acceptor().adopt(c, await c.readHello());
  };
  const dial = async () => {
    const p = memoryDuplexPair(4096);
    pipes.push(p);
    void accept(p.a);
    return p.b;
  };
  const rec = recorder();
  const link = new PeerLink({ id: 'peer-1', session: 'dialer-1', name: 'node1', clock, dial }, rec);
  return { link, rec, pipes };
}

const frame = (n: number) => new Uint8Array([n >> 8, n & 255, 0xee]);

describe('PeerLink', () => {
  it('resends what a broken connection lost, in order and without duplicates', async () => {
    const clock = new VirtualClock();
    const brec = recorder();
    const b = new PeerLink({ id: 'peer-1', session: 'master-1', name: 'master', clock }, brec);
    const { link: a, rec: arec, pipes } = pair(clock, () => b);
    a.start();
    await until(() => a.connected && b.connected);
    for (let n = 1; n <= 300; n++) {
      a.sendFrame(frame(n));
      if (n === 120) pipes[0]!.break();
      if (n % 10 === 0) await new Promise((r) => setTimeout(r, 0));
    }
    await until(() => brec.frames.length >= 300);
    expect(brec.frames).toEqual(Array.from({ length: 300 }, (_, i) => i + 1));
    expect(pipes.length).toBe(2);
    expect(arec.ups).toEqual([true, false]); // the second Hello resumed the session
    expect(a.stats.connects).toBe(2);
    expect(a.stats.resent).toBeGreaterThan(0); // frames written to the broken pipe went again
  });

  it('starts over when the peer restarted, dropping what it had announced', async () => {
    const clock = new VirtualClock();
    let b = new PeerLink({ id: 'peer-1', session: 'master-1', name: 'master', clock }, recorder());
    const { link: a, rec: arec, pipes } = pair(clock, () => b);
    a.start();
    await until(() => a.connected);
    b.close();
    const brec = recorder();
    b = new PeerLink({ id: 'peer-1', session: 'master-2', name: 'master', clock }, brec);
    pipes[0]!.break();
    await until(() => b.connected && a.connected && arec.ups.length === 2);
    expect(arec.ups).toEqual([true, true]);
    expect(arec.resets).toBe(1);
    a.sendFrame(frame(7));
    await until(() => brec.frames.length === 1);
    expect(brec.frames).toEqual([7]);
  });

  it('backs off on the clock while the peer cannot be dialled', async () => {
    const clock = new VirtualClock();
    let dials = 0;
    const link = new PeerLink({ id: 'p', session: 's', name: 'n', clock, dial: async () => (dials++, Promise.reject(new Error('ECONNREFUSED'))) }, recorder());
    link.start();
    await until(() => dials === 1);
    for (const [ms, want] of [[99, 1], [1, 2], [200, 3], [400, 4]] as const) {
      await clock.advance(ms);
      expect(dials).toBe(want);
    }
    link.close();
    await clock.advance(10_000);
    expect(dials).toBe(4);
  });
});

describe('RecordReader', () => {
  it('reassembles records cut at every byte', () => {
    const stream = new Uint8Array([...encodeSequenced(RecordType.Frame, 1, new Uint8Array([1, 2, 3])), ...encodeRecord(RecordType.Ack, new Uint8Array([0, 0, 0, 1])), ...encodeSequenced(RecordType.Control, 2, new TextEncoder().encode('{}'))]);
    for (let cut = 1; cut < stream.length; cut++) {
      const r = new RecordReader();
      const recs = [...r.push(stream.subarray(0, cut)), ...r.push(stream.subarray(cut))];
      expect(recs.map((x) => [x.type, readSeq(x.body)])).toEqual([
        [RecordType.Frame, 1],
        [RecordType.Ack, 1],
        [RecordType.Control, 2],
      ]);
      expect(r.buffered()).toBe(0);
    }
  });

  it('refuses a corrupt length instead of buffering forever', () => {
    expect(() => new RecordReader().push(new Uint8Array([0x7f, 0, 0, 0, 2]))).toThrow('corrupt record length 2130706432');
  });
});
