// Benchmark for what one pod change costs each watcher of a service's endpoints: a service with N
// ready pods (default 1000), then K readiness flips (default 100), one at a time, with the Endpoints
// controller and the EndpointSlice controller (max 100 endpoints per slice) both running. Counts the
// watch events and the bytes (JSON) a watcher of the Endpoints object and a watcher of the service's
// EndpointSlices (what kube-proxy reads) each receive. Prints figures measured in one run; nothing is asserted.
// Usage: node bin/run-ts.mjs bench/endpointslice.bench.ts [PODS] [FLIPS]
import type { Endpoints, Pod, Service } from '../engine/api/core/v1/types.js';
import type { EndpointSlice } from '../engine/api/discovery/v1/types.js';
import { rfc3339 } from '../engine/apimachinery/apis/meta/v1/time.js';
import { newSharedInformerFactory } from '../engine/client/informers/factory.js';
import { newForTransport } from '../engine/client/kubernetes/clientset.js';
import { advanceUntil } from '../engine/client/testing/advance.js';
import { startControlPlane } from '../engine/controlplane/instance.js';
import { newEndpointController } from '../engine/controller/endpoint/endpoints-controller.js';
import { newEndpointSliceController } from '../engine/controller/endpointslice/endpointslice-controller.js';
import { endpointSlicesResource } from '../engine/controller/endpointslice/reconciler.js';
import { VirtualClock } from '../engine/util/clock.js';

const [pods = 1000, flips = 100] = process.argv.slice(2).filter((a) => /^\d+$/.test(a)).map(Number);
const clock = new VirtualClock(Date.UTC(2026, 0, 1));
const cp = await startControlPlane({ clock, advertiseAddress: '192.168.1.100' });
const cs = newForTransport(cp.transport, 'kube-controller-manager/v1.32.0');
const stop = new AbortController();
const run = <T>(p: Promise<T>) => advanceUntil(clock, p);
const until = (cond: () => Promise<boolean>) =>
  run(
    (async () => {
      while (!(await cond())) await clock.sleep(100);
    })(),
  );

for (let n = 1; n <= 10; n++) await run(cs.coreV1().nodes().create({ apiVersion: 'v1', kind: 'Node', metadata: { name: `node-${n}` } }));
await run(cs.coreV1().services('default').create({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: { selector: { app: 'web' }, ports: [{ name: 'http', port: 80, targetPort: 80 }] } } as Service));
const setReady = async (pod: Pod, ready: boolean) => {
  const now = rfc3339(clock.now());
  return cs.coreV1().pods('default').updateStatus({ ...pod, status: { phase: 'Running', podIP: pod.status?.podIP, conditions: [{ type: 'Ready', status: ready ? 'True' : 'False', lastTransitionTime: now }] } });
};
const created: Pod[] = [];
for (let i = 0; i < pods; i++) {
  const pod = await run(cs.coreV1().pods('default').create({ apiVersion: 'v1', kind: 'Pod', metadata: { name: `web-${i}`, labels: { app: 'web' } }, spec: { nodeName: `node-${1 + (i % 10)}`, containers: [{ name: 'c', image: 'nginx', ports: [{ containerPort: 80 }] }] } } as Pod));
  created.push(await run(setReady({ ...pod, status: { podIP: `10.244.${i >> 8}.${i & 255}` } }, true)));
}

const factory = newSharedInformerFactory(cs, clock);
const v1 = factory.core().v1();
const errors = new Map<string, number>();
const onError = (component: string) => (err: unknown) => {
  const key = `${component}: ${String(err).slice(0, 160)}`;
  errors.set(key, (errors.get(key) ?? 0) + 1);
  if (process.env.DEBUG && errors.get(key) === 1) console.log(key);
};
const ec = newEndpointController(v1.pods(), v1.services(), v1.endpoints(), cs, clock);
ec.onError = onError('endpoints');
const esc = newEndpointSliceController(v1.pods(), v1.services(), v1.nodes(), factory.forResource<EndpointSlice>(endpointSlicesResource), cs, clock);
esc.onError = onError('endpointslice');
void ec.run(2, stop.signal);
void esc.run(2, stop.signal);
factory.start(stop.signal);
const slices = cs.resource<EndpointSlice>(endpointSlicesResource, 'default');
const readyIn = {
  endpoints: async () => ((await cs.coreV1().endpoints('default').get('web').catch(() => undefined)) as Endpoints | undefined)?.subsets?.reduce((n, s) => n + (s.addresses?.length ?? 0), 0) ?? 0,
  slices: async () => (await slices.list({ labelSelector: 'kubernetes.io/service-name=web' })).items.reduce((n, s) => n + s.endpoints.filter((e) => e.conditions?.ready).length, 0),
};
await until(async () => (await readyIn.endpoints()) === pods && (await readyIn.slices()) === pods);
const sliceCount = (await slices.list({ labelSelector: 'kubernetes.io/service-name=web' })).items.length;

/** tally counts the events and JSON bytes one watcher receives. */
async function tally(watch: Promise<AsyncIterable<{ object: unknown }> & { stop(): void }>) {
  const w = await watch;
  const t = { events: 0, bytes: 0, stop: () => w.stop() };
  void (async () => {
    for await (const e of w) {
      t.events++;
      t.bytes += JSON.stringify(e.object).length;
    }
  })();
  return t;
}
const rv = async () => (await cs.coreV1().pods('default').list({ limit: 1 })).metadata.resourceVersion;
const from = await run(rv());
const epWatch = await run(tally(cs.coreV1().endpoints('default').watch({ fieldSelector: 'metadata.name=web', resourceVersion: from })));
const sliceWatch = await run(tally(slices.watch({ labelSelector: 'kubernetes.io/service-name=web', resourceVersion: from })));

const t0 = performance.now();
for (let i = 0; i < flips; i++) {
  const pod = await run(cs.coreV1().pods('default').get(`web-${i * Math.floor(pods / flips)}`));
  await run(setReady(pod, false));
  await run(clock.sleep(100));
}
await until(async () => (await readyIn.endpoints()) === pods - flips && (await readyIn.slices()) === pods - flips);
await run(clock.sleep(2000));
const wall = performance.now() - t0;
epWatch.stop();
sliceWatch.stop();

const kb = (b: number) => (b / 1024).toFixed(1);
const perChange = (t: { bytes: number }) => t.bytes / flips;
console.log(`service with ${pods} pods in ${sliceCount} EndpointSlices; ${flips} readiness flips in ${(wall / 1000).toFixed(1)} s wall`);
console.log(`  Endpoints watcher:      ${epWatch.events} events, ${kb(epWatch.bytes)} KB (${kb(perChange(epWatch))} KB per pod change)`);
console.log(`  EndpointSlice watcher:  ${sliceWatch.events} events, ${kb(sliceWatch.bytes)} KB (${kb(perChange(sliceWatch))} KB per pod change)`);
for (const [k, n] of errors) console.log(`  controller error ×${n}: ${k}`);
console.log(`  ratio: a kube-proxy reading slices receives ${(epWatch.bytes / Math.max(1, sliceWatch.bytes)).toFixed(1)}× fewer bytes; over 1,000 nodes that is ${kb((perChange(epWatch) * 1000) / 1024)} MB vs ${kb((perChange(sliceWatch) * 1000) / 1024)} MB per pod change`);
stop.abort();
await run(factory.shutdown());
await cp.close();
if (/endpointslice\.bench\.[tj]s$/.test(process.argv[1] ?? '')) process.exit(0);
