// No upstream twin: the reporters by name, as `kubelab grade --reporter` chooses them; jsonl can
// also stream (jsonlResult per result, then jsonlSummary).
import type { GradeReport } from '../types.js';
import { jsonReport } from './json.js';
import { jsonlReport } from './jsonl.js';
import { junitReport } from './junit.js';
import { tapReport } from './tap.js';
import { textReport } from './text.js';

export type ReporterName = 'text' | 'json' | 'jsonl' | 'junit' | 'tap';

export const reporterNames: readonly ReporterName[] = ['text', 'json', 'jsonl', 'junit', 'tap'];

export const reporters: Record<ReporterName, (report: GradeReport) => string> = {
  text: textReport,
  json: jsonReport,
  jsonl: jsonlReport,
  junit: junitReport,
  tap: tapReport,
};

export { jsonReport, jsonlReport, junitReport, tapReport, textReport };
export { jsonlResult, jsonlSummary, parseGradeLine, reportOf, resultOf, type GradeLine, type GradeSummary } from './jsonl.js';
