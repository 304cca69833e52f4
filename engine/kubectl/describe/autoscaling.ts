// Mirrors the HorizontalPodAutoscalerDescriber of k8s.io/kubectl/pkg/describe/describe.go
// (describeHorizontalPodAutoscalerV2, describeHorizontalPodAutoscalerV1, printDirectionBehavior):
// the reference, each metric as "current / target", the replica bounds, the behavior when set, the
// target's pod counts, the conditions and the events.
import { PrefixWriter, describeEvents, printAnnotations, printMap, rfc1123Z, type Any } from './describe.js';

const unknown = '<unknown>';

/** describeMetric writes one metric line as describeHorizontalPodAutoscalerV2 does. */
function describeMetric(w: PrefixWriter, metric: Any, current: Any | undefined): void {
  switch (metric.type) {
    case 'External': {
      const e = metric.external;
      const cur = current?.external?.current;
      if (e.target?.averageValue != null) w.write(1, `"${e.metric.name}" (target average value):\t${cur?.averageValue ?? unknown} / ${e.target.averageValue}\n`);
      else w.write(1, `"${e.metric.name}" (target value):\t${cur?.value ?? unknown} / ${e.target?.value}\n`);
      return;
    }
    case 'Pods':
      w.write(1, `"${metric.pods.metric.name}" on pods:\t${current?.pods?.current?.averageValue ?? unknown} / ${metric.pods.target?.averageValue}\n`);
      return;
    case 'Object': {
      const o = metric.object;
      const cur = current?.object?.current;
      const on = `"${o.metric.name}" on ${o.describedObject.kind}/${o.describedObject.name}`;
      if (o.target?.value != null) w.write(1, `${on}:\t${cur?.value ?? unknown} / ${o.target.value}\n`);
      else w.write(1, `${on} (target average value):\t${cur?.averageValue ?? unknown} / ${o.target?.averageValue}\n`);
      return;
    }
    case 'Resource':
    case 'ContainerResource': {
      const r = metric.type === 'Resource' ? metric.resource : metric.containerResource;
      const cur = metric.type === 'Resource' ? current?.resource?.current : current?.containerResource?.current;
      // The first part goes on the metric's line; the second is written one level in, as kubectl does.
      w.write(1, metric.type === 'Resource' ? `resource ${r.name} on pods` : `resource ${r.name} of container "${r.container}" on pods`);
      if (r.target?.averageValue != null) {
        w.write(0, `:\t${cur?.averageValue ?? unknown} / ${r.target.averageValue}\n`);
      } else {
        const value = cur?.averageUtilization != null ? `${cur.averageUtilization}% (${cur.averageValue ?? '0'})` : unknown;
        const target = r.target?.averageUtilization != null ? `${r.target.averageUtilization}%` : '<auto>';
        w.write(1, `(as a percentage of request):\t${value} / ${target}\n`);
      }
      return;
    }
    default:
      w.write(1, `<unknown metric type ${JSON.stringify(metric.type)}>\n`);
  }
}

/** printDirectionBehavior writes one direction of spec.behavior. */
function printDirectionBehavior(w: PrefixWriter, direction: string, rules: Any | undefined): void {
  if (!rules) return;
  w.write(1, `${direction}:\n`);
  if (rules.stabilizationWindowSeconds != null) w.write(2, `Stabilization Window: ${rules.stabilizationWindowSeconds} seconds\n`);
  if (rules.selectPolicy) w.write(2, `Select Policy: ${rules.selectPolicy}\n`);
  if (rules.policies?.length) {
    w.write(2, 'Policies:\n');
    for (const p of rules.policies) w.write(3, `- Type: ${p.type}\tValue: ${p.value}\tPeriod: ${p.periodSeconds} seconds\n`);
  }
}

function header(w: PrefixWriter, hpa: Any): void {
  w.write(0, `Name:\t${hpa.metadata.name}\n`);
  w.write(0, `Namespace:\t${hpa.metadata.namespace ?? ''}\n`);
  printMap(w, 0, 'Labels', hpa.metadata.labels);
  printAnnotations(w, 0, hpa.metadata.annotations);
  w.write(0, `CreationTimestamp:\t${rfc1123Z(hpa.metadata.creationTimestamp)}\n`);
  w.write(0, `Reference:\t${hpa.spec?.scaleTargetRef?.kind}/${hpa.spec?.scaleTargetRef?.name}\n`);
}

function footer(w: PrefixWriter, hpa: Any): void {
  w.write(0, `${hpa.spec?.scaleTargetRef?.kind} pods:\t`);
  w.write(0, `${hpa.status?.currentReplicas ?? 0} current / ${hpa.status?.desiredReplicas ?? 0} desired\n`);
}

/** describeHorizontalPodAutoscalerV2 describes an autoscaling/v2 object. */
export function describeHorizontalPodAutoscalerV2(hpa: Any, events: Any[] | undefined, now: number): string {
  const w = new PrefixWriter();
  header(w, hpa);
  w.write(0, 'Metrics:\t( current / target )\n');
  (hpa.spec?.metrics ?? []).forEach((m: Any, i: number) => describeMetric(w, m, hpa.status?.currentMetrics?.[i]));
  w.write(0, `Min replicas:\t${hpa.spec?.minReplicas ?? '<unset>'}\n`);
  w.write(0, `Max replicas:\t${hpa.spec?.maxReplicas}\n`);
  if (hpa.spec?.behavior) {
    w.write(0, 'Behavior:\n');
    printDirectionBehavior(w, 'Scale Up', hpa.spec.behavior.scaleUp);
    printDirectionBehavior(w, 'Scale Down', hpa.spec.behavior.scaleDown);
  }
  footer(w, hpa);
  const conditions: Any[] = hpa.status?.conditions ?? [];
  if (conditions.length) {
    w.write(0, 'Conditions:\n');
    w.write(1, 'Type\tStatus\tReason\tMessage\n');
    w.write(1, '----\t------\t------\t-------\n');
    for (const c of conditions) w.write(1, `${c.type}\t${c.status}\t${c.reason ?? ''}\t${c.message ?? ''}\n`);
  }
  if (events) describeEvents(w, events, now);
  return w.done();
}

/** describeHorizontalPodAutoscalerV1 describes an autoscaling/v1 object (servers without v2). */
export function describeHorizontalPodAutoscalerV1(hpa: Any, events: Any[] | undefined, now: number): string {
  const w = new PrefixWriter();
  header(w, hpa);
  if (hpa.spec?.targetCPUUtilizationPercentage != null) {
    w.write(0, `Target CPU utilization:\t${hpa.spec.targetCPUUtilizationPercentage}%\n`);
    w.write(0, `Current CPU utilization:\t${hpa.status?.currentCPUUtilizationPercentage ?? unknown}%\n`);
  }
  w.write(0, `Min replicas:\t${hpa.spec?.minReplicas ?? '<unset>'}\n`);
  w.write(0, `Max replicas:\t${hpa.spec?.maxReplicas}\n`);
  footer(w, hpa);
  if (events) describeEvents(w, events, now);
  return w.done();
}
