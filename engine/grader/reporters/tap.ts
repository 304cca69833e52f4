// No upstream twin: the TAP version 13 reporter (test anything protocol), with a YAML block of
// what was observed and the hint under each failed check.
import type { GradeReport } from '../types.js';

const yamlString = (s: string) => JSON.stringify(s);

/** tapReport prints the report as TAP 13. */
export function tapReport(report: GradeReport): string {
  const out = ['TAP version 13', `1..${report.results.length}`];
  for (const s of report.setup) out.push(`# setup: ${s.replace(/\n/g, ' ')}`);
  report.results.forEach((r, i) => {
    const name = r.name.replace(/#/g, '\\#');
    if (r.status === 'skipped') out.push(`ok ${i + 1} - ${name} # SKIP ${r.observed.replace(/\n/g, ' ')}`);
    else if (r.status === 'passed') out.push(`ok ${i + 1} - ${name}`);
    else out.push(`not ok ${i + 1} - ${name}`, '  ---', `  id: ${r.id}`, `  observed: ${yamlString(r.observed)}`, `  hint: ${yamlString(r.hint ?? '')}`, '  ...');
  });
  return `${out.join('\n')}\n`;
}
