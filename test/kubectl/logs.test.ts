// kubectl logs and the API server's pods/log subresource, with a fake node connection in place of
// the kubelets.
import { describe, it, expect } from 'vitest';
import type { ContainerLogOptions, NodeConnection } from '../../engine/apiserver/registry/core/pod/rest/node-connection.js';
import { flushMicrotasks } from '../../engine/util/clock.js';
import { newRealHarness, type RealHarness } from './real-harness.js';

interface Call {
  node: string;
  ns: string;
  pod: string;
  container: string;
  opts: ContainerLogOptions;
}

/** fakeNodes serves fixed logs per "pod/container"; waiting containers refuse as the kubelet does. */
function fakeNodes(logs: Record<string, string>, waiting: Record<string, string> = {}) {
  const calls: Call[] = [];
  let follower: ReadableStreamDefaultController<Uint8Array> | undefined;
  const conn: NodeConnection = {
    getContainerLogs(node, ns, pod, container, opts) {
      calls.push({ node, ns, pod, container, opts });
      const key = `${pod}/${container}`;
      if (waiting[key]) throw new Error(`container "${container}" in pod "${pod}" is waiting to start: ${waiting[key]}`);
      let lines = (logs[key] ?? '').split('\n').filter(Boolean);
      if (opts.tailLines !== undefined) lines = lines.slice(Math.max(0, lines.length - opts.tailLines));
      const text = lines.map((l) => (opts.timestamps ? `2026-01-01T00:00:00.000000000Z ${l}\n` : `${l}\n`)).join('');
      return new ReadableStream<Uint8Array>({
        start(c) {
          c.enqueue(new TextEncoder().encode(text));
          if (opts.follow) follower = c;
          else c.close();
        },
      });
    },
  };
  return { conn, calls, push: (s: string) => follower?.enqueue(new TextEncoder().encode(s)), end: () => follower?.close() };
}

async function addPod(h: RealHarness, name: string, containers: string[], extra: { node?: string; labels?: Record<string, string>; init?: string[]; annotations?: Record<string, string> } = {}) {
  const r = await h.ts.json('POST', '/api/v1/namespaces/default/pods', {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, labels: extra.labels ?? { app: name }, ...(extra.annotations ? { annotations: extra.annotations } : {}) },
    spec: {
      ...(extra.node !== '' ? { nodeName: extra.node ?? 'node-1' } : {}),
      containers: containers.map((c) => ({ name: c, image: 'busybox' })),
      ...(extra.init ? { initContainers: extra.init.map((c) => ({ name: c, image: 'busybox' })) } : {}),
    },
  });
  expect(r.status).toBe(201);
}

describe('pods/log on the API server', () => {
  it('streams text/plain from the node and words refusals as upstream', async () => {
    const nodes = fakeNodes({ 'web/web': 'one\ntwo\n' }, { 'slow/app': 'ContainerCreating' });
    const h = await newRealHarness({}, { nodeConnection: nodes.conn });
    try {
      await addPod(h, 'web', ['web']);
      await addPod(h, 'pair', ['a', 'b']);
      await addPod(h, 'slow', ['app']);
      await addPod(h, 'pending', ['p'], { node: '' });
      const ok = await h.ts.call('GET', '/api/v1/namespaces/default/pods/web/log?tailLines=1&timestamps=true');
      expect(ok.status).toBe(200);
      expect(ok.headers.get('content-type')).toBe('text/plain');
      expect(await ok.text()).toBe('2026-01-01T00:00:00.000000000Z two\n');
      expect(nodes.calls[0]).toEqual({ node: 'node-1', ns: 'default', pod: 'web', container: 'web', opts: { timestamps: true, tailLines: 1 } });
      const cases: Array<[string, number, string, string]> = [
        ['pair/log', 400, 'BadRequest', 'a container name must be specified for pod pair, choose one of: [a b]'],
        ['pair/log?container=c', 400, 'BadRequest', 'container c is not valid for pod pair'],
        ['slow/log', 400, 'BadRequest', 'container "app" in pod "slow" is waiting to start: ContainerCreating'],
        ['web/log?tailLines=-2', 422, 'Invalid', 'PodLogOptions "web" is invalid: tailLines: Invalid value: -2: must be greater than or equal to 0'],
        ['nope/log', 404, 'NotFound', 'pods "nope" not found'],
      ];
      for (const [path, code, reason, message] of cases) {
        const r = await h.ts.json('GET', `/api/v1/namespaces/default/pods/${path}`);
        expect({ code: r.status, reason: r.body.reason, message: r.body.message }, path).toEqual({ code, reason, message });
      }
      const pending = await h.ts.call('GET', '/api/v1/namespaces/default/pods/pending/log');
      expect([pending.status, await pending.text()]).toEqual([200, '']);
      expect((await h.ts.json('POST', '/api/v1/namespaces/default/pods/web/log', {})).status).toBe(405);
    } finally {
      await h.close();
    }
  });

  it('without a node connection a scheduled pod fails as a refused dial', async () => {
    const h = await newRealHarness();
    try {
      await addPod(h, 'web', ['web']);
      const r = await h.kubectl('logs web');
      expect(r).toEqual({ code: 1, stdout: '', stderr: 'Error from server: Get "https://node-1:10250/containerLogs/default/web/web": dial tcp node-1:10250: connect: connection refused\n' });
    } finally {
      await h.close();
    }
  });
});

describe('kubectl logs', () => {
  it('prints a container log and passes the options', async () => {
    const nodes = fakeNodes({ 'web/web': 'l1\nl2\nl3\n', 'pair/a': 'from a\n', 'pair/b': 'from b\n', 'init/main': 'main\n', 'init/setup': 'setup\n' }, { 'slow/app': 'ContainerCreating' });
    const h = await newRealHarness({}, { nodeConnection: nodes.conn });
    try {
      await addPod(h, 'web', ['web']);
      await addPod(h, 'pair', ['a', 'b']);
      await addPod(h, 'slow', ['app']);
      await addPod(h, 'init', ['main'], { init: ['setup'] });
      expect(await h.kubectl('logs web')).toEqual({ code: 0, stdout: 'l1\nl2\nl3\n', stderr: '' });
      expect((await h.kubectl('logs web --tail 2')).stdout).toBe('l2\nl3\n');
      expect((await h.kubectl('logs pod/web --tail=1 --timestamps')).stdout).toBe('2026-01-01T00:00:00.000000000Z l3\n');
      expect(await h.kubectl('logs pair')).toEqual({ code: 0, stdout: 'from a\n', stderr: 'Defaulted container "a" out of: a, b\n' });
      expect((await h.kubectl('logs pair -c b')).stdout).toBe('from b\n');
      expect((await h.kubectl('logs pair b')).stdout).toBe('from b\n');
      expect((await h.kubectl('logs pair -c nope')).stderr).toBe('error: container nope is not valid for pod pair out of: a, b\n');
      expect((await h.kubectl('logs init')).stderr).toBe('Defaulted container "main" out of: main, setup (init)\n');
      expect((await h.kubectl('logs init --all-containers --prefix')).stdout).toBe('[pod/init/setup] setup\n[pod/init/main] main\n');
      expect(await h.kubectl('logs slow')).toEqual({ code: 1, stdout: '', stderr: 'Error from server (BadRequest): container "app" in pod "slow" is waiting to start: ContainerCreating\n' });
      expect((await h.kubectl('logs web -p')).code).toBe(0);
      expect(nodes.calls.at(-1)!.opts).toEqual({ previous: true });
      await h.kubectl('logs web --since=1m --limit-bytes=100');
      expect(nodes.calls.at(-1)!.opts).toEqual({ sinceSeconds: 60, limitBytes: 100 });
      expect((await h.kubectl('logs nope')).stderr).toBe('error: error from server (NotFound): pods "nope" not found in namespace "default"\n');
      expect((await h.kubectl('logs')).stderr).toBe(
        "error: expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument for the logs command\nSee 'kubectl logs -h' for help and examples\n",
      );
      expect((await h.kubectl('logs web --tail=-2')).stderr).toBe('error: --tail must be greater than or equal to -1\n');
    } finally {
      await h.close();
    }
  });

  it('picks a pod of a deployment and reads a selector with a tail of 10', async () => {
    const many = Array.from({ length: 12 }, (_, i) => `line ${i + 1}`).join('\n');
    const nodes = fakeNodes({ 'web-a/c': many, 'web-b/c': 'b says hi\n' });
    const h = await newRealHarness({}, { nodeConnection: nodes.conn });
    try {
      await h.ts.json('POST', '/apis/apps/v1/namespaces/default/deployments', {
        apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' },
        spec: { replicas: 2, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'busybox' }] } } },
      });
      await addPod(h, 'web-a', ['c'], { labels: { app: 'web' } });
      await addPod(h, 'web-b', ['c'], { labels: { app: 'web' }, node: '' });
      const r = await h.kubectl('logs deploy/web --tail=1');
      expect(r).toEqual({ code: 0, stdout: 'line 12\n', stderr: 'Found 2 pods, using pod/web-a\n' });
      const sel = await h.kubectl('logs -l app=web --prefix');
      expect(sel.stdout).toBe(Array.from({ length: 10 }, (_, i) => `[pod/web-a/c] line ${i + 3}\n`).join(''));
      expect((await h.kubectl('logs -l app=none')).stderr).toBe('No resources found in default namespace.\n');
      expect((await h.kubectl('logs deploy/nope')).stderr).toBe('error: error from server (NotFound): deployments.apps "nope" not found in namespace "default"\n');
    } finally {
      await h.close();
    }
  });

  it('-f streams until the container stops', async () => {
    const nodes = fakeNodes({ 'web/web': 'start\n' });
    const h = await newRealHarness({}, { nodeConnection: nodes.conn });
    try {
      await addPod(h, 'web', ['web']);
      let seen = '';
      h.onStdout = (s) => void (seen += s);
      const until = async (want: string) => {
        for (let i = 0; i < 200 && seen !== want; i++) await flushMicrotasks(20);
        expect(seen).toBe(want);
      };
      const run = h.kubectl('logs -f web');
      await until('start\n');
      nodes.push('more\npart');
      await until('start\nmore\n');
      nodes.push('ial\n');
      nodes.end();
      expect(await run).toEqual({ code: 0, stdout: 'start\nmore\npartial\n', stderr: '' });
      expect(nodes.calls[0]!.opts).toEqual({ follow: true });
    } finally {
      await h.close();
    }
  });
});
