// The node-shell network tools by command name (what a busybox-like shell looks up in $PATH).
import type { Tool } from './types.js';
import { ip } from './ip.js';
import { brctl } from './brctl.js';
import { iptables, iptablesRestore, iptablesSave } from './iptables.js';
import { conntrack } from './conntrack.js';
import { ping } from './ping.js';
import { nc } from './nc.js';
import { curl, wget } from './curl.js';
import { dig, nslookup } from './nslookup.js';

export const NET_TOOLS: Record<string, Tool> = {
  ip,
  brctl,
  iptables,
  'iptables-save': iptablesSave,
  'iptables-restore': iptablesRestore,
  conntrack,
  ping,
  nc,
  netcat: nc,
  curl,
  wget,
  nslookup,
  dig,
};

export type { Tool, ToolContext, ToolIO } from './types.js';
