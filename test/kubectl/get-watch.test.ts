// kubectl get -w against the engine API server's watch: rows print as events arrive, and the
// watch ends when the caller aborts or --request-timeout passes on the injected clock.
import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { newRealHarness, type RealHarness } from './real-harness.js';

const pod = (name: string) => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name, labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } });
let seenForDebug = () => "";
const macrotask = () => new Promise<void>((r) => setImmediate(r));

/** until yields to the event loop until cond holds (bounded, so a broken watch fails the test). */
async function until(cond: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !cond(); i++) await macrotask();
  expect(cond(), seenForDebug()).toBe(true);
}

describe('kubectl get -w', () => {
  let h: RealHarness;
  let seen = '';
  beforeEach(async () => {
    h = await newRealHarness();
    seen = '';
    h.onStdout = (s) => void (seen += s);
    seenForDebug = () => seen;
  });
  afterEach(() => h.close());

  it('prints the list, then a row per event, until aborted', async () => {
    await h.ts.json('POST', '/api/v1/namespaces/default/pods', pod('a'));
    const abort = new AbortController();
    h.signal = abort.signal;
    const run = h.kubectl('get pods -w');
    await until(() => seen.includes('\na '));
    expect(seen.split('\n')[0]).toMatch(/^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE$/);
    await h.ts.json('POST', '/api/v1/namespaces/default/pods', pod('b'));
    await until(() => /\nb\s+0\/1\s+Pending/.test(seen));
    await h.ts.json('DELETE', '/api/v1/namespaces/default/pods/a');
    await until(() => seen.split('\n').filter((l) => l.startsWith('a ')).length >= 2);
    abort.abort();
    const r = await run;
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    // One header only: event rows line up under the list's columns without repeating it.
    expect(r.stdout.split('\n').filter((l) => l.startsWith('NAME')).length).toBe(1);
  });

  it('--watch-only skips the list; --request-timeout ends the watch', async () => {
    await h.ts.json('POST', '/api/v1/namespaces/default/pods', pod('a'));
    const run = h.kubectl('get pods --watch-only --request-timeout=5s');
    for (let i = 0; i < 20; i++) await macrotask();
    expect(seen).toBe('');
    await h.ts.json('POST', '/api/v1/namespaces/default/pods', pod('b'));
    await until(() => seen.includes('\nb '));
    expect(seen.startsWith('NAME')).toBe(true);
    expect(seen).not.toMatch(/\na /);
    await h.ts.clock.advance(5000);
    const r = await run;
    expect(r.code).toBe(0);
  });
});
