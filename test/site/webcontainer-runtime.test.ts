// The WebContainer runtime's wiring, against a fake of the WebContainer API: real WebContainers
// cannot boot in a test run (boot() needs StackBlitz's servers), so these tests check what the runtime asks
// of the API — mount, chmod, `kubelab up`, jsh with PATH, resize, server-ready, `kubelab grade` for
// Check, teardown. That the mounted commands really work is checked by webcontainer-bundle.test.ts
// with real Node processes.
import { describe, expect, it } from 'vitest';
import type { FileSystemTree } from '@webcontainer/api';
import { GRADE_TIMEOUT_MS, WebContainerRuntime, type ProcessLike, type SpawnOptionsLike, type WebContainerLike } from '../../src/lab/runtime/webcontainer.js';
import type { BootProgress } from '../../src/lab/runtime/types.js';
import { jsonlResult, jsonlSummary } from '../../engine/grader/reporters/jsonl.js';
import type { CheckResult, GradeReport } from '../../engine/grader/types.js';
import { advanceUntil } from '../../engine/client/testing/advance.js';
import { VirtualClock } from '../../engine/util/clock.js';

class FakeProcess implements ProcessLike {
  readonly output: ReadableStream<string>;
  readonly input: WritableStream<string>;
  readonly exit: Promise<number>;
  readonly typed: string[] = [];
  readonly sizes: { cols: number; rows: number }[] = [];
  killed = false;
  private controller!: ReadableStreamDefaultController<string>;
  private finish!: (code: number) => void;

  constructor() {
    this.output = new ReadableStream({ start: (c) => void (this.controller = c) });
    this.input = new WritableStream({ write: (d) => void this.typed.push(d) });
    this.exit = new Promise((resolve) => (this.finish = resolve));
  }
  emit(text: string): void {
    this.controller.enqueue(text);
  }
  end(code: number): void {
    this.controller.close();
    this.finish(code);
  }
  kill(): void {
    this.killed = true;
  }
  resize(size: { cols: number; rows: number }): void {
    this.sizes.push(size);
  }
}

interface Spawned {
  command: string;
  args: string[];
  options?: SpawnOptionsLike;
  proc: FakeProcess;
}

class FakeWebContainer implements WebContainerLike {
  readonly path = '/usr/local/bin:/usr/bin:/bin';
  readonly workdir = '/home/learner';
  mounted?: FileSystemTree;
  readonly spawned: Spawned[] = [];
  tornDown = false;
  readonly files = new Map<string, string>();
  private readonly handlers = new Map<string, ((...args: never[]) => void)[]>();

  constructor(
    private readonly clusterOutput: (p: FakeProcess) => void,
    private readonly graderOutput: (p: FakeProcess) => void = () => {},
  ) {}

  async mount(tree: FileSystemTree): Promise<void> {
    this.mounted = tree;
  }
  async spawn(command: string, args: string[], options?: SpawnOptionsLike): Promise<ProcessLike> {
    const proc = new FakeProcess();
    this.spawned.push({ command, args, options, proc });
    if (command === 'chmod') proc.end(0);
    if (command === 'node' && args[1] === 'up') this.clusterOutput(proc);
    if (command === 'node' && args[1] === 'grade') queueMicrotask(() => this.graderOutput(proc));
    if (command === 'jsh') proc.emit('❯ ');
    return proc;
  }
  on(event: string, listener: (...args: never[]) => void): () => void {
    this.handlers.set(event, [...(this.handlers.get(event) ?? []), listener]);
    return () => {};
  }
  fire(event: string, ...args: unknown[]): void {
    for (const h of this.handlers.get(event) ?? []) (h as (...a: unknown[]) => void)(...args);
  }
  readonly fs = {
    writeFile: async (path: string, data: string) => void this.files.set(path, data),
    readFile: async (path: string) => {
      const text = this.files.get(path);
      if (text === undefined) throw new Error('ENOENT');
      return text;
    },
    mkdir: async () => undefined,
    readdir: async () => [...this.files.keys()],
  };
  teardown(): void {
    this.tornDown = true;
  }
}

const engineTree: FileSystemTree = { bin: { directory: { 'kubelab.mjs': { file: { contents: '#!/usr/bin/env node\n' } } } } };
const ready = (p: FakeProcess) => p.emit('Kubernetes API server is running at http://127.0.0.1:8080\netcd is serving clients at http://127.0.0.1:2379\n');

function setup(clusterOutput: (p: FakeProcess) => void = ready, more: { graderOutput?: (p: FakeProcess) => void; lab?: string; clock?: VirtualClock } = {}) {
  const wc = new FakeWebContainer(clusterOutput, more.graderOutput);
  const boots: unknown[] = [];
  const runtime = new WebContainerRuntime({
    files: { 'manifests/pod.yaml': 'kind: Pod\n' },
    engine: async () => engineTree,
    load: async () => ({ WebContainer: { boot: async (options) => (boots.push(options), wc) } }),
    ...(more.lab ? { lab: more.lab } : {}),
    ...(more.clock ? { clock: more.clock } : {}),
  });
  return { wc, runtime, boots };
}

const result = (id: string, status: CheckResult['status'], extra: Partial<CheckResult> = {}): CheckResult => ({ id, name: `检查 ${id}`, status, passed: status === 'passed', observed: `saw ${id}`, attempts: 1, durationMs: 5, ...extra });
const gradeCommand = 'node bin/kubelab.mjs grade guestbook --kubeconfig .kubelab/kubeconfig --reporter jsonl --locale zh-cn --timeout 3';

const tick = () => new Promise((r) => setImmediate(r));

describe('WebContainerRuntime (fake WebContainer API)', () => {
  it('boots, mounts the engine bundle with the lab files, and starts the cluster with kubelab up', async () => {
    const { wc, runtime, boots } = setup();
    const steps: BootProgress[] = [];
    expect(await runtime.boot((p) => steps.push(p))).toEqual({ restored: false });
    expect(boots).toEqual([{ coep: 'require-corp', workdirName: 'learner' }]);
    expect(wc.mounted).toEqual({
      bin: engineTree.bin,
      manifests: { directory: { 'pod.yaml': { file: { contents: 'kind: Pod\n' } } } },
    });
    expect(wc.spawned.map((s) => [s.command, ...s.args].join(' '))).toEqual([
      'chmod +x bin/kubectl bin/etcdctl bin/kubelab',
      'node bin/kubelab.mjs up --data-dir .kubelab',
    ]);
    expect(steps.map((s) => `${s.step}:${s.state}`)).toEqual([
      'engine:active', 'engine:done', 'storage:active', 'storage:done', 'api-server:active', 'api-server:done',
      'controllers:done', 'scheduler:done', 'node-1:done', 'node-2:done', 'node-3:done', 'dns:done', 'shell:done',
    ]);
    expect(steps.find((s) => s.step === 'api-server' && s.state === 'done')?.detail).toBe('http://127.0.0.1:8080');
  });

  it('fails the boot with what kubelab up printed when it stops before the API server is up', async () => {
    const { runtime } = setup((p) => {
      p.emit('kubelab: port 8080 is already in use\n');
      p.end(1);
    });
    await expect(runtime.boot(() => {})).rejects.toThrow('kubelab up stopped: kubelab: port 8080 is already in use');
  });

  it('wires jsh to the terminal with the engine commands on PATH, keys typed early, and resize', async () => {
    const { wc, runtime } = setup();
    await runtime.boot(() => {});
    let screen = '';
    const session = runtime.openTerminal({ write: (d) => void (screen += d) });
    session.input('kubectl get ns\r'); // before jsh has started
    session.resize(120, 40);
    await tick();
    const jsh = wc.spawned.find((s) => s.command === 'jsh')!;
    expect(jsh.options?.env).toEqual({
      PATH: '/home/learner/bin:/usr/local/bin:/usr/bin:/bin',
      HOME: '/home/learner',
      KUBELAB_DATA_DIR: '/home/learner/.kubelab',
    });
    await tick();
    expect(jsh.proc.typed).toEqual(['kubectl get ns\r']);
    session.input('\x03');
    await tick();
    expect(jsh.proc.typed).toEqual(['kubectl get ns\r', '\x03']);
    expect(screen).toBe('❯ ');
    session.resize(100, 30);
    expect(jsh.proc.sizes).toEqual([{ cols: 120, rows: 40 }, { cols: 100, rows: 30 }]);
    session.close();
    expect(jsh.proc.killed).toBe(true);
  });

  it('lists servers from server-ready as previews, without the control plane ports', async () => {
    const { wc, runtime } = setup();
    await runtime.boot(() => {});
    const seen: number[][] = [];
    runtime.watchPreviews((p) => seen.push(p.map((x) => x.port)));
    wc.fire('server-ready', 8080, 'https://api.example');
    wc.fire('server-ready', 30001, 'https://app-30001.example');
    wc.fire('server-ready', 8001, 'https://proxy-8001.example');
    expect(runtime.previews()).toEqual([
      { port: 30001, url: 'https://app-30001.example' },
      { port: 8001, url: 'https://proxy-8001.example' },
    ]);
    wc.fire('port', 8001, 'close', 'https://proxy-8001.example');
    expect(seen).toEqual([[30001], [30001, 8001], [30001]]);
  });

  it('writes and reads lab files through the container file system', async () => {
    const { wc, runtime } = setup();
    await runtime.boot(() => {});
    await runtime.files.write('svc.yaml', 'kind: Service\n');
    expect(wc.files.get('svc.yaml')).toBe('kind: Service\n');
    expect(await runtime.files.read('svc.yaml')).toBe('kind: Service\n');
    expect(await runtime.files.read('missing.yaml')).toBeUndefined();
  });

  it('grades by running kubelab grade in the container, reporting each result as its line arrives', async () => {
    const first = result('redis-master-controller', 'passed');
    const second = result('frontend-controller', 'failed', { hint: '用 `kubectl scale`' });
    const report: GradeReport = { lab: 'guestbook', title: '运行留言板', locale: 'zh-cn', passed: false, results: [first, second], setup: [], durationMs: 40 };
    let grader!: FakeProcess;
    const { wc, runtime } = setup(ready, { lab: 'guestbook', graderOutput: (p) => (grader = p) });
    await runtime.boot(() => {});
    const streamed: CheckResult[] = [];
    const graded = runtime.grade('zh-cn', (r) => streamed.push(r));
    await tick();
    expect(wc.spawned.map((s) => [s.command, ...s.args].join(' ')).at(-1)).toBe(gradeCommand);
    // The container's one output stream splits lines anywhere and mixes in stderr.
    const line = jsonlResult(first);
    grader.emit(line.slice(0, 17));
    await tick();
    expect(streamed).toEqual([]);
    grader.emit(line.slice(17) + '(node:42) ExperimentalWarning: something\r\n');
    await tick();
    expect(streamed).toEqual([first]);
    grader.emit(jsonlResult(second) + jsonlSummary(report));
    await tick();
    expect(streamed).toEqual([first, second]);
    grader.end(1);
    expect(await graded).toEqual(report);
  });

  it('reports a grader that stops without its summary as a failed "grader" result with what it printed', async () => {
    const first = result('redis-master-controller', 'passed');
    const { runtime } = setup(ready, {
      lab: 'guestbook',
      graderOutput: (p) => {
        p.emit(jsonlResult(first));
        p.emit('file:///home/learner/bin/lib/chunk.mjs:1\nTypeError: Cannot read properties of undefined\n');
        p.end(1);
      },
    });
    await runtime.boot(() => {});
    const streamed: CheckResult[] = [];
    const report = await runtime.grade('en', (r) => streamed.push(r));
    expect(report).toMatchObject({ lab: 'guestbook', passed: false, setup: [] });
    expect(report.results).toEqual(streamed);
    expect(streamed.map((r) => [r.id, r.status])).toEqual([['redis-master-controller', 'passed'], ['grader', 'failed']]);
    expect(streamed[1]).toMatchObject({
      name: 'The grader reported every check',
      observed: 'kubelab grade exited with code 1: file:///home/learner/bin/lib/chunk.mjs:1\nTypeError: Cannot read properties of undefined',
      hint: expect.stringContaining('`kubelab grade guestbook --kubeconfig .kubelab/kubeconfig --reporter jsonl --locale en --timeout 3`'),
    });
  });

  it('kills a grader that does not finish in time and says so', async () => {
    const clock = new VirtualClock(0);
    let grader!: FakeProcess;
    const { runtime } = setup(ready, { lab: 'guestbook', clock, graderOutput: (p) => (grader = p) });
    await runtime.boot(() => {});
    const report = await advanceUntil(clock, runtime.grade('zh-cn', () => {}), 1000, 200);
    expect(grader.killed).toBe(true);
    expect(clock.now()).toBe(GRADE_TIMEOUT_MS);
    expect(report.results).toEqual([expect.objectContaining({ id: 'grader', name: '评分程序报告了每一项检查', status: 'failed', observed: 'no report within 120 s', durationMs: GRADE_TIMEOUT_MS })]);
  });

  it('cannot grade without a lab id', async () => {
    const { runtime } = setup();
    await runtime.boot(() => {});
    await expect(runtime.grade('en', () => {})).rejects.toThrow('no lab to grade');
  });

  it('dispose kills the shells and the cluster and tears the container down (one per page)', async () => {
    const { wc, runtime } = setup();
    await runtime.boot(() => {});
    runtime.openTerminal({ write: () => {} });
    await tick();
    runtime.dispose();
    expect(wc.spawned.filter((s) => s.command !== 'chmod').map((s) => s.proc.killed)).toEqual([true, true]);
    expect(wc.tornDown).toBe(true);
    expect(() => runtime.openTerminal({ write: () => {} })).toThrow('the WebContainer has not booted');
  });
});
