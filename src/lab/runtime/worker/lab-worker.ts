// The lab worker's entry point: the engine runs here, off the page's main thread, with the store's
// log in IndexedDB. It answers the requests in protocol.ts one at a time, except interrupts.
import { RealClock } from '../../../../engine/util/clock.js';
import { databaseName, IndexedDBLogStorage } from '../indexeddb-log-storage.js';
import { ClusterHost } from './cluster-host.js';
import { acquireLabLock, type LockManagerLike } from './lab-lock.js';
import type { Reply, Request } from './protocol.js';

const scope = self as unknown as { postMessage(m: Reply): void; onmessage: ((e: MessageEvent<Request>) => void) | null };
const post = (m: Reply) => scope.postMessage(m);
let host: ClusterHost | undefined;
let labId = '';
const running = new Map<number, AbortController>();
const watches = new Map<number, () => void>();
let queue: Promise<unknown> = Promise.resolve();

const clock = new RealClock();
const locks = (self.navigator as Navigator & { locks?: LockManagerLike }).locks;
let releaseLock = () => {};

function newHost(boot: Extract<Request, { type: 'boot' }>): ClusterHost {
  const name = databaseName(labId);
  return new ClusterHost({
    clock,
    openStorage: async () => {
      releaseLock = await acquireLabLock(locks, name, clock, 5_000);
      return IndexedDBLogStorage.open(name);
    },
    destroyStorage: () => IndexedDBLogStorage.destroy(name),
    files: boot.files,
    cluster: boot.cluster,
    onError: (component, err) => console.warn(`${component}:`, err instanceof Error ? err.message : err),
  });
}

async function handle(req: Request): Promise<unknown> {
  switch (req.type) {
    case 'boot':
      labId = req.labId;
      host = newHost(req);
      return host.boot((progress) => post({ id: req.id, type: 'progress', progress }));
    case 'run': {
      const abort = new AbortController();
      running.set(req.id, abort);
      try {
        return await need().run(
          req.line,
          { stdout: (data) => post({ id: req.id, type: 'output', stream: 'stdout', data }), stderr: (data) => post({ id: req.id, type: 'output', stream: 'stderr', data }) },
          abort.signal,
        );
      } finally {
        running.delete(req.id);
      }
    }
    case 'write-file':
      need().writeFile(req.path, req.text);
      return null;
    case 'read-file':
      return need().readFile(req.path) ?? null;
    case 'list-files':
      return need().listFiles();
    case 'reset':
      for (const stop of watches.values()) stop();
      watches.clear();
      await need().reset();
      releaseLock();
      return null;
    case 'interrupt':
      running.get(req.target)?.abort();
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
  // Interrupts, watches, previews and checks (read-only) jump the queue; everything else runs in
  // order, like one shell.
  if (req.type === 'interrupt' || req.type === 'watch-cluster' || req.type === 'unwatch-cluster' || req.type === 'fetch' || req.type === 'grade') void answer(handle(req));
  else queue = queue.then(() => answer(handle(req)));
};
