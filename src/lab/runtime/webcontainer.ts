// The WebContainer runtime (skeleton): boots a WebContainer, mounts the lab's files and the engine's
// commands, and wires `jsh` to the terminal. The engine bundle it mounts (bin/kubectl, bin/etcdctl,
// bin/kubelab over a prebuilt Node 18 bundle) is not published yet, so selection prefers the Worker
// runtime unless `?runtime=webcontainer` asks for this one. Boot is raced against a timeout by
// select.ts because boot() hangs without error when StackBlitz's servers are unreachable.
import type { FileSystemTree, WebContainer, WebContainerProcess } from '@webcontainer/api';
import { HOME, type BootProgress, type BootResult, type LabFiles, type LabRuntime, type PreviewPort, type TerminalOutput, type TerminalSession } from './types.js';

/** engineCommands are the files under bin/ that expose the engine to jsh (filled by the bundle). */
export interface WebContainerOptions {
  files: Record<string, string>;
  /** engine maps bin/<command> to a `#!/usr/bin/env node` script; empty until the bundle exists. */
  engine?: Record<string, string>;
  load?: () => Promise<typeof import('@webcontainer/api')>;
}

/** toTree turns flat paths into the nested tree WebContainer.mount takes. */
export function toTree(files: Record<string, string>): FileSystemTree {
  const root: FileSystemTree = {};
  for (const [path, contents] of Object.entries(files)) {
    const parts = path.split('/').filter(Boolean);
    let dir = root;
    for (const part of parts.slice(0, -1)) {
      const node = (dir[part] ??= { directory: {} });
      if (!('directory' in node)) throw new Error(`${path}: ${part} is a file`);
      dir = node.directory;
    }
    dir[parts.at(-1)!] = { file: { contents } };
  }
  return root;
}

export class WebContainerRuntime implements LabRuntime {
  readonly kind = 'webcontainer' as const;
  private wc?: WebContainer;
  private readonly ports = new Map<number, string>();
  private readonly shells = new Set<WebContainerProcess>();

  constructor(private readonly options: WebContainerOptions) {}

  async boot(onProgress: (p: BootProgress) => void): Promise<BootResult> {
    onProgress({ step: 'engine', state: 'active', detail: 'WebContainer' });
    const api = await (this.options.load ?? (() => import('@webcontainer/api')))();
    this.wc = await api.WebContainer.boot({ coep: 'require-corp', workdirName: 'learner' });
    this.wc.on('server-ready', (port, url) => this.ports.set(port, url));
    this.wc.on('port', (port, type) => type === 'close' && this.ports.delete(port));
    onProgress({ step: 'engine', state: 'done' });
    onProgress({ step: 'storage', state: 'active' });
    await this.wc.mount(toTree({ ...this.options.files, ...(this.options.engine ?? {}) }));
    for (const bin of Object.keys(this.options.engine ?? {})) await this.wc.spawn('chmod', ['+x', bin]).then((p) => p.exit);
    onProgress({ step: 'storage', state: 'done' });
    // The control plane starts inside the container once the engine bundle is mounted.
    onProgress({ step: 'control-plane', state: 'done', detail: this.options.engine ? undefined : 'no engine bundle' });
    onProgress({ step: 'shell', state: 'done' });
    return { restored: false };
  }

  openTerminal(out: TerminalOutput): TerminalSession {
    const wc = this.need();
    let proc: WebContainerProcess | undefined;
    let writer: WritableStreamDefaultWriter<string> | undefined;
    let size = { cols: 80, rows: 24 };
    void wc
      .spawn('jsh', { terminal: size, env: { PATH: `${wc.workdir}/bin:${wc.path}`, HOME: wc.workdir, KUBELAB_HOME: HOME } })
      .then((p) => {
        proc = p;
        this.shells.add(p);
        writer = p.input.getWriter();
        void p.output.pipeTo(new WritableStream({ write: (data) => out.write(data) }));
        p.resize(size);
      });
    return {
      input: (data) => void writer?.write(data),
      resize: (cols, rows) => {
        size = { cols, rows };
        proc?.resize(size);
      },
      close: () => {
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
    },
    read: async (path) => this.need().fs.readFile(path, 'utf-8').catch(() => undefined),
    list: async () => (await this.need().fs.readdir('.', { withFileTypes: true })).map((d) => d.name),
  };

  previews(): PreviewPort[] {
    return [...this.ports].map(([port, url]) => ({ port, url }));
  }

  async reset(): Promise<void> {
    this.dispose();
  }

  dispose(): void {
    for (const p of this.shells) p.kill();
    this.shells.clear();
    this.ports.clear();
    this.wc?.teardown();
    this.wc = undefined;
  }

  private need(): WebContainer {
    if (!this.wc) throw new Error('the WebContainer has not booted');
    return this.wc;
  }
}
