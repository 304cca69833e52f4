// No upstream twin: the text reporter, for terminals and the worker runtime's shell.
import type { GradeReport } from '../types.js';

const marks = { passed: '✓', failed: '✗', skipped: '-' } as const;

/** textReport prints one line per check, with what was seen and a hint under failed checks. */
export function textReport(report: GradeReport): string {
  const lines = [`Lab ${report.lab}: ${report.title}`];
  for (const s of report.setup) lines.push(`  ! ${s}`);
  for (const r of report.results) {
    lines.push(`  ${marks[r.status]} ${r.name}${r.status === 'skipped' ? ' (skipped)' : ''}`);
    if (r.status !== 'passed') lines.push(`      observed: ${r.observed}`);
    if (r.hint) lines.push(`      hint: ${r.hint}`);
  }
  const passed = report.results.filter((r) => r.status === 'passed').length;
  const counted = report.results.filter((r) => r.status !== 'skipped').length;
  lines.push(`${passed}/${counted} checks passed`);
  return `${lines.join('\n')}\n`;
}
