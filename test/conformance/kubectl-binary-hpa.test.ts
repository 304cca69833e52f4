// The real kubectl (v1.32) against Kubelab's autoscaling API over HTTP: `autoscale` creates an
// autoscaling/v1 object, `get hpa` and `describe hpa` read the preferred autoscaling/v2 with its
// columns and describer, the HPA controller's conditions and events show in `describe` (this
// control plane has no kubelets, so no metrics: the failure a cluster without metrics-server shows),
// and an autoscaling/v2 manifest with behavior round-trips.
import { execFile } from 'node:child_process';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HorizontalPodAutoscaler } from '../../engine/api/autoscaling/v2/types.js';
import { newSharedInformerFactory } from '../../engine/client/informers/factory.js';
import { newForTransport } from '../../engine/client/kubernetes/clientset.js';
import { newBroadcaster, newEventSink } from '../../engine/client/tools/record/event.js';
import { hpaResource, newHorizontalController } from '../../engine/controller/podautoscaler/horizontal.js';
import { RealClock } from '../../engine/util/clock.js';
import { runKubectl } from '../../engine/kubectl/cmd/cmd.js';
import type { FileAccess } from '../../engine/kubectl/cmd/util/io.js';
import { startHTTPCluster, type HTTPCluster } from '../support/http-cluster.js';

const kubectlPath = process.env.KUBECTL ?? '/usr/bin/kubectl';
const haveKubectl = existsSync(kubectlPath);
if (!haveKubectl) console.log(`skipping the real-kubectl autoscaling conformance: no kubectl binary at ${kubectlPath}`);

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

const v2Manifest = `apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: tuned
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
  minReplicas: 2
  maxReplicas: 6
  metrics:
    - type: Resource
      resource: {name: memory, target: {type: AverageValue, averageValue: 100Mi}}
  behavior:
    scaleDown:
      stabilizationWindowSeconds: 60
      policies: [{type: Pods, value: 1, periodSeconds: 30}]
`;

/** hostFiles lets Kubelab's kubectl read the kubeconfig and manifests from disk. */
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

/** ours runs Kubelab's kubectl against the same server. */
async function ours(cluster: HTTPCluster, ...args: string[]): Promise<Result> {
  let stdout = '';
  let stderr = '';
  const code = await runKubectl(['--kubeconfig', cluster.kubeconfig, ...args], { stdin: async () => '', stdout: (x) => void (stdout += x), stderr: (x) => void (stderr += x), env: { HOME: cluster.dir }, files: hostFiles, clock: new RealClock() });
  return { code, stdout, stderr };
}

/** ageless blanks the ages (AGE columns, event ages) that may tick between two runs. */
const ageless = (s: string) => s.replace(/\b\d+(s|m\d*s?)\b/g, 'AGE');

describe.skipIf(!haveKubectl)('real kubectl: autoscale, get hpa, describe hpa', () => {
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

  it('autoscales a deployment and prints it as upstream does', async () => {
    await ok('create', 'deployment', 'web', '--image=nginx');
    expect(await ok('autoscale', 'deployment', 'web', '--cpu-percent=50', '--min=1', '--max=5')).toBe('horizontalpodautoscaler.autoscaling/web autoscaled\n');
    const lines = (await ok('get', 'hpa')).trimEnd().split('\n');
    expect(lines[0]).toMatch(/^NAME\s+REFERENCE\s+TARGETS\s+MINPODS\s+MAXPODS\s+REPLICAS\s+AGE$/);
    expect(lines[1]).toMatch(/^web\s+Deployment\/web\s+cpu: <unknown>\/50%\s+1\s+5\s+0\s+\d+s$/);
    expect(await ok('get', 'hpa', 'web', '-o', 'jsonpath={.apiVersion} {.spec.metrics[0].resource.target.averageUtilization}')).toBe('autoscaling/v2 50');
    expect(await ok('get', 'horizontalpodautoscalers.v1.autoscaling', 'web', '-o', 'jsonpath={.apiVersion} {.spec.targetCPUUtilizationPercentage}')).toBe('autoscaling/v1 50');
    expect(await ok('api-resources', '--api-group=autoscaling')).toMatch(/^horizontalpodautoscalers\s+hpa\s+autoscaling\/v2\s+true\s+HorizontalPodAutoscaler$/m);
  });

  it('describes the controller\'s conditions and events', async () => {
    const clock = new RealClock();
    const cs = newForTransport(cluster.plane.transport, 'kube-controller-manager/v1.32.0');
    const factory = newSharedInformerFactory(cs, clock);
    const broadcaster = newBroadcaster(clock);
    broadcaster.startRecordingToSink(newEventSink(cs));
    const hc = newHorizontalController({ clientset: cs, informerFactory: factory, clock, recorder: broadcaster.newRecorder({ component: 'horizontal-pod-autoscaler' }), options: { syncPeriod: 200 } });
    const stop = new AbortController();
    const running = hc.run(1, stop.signal);
    factory.start(stop.signal);
    const hpas = cs.resource<HorizontalPodAutoscaler>(hpaResource, 'default');
    for (let i = 0; i < 100 && !(await hpas.get('web')).status?.conditions; i++) await clock.sleep(50);
    stop.abort();
    await running;
    await factory.shutdown();
    await broadcaster.flush();

    const out = await ok('describe', 'hpa', 'web');
    expect(out).toMatch(/^Metrics:\s+\( current \/ target \)\n {2}resource cpu on pods {2}\(as a percentage of request\):\s+<unknown> \/ 50%$/m);
    expect(out).toMatch(/^Deployment pods:\s+1 current \/ 0 desired$/m);
    expect(out).toMatch(/^ {2}Type\s+Status\s+Reason\s+Message$/m);
    expect(out).toMatch(/^ {2}AbleToScale\s+True\s+SucceededGetScale\s+the HPA controller was able to get the target's current scale$/m);
    expect(out).toMatch(
      /^ {2}ScalingActive\s+False\s+FailedGetResourceMetric\s+the HPA was unable to compute the replica count: failed to get cpu utilization: unable to get metrics for resource cpu: unable to fetch metrics from resource metrics API: .*$/m,
    );
    expect(out).toMatch(/^ {2}Warning\s+FailedGetResourceMetric\s+.*horizontal-pod-autoscaler\s+failed to get cpu utilization: unable to get metrics for resource cpu: /m);
    expect(out).toMatch(/^ {2}Warning\s+FailedComputeMetricsReplicas\s+.*horizontal-pod-autoscaler\s+invalid metrics \(1 invalid out of 1\), first error is: failed to get cpu resource metric value: /m);
    // Kubelab's kubectl prints the same page, column for column.
    const mine = await ours(cluster, 'describe', 'hpa', 'web');
    expect(mine.stderr).toBe('');
    expect(mine.code).toBe(0);
    expect(ageless(mine.stdout)).toBe(ageless(await ok('describe', 'hpa', 'web')));
    expect(ageless((await ours(cluster, 'get', 'hpa')).stdout)).toBe(ageless(await ok('get', 'hpa')));
  });

  it('shows the current utilization once the status has it', async () => {
    const cs = newForTransport(cluster.plane.transport, 'test');
    const hpas = cs.resource<HorizontalPodAutoscaler>(hpaResource, 'default');
    const hpa = await hpas.get('web');
    await hpas.updateStatus({ ...hpa, status: { currentReplicas: 2, desiredReplicas: 2, currentMetrics: [{ type: 'Resource', resource: { name: 'cpu', current: { averageUtilization: 35, averageValue: '70m' } } }], conditions: hpa.status?.conditions } });
    expect((await ok('get', 'hpa', 'web')).split('\n')[1]).toMatch(/^web\s+Deployment\/web\s+cpu: 35%\/50%\s+1\s+5\s+2\s+/);
    expect(await ok('describe', 'hpa', 'web')).toMatch(/^ {2}resource cpu on pods {2}\(as a percentage of request\):\s+35% \(70m\) \/ 50%$/m);
  });

  it('applies an autoscaling/v2 manifest with behavior and describes it', async () => {
    const file = join(cluster.dir, 'tuned.yaml');
    writeFileSync(file, v2Manifest);
    expect(await ok('apply', '-f', file)).toBe('horizontalpodautoscaler.autoscaling/tuned created\n');
    const lines = (await ok('get', 'hpa', 'tuned')).trimEnd().split('\n');
    expect(lines[1]).toMatch(/^tuned\s+Deployment\/web\s+memory: <unknown>\/100Mi\s+2\s+6\s+0\s+/);
    const out = await ok('describe', 'hpa', 'tuned');
    expect(out).toMatch(/^ {2}resource memory on pods:\s+<unknown> \/ 100Mi$/m);
    expect(out).toContain('Behavior:\n  Scale Up:\n    Stabilization Window: 0 seconds\n    Select Policy: Max\n    Policies:\n');
    expect(out).toMatch(/^ {6}- Type: Pods\s+Value: 4\s+Period: 15 seconds$/m);
    expect(out).toMatch(/^ {2}Scale Down:\n {4}Stabilization Window: 60 seconds\n {4}Select Policy: Max\n {4}Policies:\n {6}- Type: Pods\s+Value: 1\s+Period: 30 seconds$/m);
    // autoscaling/v1 cannot say any of it: no CPU target, no behavior, nothing but the bounds.
    expect(ageless((await ours(cluster, 'describe', 'hpa', 'tuned')).stdout)).toBe(ageless(out));
    const v1 = JSON.parse(await ok('get', 'horizontalpodautoscalers.v1.autoscaling', 'tuned', '-o', 'jsonpath={.spec}'));
    expect(v1).toEqual({ scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }, minReplicas: 2, maxReplicas: 6 });
  });
});
