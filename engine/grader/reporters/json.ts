// No upstream twin: the JSON reporter, for programs (CI annotations, the site's progress store).
import type { GradeReport } from '../types.js';

/** jsonReport prints the report as indented JSON with a trailing newline. */
export function jsonReport(report: GradeReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
