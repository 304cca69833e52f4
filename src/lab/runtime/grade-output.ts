// Reads `kubelab grade --reporter jsonl` as a WebContainer process streams it. A process there has
// one output stream, stdout and stderr mixed, in chunks that split lines anywhere: lines are joined
// first, result lines are reported as they come, the summary line ends the report, and any other
// line is kept as the grader's own words — shown as a failed "grader" result when the grader stops
// without a summary (a crash, a bad lab id, a cluster that does not answer).
import { parseGradeLine, reportOf, resultOf, type GradeSummary } from '../../../engine/grader/reporters/jsonl.js';
import type { CheckResult, GradeReport, Locale, Localized } from '../../../engine/grader/types.js';

const MAX_LOG = 2000;

const graderName: Localized = { en: 'The grader reported every check', 'zh-cn': '评分程序报告了每一项检查' };

/** graderHint tells the learner how to see the whole story: the same command in the terminal. */
const graderHint = (command: string): Localized => ({
  en: `The grader stopped before its report. Press Check again; to see everything it prints, run \`${command}\` in the terminal.`,
  'zh-cn': `评分程序在给出报告前停止了。请再按一次“检查”；要看到它输出的全部内容，在终端中运行 \`${command}\`。`,
});

export class GradeOutput {
  readonly results: CheckResult[] = [];
  private summary?: GradeSummary;
  private partial = '';
  private log = '';

  constructor(private readonly onResult: (result: CheckResult) => void) {}

  /** push reads one chunk of output. */
  push(chunk: string): void {
    this.partial += chunk;
    for (let i = this.partial.indexOf('\n'); i >= 0; i = this.partial.indexOf('\n')) {
      this.line(this.partial.slice(0, i));
      this.partial = this.partial.slice(i + 1);
    }
  }

  private line(raw: string): void {
    const line = raw.replace(/\r$/, '');
    const parsed = parseGradeLine(line);
    if (parsed?.type === 'result') {
      const result = resultOf(parsed);
      this.results.push(result);
      this.onResult(result);
    } else if (parsed?.type === 'summary') {
      this.summary = parsed;
    } else if (line.trim() && this.log.length < MAX_LOG) {
      this.log = (this.log + line.trim() + '\n').slice(0, MAX_LOG);
    }
  }

  /** report ends the output: the graded report, or undefined when no summary came. */
  report(): GradeReport | undefined {
    if (this.partial) this.line(this.partial);
    this.partial = '';
    return this.summary ? reportOf(this.summary, this.results) : undefined;
  }

  /** text is what the grader printed besides its results (its error messages). */
  get text(): string {
    return this.log.trim();
  }

  /**
   * failed reports the results that did come, plus a failed "grader" result saying why the rest
   * did not; command is what the learner can run to see the same.
   */
  failed(lab: string, locale: Locale, observed: string, durationMs: number, command: string): GradeReport {
    const result: CheckResult = { id: 'grader', name: graderName[locale], status: 'failed', passed: false, observed, hint: graderHint(command)[locale], attempts: 1, durationMs };
    this.results.push(result);
    this.onResult(result);
    return { lab, title: lab, locale, passed: false, results: this.results, setup: [], durationMs };
  }
}
