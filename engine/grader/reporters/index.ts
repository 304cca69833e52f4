// No upstream twin: the reporters by name, as `kubelab grade --reporter` chooses them.
import type { GradeReport } from '../types.js';
import { jsonReport } from './json.js';
import { junitReport } from './junit.js';
import { tapReport } from './tap.js';
import { textReport } from './text.js';

export type ReporterName = 'text' | 'json' | 'junit' | 'tap';

export const reporters: Record<ReporterName, (report: GradeReport) => string> = {
  text: textReport,
  json: jsonReport,
  junit: junitReport,
  tap: tapReport,
};

export { jsonReport, junitReport, tapReport, textReport };
