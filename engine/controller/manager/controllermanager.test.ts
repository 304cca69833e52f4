import { describe, it, expect, afterEach } from 'vitest';
import type { ReplicationController } from '../../api/core/v1/types.js';
import { MergePatchType } from '../../client/rest/client.js';
import { newHarness, kubeletTick, type Harness } from '../../../test/support/controller-harness.js';
import { ControllerManager } from './controllermanager.js';
import { isControllerEnabled, newControllerInitializers } from './controllers.js';
import { defaultOptions, parseDuration, parseFlags } from './options.js';

describe('options', () => {
  const cases = [
    { argv: [], want: {} },
    { argv: ['--concurrent-deployment-syncs=10', '--concurrent_rc_syncs', '3'], want: { concurrentDeploymentSyncs: 10, concurrentRCSyncs: 3 } },
    { argv: ['--node-monitor-grace-period=1m30s', '--pod-eviction-timeout=2m'], want: { nodeMonitorGracePeriod: 90_000, podEvictionTimeout: 120_000 } },
    { argv: ['--leader-elect=false', '--controllers=*,-garbagecollector'], want: { leaderElect: false, controllers: ['*', '-garbagecollector'] } },
    {
      argv: ['--horizontal-pod-autoscaler-sync-period=30s', '--horizontal-pod-autoscaler-downscale-stabilization=1m', '--horizontal-pod-autoscaler-tolerance=0.05', '--horizontal-pod-autoscaler-cpu-initialization-period=2m', '--horizontal-pod-autoscaler-initial-readiness-delay', '10s'],
      want: { horizontalPodAutoscalerSyncPeriod: 30_000, horizontalPodAutoscalerDownscaleStabilizationWindow: 60_000, horizontalPodAutoscalerTolerance: 0.05, horizontalPodAutoscalerCPUInitializationPeriod: 120_000, horizontalPodAutoscalerInitialReadinessDelay: 10_000 },
    },
  ];
  it.each(cases)('parses $argv', ({ argv, want }) => {
    expect(parseFlags(argv).options).toEqual({ ...defaultOptions(), ...want });
  });
  it('has upstream\'s autoscaler defaults: 15s sync, 5m stabilization, 0.1 tolerance, 5m CPU initialization, 30s readiness delay', () => {
    expect(defaultOptions()).toMatchObject({
      horizontalPodAutoscalerSyncPeriod: 15_000,
      horizontalPodAutoscalerDownscaleStabilizationWindow: 300_000,
      horizontalPodAutoscalerTolerance: 0.1,
      horizontalPodAutoscalerCPUInitializationPeriod: 300_000,
      horizontalPodAutoscalerInitialReadinessDelay: 30_000,
    });
    expect(() => parseFlags(['--horizontal-pod-autoscaler-tolerance=lots'])).toThrow('invalid argument "lots" for "--horizontal-pod-autoscaler-tolerance" flag: strconv.ParseFloat: parsing "lots": invalid syntax');
  });
  it('rejects bad values and passes unknown flags through', () => {
    expect(() => parseFlags(['--concurrent-gc-syncs=x'])).toThrow('invalid argument "x" for "--concurrent-gc-syncs" flag');
    expect(() => parseDuration('5 minutes')).toThrow('time: invalid duration "5 minutes"');
    expect(parseFlags(['--master=http://x:8080']).rest).toEqual(['--master=http://x:8080']);
  });
  it('reads --controllers like upstream', () => {
    expect(isControllerEnabled('deployment', ['*'])).toBe(true);
    expect(isControllerEnabled('deployment', ['*', '-deployment'])).toBe(false);
    expect(isControllerEnabled('deployment', ['replicaset'])).toBe(false);
    expect(isControllerEnabled('replicaset', ['replicaset'])).toBe(true);
  });
  it('registers the controllers of both halves', () => {
    expect([...newControllerInitializers().keys()]).toEqual(expect.arrayContaining(['replicaset', 'replicationcontroller', 'deployment', 'endpoint', 'garbagecollector', 'namespace', 'serviceaccount', 'serviceaccount-token', 'nodelifecycle', 'job', 'horizontalpodautoscaling']));
    expect(isControllerEnabled('horizontalpodautoscaling', ['*'])).toBe(true);
  });
});

let h: Harness;
afterEach(async () => h?.close());

const rc = (name: string, replicas: number): ReplicationController => ({
  apiVersion: 'v1',
  kind: 'ReplicationController',
  metadata: { name, namespace: 'default' },
  spec: { replicas, selector: { app: name }, template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } } },
});

describe('ControllerManager with --leader-elect', () => {
  it('runs controllers in one of two managers; the other takes over when the first stops renewing', async () => {
    h = await newHarness();
    const subset = new Map([...newControllerInitializers()].filter(([name]) => name === 'replicationcontroller'));
    const mk = (identity: string) => new ControllerManager({ transport: h.cp.transport, clock: h.clock, initializers: subset, options: { identity } });
    const a = mk('master-a');
    const b = mk('master-b');
    const stopA = new AbortController();
    const stopB = new AbortController();
    const runA = a.run(stopA.signal);
    await h.waitFor(() => a.started.length > 0, 'a leads');
    void b.run(stopB.signal);
    h.onStep(() => kubeletTick(h.cs, h.clock, 'default'));
    await h.cs.coreV1().replicationControllers('default').create(rc('web', 2));
    await h.waitFor(async () => (await h.cs.coreV1().pods('default').list()).items.length === 2, 'pods by a');
    expect(a.isLeader()).toBe(true);
    expect(b.isLeader()).toBe(false);
    expect(b.started).toEqual([]);
    const lock = await h.cs.coreV1().configMaps('kube-system').get('kube-controller-manager');
    expect(JSON.parse(lock.metadata.annotations!['control-plane.alpha.kubernetes.io/leader']!).holderIdentity).toBe('master-a');

    stopA.abort(); // a stops renewing (and working)
    await runA;
    await h.cs.coreV1().replicationControllers('default').patch('web', MergePatchType, { spec: { replicas: 3 } });
    await h.waitFor(() => b.started.length > 0, 'b takes over', 1000, 60);
    expect(b.isLeader()).toBe(true);
    await h.waitFor(async () => (await h.cs.coreV1().pods('default').list()).items.filter((p) => !p.metadata.deletionTimestamp).length === 3, 'pods by b');
    stopB.abort();
  });
});
