import { describe, it, expect } from 'vitest';
import { StreamWatcher } from './stream-watcher.js';

function streamOf(chunks: (string | Uint8Array)[]): ReadableStream<Uint8Array> {
  const enc = new TextEncoder();
  return new ReadableStream({
    start(c) {
      for (const ch of chunks) c.enqueue(typeof ch === 'string' ? enc.encode(ch) : ch);
      c.close();
    },
  });
}

async function collect(chunks: (string | Uint8Array)[]) {
  const out: { type: string; name?: string }[] = [];
  for await (const e of new StreamWatcher(streamOf(chunks), () => undefined)) {
    out.push({ type: e.type, name: (e.object as { metadata?: { name?: string } }).metadata?.name });
  }
  return out;
}

const ev = (type: string, name: string) => JSON.stringify({ type, object: { metadata: { name } } }) + '\n';

describe('StreamWatcher decoding', () => {
  const a = ev('ADDED', 'a');
  const b = ev('MODIFIED', 'b');
  const cases: { name: string; chunks: (string | Uint8Array)[] }[] = [
    { name: 'one event per chunk', chunks: [a, b] },
    { name: 'two events in one chunk', chunks: [a + b] },
    { name: 'event split across three chunks', chunks: [a.slice(0, 5), a.slice(5, 20), a.slice(20) + b] },
    { name: 'last event without trailing newline', chunks: [a, b.trimEnd()] },
    { name: 'blank lines between events', chunks: ['\n' + a + '\n\n', b] },
    { name: 'an event in many small reads, the next one in the last', chunks: [...Array.from(a.slice(0, -1), (ch) => ch), '\n' + b] },
    { name: 'the end of one event, a whole one and the start of a third in one read', chunks: [a.slice(0, 7), a.slice(7) + b.slice(0, 4), b.slice(4)] },
  ];
  for (const c of cases) {
    it(c.name, async () => {
      expect(await collect(c.chunks)).toEqual([
        { type: 'ADDED', name: 'a' },
        { type: 'MODIFIED', name: 'b' },
      ]);
    });
  }

  it('keeps a multi-byte character split between chunks', async () => {
    const bytes = new TextEncoder().encode(ev('ADDED', 'ünï'));
    const out = await collect([bytes.slice(0, 30), bytes.slice(30, 31), bytes.slice(31)]);
    expect(out).toEqual([{ type: 'ADDED', name: 'ünï' }]);
  });

  it('ends with an ERROR event on a corrupt frame', async () => {
    const out = await collect([a, '{not json}\n', b]);
    expect(out.map((e) => e.type)).toEqual(['ADDED', 'ERROR']);
  });

  it('stop() ends the iteration and calls abort', async () => {
    let aborted = 0;
    const body = new ReadableStream<Uint8Array>({ start: (c) => c.enqueue(new TextEncoder().encode(a)) });
    const w = new StreamWatcher(body, () => aborted++);
    const seen: string[] = [];
    for await (const e of w) {
      seen.push(e.type);
      w.stop();
    }
    expect(seen).toEqual(['ADDED']);
    expect(aborted).toBe(1);
  });
});
