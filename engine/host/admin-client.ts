// The client side of a running `kubelab up`'s admin API (engine/cluster/admin-api.ts): finds the
// cluster from its data directory (cluster.json), calls /kubelab/v1/… on the API server's port,
// and watches the `up` process by pid for `kubelab down`.
import { resolve } from 'node:path';
import type { Status } from '../apimachinery/apis/meta/v1/types.js';
import { RealClock } from '../util/clock.js';
import { defaultDataDir, readClusterState, type ClusterState } from './cluster-state.js';

export const adminPath = '/kubelab/v1';

/** RunningCluster is a `kubelab up` found through its data directory. */
export interface RunningCluster {
  dataDir: string;
  state: ClusterState;
}

/** dataDirOf is --data-dir, else $KUBELAB_DATA_DIR, else ./.kubelab. */
export function dataDirOf(flag: string | undefined, env: Record<string, string | undefined>): string {
  return resolve(flag ?? env.KUBELAB_DATA_DIR ?? defaultDataDir);
}

/** processAlive reports whether pid still runs (signal 0 checks without signalling). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** findCluster reads cluster.json; it fails clearly when no cluster runs from that directory. */
export async function findCluster(dataDir: string): Promise<RunningCluster> {
  const state = await readClusterState(dataDir);
  if (!state) throw new Error(`no running cluster found in ${dataDir}: start one with "kubelab up" (or pass --data-dir)`);
  if (!processAlive(state.pid)) throw new Error(`the cluster in ${dataDir} is not running (process ${state.pid} is gone); start it again with "kubelab up"`);
  return { dataDir, state };
}

/** AdminError carries the Status the admin API answered with. */
export class AdminError extends Error {
  constructor(readonly status: Status) {
    super(status.message ?? status.reason ?? `HTTP ${status.code}`);
  }
}

/** adminFetch sends one request to the admin API and returns the raw response (errors thrown). */
export async function adminFetch(c: RunningCluster, method: string, path: string, body?: unknown, signal?: AbortSignal): Promise<Response> {
  let res: Response;
  try {
    res = await fetch(`${c.state.apiURL}${adminPath}${path}`, {
      method,
      headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal,
    });
  } catch (err) {
    const cause = (err as { cause?: { code?: string } }).cause?.code;
    throw new Error(`cannot reach the cluster at ${c.state.apiURL}${cause ? ` (${cause})` : ''}: is "kubelab up" still running?`);
  }
  if (!res.ok) {
    const text = await res.text();
    let status: Status;
    try {
      status = JSON.parse(text) as Status;
    } catch {
      status = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: text.trim() || res.statusText, code: res.status };
    }
    throw new AdminError(status);
  }
  return res;
}

/** adminJSON is adminFetch for JSON answers. */
export async function adminJSON<T>(c: RunningCluster, method: string, path: string, body?: unknown): Promise<T> {
  return (await (await adminFetch(c, method, path, body)).json()) as T;
}

/** readNDJSON yields one parsed object per line of a streamed response. */
export async function* readNDJSON<T>(res: Response): AsyncGenerator<T> {
  if (!res.body) return;
  const decoder = new TextDecoder();
  let buf = '';
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
    buf += decoder.decode(chunk, { stream: true });
    for (let i = buf.indexOf('\n'); i >= 0; i = buf.indexOf('\n')) {
      const line = buf.slice(0, i);
      buf = buf.slice(i + 1);
      if (line.trim()) yield JSON.parse(line) as T;
    }
  }
  if (buf.trim()) yield JSON.parse(buf) as T;
}

/** waitForExit polls until pid is gone; false when it still runs after timeoutMs. */
export async function waitForExit(pid: number, timeoutMs: number, clock = new RealClock()): Promise<boolean> {
  const deadline = clock.now() + timeoutMs;
  while (processAlive(pid)) {
    if (clock.now() >= deadline) return false;
    // sleep, unlike setTimer, keeps this process alive while it waits.
    await clock.sleep(100);
  }
  return true;
}
