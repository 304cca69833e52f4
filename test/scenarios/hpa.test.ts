// The horizontal pod autoscaler end to end: a Deployment of nginx requesting 200m CPU behind a
// Service, `kubectl autoscale deployment web --cpu-percent=50 --min=1 --max=5`, then a busybox pod
// looping `wget -q -O- http://web`. nginx accounts CPU per request served, the kubelets report it,
// metrics.k8s.io serves it and the HPA controller scales the Deployment up (SuccessfulRescale
// events); once the load is gone the recommendation falls at once, but the 5-minute downscale
// stabilization window holds the replicas until it has passed, then they return to 1.
// Each answer waits for nginx's 10 ms of CPU work on the clock, and the loop's next request follows
// within the same clock step at most once: while load runs the clock moves in 20 ms steps, so the
// loop sends one request per step and keeps about half a core busy (with no think time on a real
// clock it would keep a whole core busy).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { advanceUntil } from '../../engine/client/testing/advance.js';
import { Scenario, table } from './harness.js';

const web = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 1
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
        - name: nginx
          image: nginx
          ports: [{containerPort: 80}]
          resources:
            requests: {cpu: 200m}
---
apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector: {app: web}
  ports: [{port: 80}]
`;

const load = `apiVersion: v1
kind: Pod
metadata:
  name: load-generator
  labels: {role: load}
spec:
  terminationGracePeriodSeconds: 0
  containers:
    - name: load
      image: busybox:1.36
      command: ["sh", "-c", "while true; do wget -q -O- http://web; done"]
`;

describe('horizontal pod autoscaler', () => {
  let s: Scenario;
  beforeAll(async () => {
    s = await Scenario.start();
  }, 120_000);
  afterAll(async () => s?.stop());

  const replicas = async () => (await s.client.appsV1().deployments('default').get('web')).spec?.replicas;
  const rescales = async () =>
    (await s.events())
      .filter((e) => e.involvedObject.kind === 'HorizontalPodAutoscaler' && e.reason === 'SuccessfulRescale')
      .sort((a, b) => (a.firstTimestamp ?? '').localeCompare(b.firstTimestamp ?? ''))
      .map((e) => e.message);
  /** hpaRow is `kubectl get hpa web`'s row: NAME REFERENCE TARGETS MINPODS MAXPODS REPLICAS AGE. */
  const hpaRow = async () => {
    const out = await s.ok('get', 'hpa', 'web');
    const [head, row] = out.trim().split('\n');
    expect(head!.split(/\s{2,}/)).toEqual(['NAME', 'REFERENCE', 'TARGETS', 'MINPODS', 'MAXPODS', 'REPLICAS', 'AGE']);
    return row!.split(/\s{2,}/);
  };
  /** drive lets seconds of cluster time pass in fine steps (the load loop runs once per step at most). */
  const drive = (seconds: number) => advanceUntil(s.clock, s.clock.sleep(seconds * 1000), 20, 1_000_000);

  it('scales a loaded Deployment up, and back to 1 after the stabilization window', async () => {
    await s.apply('web.yaml', web);
    await s.running('default', 'app=web', 1);
    expect(await s.ok('autoscale', 'deployment', 'web', '--cpu-percent=50', '--min=1', '--max=5')).toBe('horizontalpodautoscaler.autoscaling/web autoscaled\n');
    expect((await hpaRow()).slice(0, 6)).toEqual(['web', 'Deployment/web', 'cpu: <unknown>/50%', '1', '5', '0']);

    // The first sync (15 s) reads the idle pod: 1m of 200m.
    await s.idle(20);
    expect((await hpaRow()).slice(2, 6)).toEqual(['cpu: 0%/50%', '1', '5', '1']);
    expect(await rescales()).toEqual([]);

    await s.apply('load.yaml', load);
    await s.running('default', 'role=load', 1);
    let seconds = 0;
    while ((await replicas()) !== 5) {
      expect(seconds, 'scaled to 5 within 2 minutes of load').toBeLessThan(120);
      await drive(5);
      seconds += 5;
    }
    expect(await rescales()).toEqual([
      'New size: 4; reason: cpu resource utilization (percentage of request) above target',
      'New size: 5; reason: cpu resource utilization (percentage of request) above target',
    ]);
    await s.running('default', 'app=web', 5);
    await drive(30);
    const [, , targets, , , current] = await hpaRow();
    const busy = Number(/^cpu: (\d+)%\/50%$/.exec(targets!)?.[1]);
    // About half a core over five pods of 200m: ~50%, and far above what idle pods show.
    expect(busy).toBeGreaterThan(30);
    expect(current).toBe('5');
    const top = table(await s.ok('top', 'pods', '-l', 'app=web'));
    const millis = top.slice(1).map((r) => Number(r[1]!.replace(/m$/, '')));
    expect(millis.reduce((a, b) => a + b, 0)).toBeGreaterThan(300);

    const described = await s.ok('describe', 'hpa', 'web');
    expect(described).toMatch(/^Reference:\s+Deployment\/web$/m);
    expect(described).toMatch(/^Metrics:\s+\( current \/ target \)$/m);
    expect(described).toMatch(/^ {2}resource cpu on pods {2}\(as a percentage of request\):\s+\d+% \(\d+m\) \/ 50%$/m);
    expect(described).toMatch(/^Min replicas:\s+1$/m);
    expect(described).toMatch(/^Max replicas:\s+5$/m);
    expect(described).toMatch(/^Deployment pods:\s+5 current \/ 5 desired$/m);
    expect(described).toMatch(/^ {2}ScalingActive\s+True\s+ValidMetricFound\s+the HPA was able to successfully calculate a replica count from cpu resource utilization \(percentage of request\)$/m);
    expect(described).toMatch(/^ {2}Normal\s+SuccessfulRescale\s+\S+\s+horizontal-pod-autoscaler\s+New size: 5; reason: cpu resource utilization \(percentage of request\) above target$/m);

    // Load off: the recommendation drops to 1 at the next sync, the window keeps 5 for 5 minutes.
    await s.ok('delete', 'pod', 'load-generator');
    await s.waitFor('load generator gone', async () => (await s.pods('default', 'role=load')).length === 0);
    const stopped = s.clock.now();
    await s.idle(4 * 60);
    expect(await replicas()).toBe(5);
    expect((await hpaRow())[2]).toBe('cpu: 0%/50%');
    expect(await s.ok('describe', 'hpa', 'web')).toMatch(/^ {2}AbleToScale\s+True\s+ScaleDownStabilized\s+recent recommendations were higher than current one, applying the highest recent recommendation$/m);
    await s.waitFor('scaled back to 1', async () => (await replicas()) === 1, 120);
    const held = (s.clock.now() - stopped) / 1000;
    expect(held).toBeGreaterThanOrEqual(4 * 60 + 30);
    expect(held).toBeLessThanOrEqual(5 * 60 + 30);
    expect((await rescales()).at(-1)).toBe('New size: 1; reason: All metrics below target');
    await s.running('default', 'app=web', 1);
    await s.idle(20);
    expect((await hpaRow()).slice(2, 6)).toEqual(['cpu: 0%/50%', '1', '5', '1']);
  }, 600_000);
});
