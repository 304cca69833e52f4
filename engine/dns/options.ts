// Mirrors the configuration surfaces of the cluster DNS add-on across its history: the kube2sky +
// skydns pair of the documents (--domain, --kube-master-url, -addr, -nameservers), kube-dns
// (cmd/kube-dns/app/options: --domain, --dns-port, --kube-master-url, --config-dir) and CoreDNS's
// Corefile (kubernetes, forward, ttl, pods, fallthrough). All map onto one ClusterDNSConfig.

export interface ClusterDNSConfig {
  /** zones the kubernetes plugin serves (first is the cluster domain). */
  zones: string[];
  /** port the server listens on (53). */
  port: number;
  /** address to bind ("0.0.0.0"). */
  address: string;
  /** kubeMasterURL is the API server the DNS watches (empty = in-cluster / in-process). */
  kubeMasterURL: string;
  /** upstreams receive queries outside the cluster zones; none means REFUSED. */
  upstreams: string[];
  ttl: number;
  pods: 'disabled' | 'insecure' | 'verified';
  fallthrough: string[];
}

export function defaultClusterDNSConfig(): ClusterDNSConfig {
  return { zones: ['cluster.local.', 'in-addr.arpa.'], port: 53, address: '0.0.0.0', kubeMasterURL: '', upstreams: [], ttl: 5, pods: 'disabled', fallthrough: [] };
}

const dot = (z: string) => (z.endsWith('.') ? z : `${z}.`).toLowerCase();

/**
 * parseFlags reads kube2sky/skydns/kube-dns style flags (one or two dashes, "--k=v" or "--k v").
 * Unknown flags are reported with the message Go's flag package prints.
 */
export function parseFlags(argv: string[], base: ClusterDNSConfig = defaultClusterDNSConfig()): ClusterDNSConfig {
  const cfg: ClusterDNSConfig = { ...base, zones: [...base.zones], upstreams: [...base.upstreams] };
  for (let i = 0; i < argv.length; i++) {
    const m = /^--?([a-z0-9_-]+)(?:=(.*))?$/.exec(argv[i]);
    if (!m) throw new Error(`unexpected argument: ${argv[i]}`);
    const name = m[1];
    const value = () => m[2] ?? argv[++i] ?? '';
    switch (name) {
      case 'domain':
        cfg.zones = [dot(value()), ...cfg.zones.filter((z) => z.endsWith('in-addr.arpa.'))];
        break;
      case 'kube-master-url':
      case 'kube_master_url':
      case 'machines': // skydns' etcd endpoints: kube2sky wrote records there; here the API is the store.
        cfg.kubeMasterURL = name === 'machines' ? cfg.kubeMasterURL : value();
        if (name === 'machines') value();
        break;
      case 'dns-port':
        cfg.port = Number(value());
        break;
      case 'addr': {
        const [host, port] = value().split(':');
        if (host) cfg.address = host;
        if (port) cfg.port = Number(port);
        break;
      }
      case 'dns-bind-address':
        cfg.address = value();
        break;
      case 'nameservers':
        cfg.upstreams = value().split(',').filter((s) => s !== '');
        break;
      case 'ttl':
        cfg.ttl = Number(value());
        break;
      case 'config-dir':
      case 'config-map':
      case 'ns-rotate':
      case 'v':
        value();
        break;
      default:
        throw new Error(`flag provided but not defined: -${name}`);
    }
  }
  return cfg;
}

/**
 * parseCorefile reads the first server block of a Corefile (".:53 { … }"): the kubernetes plugin's
 * zones and its pods/ttl/fallthrough/endpoint options, and forward's upstreams ("/etc/resolv.conf"
 * is kept as is; the caller substitutes the node's nameservers).
 */
export function parseCorefile(text: string, base: ClusterDNSConfig = defaultClusterDNSConfig()): ClusterDNSConfig {
  const cfg: ClusterDNSConfig = { ...base, zones: [...base.zones], upstreams: [] };
  const lines = text.split('\n').map((l) => l.replace(/#.*$/, '').trim()).filter((l) => l !== '');
  const header = /^(\S+)\s*\{$/.exec(lines[0] ?? '');
  if (!header) throw new Error('Corefile: expected "<zone>:<port> {" on the first line');
  const port = /:(\d+)$/.exec(header[1]);
  if (port) cfg.port = Number(port[1]);
  let block: string | undefined;
  for (const line of lines.slice(1)) {
    if (line === '}') {
      if (!block) break;
      block = undefined;
      continue;
    }
    const opens = line.endsWith('{');
    const [directive, ...args] = line.replace(/\{$/, '').trim().split(/\s+/);
    if (block === 'kubernetes') {
      if (directive === 'pods') cfg.pods = (args[0] as ClusterDNSConfig['pods']) ?? 'disabled';
      else if (directive === 'ttl') cfg.ttl = Number(args[0]);
      else if (directive === 'fallthrough') cfg.fallthrough = (args.length ? args : cfg.zones).map(dot);
      else if (directive === 'endpoint') cfg.kubeMasterURL = args[0] ?? '';
      continue;
    }
    if (block) continue;
    if (directive === 'kubernetes' && args.length) cfg.zones = args.map(dot);
    else if (directive === 'forward' || directive === 'proxy') cfg.upstreams = args.slice(1);
    if (opens) block = directive;
  }
  return cfg;
}
