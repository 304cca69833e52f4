// Mirrors iproute2's ip (ip/ipaddress.c, iplink.c, iproute.c, ipnetns.c) for the subcommands a
// node shell needs: addr, link, route (show, get), netns (list, exec).
import type { Tool, ToolContext, ToolIO } from './types.js';
import type { NetNamespace } from '../netns.js';
import type { NetDevice } from '../link/device.js';
import { broadcastAddress } from '../link/device.js';
import { formatRoute } from '../route/fib.js';
import { isIP } from '../ip/addr.js';
import { Veth } from '../link/veth.js';

function flags(d: NetDevice): string {
  if (d.kind === 'loopback') return '<LOOPBACK,UP,LOWER_UP>';
  return d.up ? '<BROADCAST,MULTICAST,UP,LOWER_UP>' : '<BROADCAST,MULTICAST>';
}

function linkName(d: NetDevice): string {
  if (d instanceof Veth) return `${d.name}@if${d.peer.index}`;
  return d.name;
}

function linkLines(d: NetDevice): string[] {
  const qdisc = d.kind === 'ether' ? 'fq_codel' : 'noqueue';
  const state = !d.up ? 'DOWN' : d.kind === 'loopback' || d.kind === 'vxlan' ? 'UNKNOWN' : 'UP';
  const master = d.master ? ` master ${d.master.name}` : '';
  const qlen = d.kind === 'loopback' || d.kind === 'ether' ? ' qlen 1000' : ' ';
  const first = `${d.index}: ${linkName(d)}: ${flags(d)} mtu ${d.mtu} qdisc ${qdisc}${master} state ${state} group default${qlen}`;
  let second = d.kind === 'loopback' ? `    link/loopback ${d.mac} brd 00:00:00:00:00:00` : `    link/ether ${d.mac} brd ff:ff:ff:ff:ff:ff`;
  if (d instanceof Veth && d.peer.owner) second += d.master ? ` link-netns ${d.peer.owner.name}` : ' link-netnsid 0';
  return [first, second];
}

function addrLines(d: NetDevice): string[] {
  const out: string[] = [];
  for (const a of d.addresses) {
    if (d.kind === 'loopback') out.push(`    inet ${a.address}/${a.bits} scope host lo`);
    else if (a.bits >= 31) out.push(`    inet ${a.address}/${a.bits} scope global ${d.name}`);
    else out.push(`    inet ${a.address}/${a.bits} brd ${broadcastAddress(a)} scope global ${d.name}`);
    out.push('       valid_lft forever preferred_lft forever');
  }
  return out;
}

function devices(ns: NetNamespace, dev?: string): NetDevice[] {
  return [...ns.devices.values()].filter((d) => !dev || d.name === dev).sort((a, b) => a.index - b.index);
}

async function ipAddr(ns: NetNamespace, args: string[], io: ToolIO): Promise<number> {
  const devIdx = args.indexOf('dev');
  const dev = devIdx >= 0 ? args[devIdx + 1] : args.find((a) => a !== 'show' && a !== 'list');
  const list = devices(ns, dev);
  if (dev && list.length === 0) {
    io.stderr(`Device "${dev}" does not exist.\n`);
    return 1;
  }
  io.stdout(list.map((d) => [...linkLines(d), ...addrLines(d)].join('\n') + '\n').join(''));
  return 0;
}

async function ipRoute(ns: NetNamespace, args: string[], io: ToolIO): Promise<number> {
  if (args[0] === 'get') {
    const dst = args[1] ?? '';
    if (!isIP(dst)) {
      io.stderr(`Error: any valid prefix is expected rather than "${dst}".\n`);
      return 1;
    }
    const rt = ns.route(dst);
    if (!rt) {
      io.stderr('RTNETLINK answers: Network is unreachable\n');
      return 2;
    }
    if (rt.local) io.stdout(`local ${dst} dev lo src ${rt.src} uid 0 \n    cache <local> \n`);
    else io.stdout(`${dst} ${rt.route?.via ? `via ${rt.route.via} ` : ''}dev ${rt.dev.name} src ${rt.src} uid 0 \n    cache \n`);
    return 0;
  }
  if (args[0] === 'add' || args[0] === 'del' || args[0] === 'delete') {
    const spec: Record<string, string> = {};
    for (let i = 2; i < args.length; i += 2) spec[args[i]!] = args[i + 1]!;
    try {
      if (args[0] === 'add') ns.fib.add({ dst: args[1]!, via: spec.via, dev: spec.dev ?? ns.route(spec.via ?? '')?.dev.name ?? '', src: spec.src, metric: spec.metric ? Number(spec.metric) : undefined });
      else if (!ns.fib.delete(args[1]!, spec.dev)) throw new Error('RTNETLINK answers: No such process');
    } catch (e) {
      io.stderr(`${(e as Error).message}\n`);
      return 2;
    }
    return 0;
  }
  io.stdout(ns.fib.list().map((r) => formatRoute(r) + ' \n').join(''));
  return 0;
}

export const ip: Tool = async (argv, io, ctx) => {
  const args = argv.filter((a) => a !== '-4');
  const [obj = 'help', ...rest] = args;
  const ns = ctx.netns;
  if ('address'.startsWith(obj) || obj === 'addr') return ipAddr(ns, rest, io);
  if ('link'.startsWith(obj)) {
    const dev = rest.find((a) => a !== 'show' && a !== 'list');
    const list = devices(ns, dev);
    io.stdout(list.map((d) => linkLines(d).join('\n') + '\n').join(''));
    return 0;
  }
  if ('route'.startsWith(obj)) return ipRoute(ns, rest, io);
  if (obj === 'netns') return ipNetns(rest, io, ctx);
  io.stderr(`Object "${obj}" is unknown, try "ip help".\n`);
  return 1;
};

async function ipNetns(args: string[], io: ToolIO, ctx: ToolContext): Promise<number> {
  const m = ctx.machine;
  if (!m) {
    io.stderr('mount --make-shared /run/netns failed: Operation not permitted\n');
    return 1;
  }
  const [cmd = 'list', name, ...rest] = args;
  if (cmd === 'list' || cmd === 'show') {
    const names = [...m.namespaces.keys()].reverse();
    io.stdout(names.map((n, i) => `${n} (id: ${names.length - 1 - i})\n`).join(''));
    return 0;
  }
  if (cmd === 'add') {
    m.addNamespace(name!);
    return 0;
  }
  if (cmd === 'exec') {
    const ns = name ? m.namespaces.get(name) : undefined;
    if (!ns) {
      io.stderr(`Cannot open network namespace "${name}": No such file or directory\n`);
      return 1;
    }
    const [prog, ...progArgs] = rest;
    const tool = prog ? ctx.tools?.[prog] : undefined;
    if (!tool) {
      io.stderr(`exec of "${prog}" failed: No such file or directory\n`);
      return 255;
    }
    return tool(progArgs, io, { ...ctx, netns: ns });
  }
  io.stderr(`Command "${cmd}" is unknown, try "ip netns help".\n`);
  return 1;
}
