import { describe, it, expect } from 'vitest';
import { spawn } from 'node:child_process';
import { appendFile, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { VirtualClock } from '../../engine/util/clock.js';
import { openStore } from '../../engine/etcd/embed.js';
import { FileLogStorage } from '../../engine/host/etcd-file-storage.js';

const root = resolve(import.meta.dirname, '../..');

/** runUntilKilled starts the writer, SIGKILLs it after `acks` acknowledged keys, and returns them. */
function runUntilKilled(dir: string, acks: number): Promise<string[]> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [join(root, 'bin/run-ts.mjs'), join(root, 'test/etcd/fixtures/crash-writer.ts'), dir, '150'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    const acked: string[] = [];
    let buffered = '';
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.stdout.on('data', (d: Buffer) => {
      buffered += d.toString();
      let nl: number;
      while ((nl = buffered.indexOf('\n')) >= 0) {
        const line = buffered.slice(0, nl);
        buffered = buffered.slice(nl + 1);
        if (line.startsWith('ACK ')) acked.push(line.slice(4));
        if (acked.length === acks) child.kill('SIGKILL');
      }
    });
    child.on('exit', (code, signal) => (signal === 'SIGKILL' ? resolvePromise(acked) : reject(new Error(`writer exited ${code}: ${stderr}`))));
  });
}

async function walFile(dir: string): Promise<string> {
  const wals = (await readdir(join(dir, 'member', 'wal'))).sort();
  return join(dir, 'member', 'wal', wals[wals.length - 1]!);
}

describe('crash recovery with a file-backed store', () => {
  it('keeps every acknowledged write across SIGKILL, and truncates torn or corrupt tails', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'etcd-crash-'));
    try {
      const acked = await runUntilKilled(dir, 600);
      expect(acked.length).toBeGreaterThanOrEqual(600);

      const clock = new VirtualClock();
      const first = await openStore({ clock, persistence: new FileLogStorage(dir) });
      const keys = new Set(first.store.range('/registry/pods/', { prefix: true, keysOnly: true }).kvs.map((kv) => kv.key));
      const missing = acked.filter((k) => !keys.has(k));
      expect(missing).toEqual([]);
      expect(first.recovery.snapshotIndex).toBeGreaterThan(0);
      const revision = first.store.currentRevision();
      await first.store.close();

      // A torn tail: half a record header and a few payload bytes after the last good record.
      const wal = await walFile(dir);
      const intactLength = (await readFile(wal)).length;
      await appendFile(wal, new Uint8Array([200, 0, 0, 0, 7, 7, 7, 7, 1, 2, 3]));
      const torn = await openStore({ clock, persistence: new FileLogStorage(dir) });
      expect(torn.recovery.truncatedBytes).toBe(11);
      expect(torn.recovery.problems.join()).toMatch(/torn record/);
      expect(torn.store.currentRevision()).toBe(revision);
      expect((await readFile(wal)).length).toBe(intactLength);
      // Write a few more records so the segment has a tail we can corrupt.
      for (let i = 0; i < 3; i++) await torn.store.put(`/after/${i}`, 'v');
      await torn.store.close();

      // A corrupt tail: flip a byte inside the last record; only that record is lost (never acknowledged
      // in a real crash, since its fsync had not finished) and the rest survives.
      const bytes = await readFile(wal);
      bytes[bytes.length - 2] ^= 0xff;
      await writeFile(wal, bytes);
      const corrupt = await openStore({ clock, persistence: new FileLogStorage(dir) });
      expect(corrupt.recovery.problems.join()).toMatch(/crc mismatch/);
      expect(corrupt.recovery.truncatedBytes).toBeGreaterThan(0);
      expect(corrupt.store.range('/after/', { prefix: true }).kvs.map((kv) => kv.key)).toEqual(['/after/0', '/after/1']);
      const all = new Set(corrupt.store.range('/registry/pods/', { prefix: true, keysOnly: true }).kvs.map((kv) => kv.key));
      expect(acked.every((k) => all.has(k))).toBe(true);
      await corrupt.store.close();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
