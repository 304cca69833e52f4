// Mirrors bridge-utils' brctl (brctl_cmd.c): show and showmacs.
import type { Tool } from './types.js';
import { Bridge } from '../link/bridge.js';

export const brctl: Tool = async (argv, io, ctx) => {
  const host = ctx.machine?.host ?? ctx.netns;
  const bridges = [...host.devices.values()].filter((d): d is Bridge => d instanceof Bridge);
  const [cmd = 'show', name] = argv;
  if (cmd === 'show') {
    let out = 'bridge name\tbridge id\t\tSTP enabled\tinterfaces\n';
    for (const b of bridges.filter((x) => !name || x.name === name)) {
      const ports = b.ports.map((p) => p.name).sort();
      out += `${b.name}\t\t${b.bridgeId}\t${b.stp ? 'yes' : 'no'}\t\t${ports[0] ?? ''}\n`;
      for (const p of ports.slice(1)) out += `\t\t\t\t\t\t\t${p}\n`;
    }
    io.stdout(out);
    return 0;
  }
  if (cmd === 'showmacs') {
    const b = bridges.find((x) => x.name === name);
    if (!b) {
      io.stderr(`read of forward table failed: No such device\n`);
      return 1;
    }
    let out = 'port no\tmac addr\t\tis local?\tageing timer\n';
    for (const e of [...b.fdb.values()].sort((x, y) => (x.mac < y.mac ? -1 : 1))) {
      out += `${String(b.ports.indexOf(e.port) + 1).padStart(3)}\t${e.mac}\t${e.local ? 'yes' : 'no'}\t\t${e.local ? '   0.00' : '   1.00'}\n`;
    }
    io.stdout(out);
    return 0;
  }
  io.stderr(`never heard of command [${cmd}]\n`);
  return 1;
};
