// No upstream twin: the JUnit XML reporter, in the shape CI systems read (Jenkins, GitLab, GitHub
// test-report actions): one <testsuite> per lab, one <testcase> per check.
import type { GradeReport } from '../types.js';

/** escapeXML escapes text for attributes and element content; control characters are dropped. */
export function escapeXML(s: string): string {
  return s
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

const seconds = (ms: number) => (ms / 1000).toFixed(3);

/** junitReport prints the report as JUnit XML; setup problems become the suite's system-err. */
export function junitReport(report: GradeReport): string {
  const failures = report.results.filter((r) => r.status === 'failed').length;
  const skipped = report.results.filter((r) => r.status === 'skipped').length;
  const n = report.results.length;
  const attrs = `name="${escapeXML(report.lab)}" tests="${n}" failures="${failures}" errors="0" skipped="${skipped}" time="${seconds(report.durationMs)}"`;
  const out = ['<?xml version="1.0" encoding="UTF-8"?>', `<testsuites ${attrs}>`, `  <testsuite ${attrs}>`];
  for (const r of report.results) {
    const head = `    <testcase classname="kubelab.${escapeXML(report.lab)}" name="${escapeXML(r.name)}" time="${seconds(r.durationMs)}"`;
    if (r.status === 'passed') out.push(`${head}/>`);
    else if (r.status === 'skipped') out.push(`${head}>`, `      <skipped message="${escapeXML(r.observed)}"/>`, '    </testcase>');
    else {
      out.push(`${head}>`);
      out.push(`      <failure message="${escapeXML(r.observed)}" type="CheckFailed">${escapeXML(`observed: ${r.observed}\nhint: ${r.hint ?? ''}`)}</failure>`);
      out.push('    </testcase>');
    }
  }
  if (report.setup.length) out.push(`    <system-err>${escapeXML(report.setup.join('\n'))}</system-err>`);
  out.push('  </testsuite>', '</testsuites>');
  return `${out.join('\n')}\n`;
}
