// Runs Kubelab's kubectl in process against a test API server with a virtual clock.
import { runKubectl } from '../../engine/kubectl/cmd/cmd.js';
import { memoryFiles, type Editor } from '../../engine/kubectl/cmd/util/io.js';
import { VirtualClock } from '../../engine/util/clock.js';
import { createFakeAPIServer, type FakeServer } from './fake-apiserver.js';

export interface Harness {
  server: FakeServer;
  clock: VirtualClock;
  files: ReturnType<typeof memoryFiles>;
  stdin: string;
  editor?: Editor;
  kubectl(cmdline: string | string[]): Promise<{ code: number; stdout: string; stderr: string }>;
}

export function newHarness(files: Record<string, string> = {}): Harness {
  const clock = new VirtualClock();
  const server = createFakeAPIServer(clock);
  const h: Harness = {
    server,
    clock,
    files: memoryFiles(files),
    stdin: '',
    async kubectl(cmdline) {
      const argv = Array.isArray(cmdline) ? cmdline : splitArgs(cmdline);
      let stdout = '';
      let stderr = '';
      const io = {
        transport: server.handler,
        stdin: async () => h.stdin,
        stdout: (s: string) => void (stdout += s),
        stderr: (s: string) => void (stderr += s),
        env: { HOME: '/home/user' },
        files: h.files,
        clock,
        ...(h.editor ? { editor: h.editor } : {}),
      };
      const code = await runKubectl(argv, io);
      return { code, stdout, stderr };
    },
  };
  return h;
}

/** splitArgs splits a command line on spaces, honouring single and double quotes. */
export function splitArgs(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quote = '';
  let has = false;
  for (const c of line) {
    if (quote) {
      if (c === quote) quote = '';
      else cur += c;
    } else if (c === '"' || c === "'") {
      quote = c;
      has = true;
    } else if (c === ' ') {
      if (cur || has) out.push(cur);
      cur = '';
      has = false;
    } else cur += c;
  }
  if (cur || has) out.push(cur);
  return out;
}
