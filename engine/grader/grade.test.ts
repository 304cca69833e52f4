import { describe, expect, it } from 'vitest';
import { advanceUntil } from '../client/testing/advance.js';
import { VirtualClock } from '../util/clock.js';
import { grade } from './grade.js';
import type { GradeTarget } from './target.js';
import type { Check, Lab } from './types.js';

const target = (clock: VirtualClock): GradeTarget => ({
  transport: async () => new Response('{}', { status: 404 }),
  clock,
  net: { inCluster: true, http: async () => ({ ok: false, error: 'unused' }), lookup: async () => [] },
});

const check = (id: string, run: Check['run'], extra: Partial<Check> = {}): Check => ({ id, name: { en: `check ${id}`, 'zh-cn': `检查 ${id}` }, hint: { en: `hint ${id}`, 'zh-cn': `提示 ${id}` }, run, ...extra });
const lab = (checks: Check[]): Lab => ({ id: 't', title: { en: 'T', 'zh-cn': '测' }, chapter: 'a/b', estimatedMinutes: 5, cluster: {}, checks });

describe('grade', () => {
  it('retries a failing check on the clock until it passes', async () => {
    const clock = new VirtualClock(0);
    const report = await advanceUntil(clock, grade(lab([check('soon', async (ctx) => (ctx.clock.now() >= 3000 ? { passed: true, observed: 'ready' } : { passed: false, observed: 'not yet' }))]), target(clock)));
    expect(report.results[0]).toMatchObject({ id: 'soon', status: 'passed', observed: 'ready', attempts: 4 });
    expect(report.results[0]!.hint).toBeUndefined();
    expect(report.passed).toBe(true);
  });

  it('gives up at the shared deadline and reports the hint in the chosen language', async () => {
    const clock = new VirtualClock(0);
    const never = check('never', async () => ({ passed: false, observed: 'nope' }));
    const later = check('later', async () => ({ passed: false, observed: 'also nope' }));
    const report = await advanceUntil(clock, grade(lab([never, later]), target(clock), { timeoutMs: 5000, locale: 'zh-cn' }));
    expect(report.results.map((r) => [r.status, r.attempts])).toEqual([['failed', 6], ['failed', 1]]);
    expect(report.results[0]).toMatchObject({ name: '检查 never', hint: '提示 never' });
    expect(report.passed).toBe(false);
    expect(clock.now()).toBe(5000);
  });

  it('turns exceptions and hung checks into failures', async () => {
    const clock = new VirtualClock(0);
    const throws = check('throws', async () => {
      throw new Error('services "x" not found');
    });
    const hangs = check('hangs', () => new Promise(() => undefined));
    const report = await advanceUntil(clock, grade(lab([throws, hangs]), target(clock), { timeoutMs: 0, attemptTimeoutMs: 2000 }));
    expect(report.results.map((r) => r.observed)).toEqual(['services "x" not found', 'no result within 2s']);
  });

  it('runs a once check a single time and counts skipped checks as not failed', async () => {
    const clock = new VirtualClock(0);
    let calls = 0;
    const once = check('once', async () => ({ passed: ++calls > 5, observed: `call ${calls}` }), { once: true });
    const skipped = check('skipped', async () => ({ passed: false, skipped: true, observed: 'not reachable' }));
    const report = await advanceUntil(clock, grade(lab([skipped, once]), target(clock), { only: ['skipped'] }));
    expect(report.results.map((r) => r.status)).toEqual(['skipped']);
    expect(report.passed).toBe(true);
    const again = await advanceUntil(clock, grade(lab([once]), target(clock)));
    expect(again.results[0]).toMatchObject({ status: 'failed', attempts: 1 });
    expect(calls).toBe(1);
  });
});
