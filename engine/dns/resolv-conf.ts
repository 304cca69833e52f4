// Mirrors the resolv.conf(5) format as glibc reads it and the kubelet writes it (the client side of
// pkg/kubelet/network/dns/dns.go): the parsed form every resolver here uses, a printer and a parser.
// It imports nothing from the API so the dataplane's node tools can use it.
export interface ResolvConf {
  nameservers: string[];
  searches: string[];
  options: { ndots: number; timeout: number; attempts: number };
}

export const defaultResolvOptions = { ndots: 1, timeout: 5, attempts: 2 };

/** formatResolvConf prints resolv.conf as the kubelet writes it. */
export function formatResolvConf(conf: ResolvConf): string {
  const lines = conf.nameservers.map((ns) => `nameserver ${ns}`);
  if (conf.searches.length) lines.push(`search ${conf.searches.join(' ')}`);
  const opts: string[] = [];
  if (conf.options.ndots !== defaultResolvOptions.ndots) opts.push(`ndots:${conf.options.ndots}`);
  if (conf.options.timeout !== defaultResolvOptions.timeout) opts.push(`timeout:${conf.options.timeout}`);
  if (conf.options.attempts !== defaultResolvOptions.attempts) opts.push(`attempts:${conf.options.attempts}`);
  if (opts.length) lines.push(`options ${opts.join(' ')}`);
  return lines.join('\n') + '\n';
}

/** parseResolvConf reads resolv.conf text (nameserver, search/domain, options; comments ignored). */
export function parseResolvConf(text: string): ResolvConf {
  const conf: ResolvConf = { nameservers: [], searches: [], options: { ...defaultResolvOptions } };
  for (const raw of text.split('\n')) {
    const line = raw.replace(/[#;].*$/, '').trim();
    if (!line) continue;
    const [key, ...fields] = line.split(/\s+/);
    if (key === 'nameserver' && fields[0]) conf.nameservers.push(fields[0]);
    // The last search or domain line wins, as in glibc.
    else if (key === 'search' || key === 'domain') conf.searches = fields;
    else if (key === 'options') {
      for (const f of fields) {
        const [name, value] = f.split(':');
        if ((name === 'ndots' || name === 'timeout' || name === 'attempts') && /^\d+$/.test(value ?? '')) conf.options[name] = Math.min(Number(value), name === 'ndots' ? 15 : 30);
      }
    }
  }
  return conf;
}
