// The Check button's results: one list item per check with a pass/fail symbol, its name, what it
// observed and, when it failed, its hint. The symbol is hidden from screen readers, which hear the
// word instead; the list is a polite live region, so results are read as they stream in.
import type { CheckResult, GradeReport } from '../../../engine/grader/index.js';
import { escapeHTML, renderInline } from '../task-markdown.js';

type Strings = Record<string, string>;

const marks: Record<CheckResult['status'], string> = { passed: '✓', failed: '✗', skipped: '–' };

/** checkResultHTML renders one result as the inside of its list item. */
export function checkResultHTML(r: CheckResult, t: Strings): string {
  const word = t[`check.${r.status}`] ?? r.status;
  let html = `<span class="kl-check-mark" aria-hidden="true">${marks[r.status]}</span> <span class="kl-sr">${escapeHTML(word)}:</span> <span class="kl-check-name">${escapeHTML(r.name)}</span>`;
  if (r.observed) html += `<div class="kl-check-observed"><span class="kl-check-label">${escapeHTML(t['check.observed'] ?? 'Observed')}:</span> ${escapeHTML(r.observed)}</div>`;
  // Hints are written with `code` spans, like the task text.
  if (r.hint) html += `<div class="kl-check-hint"><span class="kl-check-label">${escapeHTML(t['check.hint'] ?? 'Hint')}:</span> ${renderInline(r.hint)}</div>`;
  return html;
}

/** checkSummary says how a Check ended: every check passed, or how many did. */
export function checkSummary(report: Pick<GradeReport, 'results'>, t: Strings): string {
  const graded = report.results.filter((r) => r.status !== 'skipped');
  const passed = graded.filter((r) => r.passed).length;
  if (passed === graded.length) return t['check.allPassed'] ?? 'Every check passes.';
  return (t['check.some'] ?? '{passed} of {total} checks pass.').replace('{passed}', String(passed)).replace('{total}', String(graded.length));
}

/** labPassed tells whether a report marks the lab done: nothing failed and something passed. */
export function labPassed(report: Pick<GradeReport, 'results'>): boolean {
  return report.results.some((r) => r.passed) && report.results.every((r) => r.status !== 'failed');
}

/** CheckPanel shows the results of one Check at a time in the lab's markup. */
export class CheckPanel {
  private readonly list: HTMLElement;
  private readonly summary: HTMLElement;

  constructor(
    private readonly root: HTMLElement,
    private readonly t: Strings,
  ) {
    this.list = root.querySelector<HTMLElement>('.kl-check-list')!;
    this.summary = root.querySelector<HTMLElement>('.kl-check-summary')!;
  }

  start(): void {
    this.root.hidden = false;
    this.list.replaceChildren();
    this.list.setAttribute('aria-busy', 'true');
    this.summary.textContent = this.t['check.running'] ?? 'Checking…';
  }

  add(r: CheckResult): void {
    const li = this.list.ownerDocument.createElement('li');
    li.dataset.checkId = r.id;
    li.dataset.status = r.status;
    li.innerHTML = checkResultHTML(r, this.t);
    this.list.querySelector(`[data-check-id="${CSS.escape(r.id)}"]`)?.remove();
    this.list.append(li);
  }

  finish(report: GradeReport): void {
    // The report is the truth; streamed items are only a preview of it.
    this.list.replaceChildren();
    for (const r of report.results) this.add(r);
    this.list.removeAttribute('aria-busy');
    this.summary.textContent = checkSummary(report, this.t);
  }

  error(message: string): void {
    this.list.removeAttribute('aria-busy');
    this.summary.textContent = `${this.t['check.error'] ?? 'The checks could not run:'} ${message}`;
  }
}
