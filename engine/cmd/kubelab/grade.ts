// `kubelab grade <lab> [--submission DIR] [--reporter text|json|jsonl|junit|tap] [--kubeconfig FILE]`:
// grades a submission on a fresh cluster (virtual clock, so it takes seconds), or with
// --kubeconfig the cluster that file names, as it is. Exits 0 only when every check passes.
import { readFile, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { applySubmission, discoverTarget, grade, gradeSubmission, jsonlResult, jsonlSummary, reporterNames, reporters, type CheckResult, type GradeReport, type Lab, type Locale, type ReporterName } from '../../grader/index.js';
import { RealClock } from '../../util/clock.js';
import { parseFlags } from './flags.js';
import { loadLab, readTree } from './lab-files.js';

export const gradeUsage = `Usage: kubelab grade <lab> [--submission DIR] [--reporter text|json|jsonl|junit|tap] [--kubeconfig FILE] [--locale en|zh-cn] [--timeout SECONDS] [--output FILE]

Without --kubeconfig the submission is applied to a fresh cluster shaped as the lab asks. With
--kubeconfig the cluster that file names is graded as it runs now (after applying --submission,
if given). A cluster started by "kubelab up" is recognised by its admin API (/kubelab/v1 on the
API server's port), and checks then reach pods, cluster IPs, DNS and node ports from inside it;
on any other cluster only node addresses are reachable and checks that need more are skipped.
--reporter jsonl prints one JSON object per check as soon as it is known, then a summary line.
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

/**
 * findLab loads a lab from its folder; where no lab folder can be read (the engine bundle a
 * WebContainer mounts carries no labs/ tree), from the labs built into the engine.
 */
async function findLab(idOrPath: string): Promise<Lab> {
  try {
    return (await loadLab(idOrPath)).lab;
  } catch (err) {
    const { labs } = await import('../../../labs/index.js');
    if (Object.hasOwn(labs, idOrPath)) return labs[idOrPath]!;
    if (/ not found /.test((err as Error).message)) throw err;
    throw new Error(`lab "${idOrPath}" not found (the labs built in are ${Object.keys(labs).sort().join(', ')})`);
  }
}

export async function gradeCommand(argv: string[], io: GradeIO): Promise<number> {
  const flags = parseFlags(argv, { values: ['submission', 'reporter', 'kubeconfig', 'locale', 'timeout', 'output'] });
  const [labId, ...extra] = flags.positional;
  if (!labId || extra.length) {
    io.stderr(gradeUsage);
    return 2;
  }
  const reporter = oneOf<ReporterName>('reporter', flags.values.get('reporter'), reporterNames, 'text');
  const locale = oneOf<Locale>('locale', flags.values.get('locale'), ['en', 'zh-cn'], 'en');
  const timeoutText = flags.values.get('timeout');
  const timeoutMs = timeoutText === undefined ? undefined : Number(timeoutText) * 1000;
  if (timeoutMs !== undefined && !(timeoutMs >= 0)) throw new Error(`invalid value "${timeoutText}" for --timeout: must be a number of seconds`);
  const lab = await findLab(labId);
  const submissionDir = flags.values.get('submission');
  const kubeconfig = flags.values.get('kubeconfig');
  const output = flags.values.get('output');
  // jsonl on stdout streams: each result is printed as soon as it is known.
  const streaming = reporter === 'jsonl' && !output;
  const options = { locale, ...(timeoutMs !== undefined ? { timeoutMs } : {}), ...(streaming ? { onResult: (r: CheckResult) => io.stdout(jsonlResult(r)) } : {}) };

  let report: GradeReport;
  if (kubeconfig) {
    // A live cluster is graded as it is; --submission is applied to it first when given.
    const target = await discoverTarget(await readFile(resolve(kubeconfig), 'utf8'), new RealClock());
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
  const text = streaming ? jsonlSummary(report) : reporters[reporter](report);
  if (output) await writeFile(resolve(output), text);
  else io.stdout(text);
  return report.passed ? 0 : 1;
}
