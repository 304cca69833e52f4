// Mirrors cmd/kube-proxy/app/options (the flags of the documents' era and today's): parses a
// kube-proxy command line into ProxyServerConfig. Durations use Go's syntax ("1s", "500ms", "1m30s").

export interface ProxyServerConfig {
  mode: 'iptables' | 'userspace';
  /** master is --master, the API server URL ("" = the in-process transport). */
  master: string;
  hostnameOverride: string;
  bindAddress: string;
  clusterCIDR: string;
  masqueradeAll: boolean;
  masqueradeBit: number;
  minSyncPeriod: number;
  syncPeriod: number;
  /** configSyncPeriod is --config-sync-period (informer resync, ms). */
  configSyncPeriod: number;
  udpIdleTimeout: number;
  /** loadBalancerPool is this lab's address pool for LoadBalancer services ("" = none). */
  loadBalancerPool: string;
}

export function defaultProxyServerConfig(): ProxyServerConfig {
  return {
    mode: 'iptables',
    master: '',
    hostnameOverride: '',
    bindAddress: '0.0.0.0',
    clusterCIDR: '',
    masqueradeAll: false,
    masqueradeBit: 14,
    minSyncPeriod: 1000,
    syncPeriod: 30_000,
    configSyncPeriod: 15 * 60_000,
    udpIdleTimeout: 250,
    loadBalancerPool: '',
  };
}

/** parseGoDuration reads Go's time.ParseDuration syntax into milliseconds. */
export function parseGoDuration(text: string): number {
  const units: Record<string, number> = { ns: 1e-6, us: 1e-3, µs: 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
  if (text === '0') return 0;
  const re = /(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/gy;
  let total = 0;
  let consumed = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    total += Number(m[1]) * units[m[2]];
    consumed = re.lastIndex;
  }
  if (!text || consumed !== text.length) throw new Error(`time: invalid duration "${text}"`);
  return total;
}

/** parseFlags applies kube-proxy flags ("--flag=value", "--flag value", bare booleans). */
export function parseFlags(argv: string[], base = defaultProxyServerConfig()): ProxyServerConfig {
  const cfg = { ...base };
  for (let i = 0; i < argv.length; i++) {
    const m = /^--?([a-z0-9-]+)(?:=(.*))?$/.exec(argv[i]);
    if (!m) throw new Error(`unexpected argument: ${argv[i]}`);
    const [, name, inline] = m;
    const value = () => inline ?? argv[++i] ?? '';
    const bool = () => (inline === undefined ? true : inline === 'true');
    switch (name) {
      case 'proxy-mode': {
        const mode = value();
        if (mode !== 'iptables' && mode !== 'userspace' && mode !== '') throw new Error(`invalid value "${mode}" for --proxy-mode: must be iptables or userspace`);
        cfg.mode = mode || 'iptables';
        break;
      }
      case 'master':
        cfg.master = value();
        break;
      case 'hostname-override':
        cfg.hostnameOverride = value();
        break;
      case 'bind-address':
        cfg.bindAddress = value();
        break;
      case 'cluster-cidr':
        cfg.clusterCIDR = value();
        break;
      case 'masquerade-all':
        cfg.masqueradeAll = bool();
        break;
      case 'iptables-masquerade-bit':
        cfg.masqueradeBit = Number(value());
        break;
      case 'iptables-min-sync-period':
        cfg.minSyncPeriod = parseGoDuration(value());
        break;
      case 'iptables-sync-period':
        cfg.syncPeriod = parseGoDuration(value());
        break;
      case 'config-sync-period':
        cfg.configSyncPeriod = parseGoDuration(value());
        break;
      case 'udp-timeout':
        cfg.udpIdleTimeout = parseGoDuration(value());
        break;
      case 'load-balancer-pool':
        cfg.loadBalancerPool = value();
        break;
      case 'kubeconfig':
      case 'v':
      case 'logtostderr':
        if (inline === undefined && name !== 'logtostderr') value();
        break;
      default:
        throw new Error(`unknown flag: --${name}`);
    }
  }
  return cfg;
}
