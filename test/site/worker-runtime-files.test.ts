// The Worker runtime's files from the page's side, against a fake worker: writes go to the worker,
// and the editor hears that the files may have changed once a command line has ended or a write
// was answered — not before, so the list it reads then is the new one. Also which terminal links
// open in the preview pane.
import { describe, expect, it } from 'vitest';
import type { Reply, Request } from '../../src/lab/runtime/worker/protocol.js';
import { WorkerRuntime, type WorkerLike } from '../../src/lab/runtime/worker-runtime.js';
import { previewFor } from '../../src/lab/ui/preview-pane.js';
import type { PreviewPort } from '../../src/lab/runtime/types.js';
import { flushMicrotasks } from '../../engine/util/clock.js';

/** FakeWorker keeps requests until the test answers them. */
class FakeWorker implements WorkerLike {
  onmessage: ((event: MessageEvent<Reply>) => void) | null = null;
  onerror: ((event: ErrorEvent) => void) | null = null;
  readonly requests: Request[] = [];
  postMessage(message: Request): void {
    this.requests.push(message);
  }
  answer(type: Request['type'], value: Reply extends infer R ? (R extends { type: 'result'; value: infer V } ? V : never) : never = null): void {
    const req = this.requests.find((r) => r.type === type);
    if (!req) throw new Error(`no ${type} request`);
    this.requests.splice(this.requests.indexOf(req), 1);
    this.onmessage?.({ data: { id: req.id, type: 'result', value } } as MessageEvent<Reply>);
  }
  terminate(): void {}
}

async function booted() {
  const worker = new FakeWorker();
  const runtime = new WorkerRuntime('scaling', () => worker, { 'nginx-controller.yaml': 'replicas: 2\n' });
  const boot = runtime.boot(() => {});
  worker.answer('boot', { restored: false });
  await boot;
  return { worker, runtime };
}

describe('WorkerRuntime files', () => {
  it('sends the starter files with boot', async () => {
    const worker = new FakeWorker();
    const runtime = new WorkerRuntime('scaling', () => worker, { 'a.yaml': 'a' });
    void runtime.boot(() => {});
    expect(worker.requests[0]).toMatchObject({ type: 'boot', labId: 'scaling', files: { 'a.yaml': 'a' } });
  });

  it('tells the listeners after a write is answered', async () => {
    const { worker, runtime } = await booted();
    let changes = 0;
    runtime.watchFiles(() => void changes++);
    const write = runtime.files.write('nginx-controller.yaml', 'replicas: 4\n');
    await flushMicrotasks();
    expect(worker.requests.at(-1)).toMatchObject({ type: 'write-file', path: 'nginx-controller.yaml', text: 'replicas: 4\n' });
    expect(changes).toBe(0);
    worker.answer('write-file');
    await write;
    expect(changes).toBe(1);
  });

  it('tells the listeners when a command line ends, and stops when unsubscribed', async () => {
    const { worker, runtime } = await booted();
    let changes = 0;
    const stop = runtime.watchFiles(() => void changes++);
    const session = runtime.openTerminal({ write: () => {} });
    session.input('cat > f.yaml <<EOF\r');
    await flushMicrotasks();
    expect(changes).toBe(0);
    worker.answer('run', 'more');
    await flushMicrotasks();
    expect(changes).toBe(1);
    session.input('EOF\r');
    await flushMicrotasks();
    worker.answer('run', 0);
    await flushMicrotasks();
    expect(changes).toBe(2);
    stop();
    session.input('ls\r');
    await flushMicrotasks();
    worker.answer('run', 0);
    await flushMicrotasks();
    expect(changes).toBe(2);
  });
});

describe('previewFor (terminal links)', () => {
  const dataplane: PreviewPort[] = [
    { port: 30001, url: 'http://10.245.1.3:30001/', label: 'frontend', dataplane: true, ready: true },
    { port: 30080, url: 'http://10.245.1.3:30080/', label: 'nginx', dataplane: true, ready: true },
  ];
  const container: PreviewPort[] = [{ port: 3000, url: 'https://abc--3000.local-credentialless.webcontainer.io' }];

  it.each([
    { name: 'a NodePort on the first node', url: 'http://10.245.1.3:30001/', previews: dataplane, port: 30001 },
    { name: 'the same NodePort on another node, with a path', url: 'http://10.245.1.4:30080/index.html', previews: dataplane, port: 30080 },
    { name: 'a port that is no NodePort', url: 'http://10.245.1.3:8080/', previews: dataplane, port: undefined },
    { name: 'a web page outside the lab', url: 'https://kubernetes.io/docs/', previews: dataplane, port: undefined },
    { name: 'a WebContainer server by its origin', url: 'https://abc--3000.local-credentialless.webcontainer.io/api', previews: container, port: 3000 },
    { name: 'not a URL', url: 'http//broken', previews: dataplane, port: undefined },
  ])('$name', ({ url, previews, port }) => {
    expect(previewFor(url, previews)?.port).toBe(port);
  });
});
