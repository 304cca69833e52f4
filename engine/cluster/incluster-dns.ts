// Mirrors the cluster DNS add-on manifests (kubeadm's cmd/kubeadm/app/phases/addons/dns: coredns
// ServiceAccount, ConfigMap with the Corefile, Deployment, kube-dns Service) applied by the assembly:
// DNS runs as ordinary pods in kube-system that watch the API server from inside the cluster, and
// kube-proxy DNATs 10.254.0.10:53 to them. Simplified: no RBAC objects (authorization allows all),
// no PriorityClass, and no health/ready probes (the pods are ready once running).
import type { ConfigMap, PodSpec, Service, ServiceAccount } from '../api/core/v1/types.js';
import type { Deployment } from '../api/apps/v1/types.js';
import type { Clientset } from '../client/kubernetes/clientset.js';
import { isAlreadyExists, isNotFound } from '../apimachinery/api/errors/errors.js';
import { exchange } from '../dns/client.js';
import { newQuery, Type } from '../dns/wire/message.js';
import { defaultCorefile } from '../images/coredns/image.js';
import type { NetStack } from '../net/types.js';
import type { Clock } from '../util/clock.js';

export const dnsImage = 'kubelab/coredns:1.11';
const labels = { 'k8s-app': 'kube-dns' };

export function corednsServiceAccount(): ServiceAccount {
  return { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'coredns', namespace: 'kube-system' } };
}

export function corednsConfigMap(): ConfigMap {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'coredns', namespace: 'kube-system' }, data: { Corefile: defaultCorefile } };
}

export function corednsPodSpec(image = dnsImage): PodSpec {
  return {
    serviceAccountName: 'coredns',
    // Default: the DNS pods resolve like their node, never through themselves.
    dnsPolicy: 'Default',
    tolerations: [{ key: 'CriticalAddonsOnly', operator: 'Exists' }, { key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }],
    containers: [{
      name: 'coredns',
      image,
      imagePullPolicy: 'IfNotPresent',
      args: ['-conf', '/etc/coredns/Corefile'],
      ports: [
        { name: 'dns', containerPort: 53, protocol: 'UDP' },
        { name: 'dns-tcp', containerPort: 53, protocol: 'TCP' },
        { name: 'metrics', containerPort: 9153, protocol: 'TCP' },
      ],
      resources: { limits: { memory: '170Mi' }, requests: { cpu: '100m', memory: '70Mi' } },
      volumeMounts: [{ name: 'config-volume', mountPath: '/etc/coredns', readOnly: true }],
    }],
    volumes: [{ name: 'config-volume', configMap: { name: 'coredns', items: [{ key: 'Corefile', path: 'Corefile' }] } }],
  };
}

/** corednsDeployment runs the DNS pods (kubeadm runs two, so one node's loss leaves DNS up). */
export function corednsDeployment(replicas = 2, image = dnsImage): Deployment {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'coredns', namespace: 'kube-system', labels },
    spec: {
      replicas,
      selector: { matchLabels: labels },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1 } },
      template: { metadata: { labels }, spec: corednsPodSpec(image) },
    },
  };
}

export function kubeDNSService(clusterIP: string): Service {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'kube-dns', namespace: 'kube-system', labels: { ...labels, 'kubernetes.io/cluster-service': 'true', 'kubernetes.io/name': 'CoreDNS' } },
    spec: {
      selector: labels,
      clusterIP,
      ports: [
        { name: 'dns', port: 53, protocol: 'UDP', targetPort: 53 },
        { name: 'dns-tcp', port: 53, protocol: 'TCP', targetPort: 53 },
        { name: 'metrics', port: 9153, protocol: 'TCP', targetPort: 9153 },
      ],
    },
  };
}

/** create makes an object unless it exists (a resumed cluster keeps what the user may have changed). */
async function create(fn: () => Promise<unknown>): Promise<void> {
  try {
    await fn();
  } catch (err) {
    if (!isAlreadyExists(err)) throw err;
  }
}

/** applyDNSAddon creates the add-on's objects; an older selector-less kube-dns Service gets the selector. */
export async function applyDNSAddon(client: Clientset, clusterIP: string, replicas = 2): Promise<void> {
  const core = client.coreV1();
  await create(() => core.serviceAccounts('kube-system').create(corednsServiceAccount()));
  await create(() => core.configMaps('kube-system').create(corednsConfigMap()));
  let existing: Service | undefined;
  try {
    existing = await core.services('kube-system').get('kube-dns');
  } catch (err) {
    if (!isNotFound(err)) throw err;
  }
  if (!existing) await create(() => core.services('kube-system').create(kubeDNSService(clusterIP)));
  else if (!existing.spec?.selector) {
    // The earlier assembly served DNS from the master with hand-written Endpoints; hand them to the controller.
    await core.services('kube-system').update({ ...existing, spec: { ...existing.spec, selector: labels } });
  }
  await create(() => client.appsV1().deployments('kube-system').create(corednsDeployment(replicas)));
}

let queryID = 0x4b00;
const nextQueryID = (): number => (queryID = (queryID + 1) & 0xffff);

/** dnsAnswers asks serverIP for kubernetes.default's A record once; true when the answer is there. */
export async function dnsAnswers(stack: NetStack, clock: Clock, serverIP: string, timeoutMs = 1000): Promise<boolean> {
  try {
    const reply = await exchange(newQuery(nextQueryID(), 'kubernetes.default.svc.cluster.local.', Type.A), { stack, clock, server: serverIP, timeoutMs });
    return reply.answer.some((rr) => rr.type === Type.A);
  } catch {
    return false;
  }
}

/** waitForDNS polls until the service answers or timeoutMs of clock time passes. */
export async function waitForDNS(stack: NetStack, clock: Clock, serverIP: string, options: { timeoutMs?: number; intervalMs?: number; signal?: AbortSignal } = {}): Promise<boolean> {
  const deadline = clock.now() + (options.timeoutMs ?? 120_000);
  while (clock.now() < deadline && !options.signal?.aborted) {
    if (await dnsAnswers(stack, clock, serverIP)) return true;
    await clock.sleep(options.intervalMs ?? 100);
  }
  return false;
}
