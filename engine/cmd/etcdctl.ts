// The `etcdctl` command (etcd's etcdctl/main.go): Kubelab's etcdctl subset talking to the store's
// v3 JSON gateway over HTTP at --endpoints or ETCDCTL_ENDPOINTS (default 127.0.0.1:2379).
import { readFile, writeFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import { runEtcdctl } from '../etcd/etcdctl/ctl.js';

/** main runs etcdctl with this process's argv, stdout and files; Ctrl-C ends a watch. */
export async function main(argv: string[]): Promise<number> {
  const abort = new AbortController();
  const onSignal = () => abort.abort();
  process.once('SIGINT', onSignal);
  try {
    return await runEtcdctl(argv, {
      transport: (request) => fetch(request),
      stdout: (s) => void process.stdout.write(s),
      stderr: (s) => void process.stderr.write(s),
      endpoint: process.env.ETCDCTL_ENDPOINTS,
      signal: abort.signal,
      files: {
        readFile: async (p) => new Uint8Array(await readFile(p)),
        writeFile: (p, d) => writeFile(p, d),
      },
    });
  } finally {
    process.off('SIGINT', onSignal);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await main(process.argv.slice(2));
}
