// Runs Kubelab's kubectl in process against the engine's own API server (virtual clock), with the
// "default" namespace the control plane would create at start-up.
import { runKubectl } from '../../engine/kubectl/cmd/cmd.js';
import { memoryFiles, type Editor } from '../../engine/kubectl/cmd/util/io.js';
import { newTestServer, type TestServer } from '../../engine/apiserver/testing/test-server.js';
import { allResources } from '../../engine/apiserver/registry/all-resources.js';
import type { APIServerConfig } from '../../engine/apiserver/server/config.js';
import type { KubeObject } from '../../engine/apimachinery/apis/meta/v1/types.js';
import { splitArgs } from './harness.js';

export interface RealHarness {
  ts: TestServer;
  files: ReturnType<typeof memoryFiles>;
  stdin: string;
  editor?: Editor;
  /** signal, when set, is handed to commands that stream (get -w). */
  signal?: AbortSignal;
  /** onStdout sees output as it is written (to act when a watch prints a row). */
  onStdout?: (s: string) => void;
  /** requests records what kubectl asked the server, in order. */
  requests: Array<{ method: string; url: string }>;
  /** seed creates an object through the API and, when it carries one, writes its status as a controller would. */
  seed<T extends KubeObject>(collectionPath: string, obj: T): Promise<void>;
  kubectl(cmdline: string | string[]): Promise<{ code: number; stdout: string; stderr: string }>;
  close(): Promise<void>;
}

export async function newRealHarness(files: Record<string, string> = {}, extra: Partial<APIServerConfig> = {}): Promise<RealHarness> {
  const ts = await newTestServer(allResources(), extra);
  await ts.json('POST', '/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'default' } });
  const h: RealHarness = {
    ts,
    files: memoryFiles(files),
    stdin: '',
    requests: [],
    async seed(collectionPath, obj) {
      const created = await ts.json('POST', collectionPath, obj);
      if (created.status >= 300) throw new Error(`seed ${collectionPath}: ${created.status} ${JSON.stringify(created.body)}`);
      if (!obj.status) return;
      const name = created.body.metadata.name;
      const updated = await ts.json('PUT', `${collectionPath}/${name}/status`, { ...created.body, status: obj.status });
      if (updated.status >= 300) throw new Error(`seed ${collectionPath}/${name}/status: ${updated.status} ${JSON.stringify(updated.body)}`);
    },
    async kubectl(cmdline) {
      const argv = Array.isArray(cmdline) ? cmdline : splitArgs(cmdline);
      let stdout = '';
      let stderr = '';
      const code = await runKubectl(argv, {
        transport: (req) => {
          const url = new URL(req.url);
          h.requests.push({ method: req.method, url: url.pathname + url.search });
          return ts.server.handler(req);
        },
        stdin: async () => h.stdin,
        stdout: (s) => {
          stdout += s;
          h.onStdout?.(s);
        },
        stderr: (s) => void (stderr += s),
        env: { HOME: '/home/user' },
        files: h.files,
        clock: ts.clock,
        ...(h.editor ? { editor: h.editor } : {}),
        ...(h.signal ? { signal: h.signal } : {}),
      });
      return { code, stdout, stderr };
    },
    close: () => ts.close(),
  };
  return h;
}
