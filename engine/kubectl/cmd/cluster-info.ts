// Mirrors k8s.io/kubectl/pkg/cmd/clusterinfo/clusterinfo.go: the control plane URL and the
// kube-system services labelled kubernetes.io/cluster-service=true, in kubectl's colours.
import type { KubeObject } from '../../apimachinery/apis/meta/v1/types.js';
import type { Command } from './util/command.js';

const green = (s: string) => `\x1b[0;32m${s}\x1b[0m`;
const yellow = (s: string) => `\x1b[0;33m${s}\x1b[0m`;

export const clusterInfoCommand: Command = {
  name: 'cluster-info',
  short: 'Display cluster information',
  async run({ f, io }) {
    const client = await f.restClient();
    const base = client.server.replace(/\/+$/, '');
    const list = await client.get<{ items: KubeObject[] }>('/api/v1/namespaces/kube-system/services', {
      query: { labelSelector: 'kubernetes.io/cluster-service=true' },
    });
    io.stdout(`${green('Kubernetes control plane')} is running at ${yellow(base)}\n`);
    for (const svc of list.items ?? []) {
      const name = svc.metadata.labels?.['kubernetes.io/name'] ?? svc.metadata.name!;
      const ports = ((svc.spec as { ports?: Array<{ name?: string; port: number }> })?.ports ?? []);
      for (const p of ports) {
        const link = `${base}/api/v1/namespaces/kube-system/services/${p.name ? `${svc.metadata.name}:${p.name}` : svc.metadata.name}/proxy`;
        io.stdout(`${green(name)} is running at ${yellow(link)}\n`);
      }
    }
    io.stdout(`\nTo further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.\n`);
  },
};
