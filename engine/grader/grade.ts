// No upstream twin: grade runs a lab's checks against a target. Clusters are eventually
// consistent, so a failing check is tried again every intervalMs until it passes or the shared
// deadline passes; after the deadline every remaining check still gets one attempt. All waiting
// is on the target's clock, so a virtual clock grades minutes of cluster time in milliseconds.
import { newCheckContext, type GradeTarget } from './target.js';
import type { Check, CheckContext, CheckOutcome, CheckResult, GradeReport, Lab, Locale } from './types.js';

export interface GradeOptions {
  locale?: Locale;
  /** timeoutMs bounds the retries of all checks together (default 60 s of cluster time). */
  timeoutMs?: number;
  /** intervalMs is the pause between attempts of a failing check (default 1 s). */
  intervalMs?: number;
  /** attemptTimeoutMs bounds one attempt of one check (default 15 s). */
  attemptTimeoutMs?: number;
  /** only runs the checks with these ids. */
  only?: string[];
  /** onResult sees each result as soon as it is known (the site's Check button streams them). */
  onResult?: (result: CheckResult) => void;
  signal?: AbortSignal;
}

/** attempt runs one check once; an exception or a hung check is a failure, not a crash. */
async function attempt(check: Check, ctx: CheckContext, timeoutMs: number): Promise<CheckOutcome> {
  let timer: { stop(): void } | undefined;
  const hung = new Promise<CheckOutcome>((resolve) => {
    timer = ctx.clock.setTimer(timeoutMs, () => resolve({ passed: false, observed: `no result within ${timeoutMs / 1000}s` }));
  });
  try {
    return await Promise.race([check.run(ctx).catch((err: unknown) => ({ passed: false, observed: errorText(err) })), hung]);
  } finally {
    timer?.stop();
  }
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** runCheck retries a check until it passes, is skipped, or the deadline is reached. */
async function runCheck(check: Check, ctx: CheckContext, deadline: number, o: Required<Pick<GradeOptions, 'intervalMs' | 'attemptTimeoutMs' | 'locale'>>, signal?: AbortSignal): Promise<CheckResult> {
  const start = ctx.clock.now();
  let attempts = 0;
  let outcome: CheckOutcome;
  for (;;) {
    attempts++;
    outcome = await attempt(check, ctx, o.attemptTimeoutMs);
    if (outcome.passed || outcome.skipped || check.once || signal?.aborted) break;
    if (ctx.clock.now() + o.intervalMs > deadline) break;
    await ctx.clock.sleep(o.intervalMs);
  }
  const status = outcome.skipped ? 'skipped' : outcome.passed ? 'passed' : 'failed';
  return {
    id: check.id,
    name: check.name[o.locale],
    status,
    passed: status === 'passed',
    observed: outcome.observed,
    ...(status === 'failed' ? { hint: check.hint[o.locale] } : {}),
    attempts,
    durationMs: ctx.clock.now() - start,
  };
}

/** grade runs every check of the lab against the target and reports each result. */
export async function grade(lab: Lab, target: GradeTarget, options: GradeOptions = {}): Promise<GradeReport> {
  const locale = options.locale ?? 'en';
  const ctx = newCheckContext(target);
  const start = target.clock.now();
  const deadline = start + (options.timeoutMs ?? 60_000);
  const o = { intervalMs: options.intervalMs ?? 1000, attemptTimeoutMs: options.attemptTimeoutMs ?? 15_000, locale };
  const results: CheckResult[] = [];
  for (const check of lab.checks) {
    if (options.only && !options.only.includes(check.id)) continue;
    const result = await runCheck(check, ctx, deadline, o, options.signal);
    results.push(result);
    options.onResult?.(result);
  }
  return {
    lab: lab.id,
    title: lab.title[locale],
    locale,
    passed: results.every((r) => r.status !== 'failed'),
    results,
    setup: [],
    durationMs: target.clock.now() - start,
  };
}
