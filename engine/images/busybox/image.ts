// The busybox image (docker.io/library/busybox): one multi-call binary whose applets are the
// programs below; `sh` is the shell of engine/shell.
import type { Image, Program } from '../types.js';
import { makeShell } from './sh.js';
import * as files from './applets/files.js';
import * as text from './applets/text.js';
import * as system from './applets/system.js';
import * as net from './applets/net.js';
import { echo } from '../../shell/commands/echo.js';
import { printf } from '../../shell/commands/printf.js';
import { makeTest } from '../../shell/commands/test.js';
import type { ShellCommand } from '../../shell/types.js';

function fromCommand(command: ShellCommand | ((fs: never) => ShellCommand), bindFs = false): Program {
  return (ctx) => {
    const cmd = bindFs ? (command as (fs: typeof ctx.fs) => ShellCommand)(ctx.fs) : (command as ShellCommand);
    return cmd({ argv: ctx.argv, env: ctx.env, cwd: ctx.cwd, stdin: ctx.stdin, stdout: ctx.stdout, stderr: ctx.stderr, signal: ctx.aborted });
  };
}

/** busyboxApplets are the tools every shell-bearing image here offers. */
export const busyboxApplets: Record<string, Program> = {
  cat: files.cat, ls: files.ls, head: files.head, tail: files.tail, touch: files.touch, mkdir: files.mkdir,
  rm: files.rm, cp: files.cp, mv: files.mv, tee: files.tee,
  grep: text.grep, wc: text.wc, sort: text.sort, base64: text.base64, seq: text.seq, yes: text.yes, tr: text.tr,
  sleep: system.sleep, env: system.env, printenv: system.printenv, hostname: system.hostname, date: system.date,
  id: system.id, whoami: system.whoami, kill: system.kill, top: system.top, ip: system.ip, uname: system.uname,
  pwd: system.pwd, true: system.trueProgram, false: system.falseProgram,
  wget: net.wget, nc: net.nc, nslookup: net.nslookup,
  echo: fromCommand(echo), printf: fromCommand(printf), test: fromCommand(makeTest, true), '[': fromCommand(makeTest, true),
};

/** withShell adds sh/ash (and the busybox dispatcher) to a program table. */
export function withShell(programs: Record<string, Program>): Record<string, Program> {
  const all: Record<string, Program> = { ...programs };
  all.sh = makeShell(() => all);
  all.ash = all.sh;
  all.busybox = async (ctx) => {
    const [, applet, ...rest] = ctx.argv;
    if (!applet || applet === '--list') {
      ctx.stdout(Object.keys(all).sort().join('\n') + '\n');
      return 0;
    }
    const p = all[applet];
    if (!p) {
      ctx.stderr(`${applet}: applet not found\n`);
      return 127;
    }
    return p({ ...ctx, argv: [applet, ...rest] });
  };
  return all;
}

const programs = withShell(busyboxApplets);

/** binFiles lists a program table as files in /bin, so `ls /bin` shows the applets. */
export function binFiles(names: string[], dir = '/bin'): Record<string, string> {
  return Object.fromEntries(names.filter((n) => n !== '[').map((n) => [`${dir}/${n}`, '']));
}

export const busybox: Image = {
  name: 'busybox',
  tags: ['latest', '1.36', '1.36.1', '1.28', '1.35'],
  config: { cmd: ['sh'], env: { PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' } },
  programs,
  files: {
    ...binFiles(Object.keys(programs)),
    '/etc/passwd': 'root:x:0:0:root:/root:/bin/sh\ndaemon:x:1:1:daemon:/usr/sbin:/bin/false\nnobody:x:65534:65534:nobody:/home:/bin/false\n',
    '/etc/group': 'root:x:0:\nwheel:x:10:root\nnobody:x:65534:\n',
    '/root/.keep': '',
  },
  sizeBytes: 4_261_550,
};
