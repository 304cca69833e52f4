// The lab runtime interface the page talks to. Two implementations sit behind it: the Worker runtime
// (the engine in a Web Worker) and the WebContainer runtime. Like TutorialKit's runtime, it never
// imports xterm: a terminal is anything that can write text.

export type RuntimeKind = 'webcontainer' | 'worker';

/** BootStepId names the steps the boot progress indicator shows, in order. */
export type BootStepId = 'engine' | 'storage' | 'control-plane' | 'shell';

export interface BootProgress {
  step: BootStepId;
  state: 'active' | 'done' | 'failed';
  /** detail is a short fact about the step (e.g. how many log records were replayed). */
  detail?: string;
}

export interface BootResult {
  /** restored tells whether the cluster came back from storage rather than starting fresh. */
  restored: boolean;
}

/** TerminalOutput is the part of a terminal a session writes to. */
export interface TerminalOutput {
  write(data: string): void;
  clear?(): void;
}

/** TerminalSession receives the raw keystrokes of one terminal (as xterm's onData gives them). */
export interface TerminalSession {
  input(data: string): void;
  resize(cols: number, rows: number): void;
  close(): void;
}

/** LabFiles is the lab's working folder: starter files, manifests applied from the page. */
export interface LabFiles {
  write(path: string, text: string): Promise<void>;
  read(path: string): Promise<string | undefined>;
  list(): Promise<string[]>;
}

export interface PreviewPort {
  port: number;
  url: string;
}

export interface LabRuntime {
  readonly kind: RuntimeKind;
  boot(onProgress: (p: BootProgress) => void): Promise<BootResult>;
  openTerminal(out: TerminalOutput): TerminalSession;
  readonly files: LabFiles;
  /** previews lists the ports an app in the lab serves that the page can show. */
  previews(): PreviewPort[];
  /** watchPreviews reports the preview list whenever it changes; returns the unsubscribe. */
  watchPreviews?(listener: (previews: PreviewPort[]) => void): () => void;
  /** reset throws the cluster and its saved state away; boot again afterwards. */
  reset(): Promise<void>;
  dispose(): void;
}

/** HOME is the learner's home folder inside a lab. */
export const HOME = '/home/learner';
