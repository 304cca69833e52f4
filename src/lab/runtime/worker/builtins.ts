// The few shell built-ins a learner expects beside kubectl in the Worker runtime's minimal runner
// (TO BE REPLACED with the engine's shell and its tools).
import type { FileAccess } from '../../../../engine/kubectl/cmd/util/io.js';
import type { Program } from './line-runner.js';

const help = `Commands in this lab:
  kubectl ...    talk to the cluster's API server
  etcdctl ...    read the store under the API server
  kubelab status the lab cluster's state
  echo, cat, ls, pwd, env, clear, help
Keys: Up/Down for history, Ctrl-C to stop a command, Ctrl-L to clear.
`;

/** builtins returns the built-in programs over the lab's files. */
export function builtins(files: FileAccess, resolve: (path: string) => string): Record<string, Program> {
  return {
    help: async (_argv, io) => (io.stdout(help), 0),
    echo: async (argv, io) => {
      const noNewline = argv[0] === '-n';
      io.stdout(argv.slice(noNewline ? 1 : 0).join(' ') + (noNewline ? '' : '\n'));
      return 0;
    },
    pwd: async (_argv, io) => (io.stdout(`${io.env.PWD}\n`), 0),
    env: async (_argv, io) => {
      for (const [k, v] of Object.entries(io.env)) if (k !== '?') io.stdout(`${k}=${v}\n`);
      return 0;
    },
    clear: async (_argv, io) => (io.stdout('\x1b[2J\x1b[3J\x1b[H'), 0),
    cat: async (argv, io) => {
      let code = 0;
      for (const path of argv) {
        try {
          io.stdout(await files.readFile(resolve(path)));
        } catch {
          io.stderr(`cat: ${path}: No such file or directory\n`);
          code = 1;
        }
      }
      return code;
    },
    ls: async (argv, io) => {
      const paths = argv.filter((a) => !a.startsWith('-'));
      let code = 0;
      for (const path of paths.length ? paths : ['.']) {
        const abs = path === '.' ? io.env.PWD! : resolve(path);
        const kind = await files.stat(abs);
        if (kind === 'file') io.stdout(`${path}\n`);
        else if (kind === 'dir') {
          const all = argv.includes('-a') || argv.includes('-la') || argv.includes('-al');
          const names = (await files.readDir(abs)).filter((n) => all || !n.startsWith('.'));
          if (names.length) io.stdout(names.join('  ') + '\n');
        } else {
          io.stderr(`ls: cannot access '${path}': No such file or directory\n`);
          code = 2;
        }
      }
      return code;
    },
  };
}
