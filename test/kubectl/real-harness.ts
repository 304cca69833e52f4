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
  /** requests records what kubectl asked the server, in order, with the body, its content type and the credentials when sent. */
  requests: Array<{ method: string; url: string; body?: string; contentType?: string; authorization?: string }>;
  /** seed creates an object through the API and, when it carries one, writes its status as a controller would. */
  seed<T extends KubeObject>(collectionPath: string, obj: T): Promise<void>;
  /** setStatus replaces the status of the object at path through its status subresource, as a controller would. */
  setStatus(path: string, status: unknown): Promise<void>;
  /** get reads the live object at path; it throws unless the server answers 200. */
  get<T = any>(path: string): Promise<T>;
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
      if (obj.status) await h.setStatus(`${collectionPath}/${created.body.metadata.name}`, obj.status);
    },
    async setStatus(path, status) {
      const live = await h.get(path);
      const updated = await ts.json('PUT', `${path}/status`, { ...live, status });
      if (updated.status >= 300) throw new Error(`status ${path}: ${updated.status} ${JSON.stringify(updated.body)}`);
    },
    async get(path) {
      const got = await ts.json('GET', path);
      if (got.status !== 200) throw new Error(`get ${path}: ${got.status} ${JSON.stringify(got.body)}`);
      return got.body;
    },
    async kubectl(cmdline) {
      const argv = Array.isArray(cmdline) ? cmdline : splitArgs(cmdline);
      let stdout = '';
      let stderr = '';
      const code = await runKubectl(argv, {
        transport: async (req) => {
          const url = new URL(req.url);
          const body = req.body ? await req.clone().text() : '';
          const contentType = req.headers.get('content-type');
          const authorization = req.headers.get('authorization');
          h.requests.push({
            method: req.method,
            url: url.pathname + url.search,
            ...(body ? { body } : {}),
            ...(contentType ? { contentType } : {}),
            ...(authorization ? { authorization } : {}),
          });
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
