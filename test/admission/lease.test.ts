// coordination.k8s.io/v1 Lease through the API server: CRUD, optimistic concurrency for renewals,
// validation messages, the table `kubectl get leases` prints, and discovery.
import { afterEach, describe, expect, it } from 'vitest';
import type { TestServer } from '../../engine/apiserver/testing/test-server.js';
import { newAdmissionServer } from './helpers.js';

let t: TestServer;
afterEach(async () => t?.close());

const base = '/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases';
const table = { Accept: 'application/json;as=Table;v=v1;g=meta.k8s.io' };
const lease = (name: string, spec: Record<string, unknown> = {}) => ({
  apiVersion: 'coordination.k8s.io/v1',
  kind: 'Lease',
  metadata: { name },
  spec: { holderIdentity: name, leaseDurationSeconds: 40, renewTime: '2026-01-01T00:00:00.000000Z', ...spec },
});

describe('Lease', () => {
  it('is created, read, listed, renewed and deleted', async () => {
    t = await newAdmissionServer({}, ['kube-node-lease']);
    const created = await t.json('POST', base, lease('node-1'));
    expect(created.status).toBe(201);
    expect(created.body.spec).toEqual({ holderIdentity: 'node-1', leaseDurationSeconds: 40, renewTime: '2026-01-01T00:00:00.000000Z' });
    expect((await t.json('GET', `${base}/node-1`)).body.metadata.uid).toBe(created.body.metadata.uid);
    expect((await t.json('GET', base)).body).toMatchObject({ kind: 'LeaseList', apiVersion: 'coordination.k8s.io/v1', items: [{ metadata: { name: 'node-1' } }] });

    const renewed = { ...created.body, spec: { ...created.body.spec, renewTime: '2026-01-01T00:00:10.000000Z' } };
    const put = await t.json('PUT', `${base}/node-1`, renewed);
    expect(put.status).toBe(200);
    expect(put.body.spec.renewTime).toBe('2026-01-01T00:00:10.000000Z');
    // The first renewal's resourceVersion is stale now: a second candidate using it loses.
    const stale = await t.json('PUT', `${base}/node-1`, { ...renewed, spec: { ...renewed.spec, holderIdentity: 'other' } });
    expect(stale.status).toBe(409);
    expect(stale.body.reason).toBe('Conflict');

    expect((await t.json('DELETE', `${base}/node-1`)).status).toBe(200);
    expect((await t.json('GET', `${base}/node-1`)).status).toBe(404);
  });

  it('may be created by PUT but not updated without a resourceVersion', async () => {
    t = await newAdmissionServer({}, ['kube-system']);
    const path = '/apis/coordination.k8s.io/v1/namespaces/kube-system/leases/kube-scheduler';
    expect((await t.json('PUT', path, lease('kube-scheduler'))).status).toBe(201);
    const again = await t.json('PUT', path, lease('kube-scheduler'));
    expect(again.status).toBe(422);
    expect(again.body.message).toBe('Lease.coordination.k8s.io "kube-scheduler" is invalid: metadata.resourceVersion: Invalid value: 0: must be specified for an update');
  });

  const invalid: [string, Record<string, unknown>, string][] = [
    ['zero duration', { leaseDurationSeconds: 0 }, 'spec.leaseDurationSeconds: Invalid value: 0: must be greater than 0'],
    ['negative transitions', { leaseTransitions: -1 }, 'spec.leaseTransitions: Invalid value: -1: must be greater than or equal to 0'],
    ['preferredHolder alone', { preferredHolder: 'b' }, 'spec.preferredHolder: Forbidden: may only be specified if `strategy` is defined'],
  ];
  it.each(invalid)('refuses %s', async (_name, spec, detail) => {
    t = await newAdmissionServer({}, ['kube-node-lease']);
    const res = await t.json('POST', base, lease('x', spec));
    expect(res.status).toBe(422);
    expect(res.body.message).toBe(`Lease.coordination.k8s.io "x" is invalid: ${detail}`);
  });

  it('prints NAME HOLDER AGE and is discoverable', async () => {
    t = await newAdmissionServer({}, ['kube-node-lease']);
    await t.json('POST', base, lease('node-1'));
    await t.clock.advance(90_000);
    const res = await t.json('GET', base, undefined, table);
    expect(res.body.columnDefinitions.map((c: { name: string }) => c.name)).toEqual(['Name', 'Holder', 'Age']);
    expect(res.body.rows.map((r: { cells: unknown[] }) => r.cells)).toEqual([['node-1', 'node-1', '90s']]);
    const discovery = await t.json('GET', '/apis/coordination.k8s.io/v1');
    expect(discovery.body.resources).toContainEqual(expect.objectContaining({ name: 'leases', kind: 'Lease', namespaced: true, singularName: 'lease' }));
  });
});
