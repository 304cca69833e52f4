// The documents' replication controller scenarios on a 3-node cluster: scaling, a deleted pod coming
// back under a new name, orphaning on delete, and relabeling a pod out of the controller's selector.
import { readFile } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Scenario, table } from './harness.js';

const rc = () => readFile(new URL('../fixtures/scenarios/nginx-rc.yaml', import.meta.url), 'utf8');

describe('replication controller scenarios', () => {
  let s: Scenario;
  beforeEach(async () => {
    s = await Scenario.start();
  });
  afterEach(async () => {
    await s.stop();
  });

  it('kubectl scale rc nginx --replicas=3 adds a Running pod and records SuccessfulCreate', async () => {
    await s.apply('rc.yaml', await rc());
    await s.running('default', 'app=nginx', 2);
    expect(await s.ok('scale', 'rc', 'nginx', '--replicas=3')).toBe('replicationcontroller/nginx scaled\n');
    const pods = await s.running('default', 'app=nginx', 3);
    expect(pods.every((p) => p.metadata.ownerReferences?.[0]?.kind === 'ReplicationController')).toBe(true);
    const rows = table(await s.ok('get', 'rc', 'nginx'));
    expect(rows[0]).toEqual(['NAME', 'DESIRED', 'CURRENT', 'READY', 'AGE']);
    expect(rows[1]!.slice(0, 4)).toEqual(['nginx', '3', '3', '3']);
    const created = (await s.events()).filter((e) => e.involvedObject.kind === 'ReplicationController' && e.reason === 'SuccessfulCreate');
    expect(created.map((e) => e.message).sort()).toEqual(pods.map((p) => `Created pod: ${p.metadata.name}`).sort());
  });

  it('a deleted pod comes back under a new name; delete --cascade=orphan leaves the pods running', async () => {
    await s.apply('rc.yaml', await rc());
    const before = await s.running('default', 'app=nginx', 2);
    const victim = before[0]!.metadata.name!;
    expect(await s.ok('delete', 'pod', victim)).toBe(`pod "${victim}" deleted\n`);
    const after = await s.running('default', 'app=nginx', 2);
    const names = after.map((p) => p.metadata.name!);
    expect(names).not.toContain(victim);
    expect(names).toContain(before[1]!.metadata.name);
    expect(names.every((n) => /^nginx-[a-z0-9]{5}$/.test(n))).toBe(true);

    expect(await s.ok('delete', 'rc', 'nginx', '--cascade=orphan')).toBe('replicationcontroller "nginx" deleted\n');
    await s.waitFor('owner references removed', async () => (await s.pods()).every((p) => !p.metadata.ownerReferences?.length));
    await s.idle(10);
    const left = await s.running('default', 'app=nginx', 2);
    expect(left.map((p) => p.metadata.name).sort()).toEqual([...names].sort());
    expect((await s.kubectl('get', 'rc', 'nginx')).stderr).toBe('Error from server (NotFound): replicationcontrollers "nginx" not found\n');
  });

  it('relabeling a pod out of the selector detaches it: the RC makes a new one, the old one keeps running', async () => {
    await s.apply('rc.yaml', await rc());
    const before = await s.running('default', 'app=nginx', 2);
    const x = before[0]!.metadata.name!;
    expect(await s.ok('label', 'pod', x, 'app=other', '--overwrite')).toBe(`pod/${x} labeled\n`);
    const now = await s.running('default', 'app=nginx', 2);
    expect(now.map((p) => p.metadata.name)).not.toContain(x);
    await s.waitFor('the relabeled pod to lose its owner', async () => !(await s.client.coreV1().pods('default').get(x)).metadata.ownerReferences?.length);
    const old = await s.client.coreV1().pods('default').get(x);
    expect(old.status?.phase).toBe('Running');
    expect(old.metadata.labels).toEqual({ app: 'other' });
    const rows = table(await s.ok('get', 'pods', '-l', 'app=other'));
    expect(rows.slice(1).map((r) => [r[0], r[2]])).toEqual([[x, 'Running']]);
    expect(table(await s.ok('get', 'rc', 'nginx'))[1]!.slice(1, 4)).toEqual(['2', '2', '2']);
  });
});
