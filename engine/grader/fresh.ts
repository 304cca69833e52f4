// No upstream twin: grading on a fresh cluster, the way CI and `kubelab lab validate` do it —
// start a cluster shaped as the lab asks, wait until its nodes are Ready and the default
// service account exists, apply the submission, grade, stop. Without a clock of its own it runs
// on a virtual clock it drives itself, so a grade takes milliseconds and is deterministic.
import { advanceUntil } from '../client/testing/advance.js';
import { Cluster } from '../cluster/cluster.js';
import { VirtualClock, type Clock } from '../util/clock.js';
import { grade, type GradeOptions } from './grade.js';
import { applySubmission, type SetupStep } from './submission.js';
import { clusterTarget } from './target.js';
import type { GradeReport, Lab, Submission } from './types.js';

export interface FreshOptions extends GradeOptions {
  /** clock runs the cluster; without one the grader drives a virtual clock of its own. */
  clock?: Clock;
  seed?: number;
  /** onSetup sees each step of applying the submission. */
  onSetup?: (step: SetupStep) => void;
}

/** waitForCluster polls until every node is Ready and pods can be admitted in "default". */
async function waitForCluster(cluster: Cluster, nodes: number, timeoutMs = 60_000): Promise<void> {
  const deadline = cluster.clock.now() + timeoutMs;
  for (;;) {
    const list = (await cluster.client.coreV1().nodes().list()).items;
    const ready = list.filter((n) => n.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True')).length;
    const sa = await cluster.client.coreV1().serviceAccounts('default').get('default').then(() => true, () => false);
    if (ready >= nodes && sa) return;
    if (cluster.clock.now() > deadline) throw new Error(`cluster not ready after ${timeoutMs / 1000}s: ${ready}/${nodes} nodes Ready`);
    await cluster.clock.sleep(200);
  }
}

async function gradeOnClock(lab: Lab, submission: Submission, clock: Clock, options: FreshOptions): Promise<GradeReport> {
  const errors: string[] = [];
  const cluster = await Cluster.start({
    clock,
    nodes: lab.cluster.nodes ?? 3,
    ...(lab.cluster.network ? { network: lab.cluster.network } : {}),
    ...(lab.cluster.proxyMode ? { proxyMode: lab.cluster.proxyMode } : {}),
    seed: options.seed ?? 1,
    onError: (component, err) => errors.push(`${component}: ${(err as Error)?.message ?? err}`),
  });
  try {
    await waitForCluster(cluster, lab.cluster.nodes ?? 3);
    const target = clusterTarget(cluster);
    const steps = await applySubmission(target, submission);
    steps.forEach((s) => options.onSetup?.(s));
    const report = await grade(lab, target, options);
    report.setup = steps.filter((s) => s.code !== 0).map((s) => `${s.command}: ${s.output.trim() || `exit status ${s.code}`}`);
    return report;
  } finally {
    await cluster.stop();
  }
}

/** gradeSubmission applies a submission to a fresh cluster and grades it. */
export async function gradeSubmission(lab: Lab, submission: Submission, options: FreshOptions = {}): Promise<GradeReport> {
  if (options.clock) return gradeOnClock(lab, submission, options.clock, options);
  const clock = new VirtualClock(Date.UTC(2026, 0, 1));
  return advanceUntil(clock, gradeOnClock(lab, submission, clock, options), 100, 100_000);
}
