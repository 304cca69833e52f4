// Runtime selection: which runtime runs and why, and the fall back to the Worker runtime when a
// WebContainer boot fails or never answers.
import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../engine/util/clock.js';
import { chooseRuntime, isIOS, startRuntime, type Environment } from '../../src/lab/runtime/select.js';
import type { BootResult, LabRuntime, RuntimeKind } from '../../src/lab/runtime/types.js';

const desktop = 'Mozilla/5.0 (X11; Linux x86_64) Chrome/140.0';
const base: Environment = { crossOriginIsolated: true, userAgent: desktop, platform: 'Linux x86_64', maxTouchPoints: 0, requested: null, webContainerEngine: true };

describe('chooseRuntime', () => {
  it.each([
    { name: 'isolated desktop', env: {}, want: ['webcontainer', 'webcontainer'] },
    { name: 'not isolated', env: { crossOriginIsolated: false }, want: ['worker', 'not-isolated'] },
    { name: 'iPhone', env: { userAgent: 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X)' }, want: ['worker', 'ios'] },
    { name: 'iPadOS as a Mac with touch', env: { userAgent: 'Mozilla/5.0 (Macintosh)', platform: 'MacIntel', maxTouchPoints: 5 }, want: ['worker', 'ios'] },
    { name: 'a Mac without touch', env: { userAgent: 'Mozilla/5.0 (Macintosh)', platform: 'MacIntel', maxTouchPoints: 0 }, want: ['webcontainer', 'webcontainer'] },
    { name: 'no engine bundle', env: { webContainerEngine: false }, want: ['worker', 'no-engine-bundle'] },
    { name: 'worker requested', env: { requested: 'worker' }, want: ['worker', 'requested'] },
    { name: 'webcontainer requested without a bundle', env: { requested: 'webcontainer', webContainerEngine: false }, want: ['webcontainer', 'requested'] },
    { name: 'webcontainer requested but not isolated', env: { requested: 'webcontainer', crossOriginIsolated: false }, want: ['worker', 'not-isolated'] },
  ])('$name', ({ env, want }) => {
    const c = chooseRuntime({ ...base, ...env });
    expect([c.kind, c.reason]).toEqual(want);
  });

  it('isIOS ignores desktop browsers', () => {
    expect(isIOS({ userAgent: desktop })).toBe(false);
  });
});

function fakeRuntime(kind: RuntimeKind, boot: () => Promise<BootResult>, log: string[]): LabRuntime {
  return {
    kind,
    boot: () => (log.push(`boot ${kind}`), boot()),
    openTerminal: () => ({ input: () => {}, resize: () => {}, close: () => {} }),
    files: { write: async () => {}, read: async () => undefined, list: async () => [] },
    previews: () => [],
    reset: async () => {},
    dispose: () => void log.push(`dispose ${kind}`),
  };
}

describe('startRuntime', () => {
  const ok = async () => ({ restored: false });
  it.each([
    { name: 'WebContainer boots', wc: ok, kind: 'webcontainer', reason: 'webcontainer', log: ['boot webcontainer'] },
    {
      name: 'WebContainer boot throws',
      wc: async () => Promise.reject(new Error('blocked')),
      kind: 'worker',
      reason: 'webcontainer-failed',
      log: ['boot webcontainer', 'dispose webcontainer', 'boot worker'],
    },
    {
      name: 'WebContainer boot hangs',
      wc: () => new Promise<BootResult>(() => {}),
      kind: 'worker',
      reason: 'webcontainer-timeout',
      log: ['boot webcontainer', 'dispose webcontainer', 'boot worker'],
    },
  ])('$name', async ({ wc, kind, reason, log: want }) => {
    const clock = new VirtualClock();
    const log: string[] = [];
    const choices: string[] = [];
    const started = startRuntime({
      env: base,
      clock,
      timeoutMs: 10_000,
      create: { webcontainer: () => fakeRuntime('webcontainer', wc, log), worker: () => fakeRuntime('worker', ok, log) },
      onProgress: () => {},
      onChoice: (c) => choices.push(c.reason),
    });
    await clock.advance(10_000);
    const s = await started;
    expect([s.runtime.kind, s.choice.reason]).toEqual([kind, reason]);
    expect(log).toEqual(want);
    expect(choices.at(-1)).toBe(reason);
  });

  it('does not time out before the deadline', async () => {
    const clock = new VirtualClock();
    let resolveBoot!: (r: BootResult) => void;
    const started = startRuntime({
      env: base,
      clock,
      timeoutMs: 10_000,
      create: { webcontainer: () => fakeRuntime('webcontainer', () => new Promise((r) => (resolveBoot = r)), []), worker: () => fakeRuntime('worker', ok, []) },
      onProgress: () => {},
    });
    await clock.advance(9_999);
    resolveBoot({ restored: true });
    const s = await started;
    expect(s.runtime.kind).toBe('webcontainer');
    expect(s.result.restored).toBe(true);
  });
});
