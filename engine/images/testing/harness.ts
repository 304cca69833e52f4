// A container for tests: an image's filesystem, a fake network stack, a resolver and a virtual
// clock, with helpers to run programs and collect their output.
import { VirtualClock } from '../../util/clock.js';
import type { Image, Resolver } from '../types.js';
import { ContainerFileSystem, newImageLayer } from '../fs/container-fs.js';
import { startProcess, type Process } from '../process.js';
import { FakeNetwork } from './fake-net.js';
import type { NetStack } from '../../net/types.js';
import { FakeResolver } from './fake-resolver.js';

export interface RunningProgram {
  process: Process;
  stdout(): string;
  stderr(): string;
}

export class TestContainer {
  readonly fs: ContainerFileSystem;
  constructor(
    readonly image: Image,
    readonly stack: NetStack,
    readonly clock: VirtualClock,
    readonly resolver: Resolver,
    readonly options: { tag?: string; hostname?: string; env?: Record<string, string>; memoryLimitBytes?: number; address?: string } = {},
  ) {
    this.fs = new ContainerFileSystem(newImageLayer(image, options.tag ?? image.tags[0]!, () => clock.now()));
    const hostname = options.hostname ?? 'test-pod';
    const address = options.address ?? (stack as { address?: string }).address ?? '127.0.0.1';
    this.fs.writeFile('/etc/hosts', `127.0.0.1\tlocalhost\n${address}\t${hostname}\n`);
    this.fs.writeFile('/etc/hostname', `${hostname}\n`);
  }

  start(argv: string[], stdin?: string): RunningProgram {
    let out = '';
    let err = '';
    const decoder = new TextDecoder();
    const text = (c: Uint8Array | string): string => (typeof c === 'string' ? c : decoder.decode(c));
    const process = startProcess({
      image: this.image,
      argv,
      env: { ...this.image.config.env, ...this.options.env },
      cwd: this.image.config.workingDir ?? '/',
      hostname: this.options.hostname ?? 'test-pod',
      fs: this.fs,
      net: this.stack,
      resolver: this.resolver,
      clock: this.clock,
      stdin,
      stdout: (c) => (out += text(c)),
      stderr: (c) => (err += text(c)),
      memoryLimitBytes: this.options.memoryLimitBytes,
    });
    return { process, stdout: () => out, stderr: () => err };
  }

  /** run starts argv and advances the clock until it exits (or maxMs passes). */
  async run(argv: string[], stdin?: string, maxMs = 60_000): Promise<{ code: number; stdout: string; stderr: string }> {
    const p = this.start(argv, stdin);
    let done = false;
    void p.process.done.then(() => (done = true));
    for (let t = 0; t < maxMs && !done; t += 100) await this.clock.advance(100);
    const status = await Promise.race([p.process.done, Promise.resolve(undefined)]);
    if (!status) throw new Error(`${argv.join(' ')} did not exit; stdout=${p.stdout()} stderr=${p.stderr()}`);
    return { code: status.exitCode, stdout: p.stdout(), stderr: p.stderr() };
  }
}

/** newTestWorld returns a clock, a network and a resolver shared by test containers. */
export function newTestWorld(): { clock: VirtualClock; network: FakeNetwork; resolver: FakeResolver } {
  const clock = new VirtualClock();
  return { clock, network: new FakeNetwork(clock), resolver: new FakeResolver() };
}
