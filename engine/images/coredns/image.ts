// The cluster DNS images: CoreDNS (registry.k8s.io/coredns/coredns, run with `-conf Corefile` as
// the kubeadm add-on does) and the documents' kube2sky + skydns pair. In Kubelab kube2sky answers
// DNS itself from its watch of the API server (the etcd hand-off to skydns is left out), and the
// pair's skydns and etcd containers only keep their places in the pod.
import type { Image, Program } from '../types.js';
import { defaultClusterDNSConfig, parseCorefile, parseFlags } from '../../dns/options.js';
import { untilAborted } from '../lib/process-util.js';
import { resolvConfUpstreams, serveClusterDNS } from './serve.js';

export const corednsVersion = '1.11.1';

/** defaultCorefile is kubeadm's Corefile reduced to the plugins Kubelab has. */
export const defaultCorefile = `.:53 {
    errors
    health {
       lameduck 5s
    }
    ready
    kubernetes cluster.local in-addr.arpa ip6.arpa {
       pods insecure
       fallthrough in-addr.arpa ip6.arpa
       ttl 30
    }
    forward . /etc/resolv.conf
    cache 30
    loop
    reload
    loadbalance
}
`;

/** coredns is CoreDNS's main: `-conf <file>` (default ./Corefile), `-version`. */
export const coredns: Program = async (ctx) => {
  const out = (line: string): void => ctx.stdout(`${line}\n`);
  const args = ctx.argv.slice(1);
  if (args.includes('-version') || args.includes('--version')) {
    out(`CoreDNS-${corednsVersion}\nlinux/amd64, go1.20.7, ae2bbc2`);
    return 0;
  }
  const i = args.findIndex((a) => a === '-conf' || a === '--conf');
  const path = i >= 0 ? (args[i + 1] ?? '') : 'Corefile';
  let text = defaultCorefile;
  try {
    text = ctx.fs.readText(path.startsWith('/') ? path : `${ctx.cwd.replace(/\/$/, '')}/${path}`);
  } catch {
    if (i >= 0) {
      out(`[FATAL] open ${path}: no such file or directory`);
      return 1;
    }
  }
  let cfg;
  try {
    cfg = parseCorefile(text);
  } catch (err) {
    out(`[FATAL] ${(err as Error).message}`);
    return 1;
  }
  if (/forward\s+\.\s+\/etc\/resolv\.conf/.test(text)) cfg.upstreams = resolvConfUpstreams(ctx);
  out(`.:${cfg.port}\nCoreDNS-${corednsVersion}\nlinux/amd64, go1.20.7, ae2bbc2`);
  return serveClusterDNS(ctx, cfg, `coredns/v${corednsVersion}`, out);
};

/** kube2sky takes the documents' flags (--domain, --kube_master_url) and serves the zone on 53. */
export const kube2sky: Program = async (ctx) => {
  const log = (line: string): void => ctx.stderr(`${line}\n`);
  let cfg;
  try {
    cfg = parseFlags(ctx.argv.slice(1), defaultClusterDNSConfig());
  } catch (err) {
    log((err as Error).message);
    return 2;
  }
  log(`Using ${cfg.kubeMasterURL || 'in-cluster config'} for kubernetes master`);
  return serveClusterDNS(ctx, cfg, 'kube2sky/v1.11', log);
};

/** idle keeps a container's place in the pod until it is stopped (skydns' and etcd's part here). */
const idle: Program = async (ctx) => {
  await untilAborted(ctx);
  return 0;
};

export const corednsImage: Image = {
  name: 'kubelab/coredns',
  tags: ['1.11', '1.11.1', 'latest'],
  config: { entrypoint: ['/coredns'], exposedPorts: [53] },
  programs: { coredns },
  files: { '/coredns': '', '/etc/coredns/Corefile': defaultCorefile },
  sizeBytes: 16_190_758,
};

export const kube2skyImage: Image = {
  name: 'gcr.io/google_containers/kube2sky',
  tags: ['1.11', '1.12', '1.14', '1.15'],
  config: { entrypoint: ['/kube2sky'] },
  programs: { kube2sky },
  files: { '/kube2sky': '' },
  sizeBytes: 27_805_336,
};

export const skydnsImage: Image = {
  name: 'gcr.io/google_containers/skydns',
  tags: ['2015-03-11-001', '2015-10-13-8c72f8c'],
  config: { entrypoint: ['/skydns'] },
  programs: { skydns: idle },
  files: { '/skydns': '' },
  sizeBytes: 40_547_562,
};

export const skydnsEtcdImage: Image = {
  name: 'gcr.io/google_containers/etcd',
  tags: ['2.0.9', '2.2.1'],
  config: { entrypoint: ['/usr/local/bin/etcd'] },
  programs: { etcd: idle },
  files: { '/usr/local/bin/etcd': '' },
  sizeBytes: 12_819_040,
};
