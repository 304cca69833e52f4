// Mirrors pkg/kubelet/prober/prober.go and pkg/probe/{exec,http,tcp}: run one probe of a container
// and describe a failure the way upstream's Unhealthy events do ("HTTP probe failed with
// statuscode: 500", `dial tcp 10.244.1.5:80: connect: connection refused`). HTTP and TCP probes
// connect to the pod IP from the pod's network namespace.
import type { Container, IntOrString, Probe } from '../../api/core/v1/types.js';
import type { NetStack, NetError } from '../../net/types.js';
import { httpRequest } from '../../images/lib/http.js';
import { connect } from '../../images/lib/process-util.js';
import type { RuntimeService } from '../cri/api.js';
import type { Clock } from '../../util/clock.js';

export type ProbeResult = 'Success' | 'Failure' | 'Warning';

export interface ProbeOutcome {
  result: ProbeResult;
  output: string;
}

export interface ProbeTarget {
  runtime: RuntimeService;
  containerID: string;
  container: Container;
  podIP: string;
  net: NetStack | undefined;
  clock: Clock;
}

/** resolvePort turns a named port into the container's number (findPortByName). */
export function resolvePort(port: IntOrString, container: Container): number {
  if (typeof port === 'number') return port;
  const n = Number(port);
  if (Number.isInteger(n) && String(n) === port) return n;
  const found = container.ports?.find((p) => p.name === port);
  if (!found) throw new Error(`couldn't find port: ${port} in ${JSON.stringify(container.ports ?? [])}`);
  return found.containerPort;
}

function dialError(err: unknown, host: string, port: number): string {
  const code = (err as NetError).code;
  if (code === 'ECONNREFUSED') return `dial tcp ${host}:${port}: connect: connection refused`;
  if (code === 'ETIMEDOUT') return `dial tcp ${host}:${port}: i/o timeout`;
  if (code === 'EHOSTUNREACH') return `dial tcp ${host}:${port}: connect: no route to host`;
  return `dial tcp ${host}:${port}: ${(err as Error).message}`;
}

/** runProbe executes the probe's handler once. */
export async function runProbe(probe: Probe, t: ProbeTarget): Promise<ProbeOutcome> {
  const timeoutMs = (probe.timeoutSeconds ?? 1) * 1000;
  try {
    if (probe.exec) {
      try {
        const r = await t.runtime.execSync(t.containerID, probe.exec.command ?? [], probe.timeoutSeconds ?? 1);
        return { result: r.exitCode === 0 ? 'Success' : 'Failure', output: r.stdout + r.stderr };
      } catch (err) {
        return { result: 'Failure', output: (err as Error).message };
      }
    }
    if (!t.net) return { result: 'Failure', output: 'pod network namespace not found' };
    if (probe.httpGet) {
      const g = probe.httpGet;
      const host = g.host || t.podIP;
      const port = resolvePort(g.port, t.container);
      const path = g.path || '/';
      const url = `${(g.scheme ?? 'HTTP').toLowerCase()}://${host}:${port}${path.startsWith('/') ? path : `/${path}`}`;
      const headers: Record<string, string> = { 'User-Agent': 'kube-probe/1.32', Accept: '*/*' };
      for (const h of g.httpHeaders ?? []) headers[h.name] = h.value;
      try {
        const res = await withTimeout(t.clock, httpRequest(t.net, { address: host, port, target: path, headers, timeoutMs }), timeoutMs);
        if (res === 'timeout') return { result: 'Failure', output: `Get "${url}": context deadline exceeded (Client.Timeout exceeded while awaiting headers)` };
        if (res.status >= 200 && res.status < 400) return { result: 'Success', output: '' };
        return { result: 'Failure', output: `HTTP probe failed with statuscode: ${res.status}` };
      } catch (err) {
        return { result: 'Failure', output: `Get "${url}": ${dialError(err, host, port)}` };
      }
    }
    if (probe.tcpSocket) {
      const host = probe.tcpSocket.host || t.podIP;
      const port = resolvePort(probe.tcpSocket.port, t.container);
      try {
        const socket = await withTimeout(t.clock, connect(t.net, host, port, timeoutMs), timeoutMs);
        if (socket === 'timeout') return { result: 'Failure', output: `dial tcp ${host}:${port}: i/o timeout` };
        socket.destroy();
        return { result: 'Success', output: '' };
      } catch (err) {
        return { result: 'Failure', output: dialError(err, host, port) };
      }
    }
    return { result: 'Warning', output: 'unknown probe handler' };
  } catch (err) {
    return { result: 'Failure', output: (err as Error).message };
  }
}

/** withTimeout races p against the clock (the probe's timeoutSeconds). */
function withTimeout<T>(clock: Clock, p: Promise<T>, ms: number): Promise<T | 'timeout'> {
  let timer: { stop(): void } | undefined;
  const expired = new Promise<'timeout'>((resolve) => (timer = clock.setTimer(ms, () => resolve('timeout'))));
  return Promise.race([p, expired]).finally(() => timer?.stop());
}
