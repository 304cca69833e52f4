// Mirrors libxtables' match loading (xtables_find_match): a name → constructor table; an unknown
// name fails as iptables does when the shared object is missing.
import type { Match } from '../types.js';
import { parameterProblem } from '../types.js';
import { AddrtypeMatch } from './addrtype.js';
import { CommentMatch } from './comment.js';
import { ConntrackMatch } from './conntrack.js';
import { IcmpMatch } from './icmp.js';
import { MarkMatch } from './mark.js';
import { MultiportMatch } from './multiport.js';
import { RecentMatch } from './recent.js';
import { StatisticMatch } from './statistic.js';
import { TcpUdpMatch } from './tcp.js';

const MATCHES: Record<string, () => Match> = {
  tcp: () => new TcpUdpMatch('tcp'),
  udp: () => new TcpUdpMatch('udp'),
  icmp: () => new IcmpMatch(),
  comment: () => new CommentMatch(),
  statistic: () => new StatisticMatch(),
  conntrack: () => new ConntrackMatch('conntrack'),
  state: () => new ConntrackMatch('state'),
  mark: () => new MarkMatch(),
  recent: () => new RecentMatch(),
  multiport: () => new MultiportMatch(),
  addrtype: () => new AddrtypeMatch(),
};

export function newMatch(name: string): Match {
  const make = MATCHES[name];
  if (!make) throw parameterProblem(`Couldn't load match \`${name}':No such file or directory`);
  return make();
}
