// The learner's files saved in IndexedDB (an in-memory one here) and the saver that keeps them: the
// baseline saves nothing, a change is saved once, the periodic save catches what a long command
// wrote, saves never overlap, nothing is saved after stop, and a reset database starts empty.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { HomeSaver, MAX_FILE_BYTES, SAVE_INTERVAL_MS } from '../../src/lab/runtime/home-saver.js';
import { filesDatabaseName, IndexedDBFileStore, type HomeFiles, type LabFileStore } from '../../src/lab/runtime/indexeddb-file-storage.js';
import { VirtualClock, yieldToHost } from '../../engine/util/clock.js';

let n = 0;
const fresh = () => `files-test-${++n}`;

describe('IndexedDBFileStore', () => {
  it('has nothing saved at first, keeps the last folder saved across a reopen, and forgets it when destroyed', async () => {
    const name = fresh();
    const s = await IndexedDBFileStore.open(name);
    expect(await s.load()).toBeUndefined();
    await s.save({ 'a.yaml': 'one' });
    await s.save({ 'a.yaml': 'two', 'dir/b.yaml': 'b' });
    await s.close();

    const again = await IndexedDBFileStore.open(name);
    expect(await again.load()).toEqual({ 'a.yaml': 'two', 'dir/b.yaml': 'b' });
    await again.save({});
    // An empty folder is a saved folder, not "nothing saved".
    expect(await again.load()).toEqual({});
    await IndexedDBFileStore.destroy(name);
    await again.close();

    const after = await IndexedDBFileStore.open(name);
    expect(await after.load()).toBeUndefined();
    await after.close();
  });

  it('lets Reset delete the database while another connection is open', async () => {
    const name = fresh();
    const s = await IndexedDBFileStore.open(name);
    await s.save({ f: 'x' });
    await IndexedDBFileStore.destroy(name);
    const after = await IndexedDBFileStore.open(name);
    expect(await after.load()).toBeUndefined();
    await after.close();
  });

  it('names one database per lab', () => {
    expect(filesDatabaseName('guestbook')).toBe('kubelab-files-guestbook');
  });
});

/** MemoryStore records every save. */
class MemoryStore implements LabFileStore {
  saves: HomeFiles[] = [];
  closed = false;
  async load() {
    return this.saves.at(-1);
  }
  async save(files: HomeFiles) {
    this.saves.push(structuredClone(files));
  }
  async close() {
    this.closed = true;
  }
}

function setup(initial: HomeFiles) {
  const clock = new VirtualClock();
  const store = new MemoryStore();
  const home: HomeFiles = { ...initial };
  let reads = 0;
  const saver = new HomeSaver({ store, clock, read: () => (reads++, { ...home }) });
  return { clock, store, home, saver, reads: () => reads };
}

describe('HomeSaver', () => {
  it('saves nothing for an untouched folder, then each change once', async () => {
    const { store, home, saver } = setup({ 'rc.yaml': 'replicas: 2' });
    await saver.start();
    await saver.flush();
    expect(store.saves).toEqual([]);
    home['rc.yaml'] = 'replicas: 4';
    await saver.flush();
    await saver.flush();
    expect(store.saves).toEqual([{ 'rc.yaml': 'replicas: 4' }]);
    home['new.yaml'] = 'kind: Pod';
    delete home['rc.yaml'];
    await saver.flush();
    expect(store.saves.at(-1)).toEqual({ 'new.yaml': 'kind: Pod' });
    await saver.stop();
  });

  it('catches changes between flushes every few seconds', async () => {
    const { clock, store, home, saver } = setup({});
    await saver.start();
    home['out.txt'] = 'written by a command still running';
    await clock.advance(SAVE_INTERVAL_MS - 1);
    expect(store.saves).toEqual([]);
    await clock.advance(1);
    expect(store.saves).toEqual([{ 'out.txt': 'written by a command still running' }]);
    home['out.txt'] += '\nmore';
    await clock.advance(SAVE_INTERVAL_MS);
    expect(store.saves).toHaveLength(2);
    await saver.stop();
  });

  it('runs one save at a time, in order', async () => {
    const { store, home, saver } = setup({});
    await saver.start();
    let active = 0;
    let most = 0;
    const save = store.save.bind(store);
    store.save = async (files) => {
      most = Math.max(most, ++active);
      await yieldToHost();
      await save(files);
      active--;
    };
    const flushes: Promise<void>[] = [];
    for (const v of ['1', '2', '3']) {
      home.a = v;
      flushes.push(saver.flush());
      await yieldToHost();
    }
    await Promise.all(flushes);
    expect(most).toBe(1);
    expect(store.saves.at(-1)).toEqual({ a: '3' });
    await saver.stop();
  });

  it('saves nothing once stopped, and closes the store after the save under way', async () => {
    const { clock, store, home, saver, reads } = setup({});
    await saver.start();
    home.a = '1';
    const flushing = saver.flush();
    await saver.stop();
    await flushing;
    expect(store.saves).toEqual([{ a: '1' }]);
    expect(store.closed).toBe(true);
    const before = reads();
    home.a = '2';
    await saver.flush();
    await clock.advance(SAVE_INTERVAL_MS * 3);
    expect(reads()).toBe(before);
    expect(store.saves).toHaveLength(1);
    expect(clock.pendingTimers()).toBe(0);
  });

  it('leaves out files too big to keep', async () => {
    const { store, home, saver } = setup({});
    await saver.start();
    home['small.yaml'] = 'x';
    home['huge.log'] = 'x'.repeat(MAX_FILE_BYTES + 1);
    await saver.flush();
    expect(Object.keys(store.saves[0]!)).toEqual(['small.yaml']);
    await saver.stop();
  });

  it('reports a failed save and tries again on the next flush', async () => {
    const clock = new VirtualClock();
    const errors: unknown[] = [];
    let fail = true;
    const saved: HomeFiles[] = [];
    const store: LabFileStore = {
      load: async () => undefined,
      save: async (files) => {
        if (fail) throw new Error('QuotaExceededError');
        saved.push(files);
      },
      close: async () => {},
    };
    const home: HomeFiles = {};
    const saver = new HomeSaver({ store, clock, read: () => ({ ...home }), onError: (e) => errors.push(e) });
    await saver.start();
    home.f = 'x';
    await saver.flush();
    expect(errors).toHaveLength(1);
    fail = false;
    await saver.flush();
    expect(saved).toEqual([{ f: 'x' }]);
    await saver.stop();
  });
});
