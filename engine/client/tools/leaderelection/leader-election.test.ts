import { describe, it, expect } from 'vitest';
import { newServiceUnavailable } from '../../../apimachinery/api/errors/errors.js';
import { flushMicrotasks, VirtualClock } from '../../../util/clock.js';
import { newForTransport } from '../../kubernetes/clientset.js';
import { FakeAPI } from '../../testing/fake-api.js';
import { newLeaderElector } from './leader-election.js';
import { LeaderElectionRecordAnnotationKey, type LeaderElectionRecord } from './resourcelock/interface.js';
import { ConfigMapsResourceLock, EndpointsResourceLock, newLock } from './resourcelock/configmap-lock.js';

const settle = () => flushMicrotasks(200);

function candidate(api: FakeAPI, clock: VirtualClock, identity: string, log: string[], lockType = ConfigMapsResourceLock, releaseOnCancel = false) {
  let partitioned = false;
  const transport = async (req: Request) => {
    if (partitioned) {
      const s = newServiceUnavailable('unreachable').status;
      return new Response(JSON.stringify(s), { status: 503 });
    }
    return api.transport(req);
  };
  const lock = newLock(lockType, 'kube-system', 'kube-controller-manager', newForTransport(transport), { identity });
  const elector = newLeaderElector({
    lock,
    clock,
    leaseDuration: 15_000,
    renewDeadline: 10_000,
    retryPeriod: 2_000,
    releaseOnCancel,
    callbacks: {
      onStartedLeading: (signal) => {
        log.push(`${identity} started at ${(clock.now() - t0) / 1000}s`);
        signal.addEventListener('abort', () => log.push(`${identity} context done`));
      },
      onStoppedLeading: () => log.push(`${identity} stopped at ${(clock.now() - t0) / 1000}s`),
      onNewLeader: (id) => log.push(`${identity} sees ${id}`),
    },
  });
  const t0 = clock.now();
  const ctl = new AbortController();
  const done = elector.run(ctl.signal);
  return { elector, ctl, done, partition: (on: boolean) => void (partitioned = on) };
}

const recordOf = (api: FakeAPI, resource = 'configmaps') => JSON.parse(api.objectsOf(resource)[0]!.metadata.annotations![LeaderElectionRecordAnnotationKey]!) as LeaderElectionRecord;

async function run(clock: VirtualClock, ms: number) {
  for (let t = 0; t < ms; t += 500) {
    await clock.advance(500);
    await settle();
  }
}

describe('LeaderElector', () => {
  it('one candidate leads; the other takes over after the leader fails to renew', async () => {
    const clock = new VirtualClock();
    const api = new FakeAPI(clock);
    const log: string[] = [];
    const a = candidate(api, clock, 'a', log);
    await settle();
    const b = candidate(api, clock, 'b', log);
    await settle();
    expect(a.elector.isLeader()).toBe(true);
    expect(b.elector.isLeader()).toBe(false);
    expect(recordOf(api)).toMatchObject({ holderIdentity: 'a', leaseDurationSeconds: 15, leaderTransitions: 0 });

    await run(clock, 30_000); // a renews every 2 s, b keeps waiting
    expect(b.elector.isLeader()).toBe(false);
    expect(Date.parse(recordOf(api).renewTime)).toBeGreaterThan(clock.now() - 2_001);

    a.partition(true);
    await run(clock, 30_000);
    expect(log).toEqual([
      'a sees a',
      'a started at 0s',
      'b sees a',
      // a's last renewal was at 30 s; the round starting at 32 s fails until its 10 s deadline.
      'a context done',
      'a stopped at 42s',
      // b saw a's last renewal at ~30 s and takes over once 15 s have passed on its own clock.
      'b sees b',
      'b started at 46s',
    ]);
    expect(recordOf(api)).toMatchObject({ holderIdentity: 'b', leaderTransitions: 1 });
    await a.done;
    b.ctl.abort();
    await b.done;
  });

  it('releases the lock on cancel when asked, so a successor need not wait', async () => {
    const clock = new VirtualClock();
    const api = new FakeAPI(clock);
    const log: string[] = [];
    const a = candidate(api, clock, 'a', log, EndpointsResourceLock, true);
    await settle();
    const b = candidate(api, clock, 'b', log, EndpointsResourceLock);
    await settle();
    a.ctl.abort();
    await a.done;
    expect(recordOf(api, 'endpoints')).toMatchObject({ holderIdentity: '', leaseDurationSeconds: 1 });
    await run(clock, 4_000);
    expect(b.elector.isLeader()).toBe(true);
    expect(log).toContain('a stopped at 0s');
    b.ctl.abort();
    await b.done;
  });

  it('a candidate restarted with the holder\'s identity takes the unexpired lock over at once; another waits', async () => {
    const clock = new VirtualClock();
    const api = new FakeAPI(clock);
    const log: string[] = [];
    const a = candidate(api, clock, 'master_1', log);
    await settle();
    await run(clock, 4_000);
    // The process goes away without releasing (a crash, a closed tab): the record stays fresh.
    a.ctl.abort();
    await a.done;
    const before = recordOf(api);
    expect(before).toMatchObject({ holderIdentity: 'master_1' });
    await run(clock, 1_000);
    const other = candidate(api, clock, 'master_2', log);
    const again = candidate(api, clock, 'master_1', log);
    await settle();
    expect(again.elector.isLeader()).toBe(true);
    expect(other.elector.isLeader()).toBe(false);
    // Renewing its own record keeps the acquire time and counts no transition.
    expect(recordOf(api)).toMatchObject({ holderIdentity: 'master_1', acquireTime: before.acquireTime, leaderTransitions: 0 });
    await run(clock, 30_000);
    expect(other.elector.isLeader()).toBe(false);
    for (const c of [other, again]) c.ctl.abort();
    await Promise.all([other.done, again.done]);
  });

  it('validates its timings', () => {
    const base = { lock: {} as never, clock: new VirtualClock(), callbacks: { onStartedLeading: () => undefined, onStoppedLeading: () => undefined } };
    expect(() => newLeaderElector({ ...base, leaseDuration: 10_000, renewDeadline: 10_000, retryPeriod: 2_000 })).toThrow('leaseDuration must be greater than renewDeadline');
    expect(() => newLeaderElector({ ...base, leaseDuration: 15_000, renewDeadline: 2_000, retryPeriod: 2_000 })).toThrow('renewDeadline must be greater than retryPeriod*JitterFactor');
  });
});
