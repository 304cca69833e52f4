// The learner's files in the WebContainer runtime, against a fake container with a real folder tree:
// which files are the learner's, the saved folder mounted instead of the starter files on the next
// visit, saves after a write from the page and after the terminal wrote, and Reset lab forgetting
// them. The saved folder lives in an in-memory IndexedDB.
import 'fake-indexeddb/auto';
import type { FileSystemTree } from '@webcontainer/api';
import { describe, expect, it } from 'vitest';
import { SAVE_INTERVAL_MS } from '../../src/lab/runtime/home-saver.js';
import { IndexedDBFileStore } from '../../src/lab/runtime/indexeddb-file-storage.js';
import { readHome, type SavedHome } from '../../src/lab/runtime/webcontainer-files.js';
import { WebContainerRuntime, type ProcessLike, type WebContainerLike } from '../../src/lab/runtime/webcontainer.js';
import { VirtualClock, yieldToHost } from '../../engine/util/clock.js';

/** TreeFs is a folder tree of text files, failing as Node's fs does. */
class TreeFs {
  readonly files = new Map<string, string>();

  private clean(path: string): string {
    return path.replace(/^\.\/?/, '').replace(/\/$/, '');
  }
  private isDir(path: string): boolean {
    return path === '' || [...this.files.keys()].some((f) => f.startsWith(`${path}/`));
  }
  readdir = async (raw: string): Promise<string[]> => {
    const path = this.clean(raw);
    if (this.files.has(path)) throw new Error(`ENOTDIR: ${raw}`);
    if (!this.isDir(path)) throw new Error(`ENOENT: ${raw}`);
    const prefix = path ? `${path}/` : '';
    return [...new Set([...this.files.keys()].filter((f) => f.startsWith(prefix)).map((f) => f.slice(prefix.length).split('/')[0]!))];
  };
  readFile = async (raw: string): Promise<string> => {
    const text = this.files.get(this.clean(raw));
    if (text === undefined) throw new Error(`ENOENT: ${raw}`);
    return text;
  };
  writeFile = async (raw: string, data: string): Promise<void> => void this.files.set(this.clean(raw), data);
  mkdir = async (): Promise<undefined> => undefined;

  mount(tree: FileSystemTree, prefix = ''): void {
    for (const [name, node] of Object.entries(tree)) {
      if ('directory' in node) this.mount(node.directory, `${prefix}${name}/`);
      else if ('file' in node && 'contents' in node.file) this.files.set(`${prefix}${name}`, String(node.file.contents));
    }
  }
}

function proc(output = ''): ProcessLike {
  return {
    output: new ReadableStream({ start: (c) => void (output && c.enqueue(output)) }),
    input: new WritableStream(),
    exit: Promise.resolve(0),
    kill: () => {},
    resize: () => {},
  };
}

function container(fs: TreeFs): WebContainerLike & { mounted?: FileSystemTree } {
  const wc: WebContainerLike & { mounted?: FileSystemTree } = {
    path: '/bin',
    workdir: '/home/learner',
    mount: async (tree) => {
      wc.mounted = tree;
      fs.files.clear();
      fs.mount(tree);
    },
    spawn: async (command) => proc(command === 'node' ? 'Kubernetes API server is running at http://127.0.0.1:8080\n' : ''),
    on: () => () => {},
    fs,
    teardown: () => {},
  };
  return wc;
}

const engineTree: FileSystemTree = { bin: { directory: { 'kubelab.mjs': { file: { contents: '#!/usr/bin/env node\n' } } } } };
const starter = { 'nginx-controller.yaml': 'replicas: 2\n' };
let n = 0;

function lab() {
  const name = `wc-files-${++n}`;
  const home: SavedHome = { open: () => IndexedDBFileStore.open(name), destroy: () => IndexedDBFileStore.destroy(name) };
  const visit = () => {
    const fs = new TreeFs();
    const wc = container(fs);
    const clock = new VirtualClock();
    const runtime = new WebContainerRuntime({ files: starter, engine: async () => engineTree, home, clock, load: async () => ({ WebContainer: { boot: async () => wc } }) });
    return { fs, wc, clock, runtime };
  };
  return { visit };
}

describe('readHome', () => {
  it("reads the learner's files: not the engine bundle, hidden folders or node_modules", async () => {
    const fs = new TreeFs();
    fs.mount(engineTree);
    for (const [path, text] of Object.entries({ 'a.yaml': 'a', 'guestbook/b.yaml': 'b', 'guestbook/deep/c.txt': 'c', '.kubelab/wal': 'x', '.kube/config': 'k', 'node_modules/x/index.js': 'x' })) fs.files.set(path, text);
    expect(await readHome(fs)).toEqual({ 'a.yaml': 'a', 'guestbook/b.yaml': 'b', 'guestbook/deep/c.txt': 'c' });
  });
});

describe('WebContainerRuntime files across visits', () => {
  it('mounts the starter files first, then what the learner saved; Reset lab brings the starter files back', async () => {
    const { visit } = lab();
    const first = visit();
    await first.runtime.boot(() => {});
    expect(first.fs.files.get('nginx-controller.yaml')).toBe('replicas: 2\n');
    expect(await first.runtime.files.list()).toEqual(['nginx-controller.yaml']);
    await first.runtime.files.write('nginx-controller.yaml', 'replicas: 4\n');
    await first.runtime.files.write('extra/svc.yaml', 'kind: Service\n');
    expect(await first.runtime.files.list()).toEqual(['extra/svc.yaml', 'nginx-controller.yaml']);
    first.runtime.dispose();

    const second = visit();
    await second.runtime.boot(() => {});
    expect(second.wc.mounted).toMatchObject({ bin: engineTree.bin, 'nginx-controller.yaml': { file: { contents: 'replicas: 4\n' } }, extra: { directory: { 'svc.yaml': { file: { contents: 'kind: Service\n' } } } } });
    await second.runtime.reset();

    const third = visit();
    await third.runtime.boot(() => {});
    expect(await third.runtime.files.list()).toEqual(['nginx-controller.yaml']);
    expect(third.fs.files.get('nginx-controller.yaml')).toBe('replicas: 2\n');
    third.runtime.dispose();
  });

  it('saves what the terminal wrote within a few seconds and says the files changed', async () => {
    const { visit } = lab();
    const first = visit();
    await first.runtime.boot(() => {});
    let changes = 0;
    first.runtime.watchFiles((): void => void changes++);
    first.fs.files.set('made-in-terminal.yaml', 'kind: Pod\n');
    await first.clock.advance(SAVE_INTERVAL_MS - 1);
    expect(changes).toBe(0);
    await first.clock.advance(1);
    expect(changes).toBe(1);
    // The save itself completes on IndexedDB's task queue; dispose waits for it before closing.
    first.runtime.dispose();
    for (let i = 0; i < 20; i++) await yieldToHost();

    const second = visit();
    await second.runtime.boot(() => {});
    expect(second.fs.files.get('made-in-terminal.yaml')).toBe('kind: Pod\n');
    second.runtime.dispose();
  });

  it('keeps hidden files saved by the Worker runtime out of the container', async () => {
    const { visit } = lab();
    const name = `wc-files-${n}`;
    const store = await IndexedDBFileStore.open(name);
    await store.save({ '.kube/config': 'server: http://10.0.0.1:6443\n', 'pod.yaml': 'kind: Pod\n' });
    await store.close();
    const v = visit();
    await v.runtime.boot(() => {});
    expect([...v.fs.files.keys()].sort()).toEqual(['bin/kubelab.mjs', 'pod.yaml']);
    v.runtime.dispose();
  });
});
