// No upstream twin: the JSON Lines reporter, for programs that show results as they come (the
// site's Check button in a WebContainer reads it from `kubelab grade --reporter jsonl`). Like
// `go test -json`, every line is one JSON object with a type: one "result" line per check as
// soon as it is known, then one "summary" line. The summary does not repeat the results.
import type { CheckResult, GradeReport } from '../types.js';

export type GradeSummary = Omit<GradeReport, 'results'> & { counts: Record<CheckResult['status'], number> };

export type GradeLine = ({ type: 'result' } & CheckResult) | ({ type: 'summary' } & GradeSummary);

/** jsonlResult prints one result line. */
export function jsonlResult(result: CheckResult): string {
  return `${JSON.stringify({ type: 'result', ...result })}\n`;
}

/** jsonlSummary prints the summary line that ends a report. */
export function jsonlSummary(report: GradeReport): string {
  const { results, ...rest } = report;
  const counts = { passed: 0, failed: 0, skipped: 0 };
  for (const r of results) counts[r.status]++;
  return `${JSON.stringify({ type: 'summary', ...rest, counts })}\n`;
}

/** jsonlReport prints a whole report at once: every result line, then the summary. */
export function jsonlReport(report: GradeReport): string {
  return report.results.map(jsonlResult).join('') + jsonlSummary(report);
}

/** parseGradeLine reads one line of jsonl output; anything else (a log line, a stack trace) is undefined. */
export function parseGradeLine(line: string): GradeLine | undefined {
  const text = line.trim();
  if (!text.startsWith('{')) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  const o = value as Partial<GradeLine> | null;
  if (o?.type === 'result' && typeof o.id === 'string' && typeof o.name === 'string' && ['passed', 'failed', 'skipped'].includes(o.status as string)) return o as GradeLine;
  if (o?.type === 'summary' && typeof o.lab === 'string' && typeof o.passed === 'boolean') return o as GradeLine;
  return undefined;
}

/** resultOf drops the line's type, leaving the CheckResult. */
export function resultOf(line: { type: 'result' } & CheckResult): CheckResult {
  const { type: _, ...result } = line;
  return result;
}

/** reportOf joins a summary (line) and the results streamed before it into the report. */
export function reportOf(summary: GradeSummary & { type?: 'summary' }, results: CheckResult[]): GradeReport {
  const { counts: _, type: __, ...rest } = summary;
  return { ...rest, results };
}
