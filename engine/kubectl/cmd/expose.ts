// Mirrors k8s.io/kubectl/pkg/cmd/expose/expose.go: makes a Service for a pod, replication
// controller, replica set, deployment or service — selector, ports and labels found by
// introspection unless given (--port, --target-port, --type, --name, --protocol, --selector).
import type { KubeObject } from '../../apimachinery/apis/meta/v1/types.js';
import { objectFormats, parseOutput, printObjects } from '../printers/print-flags.js';
import { arr, str } from './util/flags.js';
import { Aggregate } from './util/helpers.js';
import { resolveTargets, targetPath } from './util/targets.js';
import { dryRunFlag, filenameFlags, outputFlags, type Command } from './util/command.js';
import { dryRunStrategy, dryRunSuffix } from './util/dry-run.js';
import { parseLabels } from './run.js';

type Any = Record<string, any>;

function introspectSelector(obj: Any): Record<string, string> | string {
  switch (obj.kind) {
    case 'Pod':
      return obj.metadata.labels && Object.keys(obj.metadata.labels).length ? obj.metadata.labels : 'the pod has no labels and cannot be exposed';
    case 'Service':
      return obj.spec?.selector ?? 'the service has no pod selector set';
    case 'ReplicationController':
      return obj.spec?.selector ?? {};
    case 'Deployment':
    case 'ReplicaSet':
      if (obj.spec?.selector?.matchExpressions?.length) return `couldn't convert expressions - "${JSON.stringify(obj.spec.selector.matchExpressions)}" to map-based selector format`;
      return obj.spec?.selector?.matchLabels ?? {};
    default:
      return `cannot expose a ${obj.kind}`;
  }
}

function introspectPorts(obj: Any): Any[] {
  const spec = obj.kind === 'Pod' ? obj.spec : obj.kind === 'Service' ? undefined : obj.spec?.template?.spec;
  if (obj.kind === 'Service') return (obj.spec?.ports ?? []).map((p: Any) => ({ port: p.port, protocol: p.protocol ?? 'TCP', name: p.name }));
  const out: Any[] = [];
  for (const c of spec?.containers ?? []) for (const p of c.ports ?? []) out.push({ port: p.containerPort, protocol: p.protocol ?? 'TCP', name: p.name });
  return out;
}

export const exposeCommand: Command = {
  name: 'expose',
  short: 'Take a replication controller, service, deployment or pod and expose it as a new Kubernetes service',
  flags: [
    ...filenameFlags,
    ...outputFlags,
    dryRunFlag,
    { name: 'port', kind: 'string' },
    { name: 'target-port', kind: 'string' },
    { name: 'protocol', kind: 'string' },
    { name: 'type', kind: 'string' },
    { name: 'name', kind: 'string' },
    { name: 'selector', kind: 'string' },
    { name: 'labels', short: 'l', kind: 'string' },
    { name: 'external-ip', kind: 'string' },
    { name: 'load-balancer-ip', kind: 'string' },
    { name: 'session-affinity', kind: 'string' },
    { name: 'cluster-ip', kind: 'string' },
  ],
  async run({ f, io, flags, args }) {
    const dryRun = dryRunStrategy(flags);
    const output = str(flags, 'output') ? parseOutput(str(flags, 'output'), objectFormats) : undefined;
    const client = await f.restClient();
    const errors: unknown[] = [];
    if (!args.length && !arr(flags, 'filename').length)
      throw new Error(`You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'`);
    for (const t of await resolveTargets(f, io, args, { filenames: arr(flags, 'filename') })) {
      try {
        const obj = (await client.get<KubeObject>(targetPath(t))) as Any;
        obj.kind ??= t.resource.kind;
        let selector: Record<string, string> | string = str(flags, 'selector') ? parseLabels(str(flags, 'selector')) : introspectSelector(obj);
        if (typeof selector === 'string') throw new Error(`couldn't retrieve selectors via --selector flag or introspection: ${selector}`);
        const protocol = str(flags, 'protocol');
        let ports: Any[] = str(flags, 'port')
          ? str(flags, 'port').split(',').map((p) => ({ port: Number(p), protocol: protocol || 'TCP' }))
          : introspectPorts(obj);
        if (!ports.length) throw new Error(`couldn't find port via --port flag or introspection`);
        ports = ports.map((p, i) => {
          const out: Any = {};
          if (ports.length > 1) out.name = p.name || `port-${i + 1}`;
          out.port = p.port;
          out.protocol = protocol || p.protocol || 'TCP';
          const tp = str(flags, 'target-port');
          out.targetPort = tp ? (/^\d+$/.test(tp) ? Number(tp) : tp) : obj.kind === 'Service' ? (obj.spec.ports[i]?.targetPort ?? p.port) : p.port;
          return out;
        });
        const name = str(flags, 'name') || obj.metadata.name;
        const labels = str(flags, 'labels') ? parseLabels(str(flags, 'labels')) : obj.metadata.labels;
        const spec: Any = { ports, selector };
        if (str(flags, 'type')) spec.type = str(flags, 'type');
        if (str(flags, 'cluster-ip')) spec.clusterIP = str(flags, 'cluster-ip');
        if (str(flags, 'external-ip')) spec.externalIPs = [str(flags, 'external-ip')];
        if (str(flags, 'session-affinity')) spec.sessionAffinity = str(flags, 'session-affinity');
        const metadata: Any = { creationTimestamp: null, name };
        if (labels && Object.keys(labels).length) metadata.labels = labels;
        let svc: KubeObject = { apiVersion: 'v1', kind: 'Service', metadata, spec, status: { loadBalancer: {} } };
        if (dryRun !== 'client') {
          const ns = obj.metadata.namespace ?? (await f.namespace()).namespace;
          svc = await client.do<KubeObject>('POST', `/api/v1/namespaces/${ns}/services`, { body: svc, query: { fieldManager: 'kubectl-expose', ...(dryRun === 'server' ? { dryRun: 'All' } : {}) } });
        }
        if (output && output.kind !== 'name') printObjects([svc], output, true, io.stdout);
        else io.stdout(output?.kind === 'name' ? `service/${name}\n` : `service/${name} exposed${dryRunSuffix(dryRun)}\n`);
        void selector;
        selector = {};
      } catch (err) {
        errors.push(err);
      }
    }
    if (errors.length) throw new Aggregate(errors);
  },
};
