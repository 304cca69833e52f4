// The lab worker's entry point: the engine runs here, off the page's main thread, with the store's
// log in IndexedDB. It answers the requests in protocol.ts one at a time, except interrupts. The
// learner's home folder is saved beside the log after every command and file write, and comes back
// on boot instead of the starter files once something was saved.
import { RealClock } from '../../../../engine/util/clock.js';
import { HomeSaver } from '../home-saver.js';
import { filesDatabaseName, IndexedDBFileStore, type HomeFiles } from '../indexeddb-file-storage.js';
import { databaseName, IndexedDBLogStorage } from '../indexeddb-log-storage.js';
import { ClusterHost } from './cluster-host.js';
import { acquireLabLock, type LockManagerLike } from './lab-lock.js';
import type { Reply, Request } from './protocol.js';
import type { LineTerminal } from './terminal-commands.js';

const scope = self as unknown as { postMessage(m: Reply): void; onmessage: ((e: MessageEvent<Request>) => void) | null };
const post = (m: Reply) => scope.postMessage(m);
let host: ClusterHost | undefined;
let saver: HomeSaver | undefined;
let labId = '';
const running = new Map<number, AbortController>();
/** typed feeds the keystrokes of a run whose command holds the terminal raw. */
const typed = new Map<number, (data: string) => void>();
const watches = new Map<number, () => void>();
let queue: Promise<unknown> = Promise.resolve();

const clock = new RealClock();
const locks = (self.navigator as Navigator & { locks?: LockManagerLike }).locks;
let releaseLock = () => {};

function newHost(boot: Extract<Request, { type: 'boot' }>, files: HomeFiles = boot.files): ClusterHost {
  const name = databaseName(labId);
  return new ClusterHost({
    clock,
    openStorage: async () => {
      releaseLock = await acquireLabLock(locks, name, clock, 5_000);
      return IndexedDBLogStorage.open(name);
    },
    destroyStorage: () => IndexedDBLogStorage.destroy(name),
    files,
    cluster: boot.cluster,
    onError: (component, err) => console.warn(`${component}:`, err instanceof Error ? err.message : err),
  });
}

async function handle(req: Request): Promise<unknown> {
  switch (req.type) {
    case 'boot': {
      labId = req.labId;
      const store = await IndexedDBFileStore.open(filesDatabaseName(labId)).catch(() => undefined);
      const saved = await store?.load().catch(() => undefined);
      const h = (host = newHost(req, saved));
      saver = store && new HomeSaver({ store, clock, read: () => homeFiles(h), onError: (err) => console.warn('saving files:', err) });
      await saver?.start();
      return h.boot((progress) => post({ id: req.id, type: 'progress', progress }));
    }
    case 'run': {
      const abort = new AbortController();
      running.set(req.id, abort);
      try {
        return await need().run(
          req.line,
          { stdout: (data) => post({ id: req.id, type: 'output', stream: 'stdout', data }), stderr: (data) => post({ id: req.id, type: 'output', stream: 'stderr', data }) },
          abort.signal,
          lineTerminal(req.id),
        );
      } finally {
        running.delete(req.id);
        typed.delete(req.id);
        await saver?.flush();
      }
    }
    case 'write-file':
      need().writeFile(req.path, req.text);
      await saver?.flush();
      return null;
    case 'read-file':
      return need().readFile(req.path) ?? null;
    case 'list-files':
      return need().listFiles();
    case 'reset':
      for (const stop of watches.values()) stop();
      watches.clear();
      await saver?.stop();
      saver = undefined;
      await need().reset();
      await IndexedDBFileStore.destroy(filesDatabaseName(labId));
      releaseLock();
      return null;
    case 'interrupt':
      running.get(req.target)?.abort();
      return null;
    case 'stdin':
      typed.get(req.target)?.(req.data);
      return null;
    case 'fetch':
      return need().fetch(req.request);
    case 'watch-cluster': {
      // Answered only when stopped: until then the id carries the cluster's snapshots.
      const stop = need().watch(
        (snapshot) => post({ id: req.id, type: 'view', snapshot }),
        (progress) => post({ id: req.id, type: 'progress', progress }),
      );
      return new Promise<null>((resolve) => watches.set(req.id, () => void stop().then(() => resolve(null))));
    }
    case 'grade': {
      // The definitions load on the first Check, not with the engine.
      const { labs } = await import('../../../../labs/index.js');
      const lab = labs[labId];
      if (!lab) throw new Error(`lab "${labId}" has no checks`);
      return need().grade(lab, req.locale, (result) => post({ id: req.id, type: 'check', result }));
    }
    case 'unwatch-cluster':
      watches.get(req.target)?.();
      watches.delete(req.target);
      return null;
  }
}

/**
 * lineTerminal is the page's terminal for run `id`: in raw mode (kubectl exec/attach -it) the page
 * sends each keystroke here instead of editing a line; out of it, stdin ends at once as before.
 */
function lineTerminal(id: number): LineTerminal {
  const encoder = new TextEncoder();
  let raw = false;
  return {
    makeRaw() {
      raw = true;
      post({ id, type: 'tty', raw: true });
      return () => {
        raw = false;
        typed.delete(id);
        post({ id, type: 'tty', raw: false });
      };
    },
    stdin() {
      return new ReadableStream<Uint8Array>({
        start(c) {
          if (!raw) return c.close();
          typed.set(id, (data) => c.enqueue(encoder.encode(data)));
        },
        cancel: () => void typed.delete(id),
      });
    },
  };
}

/** homeFiles reads the learner's home folder (the kubeconfig too: `kubectl config` edits it). */
function homeFiles(h: ClusterHost): HomeFiles {
  return Object.fromEntries(h.listFiles().map((path) => [path, h.readFile(path) ?? '']));
}

function need(): ClusterHost {
  if (!host) throw new Error('the lab has not booted');
  return host;
}

scope.onmessage = (event) => {
  const req = event.data;
  const answer = (p: Promise<unknown>) =>
    p.then(
      (value) => post({ id: req.id, type: 'result', value: (value ?? null) as never }),
      (err: unknown) => post({ id: req.id, type: 'error', message: err instanceof Error ? err.message : String(err) }),
    );
  // Interrupts, watches, previews, checks (read-only) and the editor's file requests jump the
  // queue (a file can be saved while `kubectl get -w` runs); everything else runs in order, like
  // one shell.
  if (req.type === 'interrupt' || req.type === 'stdin' || req.type === 'watch-cluster' || req.type === 'unwatch-cluster' || req.type === 'fetch' || req.type === 'grade' || req.type === 'read-file' || req.type === 'list-files' || req.type === 'write-file') void answer(handle(req));
  else queue = queue.then(() => answer(handle(req)));
};
