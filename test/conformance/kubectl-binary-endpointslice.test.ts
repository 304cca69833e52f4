// The real kubectl (v1.32) against Kubelab's discovery.k8s.io/v1 API over HTTP: the EndpointSlice
// controller's slices of a service with six pods, then a hand-written slice; `get endpointslices`
// prints NAME ADDRESSTYPE PORTS ENDPOINTS AGE from the server's table, `describe endpointslice` the
// client's describer, and Kubelab's kubectl prints the same pages.
import { execFile } from 'node:child_process';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Pod } from '../../engine/api/core/v1/types.js';
import type { EndpointSlice } from '../../engine/api/discovery/v1/types.js';
import { rfc3339 } from '../../engine/apimachinery/apis/meta/v1/time.js';
import { newSharedInformerFactory } from '../../engine/client/informers/factory.js';
import { newForTransport } from '../../engine/client/kubernetes/clientset.js';
import { newEndpointSliceController } from '../../engine/controller/endpointslice/endpointslice-controller.js';
import { endpointSlicesResource } from '../../engine/controller/endpointslice/reconciler.js';
import { runKubectl } from '../../engine/kubectl/cmd/cmd.js';
import type { FileAccess } from '../../engine/kubectl/cmd/util/io.js';
import { RealClock } from '../../engine/util/clock.js';
import { startHTTPCluster, type HTTPCluster } from '../support/http-cluster.js';

const kubectlPath = process.env.KUBECTL ?? '/usr/bin/kubectl';
const haveKubectl = existsSync(kubectlPath);
if (!haveKubectl) console.log(`skipping the real-kubectl EndpointSlice conformance: no kubectl binary at ${kubectlPath}`);

interface Result {
  code: number;
  stdout: string;
  stderr: string;
}

function kubectl(cluster: HTTPCluster, ...args: string[]): Promise<Result> {
  return new Promise((resolve) => {
    execFile(kubectlPath, ['--kubeconfig', cluster.kubeconfig, ...args], { env: { PATH: process.env.PATH ?? '', HOME: cluster.dir }, timeout: 30_000 }, (err, stdout, stderr) => {
      const code = err ? (typeof (err as { code?: unknown }).code === 'number' ? (err as { code: number }).code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

const hostFiles: FileAccess = {
  readFile: async (p) => readFileSync(p, 'utf8'),
  writeFile: async (p, d) => writeFileSync(p, d),
  stat: async (p) => {
    try {
      return statSync(p).isDirectory() ? 'dir' : 'file';
    } catch {
      return undefined;
    }
  },
  readDir: async () => [],
};

async function ours(cluster: HTTPCluster, ...args: string[]): Promise<Result> {
  let stdout = '';
  let stderr = '';
  const code = await runKubectl(['--kubeconfig', cluster.kubeconfig, ...args], { stdin: async () => '', stdout: (x) => void (stdout += x), stderr: (x) => void (stderr += x), env: { HOME: cluster.dir }, files: hostFiles, clock: new RealClock() });
  return { code, stdout, stderr };
}

const ageless = (s: string) => s.replace(/\b\d+(s|m\d*s?)\b/g, 'AGE');

const manual = `apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata:
  name: external-1
  labels:
    kubernetes.io/service-name: external
addressType: IPv4
ports:
  - name: http
    port: 8080
  - name: metrics
    port: 9090
endpoints:
  - addresses: ["192.168.10.4"]
    conditions: {ready: true}
    hostname: db-0
    zone: zone-a
`;

describe.skipIf(!haveKubectl)('real kubectl: get and describe endpointslices', () => {
  let cluster: HTTPCluster;
  beforeAll(async () => {
    cluster = await startHTTPCluster();
  });
  afterAll(async () => {
    await cluster?.stop();
  });

  const ok = async (...args: string[]) => {
    const r = await kubectl(cluster, ...args);
    expect(r.stderr, `kubectl ${args.join(' ')}`).toBe('');
    expect(r.code).toBe(0);
    return r.stdout;
  };

  it('lists the controller\'s slice of a service with six pods', async () => {
    const clock = new RealClock();
    const cs = newForTransport(cluster.plane.transport, 'kube-controller-manager/v1.32.0');
    await cs.coreV1().nodes().create({ apiVersion: 'v1', kind: 'Node', metadata: { name: 'node-1' } });
    await cs.coreV1().services('default').create({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: { selector: { app: 'web' }, ports: [{ name: 'http', port: 80, targetPort: 80 }] } });
    for (let i = 1; i <= 6; i++) {
      const pod = await cs.coreV1().pods('default').create({ apiVersion: 'v1', kind: 'Pod', metadata: { name: `web-${i}`, labels: { app: 'web' } }, spec: { nodeName: 'node-1', containers: [{ name: 'c', image: 'nginx' }] } } as Pod);
      const now = rfc3339(Date.now());
      await cs.coreV1().pods('default').updateStatus({ ...pod, status: { phase: 'Running', podIP: `10.244.1.${i}`, conditions: [{ type: 'Ready', status: i === 6 ? 'False' : 'True', lastTransitionTime: now }] } });
    }
    const factory = newSharedInformerFactory(cs, clock);
    const v1 = factory.core().v1();
    const ctl = newEndpointSliceController(v1.pods(), v1.services(), v1.nodes(), factory.forResource<EndpointSlice>(endpointSlicesResource), cs, clock);
    const stop = new AbortController();
    const running = ctl.run(1, stop.signal);
    factory.start(stop.signal);
    const slices = cs.resource<EndpointSlice>(endpointSlicesResource, 'default');
    for (let i = 0; i < 100 && (await slices.list({ labelSelector: 'kubernetes.io/service-name=web' })).items[0]?.endpoints.length !== 6; i++) await clock.sleep(50);
    stop.abort();
    await running;
    await factory.shutdown();

    const lines = (await ok('get', 'endpointslices')).trimEnd().split('\n');
    expect(lines[0]).toMatch(/^NAME\s+ADDRESSTYPE\s+PORTS\s+ENDPOINTS\s+AGE$/);
    expect(lines.slice(1).join('\n')).toMatch(/^web-[a-z0-9]{5}\s+IPv4\s+80\s+10\.244\.1\.\d,10\.244\.1\.\d,10\.244\.1\.\d \+ 3 more\.\.\.\s+\d+s$/m);
    expect(ageless((await ours(cluster, 'get', 'endpointslices')).stdout)).toBe(ageless(await ok('get', 'endpointslices')));
    expect(await ok('get', 'endpointslices', '-l', 'kubernetes.io/service-name=web', '-o', 'jsonpath={.items[0].metadata.ownerReferences[0].kind}/{.items[0].metadata.labels.endpointslice\\.kubernetes\\.io/managed-by}')).toBe('Service/endpointslice-controller.k8s.io');
    expect(await ok('api-resources', '--api-group=discovery.k8s.io')).toMatch(/^endpointslices\s+discovery\.k8s\.io\/v1\s+true\s+EndpointSlice$/m);

    const name = lines[1]!.split(/\s+/)[0]!;
    const out = await ok('describe', 'endpointslice', name);
    expect(out).toMatch(/^AddressType:\s+IPv4$/m);
    expect(out).toMatch(/^Ports:\n {2}Name\s+Port\s+Protocol\n {2}----\s+----\s+--------\n {2}http\s+80\s+TCP$/m);
    expect(out).toMatch(/^ {2}- Addresses:\s+10\.244\.1\.6\n {4}Conditions:\n {6}Ready:\s+false\n {4}Hostname:\s+<unset>\n {4}TargetRef:\s+Pod\/web-6\n {4}NodeName:\s+node-1\n {4}Zone:\s+<unset>$/m);
    const mine = await ours(cluster, 'describe', 'endpointslice', name);
    expect(mine.stderr).toBe('');
    expect(ageless(mine.stdout)).toBe(ageless(out));
  });

  it('applies a hand-written slice and prints it alike', async () => {
    const file = join(cluster.dir, 'slice.yaml');
    writeFileSync(file, manual);
    expect(await ok('apply', '-f', file)).toBe('endpointslice.discovery.k8s.io/external-1 created\n');
    expect((await ok('get', 'endpointslice', 'external-1')).split('\n')[1]).toMatch(/^external-1\s+IPv4\s+8080,9090\s+192\.168\.10\.4\s+\d+s$/);
    const out = await ok('describe', 'endpointslice', 'external-1');
    expect(out).toMatch(/^ {2}http\s+8080\s+TCP\n {2}metrics\s+9090\s+TCP$/m);
    expect(out).toMatch(/^ {4}Hostname:\s+db-0$/m);
    expect(out).toMatch(/^ {4}Zone:\s+zone-a$/m);
    expect(ageless((await ours(cluster, 'describe', 'endpointslice', 'external-1')).stdout)).toBe(ageless(out));
    // addressType is immutable, with upstream's message.
    const bad = await kubectl(cluster, 'patch', 'endpointslice', 'external-1', '--type=merge', '-p', '{"addressType":"FQDN"}');
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain('addressType: Invalid value: "FQDN": field is immutable');
  });
});
