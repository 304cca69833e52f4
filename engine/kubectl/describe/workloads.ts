// Mirrors the ReplicationControllerDescriber, ReplicaSetDescriber and DeploymentDescriber of
// k8s.io/kubectl/pkg/describe/describe.go: replicas, pod status counts, the pod template,
// deployment strategy, conditions and replica sets.
import type { KubeObject } from '../../apimachinery/apis/meta/v1/types.js';
import { PrefixWriter, describeEvents, labelSelectorString, printAnnotations, printMap, rfc1123Z, selectorString, type Any } from './describe.js';
import { describeContainers, describeVolumes } from './pod.js';

export interface PodCounts {
  running: number;
  waiting: number;
  succeeded: number;
  failed: number;
}

export function countPods(pods: Any[]): PodCounts {
  const c = { running: 0, waiting: 0, succeeded: 0, failed: 0 };
  for (const p of pods) {
    const phase = p.status?.phase ?? 'Pending';
    if (phase === 'Running') c.running++;
    else if (phase === 'Pending') c.waiting++;
    else if (phase === 'Succeeded') c.succeeded++;
    else if (phase === 'Failed') c.failed++;
  }
  return c;
}

export function describePodTemplate(w: PrefixWriter, template: Any | undefined): void {
  w.write(0, 'Pod Template:\n');
  if (!template) {
    w.write(1, '<unset>\n');
    return;
  }
  printMap(w, 1, 'Labels', template.metadata?.labels);
  if (template.metadata?.annotations && Object.keys(template.metadata.annotations).length) printAnnotations(w, 1, template.metadata.annotations);
  if (template.spec?.serviceAccountName) w.write(1, `Service Account:\t${template.spec.serviceAccountName}\n`);
  describeContainers(w, 'Containers', template.spec?.containers ?? [], [], 1);
  describeVolumes(w, template.spec?.volumes ?? [], 1);
  printMap(w, 1, 'Node-Selectors', template.spec?.nodeSelector);
  w.write(1, `Tolerations:\t${(template.spec?.tolerations ?? []).length ? template.spec.tolerations.map((t: Any) => t.key).join(', ') : '<none>'}\n`);
}

/** describeReplicas serves ReplicationControllers (map selector) and ReplicaSets (LabelSelector). */
export function describeReplicas(obj: KubeObject & Any, pods: Any[], events: Any[], now: number): string {
  const w = new PrefixWriter();
  const spec: Any = obj.spec ?? {};
  const rc = obj.kind === 'ReplicationController';
  w.write(0, `Name:\t${obj.metadata.name}\n`);
  w.write(0, `Namespace:\t${obj.metadata.namespace}\n`);
  w.write(0, `Selector:\t${rc ? selectorString(spec.selector) : labelSelectorString(spec.selector)}\n`);
  printMap(w, 0, 'Labels', obj.metadata.labels);
  printAnnotations(w, 0, obj.metadata.annotations);
  const owner = obj.metadata.ownerReferences?.find((o) => o.controller);
  if (owner) w.write(0, `Controlled By:\t${owner.kind}/${owner.name}\n`);
  w.write(0, `Replicas:\t${obj.status?.replicas ?? 0} current / ${spec.replicas ?? 1} desired\n`);
  const c = countPods(pods);
  w.write(0, `Pods Status:\t${c.running} Running / ${c.waiting} Waiting / ${c.succeeded} Succeeded / ${c.failed} Failed\n`);
  describePodTemplate(w, spec.template);
  describeEvents(w, events, now);
  return w.done();
}

export function describeDeployment(d: KubeObject & Any, replicaSets: Any[], events: Any[], now: number): string {
  const w = new PrefixWriter();
  const spec: Any = d.spec ?? {};
  const st: Any = d.status ?? {};
  w.write(0, `Name:\t${d.metadata.name}\n`);
  w.write(0, `Namespace:\t${d.metadata.namespace}\n`);
  w.write(0, `CreationTimestamp:\t${rfc1123Z(d.metadata.creationTimestamp ?? undefined)}\n`);
  printMap(w, 0, 'Labels', d.metadata.labels);
  printAnnotations(w, 0, d.metadata.annotations);
  w.write(0, `Selector:\t${labelSelectorString(spec.selector)}\n`);
  w.write(0, `Replicas:\t${spec.replicas ?? 1} desired | ${st.updatedReplicas ?? 0} updated | ${st.replicas ?? 0} total | ${st.availableReplicas ?? 0} available | ${st.unavailableReplicas ?? 0} unavailable\n`);
  const strategy = spec.strategy?.type ?? 'RollingUpdate';
  w.write(0, `StrategyType:\t${strategy}\n`);
  w.write(0, `MinReadySeconds:\t${spec.minReadySeconds ?? 0}\n`);
  if (strategy === 'RollingUpdate') {
    const ru = spec.strategy?.rollingUpdate ?? {};
    w.write(0, `RollingUpdateStrategy:\t${ru.maxUnavailable ?? '25%'} max unavailable, ${ru.maxSurge ?? '25%'} max surge\n`);
  }
  describePodTemplate(w, spec.template);
  if (st.conditions?.length) {
    w.write(0, 'Conditions:\n');
    w.write(1, 'Type\tStatus\tReason\n');
    w.write(1, '----\t------\t------\n');
    for (const c of st.conditions) w.write(1, `${c.type} \t${c.status}\t${c.reason ?? ''}\n`);
  }
  const owned = replicaSets.filter((rs) => rs.metadata.ownerReferences?.some((o: Any) => o.uid === d.metadata.uid));
  const hash = (rs: Any) => JSON.stringify(rs.spec?.template?.spec);
  const current = JSON.stringify(spec.template?.spec);
  const newRS = owned.find((rs) => hash(rs) === current);
  const old = owned.filter((rs) => rs !== newRS && (rs.spec?.replicas ?? 0) > 0);
  const rsText = (rs: Any) => `${rs.metadata.name} (${rs.status?.replicas ?? 0}/${rs.spec?.replicas ?? 0} replicas created)`;
  w.write(0, `OldReplicaSets:\t${old.length ? old.map(rsText).join(', ') : '<none>'}\n`);
  w.write(0, `NewReplicaSet:\t${newRS ? rsText(newRS) : '<none>'}\n`);
  describeEvents(w, events, now);
  return w.done();
}
