// Mirrors k8s.io/cli-runtime/pkg/genericiooptions (IOStreams): what a kubectl command may touch.
// Files, the editor and the clock are injected so the command code stays web-standard.
import type { Transport } from '../../../client/transport.js';
import type { Clock } from '../../../util/clock.js';
import type { Kubeconfig } from '../../kubeconfig/types.js';
import type { LocalListener } from '../port-forward.js';

/** FileAccess is the file system kubectl reads manifests and kubeconfigs from. */
export interface FileAccess {
  /** readFile returns a file's text, or throws an Error whose message names the path. */
  readFile(path: string): Promise<string>;
  writeFile(path: string, data: string): Promise<void>;
  /** stat says whether a path is a file or a directory, or undefined when it does not exist. */
  stat(path: string): Promise<'file' | 'dir' | undefined>;
  /** readDir lists the entry names of a directory. */
  readDir(path: string): Promise<string[]>;
}

/** Editor runs $EDITOR on a temporary file's text and returns the edited text. */
export type Editor = (text: string, fileName: string) => Promise<string>;

/**
 * ListenHTTP serves handler on a host's address and port (0 picks a free one), as net.Listen and
 * http.Serve do for `kubectl proxy`; it answers the bound address and port.
 */
export type ListenHTTP = (
  address: string,
  port: number,
  handler: (request: Request) => Promise<Response>,
) => Promise<{ address: string; port: number; close(): Promise<void> }>;

export interface KubectlIO {
  transport?: Transport;
  kubeconfig?: Kubeconfig;
  stdin: () => Promise<string>;
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  env: Record<string, string>;
  files: FileAccess;
  clock: Clock;
  editor?: Editor;
  /** signal ends streaming commands (get -w, rollout status -w) when aborted. */
  signal?: AbortSignal;
  /** listen is the host's HTTP listener; absent where nothing can listen. */
  listen?: ListenHTTP;
  /** listenTCP is the host's TCP listener for port-forward; without it, the process-wide one. */
  listenTCP?: LocalListener;
  /** stdinStream gives standard input as it comes (exec/attach -i); without it, stdin() is read whole. */
  stdinStream?: () => ReadableStream<Uint8Array>;
  /** terminal is there when standard input is a terminal (term.IsTerminal): -t puts it in raw mode. */
  terminal?: LocalTerminal;
}

/** TerminalSize is a terminal's window in characters. */
export interface TerminalSize {
  width: number;
  height: number;
}

/** LocalTerminal is the terminal kubectl runs in (moby/term's raw mode and window size). */
export interface LocalTerminal {
  /** makeRaw stops the terminal's own echo and line editing; it returns the restore. */
  makeRaw(): () => void;
  size?(): TerminalSize | undefined;
  /** onResize reports window changes (SIGWINCH); it returns the unsubscribe. */
  onResize?(listener: (size: TerminalSize) => void): () => void;
}

/** memoryFiles is a FileAccess over a map of path → text (tests, the browser runtime). */
export function memoryFiles(initial: Record<string, string> = {}): FileAccess & { files: Map<string, string> } {
  const files = new Map(Object.entries(initial));
  const norm = (p: string) => p.replace(/\/+$/, '');
  return {
    files,
    async readFile(path) {
      const text = files.get(norm(path));
      if (text === undefined) throw new Error(`open ${path}: no such file or directory`);
      return text;
    },
    async writeFile(path, data) {
      files.set(norm(path), data);
    },
    async stat(path) {
      const p = norm(path);
      if (files.has(p)) return 'file';
      for (const k of files.keys()) if (k.startsWith(p + '/')) return 'dir';
      return undefined;
    },
    async readDir(path) {
      const p = norm(path) + '/';
      const names = new Set<string>();
      for (const k of files.keys()) if (k.startsWith(p)) names.add(k.slice(p.length).split('/')[0]!);
      return [...names].sort();
    },
  };
}
