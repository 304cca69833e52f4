// Benchmarks for the API server: creates/s, get and list latency over 10k pods, watch delivery to
// 100 watchers and memory per 10k pods — in-process (the handler called directly) and over HTTP.
// Prints figures measured in one run, with the targets beside them; nothing is asserted.
import { startControlPlane, type ControlPlane } from '../engine/controlplane/instance.js';
import { serve } from '../engine/host/http-server.js';
import { RealClock } from '../engine/util/clock.js';

type Send = (method: string, path: string, body?: unknown, headers?: Record<string, string>) => Promise<Response>;

const podsPath = '/api/v1/namespaces/default/pods';
const tableAccept = 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json';

function pod(i: number): unknown {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: `web-${i}`, labels: { app: 'web', shard: String(i % 10) } },
    spec: { containers: [{ name: 'web', image: 'kubelab/nginx:1.27', ports: [{ containerPort: 80 }], resources: { requests: { cpu: '100m', memory: '64Mi' } } }] },
  };
}

function sender(base: string, transport: (r: Request) => Promise<Response>): Send {
  return (method, path, body, headers = {}) =>
    transport(
      new Request(base + path, {
        method,
        headers: { 'Content-Type': 'application/json', Accept: 'application/json', ...headers },
        body: body === undefined ? undefined : JSON.stringify(body),
      }),
    );
}

async function createPods(send: Send, from: number, count: number, concurrency: number): Promise<number> {
  const start = performance.now();
  for (let done = 0; done < count; done += concurrency) {
    const wave: Promise<void>[] = [];
    for (let i = from + done; i < from + Math.min(count, done + concurrency); i++) {
      wave.push(
        send('POST', podsPath, pod(i)).then(async (r) => {
          if (r.status !== 201) throw new Error(`create failed: ${r.status} ${await r.text()}`);
          await r.arrayBuffer();
        }),
      );
    }
    await Promise.all(wave);
  }
  return count / ((performance.now() - start) / 1000);
}

async function timeIt(runs: number, fn: () => Promise<unknown>): Promise<{ p50: number; min: number }> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { p50: times[Math.floor(times.length / 2)]!, min: times[0]! };
}

const drain = async (r: Response) => {
  if (r.status !== 200) throw new Error(`HTTP ${r.status}`);
  return r.arrayBuffer();
};

async function watchDelivery(send: Send, watchers: number, events: number): Promise<number> {
  const list = (await (await send('GET', `${podsPath}?limit=1`)).json()) as { metadata: { resourceVersion: string } };
  const rv = list.metadata.resourceVersion;
  const aborts: AbortController[] = [];
  const finished: Promise<void>[] = [];
  for (let w = 0; w < watchers; w++) {
    const abort = new AbortController();
    aborts.push(abort);
    const res = await send('GET', `/api/v1/namespaces/bench-watch/configmaps?watch=1&resourceVersion=${rv}`, undefined, {});
    finished.push(
      (async () => {
        const reader = res.body!.getReader();
        let seen = 0;
        const decoder = new TextDecoder();
        while (seen < events) {
          const { value, done } = await reader.read();
          if (done) break;
          seen += decoder.decode(value, { stream: true }).split('\n').length - 1;
        }
        await reader.cancel();
      })(),
    );
  }
  const start = performance.now();
  for (let i = 0; i < events; i++) {
    const r = await send('POST', '/api/v1/namespaces/bench-watch/configmaps', { metadata: { name: `cm-${i}` }, data: { i: String(i) } });
    await r.arrayBuffer();
  }
  await Promise.all(finished);
  aborts.forEach((a) => a.abort());
  return (watchers * events) / ((performance.now() - start) / 1000);
}

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const ms = (n: number) => `${n.toFixed(1)} ms`;

async function suite(label: string, plane: ControlPlane, send: Send): Promise<void> {
  await (await send('POST', '/api/v1/namespaces', { metadata: { name: 'bench-watch' } })).arrayBuffer();
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  const rate = await createPods(send, 0, 10_000, 64);
  gc?.();
  const heapAfter = process.memoryUsage().heapUsed;
  console.log(`[${label}] creates/s (10k pods, 64 in flight):  ${fmt(rate)}   (target ≥ 5,000 in-process)`);
  if (gc) console.log(`[${label}] heap per 10k pods (store + cache):  ${((heapAfter - heapBefore) / 1024 / 1024).toFixed(1)} MiB`);
  const get = await timeIt(200, async () => drain(await send('GET', `${podsPath}/web-5000`)));
  console.log(`[${label}] get one pod:                        p50 ${ms(get.p50)}`);
  const list = await timeIt(10, async () => drain(await send('GET', podsPath)));
  console.log(`[${label}] list 10k pods (JSON):               p50 ${ms(list.p50)}, best ${ms(list.min)}   (target < 100 ms)`);
  const table = await timeIt(10, async () => drain(await send('GET', `${podsPath}?limit=500`, undefined, { Accept: tableAccept })));
  console.log(`[${label}] kubectl get pods page (500, Table): p50 ${ms(table.p50)}`);
  const selected = await timeIt(10, async () => drain(await send('GET', `${podsPath}?labelSelector=shard%3D3`)));
  console.log(`[${label}] list by label (1k of 10k):          p50 ${ms(selected.p50)}`);
  const delivered = await watchDelivery(send, 100, 200);
  console.log(`[${label}] watch events delivered/s (100 watchers × 200 events): ${fmt(delivered)}`);
  void plane;
}

async function main(): Promise<void> {
  const clock = new RealClock();
  const inProcess = await startControlPlane({ clock });
  await suite('in-process', inProcess, sender('http://kubelab.local', inProcess.transport));
  await inProcess.close();

  const overHTTP = await startControlPlane({ clock });
  const served = await serve(overHTTP.apiserver.handler);
  await suite('http', overHTTP, sender(served.url, (r) => fetch(r)));
  await served.close();
  await overHTTP.close();
}

await main();
