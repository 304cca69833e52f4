// Mirrors k8s.io/kubectl/pkg/cmd/describe/describe.go: finds the objects (by name, name prefix,
// selector or file) and prints each with its kind's describer, separated by blank lines.
import type { KubeObject } from '../../apimachinery/apis/meta/v1/types.js';
import { isNotFound } from '../../apimachinery/api/errors/errors.js';
import type { RESTClient } from '../rest/client.js';
import type { APIResource, Discovery } from '../rest/discovery.js';
import { describeGeneric, searchEvents, type Any } from '../describe/describe.js';
import { describePod } from '../describe/pod.js';
import { describeDeployment, describeReplicas } from '../describe/workloads.js';
import { describeConfigMap, describeNamespace, describeNode, describeSecret, describeService } from '../describe/service.js';
import { describeResourceQuota } from '../describe/quota.js';
import { describeEndpointSlice } from '../describe/discovery.js';
import { describeHorizontalPodAutoscalerV1, describeHorizontalPodAutoscalerV2 } from '../describe/autoscaling.js';
import { arr, bool, str } from './util/flags.js';
import { Aggregate } from './util/helpers.js';
import { resolveTargets, targetPath } from './util/targets.js';
import { filenameFlags, type Command } from './util/command.js';
import { listObjects } from './get.js';

async function selectorPods(client: RESTClient, d: Discovery, ns: string, selector: Any): Promise<Any[]> {
  const pods = await d.resourceFor('pods');
  let sel = '';
  if (selector?.matchLabels || selector?.matchExpressions) sel = Object.entries(selector.matchLabels ?? {}).map(([k, v]) => `${k}=${v}`).join(',');
  else if (selector) sel = Object.entries(selector).map(([k, v]) => `${k}=${v}`).join(',');
  if (!sel) return [];
  return listObjects(client, pods, ns, { labelSelector: sel });
}

/** describeObject dispatches to the kind's describer. */
export async function describeObject(client: RESTClient, d: Discovery, r: APIResource, obj: KubeObject & Any, now: number, showEvents: boolean): Promise<string> {
  const events = showEvents ? await searchEvents(client, obj) : [];
  const ns = obj.metadata.namespace ?? '';
  switch (`${r.group}/${r.kind}`) {
    case '/Pod':
      return describePod(obj, events, now);
    case '/ReplicationController':
    case 'apps/ReplicaSet':
      return describeReplicas(obj, await selectorPods(client, d, ns, obj.spec?.selector), events, now);
    case 'apps/Deployment': {
      const rs = await d.resourceFor('replicasets.apps');
      return describeDeployment(obj, await listObjects(client, rs, ns, {}), events, now);
    }
    case '/Service': {
      const ep = await client.get<Any>(`/api/v1/namespaces/${ns}/endpoints/${obj.metadata.name}`).catch(() => undefined);
      return describeService(obj, ep, events, now);
    }
    case '/Node': {
      const pods = await d.resourceFor('pods');
      return describeNode(obj, await listObjects(client, pods, undefined, { fieldSelector: `spec.nodeName=${obj.metadata.name}` }).catch(() => []), events, now);
    }
    case '/Namespace':
      return describeNamespace(obj, events, now);
    case '/ConfigMap':
      return describeConfigMap(obj, events, now);
    case '/Secret':
      return describeSecret(obj);
    case '/ResourceQuota':
      return describeResourceQuota(obj);
    case 'discovery.k8s.io/EndpointSlice':
      return describeEndpointSlice(obj, showEvents ? events : undefined, now);
    case 'autoscaling/HorizontalPodAutoscaler': {
      // As kubectl: autoscaling/v2 whatever version was asked for, v1 when the server has no v2.
      const v2 = await client.get<Any>(`/apis/autoscaling/v2/namespaces/${ns}/horizontalpodautoscalers/${obj.metadata.name}`).catch(() => undefined);
      if (v2) return describeHorizontalPodAutoscalerV2(v2, showEvents ? events : undefined, now);
      return describeHorizontalPodAutoscalerV1(obj, showEvents ? events : undefined, now);
    }
    default:
      return describeGeneric(obj, events, now);
  }
}

export const describeCommand: Command = {
  name: 'describe',
  short: 'Show details of a specific resource or group of resources',
  flags: [
    ...filenameFlags,
    { name: 'selector', short: 'l', kind: 'string' },
    { name: 'all-namespaces', short: 'A', kind: 'bool' },
    { name: 'show-events', kind: 'bool', default: true },
    { name: 'chunk-size', kind: 'int', default: 500 },
  ],
  async run({ f, io, flags, args, changed }) {
    if (!args.length && !arr(flags, 'filename').length)
      throw new Error(`You must specify the type of resource to describe. Use "kubectl api-resources" for a complete list of supported resources.\n`);
    const client = await f.restClient();
    const d = await f.discovery();
    const typesOnly = args.length === 1 && !args[0]!.includes('/');
    const targets = await resolveTargets(f, io, args, {
      filenames: arr(flags, 'filename'),
      ...(changed.has('selector') || typesOnly ? { selector: str(flags, 'selector') } : {}),
      allNamespaces: bool(flags, 'all-namespaces'),
    });
    const outputs: string[] = [];
    const errors: unknown[] = [];
    for (const t of targets) {
      try {
        let objs: KubeObject[] = [];
        if (t.object) objs = [t.object];
        else {
          try {
            objs = [await client.get<KubeObject>(targetPath(t))];
          } catch (err) {
            // describe falls back to a name prefix match, as kubectl does.
            if (!isNotFound(err)) throw err;
            objs = (await listObjects(client, t.resource, t.namespace, {})).filter((o) => o.metadata.name?.startsWith(t.name));
            if (!objs.length) throw err;
          }
        }
        for (const obj of objs) outputs.push(await describeObject(client, d, t.resource, { ...obj, kind: obj.kind ?? t.resource.kind } as KubeObject, io.clock.now(), bool(flags, 'show-events')));
      } catch (err) {
        errors.push(err);
      }
    }
    io.stdout(outputs.join('\n\n'));
    if (!targets.length && !errors.length) {
      const { namespace } = await f.namespace();
      io.stderr(bool(flags, 'all-namespaces') ? 'No resources found\n' : `No resources found in ${namespace} namespace.\n`);
    }
    if (errors.length) throw new Aggregate(errors);
  },
};
