// pods/exec and pods/portforward on an in-process cluster (virtual clock): the API server hands the
// client's WebSocket offer to the pod's kubelet, which speaks the channel protocols on it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Pod } from '../../engine/api/core/v1/types.js';
import {
  attachUpgrade, frame, newInMemoryUpgrade, unframe, type WebSocketConn,
} from '../../engine/apimachinery/util/httpstream/wsstream/conn.js';
import { advanceUntil } from '../../engine/client/testing/advance.js';
import { runKubectl } from '../../engine/kubectl/cmd/cmd.js';
import { setLocalListener, type LocalConnection } from '../../engine/kubectl/cmd/port-forward.js';
import { memoryFiles } from '../../engine/kubectl/cmd/util/io.js';
import { Scenario } from '../scenarios/harness.js';

const base = 'http://127.0.0.1:8080';
const dec = new TextDecoder();

/** collect reads every message until the server closes, grouped by channel. */
async function collect(conn: WebSocketConn): Promise<Map<number, string>> {
  const out = new Map<number, string>();
  const reader = conn.readable.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return out;
    const m = unframe(value)!;
    out.set(m.channel, (out.get(m.channel) ?? '') + dec.decode(m.data));
  }
}

describe('exec and port-forward through the API server', () => {
  let s: Scenario;
  let web: Pod;
  beforeAll(async () => {
    s = await Scenario.start({ nodes: 1 });
    await s.apply('web.yaml', `apiVersion: v1
kind: Pod
metadata: {name: web, labels: {app: web}}
spec:
  containers:
  - {name: nginx, image: "nginx:1.7.9", ports: [{containerPort: 80}]}
  - {name: sh, image: busybox, command: ["sleep", "3600"]}
`);
    [web] = await s.running('default', 'app=web', 1);
  }, 60_000);
  afterAll(async () => s?.stop());

  const open = async (path: string, protocols: string[]) => {
    const { upgrade, client } = newInMemoryUpgrade(protocols);
    const res = await advanceUntil(s.clock, s.cluster.plane.transport(attachUpgrade(new Request(base + path), upgrade)), 50);
    return { res, client };
  };

  it('runs a command and reports its exit code on the error channel', async () => {
    const q = new URLSearchParams([['container', 'sh'], ['command', 'sh'], ['command', '-c'], ['command', 'echo out; echo err >&2; exit 3'], ['stdout', 'true'], ['stderr', 'true']]);
    const { client } = await open(`/api/v1/namespaces/default/pods/web/exec?${q}`, ['v5.channel.k8s.io', 'v4.channel.k8s.io']);
    const conn = await client;
    expect(conn.protocol).toBe('v5.channel.k8s.io');
    const got = await advanceUntil(s.clock, collect(conn), 50);
    expect(got.get(1)).toBe('out\n');
    expect(got.get(2)).toBe('err\n');
    expect(JSON.parse(got.get(3)!)).toEqual({
      metadata: {},
      status: 'Failure',
      message: 'command terminated with non-zero exit code: error executing command [sh -c echo out; echo err >&2; exit 3], exit code 3',
      reason: 'NonZeroExitCode',
      details: { causes: [{ reason: 'ExitCode', message: '3' }] },
    });
  });

  it('feeds stdin until the v5 close message', async () => {
    const q = new URLSearchParams([['container', 'sh'], ['command', 'cat'], ['stdin', 'true'], ['stdout', 'true']]);
    const conn = await (await open(`/api/v1/namespaces/default/pods/web/exec?${q}`, ['v5.channel.k8s.io'])).client;
    const writer = conn.writable.getWriter();
    await writer.write(frame(0, 'hello\n'));
    await writer.write(new Uint8Array([255, 0]));
    const got = await advanceUntil(s.clock, collect(conn), 50);
    expect(got.get(1)).toBe('hello\n');
    expect(JSON.parse(got.get(3)!)).toEqual({ metadata: {}, status: 'Success' });
  });

  it('refuses what upstream refuses', async () => {
    const cases: Array<[string, string[], number, string]> = [
      ['/api/v1/namespaces/default/pods/web/exec?command=ls&stdout=true', ['v5.channel.k8s.io'], 400, 'a container name must be specified for pod web, choose one of: [nginx sh]'],
      ['/api/v1/namespaces/default/pods/nope/exec?command=ls&stdout=true', ['v5.channel.k8s.io'], 404, 'pods "nope" not found'],
    ];
    for (const [path, protocols, code, message] of cases) {
      const { res } = await open(path, protocols);
      expect({ code: res.status, message: (await res.json()).message }).toEqual({ code, message });
    }
    const plain = await advanceUntil(s.clock, s.cluster.plane.transport(new Request(`${base}/api/v1/namespaces/default/pods/web/exec?container=sh&command=ls&stdout=true`)), 50);
    expect([plain.status, await plain.text()]).toEqual([400, 'Upgrade request required']);
  });

  it('forwards a port into the pod', async () => {
    const { client } = await open('/api/v1/namespaces/default/pods/web/portforward?ports=80', ['v4.channel.k8s.io']);
    const conn = await client;
    const writer = conn.writable.getWriter();
    await writer.write(frame(0, 'GET / HTTP/1.0\r\nHost: localhost\r\n\r\n'));
    const got = await advanceUntil(s.clock, collect(conn), 50);
    // Each channel opens with the port, little-endian: 80 = "P\0".
    expect(got.get(0)!.startsWith('P\0HTTP/1.1 200 OK')).toBe(true);
    expect(got.get(0)).toContain('Welcome to nginx!');
    expect(got.get(1)).toBe('P\0');
    expect(web!.status!.podIP).toBeTruthy();
  });

  it('reports a refused port on the error channel', async () => {
    const conn = await (await open('/api/v1/namespaces/default/pods/web/portforward?ports=81', ['v4.channel.k8s.io'])).client;
    const got = await advanceUntil(s.clock, collect(conn), 50);
    expect(got.get(1)).toMatch(/^Q\0error forwarding port 81 to pod web_default, uid [0-9a-f-]+: /);
  });

  it('kubectl exec (ours) prints the output and exits with the command’s code', async () => {
    const r = await s.kubectl('exec', 'web', '-c', 'sh', '--', 'sh', '-c', 'echo hi; echo oops >&2; exit 5');
    expect(r).toEqual({ code: 5, stdout: 'hi\n', stderr: 'oops\ncommand terminated with exit code 5\n' });
    const ok = await s.kubectl('exec', 'web', '--', 'echo', 'default');
    expect(ok).toEqual({ code: 0, stdout: 'default\n', stderr: 'Defaulted container "nginx" out of: nginx, sh\n' });
    const old = await s.kubectl('exec', 'web', 'ls');
    expect(old.stderr).toBe('error: exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead\n');
    const bad = await s.kubectl('exec', 'web', '-c', 'nope', '--', 'ls');
    expect(bad).toMatchObject({ code: 1, stderr: 'Error from server (BadRequest): container nope is not valid for pod web\n' });
  });

  it('kubectl port-forward (ours) pipes a local connection to the pod behind a service', async () => {
    await s.apply('web-svc.yaml', `apiVersion: v1
kind: Service
metadata: {name: web}
spec:
  selector: {app: web}
  ports: [{name: http, port: 8000, targetPort: 80}]
`);
    let accept: ((c: LocalConnection) => void) | undefined;
    setLocalListener(async (_address, port, onConnection) => {
      accept = onConnection;
      return { port: port || 40123, close: () => undefined };
    });
    const abort = new AbortController();
    let stdout = '';
    const run = runKubectl(['port-forward', 'svc/web', ':8000'], {
      transport: s.cluster.plane.transport, stdin: async () => '', stdout: (x) => void (stdout += x), stderr: (x) => void (stdout += x),
      env: {}, files: memoryFiles(), clock: s.clock, signal: abort.signal,
    });
    await s.waitFor('listening', () => stdout.includes('Forwarding from'), 10, 100);
    expect(stdout).toBe('Forwarding from 127.0.0.1:40123 -> 80\n');
    let received = '';
    let onData: ((b: Uint8Array) => void) | undefined;
    const ended = new Promise<void>((resolve) =>
      accept!({ onData: (fn) => void (onData = fn), onEnd: () => undefined, write: (b) => void (received += dec.decode(b)), end: () => resolve() }),
    );
    // Like a paused socket, the fake connection holds its bytes until kubectl listens for them.
    await s.waitFor('stream open', () => stdout.includes('Handling connection for 40123') && onData !== undefined, 10, 100);
    onData!(new TextEncoder().encode('GET / HTTP/1.0\r\n\r\n'));
    await advanceUntil(s.clock, ended, 50);
    expect(received).toContain('HTTP/1.1 200 OK');
    expect(received).toContain('Welcome to nginx!');
    abort.abort();
    expect(await advanceUntil(s.clock, run, 50)).toBe(0);
    setLocalListener(undefined);
  });
});
