// The Worker runtime: the engine in a Web Worker, the store's log in IndexedDB, and a line editor on
// the page in front of the worker's shell, which says when a line needs another (sh's PS2). Needs
// no cross-origin isolation and no servers. After boot one watch streams the cluster's picture;
// the NodePorts in it become previews, fetched through the lab's network by the worker.
import { nodePorts, type ClusterSnapshot } from '../cluster-view/snapshot.js';
import type { CheckResult, GradeReport, Locale } from '../../../engine/grader/index.js';
import { LineEditor } from '../terminal/line-editor.js';
import type { BootProgress, BootResult, LabClusterOptions, LabFiles, LabRuntime, PreviewPort, PreviewRequest, PreviewResponse, TerminalOutput, TerminalSession } from './types.js';
import type { Reply, Request, RequestBody } from './worker/protocol.js';

export interface WorkerLike {
  postMessage(message: Request): void;
  onmessage: ((event: MessageEvent<Reply>) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
  terminate(): void;
}

interface Pending {
  resolve(value: unknown): void;
  reject(err: Error): void;
  onProgress?: (p: BootProgress) => void;
  out?: TerminalOutput;
  /** onRaw hears a running command put the terminal in raw mode or take it out. */
  onRaw?: (raw: boolean) => void;
  onView?: (snapshot: ClusterSnapshot) => void;
  onCheck?: (result: CheckResult) => void;
}

/**
 * previewsOf turns a snapshot's NodePorts into previews on the first node's address, and the
 * servers the terminal opened on the master (kubectl proxy, port-forward) into previews on their address there.
 */
export function previewsOf(snapshot: ClusterSnapshot): PreviewPort[] {
  const node = snapshot.machines.find((m) => m.role === 'node' && m.ip);
  const master = snapshot.machines.find((m) => m.role === 'master');
  const nodePortPreviews: PreviewPort[] = node ? nodePorts(snapshot).map(({ service, port, endpoints }) => ({ port, url: `http://${node.ip}:${port}/`, label: service, dataplane: true, ready: endpoints > 0 })) : [];
  const servers: PreviewPort[] = (snapshot.servers ?? []).map(({ address, port, command }) => ({
    port,
    url: `http://${address === '0.0.0.0' ? (master?.ip ?? '127.0.0.1') : address}:${port}/`,
    label: command,
    dataplane: true,
    ready: true,
  }));
  return [...nodePortPreviews, ...servers];
}

export const PROMPT = '\x1b[1;32mlearner@kubelab\x1b[0m:\x1b[1;34m~\x1b[0m$ ';

export class WorkerRuntime implements LabRuntime {
  readonly kind = 'worker' as const;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private worker?: WorkerLike;
  private snapshot?: ClusterSnapshot;
  private ports: PreviewPort[] = [];
  private readonly viewListeners = new Set<(s: ClusterSnapshot) => void>();
  private readonly previewListeners = new Set<(p: PreviewPort[]) => void>();
  private readonly fileListeners = new Set<() => void>();

  /** createWorker starts the lab worker; tests pass a fake. */
  constructor(
    private readonly labId: string,
    private readonly createWorker: () => WorkerLike,
    private readonly starterFiles: Record<string, string> = {},
    private readonly cluster?: LabClusterOptions,
  ) {}

  async boot(onProgress: (p: BootProgress) => void): Promise<BootResult> {
    onProgress({ step: 'engine', state: 'active' });
    this.worker = this.createWorker();
    this.worker.onmessage = (e) => this.receive(e.data);
    this.worker.onerror = (e) => this.failAll(new Error(e.message || 'the lab worker failed to load'));
    let engineDone = false;
    const result = (await this.request({ type: 'boot', labId: this.labId, files: this.starterFiles, cluster: this.cluster }, {
      onProgress: (p) => {
        // The worker's first message proves its script and the engine loaded.
        if (!engineDone) (engineDone = true), onProgress({ step: 'engine', state: 'done' });
        onProgress(p);
      },
    })) as BootResult;
    // The watch also carries the boot steps that end after the prompt (see ClusterHost.boot).
    this.request({ type: 'watch-cluster' }, { onView: (s) => this.receiveView(s), onProgress }).catch(() => {});
    return result;
  }

  private receiveView(snapshot: ClusterSnapshot): void {
    this.snapshot = snapshot;
    for (const l of this.viewListeners) l(snapshot);
    const ports = previewsOf(snapshot);
    if (JSON.stringify(ports) === JSON.stringify(this.ports)) return;
    this.ports = ports;
    for (const l of this.previewListeners) l(ports);
  }

  watchCluster(listener: (snapshot: ClusterSnapshot) => void): () => void {
    this.viewListeners.add(listener);
    if (this.snapshot) listener(this.snapshot);
    return () => this.viewListeners.delete(listener);
  }

  watchPreviews(listener: (previews: PreviewPort[]) => void): () => void {
    this.previewListeners.add(listener);
    return () => this.previewListeners.delete(listener);
  }

  async fetchPreview(request: PreviewRequest): Promise<PreviewResponse> {
    return (await this.request({ type: 'fetch', request })) as PreviewResponse;
  }

  async grade(locale: Locale, onResult: (result: CheckResult) => void): Promise<GradeReport> {
    return (await this.request({ type: 'grade', locale }, { onCheck: onResult })) as GradeReport;
  }

  openTerminal(out: TerminalOutput): TerminalSession {
    let current = 0;
    let columns = 0;
    const editor = new LineEditor({
      prompt: PROMPT,
      columns: () => columns,
      write: (d) => out.write(d),
      clear: () => out.clear?.(),
      run: async (line) => {
        current = this.nextId; // the id request() is about to use
        try {
          const answer = await this.request({ type: 'run', line }, { out, onRaw: (raw) => editor.raw(raw) });
          return answer === 'more' ? 'more' : undefined;
        } catch (err) {
          out.write(`${(err as Error).message}\n`);
        } finally {
          current = 0;
          editor.raw(false);
          this.filesChanged();
        }
      },
      interrupt: () => {
        if (current) void this.request({ type: 'interrupt', target: current });
      },
      send: (data) => {
        if (current) void this.request({ type: 'stdin', target: current, data }).catch(() => {});
      },
    });
    editor.start();
    return { input: (d) => editor.input(d), resize: (cols) => void (columns = cols), close: () => {} };
  }

  /** watchFiles hears when a command line ended or a file was written: either may change the files. */
  watchFiles(listener: () => void): () => void {
    this.fileListeners.add(listener);
    return () => this.fileListeners.delete(listener);
  }

  private filesChanged(): void {
    for (const l of this.fileListeners) l();
  }

  readonly files: LabFiles = {
    write: async (path, text) => {
      await this.request({ type: 'write-file', path, text });
      this.filesChanged();
    },
    read: async (path) => ((await this.request({ type: 'read-file', path })) as string | null) ?? undefined,
    list: async () => (await this.request({ type: 'list-files' })) as string[],
  };

  previews(): PreviewPort[] {
    return this.ports;
  }

  async reset(): Promise<void> {
    await this.request({ type: 'reset' });
    this.dispose();
  }

  dispose(): void {
    this.worker?.terminate();
    this.worker = undefined;
    this.snapshot = undefined;
    this.ports = [];
    this.viewListeners.clear();
    this.previewListeners.clear();
    this.fileListeners.clear();
    this.failAll(new Error('the lab stopped'));
  }

  private request(body: RequestBody, extra: Partial<Pending> = {}): Promise<unknown> {
    const worker = this.worker;
    if (!worker) return Promise.reject(new Error('the lab is not running'));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject, ...extra });
      worker.postMessage({ ...body, id } as Request);
    });
  }

  private receive(m: Reply): void {
    const p = this.pending.get(m.id);
    if (!p) return;
    if (m.type === 'progress') p.onProgress?.(m.progress);
    else if (m.type === 'view') p.onView?.(m.snapshot);
    else if (m.type === 'check') p.onCheck?.(m.result);
    else if (m.type === 'tty') p.onRaw?.(m.raw);
    else if (m.type === 'output') p.out?.write(m.stream === 'stderr' ? `\x1b[31m${m.data}\x1b[0m` : m.data);
    else {
      this.pending.delete(m.id);
      if (m.type === 'result') p.resolve(m.value);
      else p.reject(new Error(m.message));
    }
  }

  private failAll(err: Error): void {
    for (const p of this.pending.values()) p.reject(err);
    this.pending.clear();
  }
}
