import { describe, it, expect } from 'vitest';
import { containerArgv, startProcess, type ProcessSpec } from './process.js';
import type { Image } from './types.js';
import { MemFileSystem } from './fs/mem-fs.js';
import { FakeNetwork } from './testing/fake-net.js';
import { FakeResolver } from './testing/fake-resolver.js';
import { VirtualClock } from '../util/clock.js';
import { sleep, untilAborted } from './lib/process-util.js';
import { pause } from './pause/image.js';

const image: Image = {
  name: 'test',
  tags: ['latest'],
  config: { entrypoint: ['main'], cmd: ['--default'] },
  files: {},
  sizeBytes: 1,
  programs: {
    main: async (ctx) => {
      ctx.stdout(`argv=${ctx.argv.join(' ')} env=${ctx.env.NAME ?? ''}\n`);
      return Number(ctx.env.CODE ?? 0);
    },
    sleeper: async (ctx) => {
      await untilAborted(ctx);
      return 0;
    },
    graceful: async (ctx) => {
      let stop = (): void => {};
      ctx.onSignal((s) => {
        ctx.stdout(`got ${s}\n`);
        stop();
      });
      await new Promise<void>((r) => (stop = r));
      await sleep(ctx, 1000); // cleanup takes a second
      return 0;
    },
    hog: async (ctx) => {
      for (;;) {
        ctx.memory.allocate(1024 * 1024);
        await sleep(ctx, 100);
      }
    },
    parent: async (ctx) => {
      let out = '';
      const code = await ctx.spawn(['main', 'child'], { env: { NAME: 'kid', CODE: '3' }, stdout: (c) => (out += String(c)) });
      ctx.stdout(`child said ${out.trim()} and exited ${code}\n`);
      const missing = await ctx.spawn(['nope']);
      ctx.stdout(`missing exited ${missing}\n`);
      return 0;
    },
    pause,
    crash: async () => {
      throw new Error('boom');
    },
  },
};

function spec(argv: string[], extra: Partial<ProcessSpec> = {}) {
  const clock = new VirtualClock();
  let stdout = '';
  let stderr = '';
  const s: ProcessSpec = {
    image, argv, fs: new MemFileSystem(), net: new FakeNetwork(clock).stack('10.0.0.1'), resolver: new FakeResolver(), clock,
    stdout: (c) => (stdout += String(c)), stderr: (c) => (stderr += String(c)), ...extra,
  };
  return { s, clock, out: () => stdout, err: () => stderr };
}

describe('process runner', () => {
  it('runs a program with argv and env and reports Completed / Error', async () => {
    const ok = spec(['main', 'a'], { env: { NAME: 'x' } });
    expect(await startProcess(ok.s).done).toEqual({ exitCode: 0, reason: 'Completed' });
    expect(ok.out()).toBe('argv=main a env=x\n');
    const bad = spec(['main'], { env: { CODE: '2' } });
    expect(await startProcess(bad.s).done).toEqual({ exitCode: 2, reason: 'Error' });
  });

  it('fails to start an unknown executable like runc', async () => {
    const r = spec(['nope']);
    expect(await startProcess(r.s).done).toEqual({ exitCode: 128, reason: 'StartError', message: 'exec: "nope": executable file not found in $PATH' });
  });

  it('turns a thrown error into exit 1 with the message on stderr', async () => {
    const r = spec(['crash']);
    expect((await startProcess(r.s).done).exitCode).toBe(1);
    expect(r.err()).toBe('boom\n');
  });

  it.each([
    ['SIGTERM', 143],
    ['SIGINT', 130],
    ['SIGKILL', 137],
  ] as const)('a program without handlers dies of %s with %i', async (signal, code) => {
    const r = spec(['sleeper']);
    const p = startProcess(r.s);
    await r.clock.advance(10);
    p.kill(signal);
    expect(await p.done).toMatchObject({ exitCode: code, reason: 'Error', signal });
  });

  it('delivers SIGTERM to handlers; SIGKILL ends the grace period', async () => {
    const r = spec(['graceful']);
    const p = startProcess(r.s);
    await r.clock.advance(10);
    p.kill('SIGTERM');
    await r.clock.advance(500);
    expect(p.exitStatus).toBeUndefined();
    expect(r.out()).toBe('got SIGTERM\n');
    await r.clock.advance(600);
    expect(await p.done).toEqual({ exitCode: 0, reason: 'Completed' });

    const k = spec(['graceful']);
    const q = startProcess(k.s);
    await k.clock.advance(10);
    q.kill('SIGTERM');
    q.kill('SIGKILL');
    expect(await q.done).toMatchObject({ exitCode: 137, signal: 'SIGKILL' });
  });

  it('kills with OOMKilled when memory passes the limit', async () => {
    const r = spec(['hog'], { memoryLimitBytes: 5 * 1024 * 1024 });
    const p = startProcess(r.s);
    await r.clock.advance(1000);
    expect(await p.done).toEqual({ exitCode: 137, reason: 'OOMKilled', signal: 'SIGKILL' });
    expect(p.memoryUsage().peak).toBeGreaterThan(5 * 1024 * 1024);
  });

  it('spawns other programs of the image and reports their exit codes', async () => {
    const r = spec(['parent']);
    expect((await startProcess(r.s).done).exitCode).toBe(0);
    expect(r.out()).toBe('child said argv=main child env=kid and exited 3\nmissing exited 127\n');
    expect(r.err()).toBe('exec: "nope": executable file not found in $PATH\n');
  });

  it('kills spawned children with their parent (exec sessions end with the container)', async () => {
    const r = spec(['sleeper']);
    const p = startProcess(r.s);
    const child = p.child(['sleeper']);
    await r.clock.advance(10);
    p.kill('SIGKILL');
    expect((await child.done).exitCode).toBe(137);
  });

  it('pause exits 0 on SIGTERM with its message', async () => {
    const r = spec(['pause']);
    const p = startProcess(r.s);
    await r.clock.advance(10);
    p.kill('SIGTERM');
    expect(await p.done).toEqual({ exitCode: 0, reason: 'Completed' });
    expect(r.err()).toBe('Shutting down, got signal: Terminated\n');
  });

  it.each([
    [undefined, undefined, ['main', '--default']],
    [undefined, ['x'], ['main', 'x']],
    [['sh', '-c'], ['echo hi'], ['sh', '-c', 'echo hi']],
    [['other'], undefined, ['other']],
  ])('containerArgv(command=%j, args=%j)', (command, args, want) => {
    expect(containerArgv(image, command, args)).toEqual(want);
  });
});
