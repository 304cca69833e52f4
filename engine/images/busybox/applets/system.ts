// System applets of busybox (sleep, env, printenv, hostname, date, id, whoami, kill, top, uname, ip,
// true/false): what a container sees of itself. ip is read-only and learns the pod's address from
// /etc/hosts, which the kubelet writes with the pod IP beside the hostname.
import type { Program, ProcessContext } from '../../types.js';
import { sleep as sleepFor } from '../../lib/process-util.js';

export const sleep: Program = async (ctx) => {
  const arg = ctx.argv[1];
  if (arg === undefined) {
    ctx.stderr('BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: sleep [N]...\n');
    return 1;
  }
  let ms = 0;
  for (const a of ctx.argv.slice(1)) {
    if (a === 'inf' || a === 'infinity') ms = Infinity;
    const m = /^(\d*\.?\d+)([smhd]?)$/.exec(a);
    if (!m && ms !== Infinity) {
      ctx.stderr(`sleep: invalid number '${a}'\n`);
      return 1;
    }
    if (m) ms += Number(m[1]) * { '': 1000, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[m[2] as '' | 's']!;
  }
  if (ms === Infinity) {
    await new Promise<void>((resolve) => ctx.aborted.addEventListener('abort', () => resolve(), { once: true }));
    return 0;
  }
  await sleepFor(ctx, ms);
  return 0;
};

export const env: Program = async (ctx) => {
  ctx.stdout(Object.entries(ctx.env).map(([k, v]) => `${k}=${v}\n`).join(''));
  return 0;
};

export const printenv: Program = async (ctx) => {
  const names = ctx.argv.slice(1);
  if (names.length === 0) return env(ctx);
  let status = 0;
  for (const n of names) {
    if (ctx.env[n] === undefined) status = 1;
    else ctx.stdout(`${ctx.env[n]}\n`);
  }
  return status;
};

/** podAddress reads the container's own address from /etc/hosts (the line naming its hostname). */
export function podAddress(ctx: ProcessContext): string | undefined {
  try {
    for (const line of ctx.fs.readText('/etc/hosts').split('\n')) {
      const [addr, ...names] = line.trim().split(/\s+/);
      if (addr && !addr.startsWith('#') && names.includes(ctx.hostname) && !addr.startsWith('127.') && addr.includes('.')) return addr;
    }
  } catch {
    // no /etc/hosts: no address to show
  }
  return undefined;
}

export const hostname: Program = async (ctx) => {
  if (ctx.argv[1] === '-i') {
    ctx.stdout(`${podAddress(ctx) ?? '127.0.0.1'}\n`);
    return 0;
  }
  ctx.stdout(`${ctx.hostname}\n`);
  return 0;
};

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** formatDate implements the strftime subset date(1) users type. */
export function formatDate(ms: number, format: string): string {
  const d = new Date(ms);
  const p = (n: number, w = 2): string => String(n).padStart(w, '0');
  return format.replace(/%(.)/g, (_m, c: string) => {
    switch (c) {
      case 's': return String(Math.floor(ms / 1000));
      case 'Y': return String(d.getUTCFullYear());
      case 'm': return p(d.getUTCMonth() + 1);
      case 'd': return p(d.getUTCDate());
      case 'e': return String(d.getUTCDate()).padStart(2);
      case 'H': return p(d.getUTCHours());
      case 'M': return p(d.getUTCMinutes());
      case 'S': return p(d.getUTCSeconds());
      case 'a': return DAYS[d.getUTCDay()]!;
      case 'b': return MONTHS[d.getUTCMonth()]!;
      case 'Z': return 'UTC';
      case 'z': return '+0000';
      case 'T': return `${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}`;
      case 'F': return `${d.getUTCFullYear()}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())}`;
      case '%': return '%';
      default: return `%${c}`;
    }
  });
}

export const date: Program = async (ctx) => {
  const fmt = ctx.argv.find((a) => a.startsWith('+'));
  ctx.stdout(formatDate(ctx.clock.now(), fmt ? fmt.slice(1) : '%a %b %e %T %Z %Y') + '\n');
  return 0;
};

export const id: Program = async (ctx) => {
  ctx.stdout(ctx.argv.includes('-u') ? '0\n' : 'uid=0(root) gid=0(root) groups=0(root),10(wheel)\n');
  return 0;
};

export const whoami: Program = async (ctx) => {
  ctx.stdout('root\n');
  return 0;
};

export const kill: Program = async () => 0;

export const uname: Program = async (ctx) => {
  ctx.stdout(ctx.argv.includes('-a') ? `Linux ${ctx.hostname} 6.1.0-kubelab #1 SMP x86_64 GNU/Linux\n` : 'Linux\n');
  return 0;
};

export const top: Program = async (ctx) => {
  const clock = formatDate(ctx.clock.now(), '%T');
  ctx.stdout(
    `Mem: 1024000K used, 3072000K free, 0K shrd, 0K buff, 512000K cached\n` +
      `CPU:   0% usr   0% sys   0% nic 100% idle   0% io   0% irq   0% sirq\n` +
      `Load average: 0.00 0.00 0.00 1/100 7 ${clock}\n` +
      `  PID  PPID USER     STAT   VSZ %VSZ CPU %CPU COMMAND\n` +
      `    1     0 root     S     4400   0%   0   0% ${ctx.argv[0] === 'top' ? 'sh' : ctx.argv[0]}\n` +
      `    7     1 root     R     4400   0%   0   0% top\n`,
  );
  return 0;
};

export const ip: Program = async (ctx) => {
  const obj = ctx.argv[1] ?? '';
  const addr = podAddress(ctx);
  if ('addr'.startsWith(obj) || 'address'.startsWith(obj) || obj === 'a') {
    let out = '1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue qlen 1000\n' +
      '    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00\n' +
      '    inet 127.0.0.1/8 scope host lo\n       valid_lft forever preferred_lft forever\n';
    if (addr) {
      const mac = '02:42:' + addr.split('.').map((o) => Number(o).toString(16).padStart(2, '0')).join(':');
      out += `2: eth0@if7: <BROADCAST,MULTICAST,UP,LOWER_UP,M-DOWN> mtu 1500 qdisc noqueue\n` +
        `    link/ether ${mac} brd ff:ff:ff:ff:ff:ff\n` +
        `    inet ${addr}/24 brd ${addr.replace(/\.\d+$/, '.255')} scope global eth0\n       valid_lft forever preferred_lft forever\n`;
    }
    ctx.stdout(out);
    return 0;
  }
  if ('route'.startsWith(obj) || obj === 'r') {
    if (addr) {
      const net = addr.replace(/\.\d+$/, '');
      ctx.stdout(`default via ${net}.1 dev eth0 \n${net}.0/24 dev eth0 scope link  src ${addr} \n`);
    }
    return 0;
  }
  ctx.stderr(`ip: unknown command or object "${obj}"\n`);
  return 1;
};

export const pwd: Program = async (ctx) => {
  ctx.stdout(`${ctx.cwd}\n`);
  return 0;
};

export const trueProgram: Program = async () => 0;
export const falseProgram: Program = async () => 1;
