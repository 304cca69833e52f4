// Benchmarks for the etcd-like store: put throughput (memory and file log), creates under generated
// names (inserts inside the key index), range latency over 10k keys, and watch fan-out. Prints
// figures measured in one run; nothing is asserted.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RealClock } from '../engine/util/clock.js';
import { openStore } from '../engine/etcd/embed.js';
import type { EtcdServer } from '../engine/etcd/embed.js';
import { MemoryLogStorage } from '../engine/etcd/wal/memory-storage.js';
import { FileLogStorage } from '../engine/host/etcd-file-storage.js';

const clock = new RealClock();
const pod = (i: number) => JSON.stringify({ kind: 'Pod', apiVersion: 'v1', metadata: { name: `pod-${i}`, namespace: 'default', labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'nginx:1.7.9', ports: [{ containerPort: 80 }] }] }, status: { phase: 'Running', podIP: `172.17.0.${i % 250}` }, pad: 'x'.repeat(600) });

async function putRate(store: EtcdServer, total: number, concurrency: number, prefix: string): Promise<number> {
  const start = performance.now();
  for (let done = 0; done < total; done += concurrency) {
    const wave = [];
    for (let i = done; i < Math.min(total, done + concurrency); i++) wave.push(store.put(`${prefix}${i}`, pod(i)));
    await Promise.all(wave);
  }
  return total / ((performance.now() - start) / 1000);
}

/** generatedKey spreads keys as generateName's random suffixes do: most land inside the key index, not at its end. */
const generatedKey = (prefix: string) => (i: number) => `${prefix}${((i * 2654435761) >>> 0).toString(36)}`;

async function creates(store: EtcdServer, total: number, concurrency: number, prefix: string, keyOf = (i: number) => `${prefix}${i}`): Promise<number> {
  // The API server's create: "put if create_revision == 0".
  const start = performance.now();
  for (let done = 0; done < total; done += concurrency) {
    const wave = [];
    for (let i = done; i < Math.min(total, done + concurrency); i++) {
      const key = keyOf(i);
      wave.push(store.txn({ compare: [{ key, target: 'create', result: '=', value: 0 }], success: [{ type: 'put', key, value: pod(i) }], failure: [{ type: 'range', key }] }));
    }
    await Promise.all(wave);
  }
  return total / ((performance.now() - start) / 1000);
}

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

async function main(): Promise<void> {
  const mem = (await openStore({ clock, persistence: new MemoryLogStorage() })).store;
  console.log(`puts/s, memory log, sequential:           ${fmt(await putRate(mem, 10_000, 1, '/bench/seq/'))}`);
  console.log(`puts/s, memory log, 100 concurrent:       ${fmt(await putRate(mem, 50_000, 100, '/bench/par/'))}`);
  console.log(`creates/s (txn), memory log, 100 conc.:   ${fmt(await creates(mem, 50_000, 100, '/registry/pods/default/c-'))}`);
  const spread = (await openStore({ clock, persistence: new MemoryLogStorage() })).store;
  console.log(`creates/s, 100k generated names, memory:  ${fmt(await creates(spread, 100_000, 100, '', generatedKey('/registry/pods/default/web-')))}`);

  const dir = await mkdtemp(join(tmpdir(), 'etcd-bench-'));
  try {
    const file = (await openStore({ clock, persistence: new FileLogStorage(dir) })).store;
    console.log(`puts/s, file log (fsync), sequential:     ${fmt(await putRate(file, 300, 1, '/bench/seq/'))}`);
    console.log(`puts/s, file log (fsync), 100 concurrent: ${fmt(await putRate(file, 20_000, 100, '/bench/par/'))}`);
    console.log(`creates/s (txn), file log, 100 conc.:     ${fmt(await creates(file, 20_000, 100, '/registry/pods/default/f-'))}`);
    await file.close();
    const t0 = performance.now();
    const reopened = await openStore({ clock, persistence: new FileLogStorage(dir) });
    console.log(`reopen (snapshot + log replay):           ${(performance.now() - t0).toFixed(1)} ms, revision ${reopened.recovery.revision}`);
    await reopened.store.close();
  } finally {
    await rm(dir, { recursive: true, force: true });
  }

  const ranged = (await openStore({ clock })).store;
  await putRate(ranged, 10_000, 500, '/registry/pods/default/r-');
  const times: number[] = [];
  for (let i = 0; i < 30; i++) {
    const t = performance.now();
    const r = ranged.range('/registry/pods/', { prefix: true });
    times.push(performance.now() - t);
    if (r.count !== 10_000) throw new Error('range count');
  }
  times.sort((a, b) => a - b);
  console.log(`range 10k keys: p50 ${times[15]!.toFixed(2)} ms, max ${times[29]!.toFixed(2)} ms (count-only ${timeOnce(() => ranged.range('/registry/pods/', { prefix: true, countOnly: true })).toFixed(2)} ms)`);

  const fan = (await openStore({ clock })).store;
  const events = 10_000;
  let received = 0;
  for (let w = 0; w < 100; w++) fan.watch('/registry/pods/', { prefix: true }, (b) => (received += b.events.length));
  const t = performance.now();
  await putRate(fan, events, 100, '/registry/pods/default/w-');
  while (received < events * 100) await new Promise((r) => setImmediate(r));
  const secs = (performance.now() - t) / 1000;
  console.log(`watch fan-out, 100 watchers x ${fmt(events)} puts: ${fmt(received / secs)} events/s delivered (${(secs * 1000).toFixed(0)} ms)`);
}

function timeOnce(fn: () => unknown): number {
  const t = performance.now();
  fn();
  return performance.now() - t;
}

await main();
