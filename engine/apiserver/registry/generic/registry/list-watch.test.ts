import { describe, it, expect, afterEach } from 'vitest';
import { newFixtureServer, readEvents, type TestServer } from '../../../testing/test-server.js';

let t: TestServer;
afterEach(async () => t?.close());

const base = '/api/v1/namespaces/default/configmaps';
async function setup(extra = {}) {
  t = await newFixtureServer(['default'], extra);
  return t;
}
const names = (l: any) => l.items.map((i: any) => i.metadata.name);

describe('list', () => {
  it('filters by label and field selectors and rejects unknown fields', async () => {
    await setup();
    await t.json('POST', base, { metadata: { name: 'a', labels: { app: 'x' } } });
    await t.json('POST', base, { metadata: { name: 'b', labels: { app: 'y' } } });
    expect(names((await t.json('GET', `${base}?labelSelector=app%20in%20(x)`)).body)).toEqual(['a']);
    expect(names((await t.json('GET', `${base}?fieldSelector=metadata.name!%3Da`)).body)).toEqual(['b']);
    const bad = await t.json('GET', `${base}?fieldSelector=spec.foo%3Dx`);
    expect(bad.status).toBe(400);
    expect(bad.body.message).toBe('field label not supported: spec.foo');
  });

  it('pages with limit/continue over one snapshot, with remainingItemCount', async () => {
    await setup();
    for (const n of ['a', 'b', 'c', 'd', 'e']) await t.json('POST', base, { metadata: { name: n } });
    const p1 = (await t.json('GET', `${base}?limit=2`)).body;
    expect(names(p1)).toEqual(['a', 'b']);
    expect(p1.metadata.remainingItemCount).toBe(3);
    await t.json('DELETE', `${base}/c`);
    const p2 = (await t.json('GET', `${base}?limit=2&continue=${p1.metadata.continue}`)).body;
    expect(names(p2)).toEqual(['c', 'd']);
    expect(p2.metadata.resourceVersion).toBe(p1.metadata.resourceVersion);
    const p3 = (await t.json('GET', `${base}?limit=2&continue=${p2.metadata.continue}`)).body;
    expect(names(p3)).toEqual(['e']);
    expect(p3.metadata.continue).toBeUndefined();
  });

  it('answers 410 for a continue token below the compacted revision and 400 for garbage', async () => {
    await setup();
    for (const n of ['a', 'b', 'c']) await t.json('POST', base, { metadata: { name: n } });
    const p1 = (await t.json('GET', `${base}?limit=1`)).body;
    await t.json('POST', base, { metadata: { name: 'z' } });
    await t.kv.compact(t.kv.currentRevision());
    const r = await t.json('GET', `${base}?limit=1&continue=${p1.metadata.continue}`);
    expect(r.status).toBe(410);
    expect(r.body.reason).toBe('Expired');
    expect(r.body.message).toMatch(/^The provided continue parameter is too old/);
    expect((await t.json('GET', `${base}?continue=%%%`)).status).toBe(400);
  });

  it.each([
    ['resourceVersionMatch=NotOlderThan', 422, 'ListOptions.meta.k8s.io "" is invalid: resourceVersionMatch: Forbidden: resourceVersionMatch is forbidden unless resourceVersion is provided'],
    ['resourceVersion=0&resourceVersionMatch=Exact', 422, 'ListOptions.meta.k8s.io "" is invalid: resourceVersionMatch: Forbidden: resourceVersionMatch "exact" is forbidden for resourceVersion "0"'],
    ['resourceVersion=999999', 504, 'Too large resource version: 999999, current: 2'],
  ])('validates %s', async (query, code, message) => {
    await setup();
    const r = await t.json('GET', `${base}?${query}`);
    expect(r.status).toBe(code);
    expect(r.body.message).toBe(message);
  });

  it('serves resourceVersionMatch=Exact from the past', async () => {
    await setup();
    await t.json('POST', base, { metadata: { name: 'a' } });
    const rv = (await t.json('GET', base)).body.metadata.resourceVersion;
    await t.json('POST', base, { metadata: { name: 'b' } });
    const r = await t.json('GET', `${base}?resourceVersion=${rv}&resourceVersionMatch=Exact`);
    expect(names(r.body)).toEqual(['a']);
    expect(r.body.metadata.resourceVersion).toBe(rv);
    expect(names((await t.json('GET', base)).body)).toEqual(['a', 'b']);
  });
});

describe('watch', () => {
  it('starts with synthetic ADDED events then streams changes', async () => {
    await setup();
    await t.json('POST', base, { metadata: { name: 'a' } });
    const res = await t.call('GET', `${base}?watch=true`);
    expect(res.headers.get('content-type')).toBe('application/json');
    await t.json('POST', base, { metadata: { name: 'b' } });
    await t.json('DELETE', `${base}/a`);
    const evs = await readEvents(res, 3);
    expect(evs.map((e) => `${e.type} ${e.object.metadata.name}`)).toEqual(['ADDED a', 'ADDED b', 'DELETED a']);
    await res.body!.cancel();
  });

  it('replays changes after a resourceVersion', async () => {
    await setup();
    const a = (await t.json('POST', base, { metadata: { name: 'a' } })).body;
    await t.json('PUT', `${base}/a`, { ...a, data: { k: 'v' } });
    const res = await t.call('GET', `${base}?watch=1&resourceVersion=${a.metadata.resourceVersion}`);
    const [ev] = await readEvents(res, 1);
    expect(ev!.type).toBe('MODIFIED');
    expect(ev!.object.data).toEqual({ k: 'v' });
    await res.body!.cancel();
  });

  it('ends with an ERROR 410 Expired event below the compacted revision', async () => {
    await setup();
    const a = (await t.json('POST', base, { metadata: { name: 'a' } })).body;
    await t.json('POST', base, { metadata: { name: 'b' } });
    await t.kv.compact(t.kv.currentRevision());
    const res = await t.call('GET', `${base}?watch=true&resourceVersion=${Number(a.metadata.resourceVersion) - 1}`);
    expect(res.status).toBe(200);
    const [ev] = await readEvents(res, 1);
    expect(ev!.type).toBe('ERROR');
    expect(ev!.object).toMatchObject({ kind: 'Status', code: 410, reason: 'Expired' });
    expect(ev!.object.message).toMatch(/^too old resource version: \d+ \(\d+\)$/);
  });

  it('turns selector transitions into ADDED and DELETED', async () => {
    await setup();
    const a = (await t.json('POST', base, { metadata: { name: 'a', labels: { app: 'x' } } })).body;
    const res = await t.call('GET', `${base}?watch=true&labelSelector=app%3Dy`);
    const moved = (await t.json('PUT', `${base}/a`, { ...a, metadata: { ...a.metadata, labels: { app: 'y' } } })).body;
    await t.json('PUT', `${base}/a`, { ...moved, metadata: { ...moved.metadata, labels: { app: 'z' } } });
    const evs = await readEvents(res, 2);
    expect(evs.map((e) => `${e.type} ${e.object.metadata.labels.app}`)).toEqual(['ADDED y', 'DELETED y']);
    await res.body!.cancel();
  });

  it('sends BOOKMARK events on the clock and ends at timeoutSeconds', async () => {
    await setup({ bookmarkIntervalMs: 10_000 });
    const res = await t.call('GET', `${base}?watch=true&allowWatchBookmarks=true&timeoutSeconds=25`);
    await t.clock.advance(10_000);
    const [ev] = await readEvents(res, 1);
    expect(ev).toMatchObject({ type: 'BOOKMARK', object: { kind: 'ConfigMap', apiVersion: 'v1' } });
    expect(Number(ev!.object.metadata.resourceVersion)).toBeGreaterThan(0);
    await t.clock.advance(20_000);
    // Two more bookmarks would be due by 30 s; the watch ends at 25 s after the second one (at 20 s).
    const rest = await readEvents(res, 10);
    expect(rest.map((e) => e.type)).toEqual(['BOOKMARK']);
  });

  it('watches as Table rows when asked', async () => {
    await setup();
    await t.json('POST', base, { metadata: { name: 'a' }, data: { x: '1' } });
    const res = await t.call('GET', `${base}?watch=true`, undefined, { Accept: 'application/json;as=Table;v=v1;g=meta.k8s.io' });
    const [ev] = await readEvents(res, 1);
    expect(ev!.object.kind).toBe('Table');
    expect(ev!.object.rows[0].cells).toEqual(['a', 1]);
    await res.body!.cancel();
  });
});
