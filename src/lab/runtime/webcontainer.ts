// The WebContainer runtime: boots a WebContainer, mounts the prebuilt engine bundle (bin/kubectl,
// bin/etcdctl, bin/kubelab over Node 18 ESM bundles) and the lab's files, starts the cluster with
// `kubelab up`, wires `jsh` to the terminal, lists the servers the lab opens as previews, and
// grades by running `kubelab grade` in the container against that cluster.
// boot() hangs without error when StackBlitz's servers are out of reach, so select.ts races it
// against a timeout. It only talks to the small WebContainerLike surface, so tests use a fake.
import type { FileSystemTree } from '@webcontainer/api';
import type { CheckResult, GradeReport, Locale } from '../../../engine/grader/types.js';
import { RealClock, type Clock } from '../../../engine/util/clock.js';
import { GradeOutput } from './grade-output.js';
import { ContainerHome, readHome, type SavedHome } from './webcontainer-files.js';
import { CHECK_TIMEOUT_MS, clusterSteps, DEFAULT_NODES, HOME, type BootProgress, type LabClusterOptions, type BootResult, type LabFiles, type LabRuntime, type PreviewPort, type TerminalOutput, type TerminalSession } from './types.js';

/** ProcessLike is the part of a WebContainerProcess the runtime uses. */
export interface ProcessLike {
  output: ReadableStream<string>;
  input: WritableStream<string>;
  exit: Promise<number>;
  kill(): void;
  resize(size: { cols: number; rows: number }): void;
}

export interface SpawnOptionsLike {
  env?: Record<string, string>;
  terminal?: { cols: number; rows: number };
}

/** WebContainerLike is the part of a booted WebContainer the runtime uses. */
export interface WebContainerLike {
  readonly path: string;
  readonly workdir: string;
  mount(tree: FileSystemTree): Promise<void>;
  spawn(command: string, args: string[], options?: SpawnOptionsLike): Promise<ProcessLike>;
  on(event: 'server-ready', listener: (port: number, url: string) => void): () => void;
  on(event: 'port', listener: (port: number, type: 'open' | 'close', url: string) => void): () => void;
  fs: {
    writeFile(path: string, data: string): Promise<void>;
    readFile(path: string, encoding: 'utf-8'): Promise<string>;
    mkdir(path: string, options: { recursive: true }): Promise<unknown>;
    readdir(path: string): Promise<string[]>;
  };
  teardown(): void;
}

export interface WebContainerApiLike {
  WebContainer: { boot(options: { coep: 'require-corp' | 'credentialless'; workdirName: string }): Promise<WebContainerLike> };
}

export interface WebContainerOptions {
  /** files are the lab's starter files, relative to the working folder (the learner's home). */
  files: Record<string, string>;
  /** engine fetches the engine bundle's tree (published by scripts/build-engine-bundle.mjs). */
  engine: () => Promise<FileSystemTree>;
  /** cluster are the lab's cluster options. */
  cluster?: LabClusterOptions;
  /** load imports @webcontainer/api; tests pass a fake. */
  load?: () => Promise<WebContainerApiLike>;
  /** home keeps the learner's files between visits (IndexedDB); without it they live only in the container. */
  home?: SavedHome;
  /** lab is the id of the lab the Check button grades. */
  lab?: string;
  /** clock times a grade out (real time unless a test passes a virtual clock). */
  clock?: Clock;
}

/** COMMANDS are the engine's commands under bin/; CONTROL_PLANE_PORTS are not previews. */
export const COMMANDS = ['kubectl', 'etcdctl', 'kubelab'];
const CONTROL_PLANE_PORTS = new Set([8080, 2379]);
const READY = /Kubernetes API server is running at (\S+)/;
const DATA_DIR = '.kubelab';
/** GRADE_TIMEOUT_MS bounds one Check: each check retries for CHECK_TIMEOUT_MS, then runs once more. */
export const GRADE_TIMEOUT_MS = 120_000;

/** gradeArgs are the arguments of `kubelab grade` for the Check button: the running cluster, as jsonl. */
export function gradeArgs(lab: string, locale: Locale): string[] {
  return ['grade', lab, '--kubeconfig', `${DATA_DIR}/kubeconfig`, '--reporter', 'jsonl', '--locale', locale, '--timeout', String(CHECK_TIMEOUT_MS / 1000)];
}

/** loadWebContainerApi imports the real package; the type annotation checks it fits WebContainerApiLike. */
const loadWebContainerApi = async (): Promise<WebContainerApiLike> => import('@webcontainer/api');

/** toTree turns flat paths into the nested tree WebContainer.mount takes. */
export function toTree(files: Record<string, string>, into: FileSystemTree = {}): FileSystemTree {
  for (const [path, contents] of Object.entries(files)) {
    const parts = path.split('/').filter(Boolean);
    let dir = into;
    for (const part of parts.slice(0, -1)) {
      const node = (dir[part] ??= { directory: {} });
      if (!('directory' in node)) throw new Error(`${path}: ${part} is a file`);
      dir = node.directory;
    }
    dir[parts.at(-1)!] = { file: { contents } };
  }
  return into;
}

export class WebContainerRuntime implements LabRuntime {
  readonly kind = 'webcontainer' as const;
  private wc?: WebContainerLike;
  private cluster?: ProcessLike;
  /** clusterLog keeps the end of `kubelab up`'s output for error messages. */
  private clusterLog = '';
  private readonly ports = new Map<number, string>();
  private readonly listeners = new Set<(p: PreviewPort[]) => void>();
  private readonly shells = new Set<ProcessLike>();
  private home?: ContainerHome;

  constructor(private readonly options: WebContainerOptions) {}

  async boot(onProgress: (p: BootProgress) => void): Promise<BootResult> {
    onProgress({ step: 'engine', state: 'active', detail: 'WebContainer' });
    const engine = this.options.engine();
    const api = await (this.options.load ?? loadWebContainerApi)();
    const wc = (this.wc = await api.WebContainer.boot({ coep: 'require-corp', workdirName: HOME.split('/').pop()! }));
    wc.on('server-ready', (port, url) => this.setPort(port, url));
    wc.on('port', (port, type) => type === 'close' && this.setPort(port, undefined));
    const tree = await engine;
    onProgress({ step: 'engine', state: 'done' });

    onProgress({ step: 'storage', state: 'active' });
    const home = (this.home = new ContainerHome(this.options.home, this.options.clock ?? new RealClock()));
    await wc.mount(toTree(await home.load(this.options.files), { ...tree }));
    await this.check(await wc.spawn('chmod', ['+x', ...COMMANDS.map((c) => `bin/${c}`)]), 'chmod');
    await home.start(wc.fs);
    onProgress({ step: 'storage', state: 'done', detail: 'in memory' });

    onProgress({ step: 'api-server', state: 'active' });
    const nodes = this.options.cluster?.nodes;
    this.cluster = await wc.spawn('node', ['bin/kubelab.mjs', 'up', '--data-dir', DATA_DIR, ...(nodes ? ['--nodes', String(nodes)] : [])]);
    const apiURL = await this.untilReady(this.cluster);
    onProgress({ step: 'api-server', state: 'done', detail: apiURL });
    // kubelab up names the API server once the whole cluster has started.
    for (const step of clusterSteps(nodes ?? DEFAULT_NODES).slice(3, -1)) onProgress({ step, state: 'done' });
    onProgress({ step: 'shell', state: 'done' });
    return { restored: false };
  }

  /** untilReady reads `kubelab up`'s output until it names the API server, or fails with it. */
  private async untilReady(proc: ProcessLike): Promise<string> {
    const reader = proc.output.getReader();
    for (;;) {
      const { value, done } = await reader.read();
      if (done) throw new Error(`kubelab up stopped: ${this.clusterLog.trim() || `exit ${await proc.exit}`}`);
      this.clusterLog = (this.clusterLog + value).slice(-4096);
      const ready = READY.exec(this.clusterLog);
      if (ready) {
        // Keep draining so the cluster never blocks on a full pipe.
        void (async () => {
          for (let r = await reader.read(); !r.done; r = await reader.read()) this.clusterLog = (this.clusterLog + r.value).slice(-4096);
        })().catch(() => {});
        return ready[1]!;
      }
    }
  }

  private async check(proc: ProcessLike, what: string): Promise<void> {
    const code = await proc.exit;
    if (code !== 0) throw new Error(`${what} failed with exit code ${code}`);
  }

  openTerminal(out: TerminalOutput): TerminalSession {
    const wc = this.need();
    let proc: ProcessLike | undefined;
    let writer: WritableStreamDefaultWriter<string> | undefined;
    let typedAhead = '';
    let size = { cols: 80, rows: 24 };
    let closed = false;
    const env = { PATH: `${wc.workdir}/bin:${wc.path}`, HOME: wc.workdir, KUBELAB_DATA_DIR: `${wc.workdir}/${DATA_DIR}` };
    void wc.spawn('jsh', [], { terminal: size, env }).then((p) => {
      if (closed) return p.kill();
      proc = p;
      this.shells.add(p);
      writer = p.input.getWriter();
      void p.output.pipeTo(new WritableStream({ write: (data) => out.write(data) })).catch(() => {});
      p.resize(size);
      if (typedAhead) void writer.write(typedAhead);
      typedAhead = '';
    });
    return {
      input: (data) => (writer ? void writer.write(data) : void (typedAhead += data)),
      resize: (cols, rows) => {
        size = { cols, rows };
        proc?.resize(size);
      },
      close: () => {
        closed = true;
        proc?.kill();
        if (proc) this.shells.delete(proc);
      },
    };
  }

  readonly files: LabFiles = {
    write: async (path, text) => {
      const dir = path.split('/').slice(0, -1).join('/');
      if (dir) await this.need().fs.mkdir(dir, { recursive: true });
      await this.need().fs.writeFile(path, text);
      await this.home?.flush();
    },
    read: async (path) => this.need().fs.readFile(path, 'utf-8').catch(() => undefined),
    list: async () => Object.keys(await readHome(this.need().fs)),
  };

  /** watchFiles hears the changes the periodic save finds (the terminal gives no prompt events). */
  watchFiles(listener: () => void): () => void {
    return this.home?.watch(listener) ?? (() => {});
  }

  /**
   * grade runs `kubelab grade` in the container and reports each result as its line arrives. A
   * grader that stops without its summary, or does not finish in GRADE_TIMEOUT_MS, still gives a
   * report: the results that came and a failed "grader" result with what it printed.
   */
  async grade(locale: Locale, onResult: (result: CheckResult) => void): Promise<GradeReport> {
    const wc = this.need();
    const lab = this.options.lab;
    if (!lab) throw new Error('no lab to grade: the runtime was started without a lab id');
    const clock = this.options.clock ?? new RealClock();
    const start = clock.now();
    const args = gradeArgs(lab, locale);
    const command = `kubelab ${args.join(' ')}`;
    const out = new GradeOutput(onResult);
    const proc = await wc.spawn('node', ['bin/kubelab.mjs', ...args]);
    let timer: { stop(): void } | undefined;
    const timedOut = new Promise<'timeout'>((resolve) => (timer = clock.setTimer(GRADE_TIMEOUT_MS, () => resolve('timeout'))));
    const finished = proc.output
      .pipeTo(new WritableStream({ write: (chunk) => out.push(chunk) }))
      .catch(() => undefined)
      .then(() => proc.exit);
    try {
      const code = await Promise.race([finished, timedOut]);
      if (code === 'timeout') proc.kill();
      const report = out.report();
      if (report) return report;
      const why = code === 'timeout' ? `no report within ${GRADE_TIMEOUT_MS / 1000} s` : `kubelab grade exited with code ${code}`;
      return out.failed(lab, locale, out.text ? `${why}: ${out.text}` : why, clock.now() - start, command);
    } finally {
      timer?.stop();
    }
  }

  previews(): PreviewPort[] {
    return [...this.ports].map(([port, url]) => ({ port, url }));
  }

  /** watchPreviews calls listener whenever a server opens or closes; returns the unsubscribe. */
  watchPreviews(listener: (p: PreviewPort[]) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private setPort(port: number, url: string | undefined): void {
    if (CONTROL_PLANE_PORTS.has(port)) return;
    if (url) this.ports.set(port, url);
    else this.ports.delete(port);
    for (const l of this.listeners) l(this.previews());
  }

  /** reset throws the container and the saved files away: its cluster lives in memory, so the next boot is fresh. */
  async reset(): Promise<void> {
    const home = this.home;
    this.dispose();
    await home?.clear();
  }

  dispose(): void {
    for (const p of this.shells) p.kill();
    this.shells.clear();
    this.cluster?.kill();
    this.cluster = undefined;
    this.ports.clear();
    this.listeners.clear();
    void this.home?.stop();
    this.home = undefined;
    // One WebContainer per page: tear it down so a later boot may start another.
    this.wc?.teardown();
    this.wc = undefined;
  }

  private need(): WebContainerLike {
    if (!this.wc) throw new Error('the WebContainer has not booted');
    return this.wc;
  }
}
