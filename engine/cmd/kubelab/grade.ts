// `kubelab grade <lab> [--submission DIR] [--reporter text|json|junit|tap] [--kubeconfig FILE]`:
// grades a submission on a fresh cluster (virtual clock, so it takes seconds), or with
// --kubeconfig the cluster that file names, as it is. Exits 0 only when every check passes.
import { readFile, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { applySubmission, grade, gradeSubmission, remoteTarget, reporters, type GradeReport, type Locale, type ReporterName } from '../../grader/index.js';
import { RealClock } from '../../util/clock.js';
import { parseFlags } from './flags.js';
import { loadLab, readTree } from './lab-files.js';

export const gradeUsage = `Usage: kubelab grade <lab> [--submission DIR] [--reporter text|json|junit|tap] [--kubeconfig FILE] [--locale en|zh-cn] [--timeout SECONDS] [--output FILE]
`;

export interface GradeIO {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
}

function oneOf<T extends string>(name: string, value: string | undefined, allowed: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if (!(allowed as readonly string[]).includes(value)) throw new Error(`invalid value "${value}" for --${name}: must be one of ${allowed.join(', ')}`);
  return value as T;
}

export async function gradeCommand(argv: string[], io: GradeIO): Promise<number> {
  const flags = parseFlags(argv, { values: ['submission', 'reporter', 'kubeconfig', 'locale', 'timeout', 'output'] });
  const [labId, ...extra] = flags.positional;
  if (!labId || extra.length) {
    io.stderr(gradeUsage);
    return 2;
  }
  const reporter = oneOf<ReporterName>('reporter', flags.values.get('reporter'), ['text', 'json', 'junit', 'tap'], 'text');
  const locale = oneOf<Locale>('locale', flags.values.get('locale'), ['en', 'zh-cn'], 'en');
  const timeoutText = flags.values.get('timeout');
  const timeoutMs = timeoutText === undefined ? undefined : Number(timeoutText) * 1000;
  if (timeoutMs !== undefined && !(timeoutMs >= 0)) throw new Error(`invalid value "${timeoutText}" for --timeout: must be a number of seconds`);
  const { lab } = await loadLab(labId);
  const submissionDir = flags.values.get('submission');
  const kubeconfig = flags.values.get('kubeconfig');
  const options = { locale, ...(timeoutMs !== undefined ? { timeoutMs } : {}) };

  let report: GradeReport;
  if (kubeconfig) {
    // A live cluster is graded as it is; --submission is applied to it first when given.
    const target = remoteTarget(await readFile(resolve(kubeconfig), 'utf8'), new RealClock());
    if (submissionDir) {
      for (const step of await applySubmission(target, { files: await readTree(resolve(submissionDir)) })) {
        if (step.code !== 0) io.stderr(`${step.command}: ${step.output}`);
      }
    }
    report = await grade(lab, target, options);
  } else {
    const files = submissionDir ? await readTree(resolve(submissionDir)) : {};
    if (!submissionDir) io.stderr('kubelab grade: no --submission given; grading an empty cluster\n');
    report = await gradeSubmission(lab, { files }, options);
  }
  const text = reporters[reporter](report);
  const output = flags.values.get('output');
  if (output) await writeFile(resolve(output), text);
  else io.stdout(text);
  return report.passed ? 0 : 1;
}
