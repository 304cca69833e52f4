// Mirrors k8s.io/kubectl/pkg/describe/describe.go (ResourceQuotaDescriber, describeQuota): the
// Used/Hard table of a resource quota. Simplified: quantities are printed as the server stored them.
import type { KubeObject } from '../../apimachinery/apis/meta/v1/types.js';
import { PrefixWriter, type Any } from './describe.js';

/** scopeHelp is helpTextForResourceQuotaScope. */
const scopeHelp: Record<string, string> = {
  Terminating: 'Matches all pods that have an active deadline. These pods have a limited lifespan on a node before being actively terminated by the system.',
  NotTerminating: 'Matches all pods that do not have an active deadline. These pods usually include long running pods whose container command is not expected to terminate.',
  BestEffort: 'Matches all pods that do not have resource requirements set. These pods have a best effort quality of service.',
  NotBestEffort: 'Matches all pods that have at least one resource requirement set. These pods have a burstable or guaranteed quality of service.',
};

/** describeResourceQuota prints a quota's scopes and one Resource/Used/Hard row per hard limit. */
export function describeResourceQuota(q: KubeObject & Any): string {
  const w = new PrefixWriter();
  w.write(0, `Name:\t${q.metadata.name}\n`);
  w.write(0, `Namespace:\t${q.metadata.namespace}\n`);
  const scopes = [...(q.spec?.scopes ?? [])].sort();
  if (scopes.length) {
    w.write(0, `Scopes:\t${scopes.join(', ')}\n`);
    for (const s of scopes) if (scopeHelp[s]) w.write(0, ` * ${scopeHelp[s]}\n`);
  }
  w.write(0, 'Resource\tUsed\tHard\n');
  w.write(0, '--------\t----\t----\n');
  const hard: Record<string, string> = q.status?.hard ?? {};
  const used: Record<string, string> = q.status?.used ?? {};
  for (const r of Object.keys(hard).sort()) w.write(0, `${r}\t${used[r] ?? '0'}\t${hard[r]}\n`);
  return w.done();
}
