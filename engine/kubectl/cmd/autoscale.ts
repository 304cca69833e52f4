// Mirrors k8s.io/kubectl/pkg/cmd/autoscale/autoscale.go: creates an autoscaling/v1
// HorizontalPodAutoscaler for each scalable object named ("horizontalpodautoscaler.autoscaling/web
// autoscaled"); only resources with a scale subresource qualify.
import type { KubeObject } from '../../apimachinery/apis/meta/v1/types.js';
import { apiVersionOfResource } from '../rest/discovery.js';
import { arr, int, str } from './util/flags.js';
import { Aggregate } from './util/helpers.js';
import { resolveTargets, targetPath } from './util/targets.js';
import { filenameFlags, type Command } from './util/command.js';
import { createGenerated, generatorFlags, requireFlag } from './create/generic.js';

export const autoscaleCommand: Command = {
  name: 'autoscale',
  short: 'Auto-scale a deployment, replica set, stateful set, or replication controller',
  flags: [
    ...generatorFlags.filter((f) => f.name !== 'field-manager'),
    ...filenameFlags,
    { name: 'field-manager', kind: 'string', default: 'kubectl-autoscale' },
    { name: 'min', kind: 'int', default: -1 },
    { name: 'max', kind: 'int', default: -1 },
    { name: 'cpu-percent', kind: 'int', default: -1 },
    { name: 'name', kind: 'string' },
  ],
  async run(ctx) {
    const { f, io, flags, args } = ctx;
    requireFlag(ctx, 'max');
    const max = int(flags, 'max');
    const min = int(flags, 'min');
    if (max < 1) throw new Error(`--max=MAXPODS is required and must be at least 1, max: ${max}`);
    if (max < min) throw new Error(`--max=MAXPODS must be larger or equal to --min=MINPODS, max: ${max}, min: ${min}`);
    const client = await f.restClient();
    const targets = await resolveTargets(f, io, args, { filenames: arr(flags, 'filename') });
    const errors: unknown[] = [];
    for (const t of targets) {
      try {
        const obj = await client.get<KubeObject>(targetPath(t));
        if (!t.resource.subresources.includes('scale')) {
          const gv = t.resource.group ? `${t.resource.group}/${t.resource.version}` : `/${t.resource.version}`;
          throw new Error(`cannot autoscale a ${t.resource.kind}: could not find scale subresource for ${gv}, Resource=${t.resource.name} in discovery information`);
        }
        const spec: Record<string, unknown> = {
          maxReplicas: max,
          ...(min >= 0 ? { minReplicas: min } : {}),
          scaleTargetRef: { apiVersion: apiVersionOfResource(t.resource), kind: t.resource.kind, name: obj.metadata.name },
          ...(int(flags, 'cpu-percent') >= 0 ? { targetCPUUtilizationPercentage: int(flags, 'cpu-percent') } : {}),
        };
        const { explicit } = await f.namespace();
        const hpa = {
          apiVersion: 'autoscaling/v1',
          kind: 'HorizontalPodAutoscaler',
          metadata: { name: str(flags, 'name') || obj.metadata.name, ...(explicit && t.namespace ? { namespace: t.namespace } : {}), creationTimestamp: null },
          spec,
          status: { currentReplicas: 0, desiredReplicas: 0 },
        } as unknown as KubeObject;
        await createGenerated(ctx, hpa, { operation: 'autoscaled' });
      } catch (err) {
        errors.push(err);
      }
    }
    if (errors.length) throw new Aggregate(errors);
  },
};
