// The Check results as the learner sees them: symbol for sighted readers, the word for screen
// readers, what was seen and the hint (its code spans rendered), and the summary line.
import { describe, expect, it } from 'vitest';
import type { CheckResult } from '../../engine/grader/index.js';
import { ui } from '../../src/site/ui-strings.js';
import { checkResultHTML, checkSummary, labPassed } from '../../src/lab/ui/check-panel.js';

const result = (id: string, status: CheckResult['status'], hint?: string): CheckResult => ({ id, name: `check ${id}`, status, passed: status === 'passed', observed: `saw <${id}>`, attempts: 1, durationMs: 0, ...(hint ? { hint } : {}) });

describe('check panel', () => {
  it('renders a failed check with a hidden symbol, the word, the observation and the hint', () => {
    const html = checkResultHTML(result('a', 'failed', 'Run `kubectl get rc`.'), ui.en);
    expect(html).toContain('<span class="kl-check-mark" aria-hidden="true">✗</span>');
    expect(html).toContain('<span class="kl-sr">Failed:</span>');
    expect(html).toContain('Seen:</span> saw &lt;a&gt;');
    expect(html).toContain('Hint:</span> Run <code>kubectl get rc</code>.');
  });

  it('renders a passed check in Chinese without a hint', () => {
    const html = checkResultHTML(result('b', 'passed'), ui['zh-cn']);
    expect(html).toContain('✓');
    expect(html).toContain('通过:');
    expect(html).not.toContain('kl-check-hint');
  });

  it.each([
    { name: 'all passed', statuses: ['passed', 'passed'], summary: ui.en['check.allPassed'], done: true },
    { name: 'one failed', statuses: ['passed', 'failed', 'failed'], summary: '1 of 3 checks pass.', done: false },
    { name: 'skipped do not count', statuses: ['passed', 'skipped'], summary: ui.en['check.allPassed'], done: true },
    { name: 'nothing graded is not done', statuses: ['skipped'], summary: ui.en['check.allPassed'], done: false },
  ] as const)('$name', ({ statuses, summary, done }) => {
    const report = { results: statuses.map((s, i) => result(String(i), s)) };
    expect(checkSummary(report, ui.en)).toBe(summary);
    expect(labPassed(report)).toBe(done);
  });
});
