// The `kubectl` command (kubectl's cmd/kubectl/kubectl.go): Kubelab's kubectl with this
// process's argv, stdio, environment, files and $EDITOR; talks HTTP to the configured server.
import { mkdtemp, readFile, readdir, stat, writeFile } from 'node:fs/promises';
import { spawn } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { runKubectl } from '../kubectl/cmd/cmd.js';
import type { FileAccess, LocalTerminal } from '../kubectl/cmd/util/io.js';
import { RealClock } from '../util/clock.js';
import { setWebSocketDialer } from '../apimachinery/util/httpstream/wsstream/conn.js';
import { dialWebSocket } from '../host/websocket.js';
import { setLocalListener } from '../kubectl/cmd/port-forward.js';
import { nodeListener } from '../host/kubectl-port-forward.js';
import { nodeListenHTTP } from '../host/kubectl-proxy.js';

const files: FileAccess = {
  readFile: (p) => readFile(p, 'utf8'),
  writeFile: (p, d) => writeFile(p, d),
  stat: async (p) => {
    try {
      return (await stat(p)).isDirectory() ? 'dir' : 'file';
    } catch {
      return undefined;
    }
  },
  readDir: async (p) => (await readdir(p)).sort(),
};

/** stdinStream is process.stdin as it comes; cancelling it lets go of the input. */
function stdinStream(): ReadableStream<Uint8Array> {
  let onData: (c: Buffer) => void;
  let onEnd: () => void;
  const stop = () => {
    process.stdin.off('data', onData).off('end', onEnd);
    process.stdin.pause();
  };
  return new ReadableStream<Uint8Array>({
    start(c) {
      onData = (chunk) => c.enqueue(new Uint8Array(chunk));
      onEnd = () => (stop(), c.close());
      process.stdin.on('data', onData).on('end', onEnd);
    },
    cancel: stop,
  });
}

/** terminal is moby/term over this process's tty: raw mode while -t streams, the window's size. */
function terminal(): LocalTerminal | undefined {
  if (!process.stdin.isTTY) return undefined;
  return {
    makeRaw() {
      process.stdin.setRawMode(true);
      return () => process.stdin.setRawMode(false);
    },
    size: () => (process.stdout.columns ? { width: process.stdout.columns, height: process.stdout.rows } : undefined),
    onResize(listener) {
      const on = () => listener({ width: process.stdout.columns, height: process.stdout.rows });
      process.stdout.on('resize', on);
      return () => void process.stdout.off('resize', on);
    },
  };
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** editor writes the text to a temporary file, runs $KUBE_EDITOR/$EDITOR on it and reads it back. */
async function editor(text: string, fileName: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'kubectl-edit-'));
  const file = join(dir, fileName);
  await writeFile(file, text);
  const cmd = process.env.KUBE_EDITOR || process.env.EDITOR || 'vi';
  await new Promise<void>((resolve, reject) => {
    const child = spawn(`${cmd} ${JSON.stringify(file)}`, { stdio: 'inherit', shell: true });
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`there was a problem with the editor "${cmd}"`))));
  });
  return readFile(file, 'utf8');
}

export async function main(argv: string[]): Promise<number> {
  // exec streams over a WebSocket; this Node process dials it itself.
  setWebSocketDialer(dialWebSocket);
  setLocalListener(nodeListener);
  return runKubectl(argv, {
    stdin: readStdin,
    stdinStream,
    terminal: terminal(),
    stdout: (s) => void process.stdout.write(s),
    stderr: (s) => void process.stderr.write(s),
    env: Object.fromEntries(Object.entries(process.env).filter((e): e is [string, string] => e[1] !== undefined)),
    files,
    clock: new RealClock(),
    editor,
    listen: nodeListenHTTP,
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await main(process.argv.slice(2));
}
