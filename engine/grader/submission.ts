// No upstream twin: the submission runner. Like a CI job, it applies the submission's top-level
// manifests with `kubectl apply -f` in file-name order, then runs commands.sh line by line through
// Kubelab's kubectl. commands.sh is a small shell subset: quotes, `\` continuations, comments,
// `&&` and `;`, and `sleep N` (on the cluster's clock); any other program is reported, not run.
import { memoryFiles } from '../kubectl/cmd/util/io.js';
import { manifestNames } from './lab.js';
import { kubectlRunner, type GradeTarget } from './target.js';
import type { Submission } from './types.js';

export interface SetupStep {
  command: string;
  code: number;
  output: string;
}

/** SimpleCommand is one command of a line; andIf marks one that runs only if the last succeeded. */
export interface SimpleCommand {
  argv: string[];
  andIf: boolean;
}

/** splitWords splits one command line into commands and words with sh's quoting rules (no expansions). */
export function splitWords(line: string): SimpleCommand[] {
  const commands: SimpleCommand[] = [{ argv: [], andIf: false }];
  let word: string | undefined;
  const push = () => {
    if (word !== undefined) commands[commands.length - 1]!.argv.push(word);
    word = undefined;
  };
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (c === "'") {
      const end = line.indexOf("'", i + 1);
      if (end < 0) throw new Error(`unterminated quoted string: ${line}`);
      word = (word ?? '') + line.slice(i + 1, end);
      i = end;
    } else if (c === '"') {
      let j = i + 1;
      let text = '';
      for (; j < line.length && line[j] !== '"'; j++) {
        if (line[j] === '\\' && '"\\$`'.includes(line[j + 1] ?? '')) j++;
        text += line[j];
      }
      if (j >= line.length) throw new Error(`unterminated quoted string: ${line}`);
      word = (word ?? '') + text;
      i = j;
    } else if (c === '\\' && i + 1 < line.length) {
      word = (word ?? '') + line[++i];
    } else if (c === '#' && word === undefined) {
      break;
    } else if (c === ' ' || c === '\t') {
      push();
    } else if (c === ';' || (c === '&' && line[i + 1] === '&')) {
      push();
      if (c === '&') i++;
      commands.push({ argv: [], andIf: c === '&' });
    } else {
      word = (word ?? '') + c;
    }
  }
  push();
  return commands.filter((c) => c.argv.length > 0);
}

/** scriptLines joins `\`-continued lines of a script and drops blank ones. */
export function scriptLines(script: string): string[] {
  return script
    .replace(/\\\r?\n/g, ' ')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
}

/** applySubmission applies a submission to the target and returns every step it ran. */
export async function applySubmission(target: GradeTarget, submission: Submission, commandTimeoutMs = 120_000): Promise<SetupStep[]> {
  const files = memoryFiles(submission.files);
  const steps: SetupStep[] = [];
  const kubectl = async (argv: string[]): Promise<SetupStep> => {
    const abort = new AbortController();
    const timer = target.clock.setTimer(commandTimeoutMs, () => abort.abort());
    try {
      const r = await kubectlRunner({ ...target, files }, abort.signal)(argv);
      return { command: ['kubectl', ...argv].join(' '), code: r.code, output: r.stdout + r.stderr };
    } finally {
      timer.stop();
    }
  };
  for (const name of manifestNames(submission.files)) steps.push(await kubectl(['apply', '-f', name]));
  const script = submission.files['commands.sh'];
  for (const line of script ? scriptLines(script) : []) {
    let commands: SimpleCommand[];
    try {
      commands = splitWords(line);
    } catch (err) {
      steps.push({ command: line, code: 2, output: `commands.sh: ${(err as Error).message}\n` });
      continue;
    }
    let last = 0;
    for (const { argv, andIf } of commands) {
      // `a && b` runs b only when a succeeded, as sh does.
      if (andIf && last !== 0) continue;
      const [program, ...args] = argv;
      let step: SetupStep;
      if (program === 'kubectl') step = await kubectl(args);
      else if (program === 'sleep' && /^\d+(\.\d+)?$/.test(args[0] ?? '')) {
        await target.clock.sleep(Number(args[0]) * 1000);
        step = { command: argv.join(' '), code: 0, output: '' };
      } else if (program === 'set' || program === 'echo') step = { command: argv.join(' '), code: 0, output: '' };
      else step = { command: argv.join(' '), code: 127, output: `commands.sh: ${program}: only kubectl and sleep run in a submission\n` };
      steps.push(step);
      last = step.code;
    }
  }
  return steps;
}
