// kubectl rolling-update (1.x) against the engine API server; the test plays the replication
// controller manager by copying spec.replicas into status as the clock moves.
import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { newRealHarness, type RealHarness } from './real-harness.js';

const rc = (name: string, version: string, image: string, replicas?: number) => `apiVersion: v1
kind: ReplicationController
metadata:
  name: ${name}
spec:
${replicas === undefined ? '' : `  replicas: ${replicas}\n`}  selector:
    name: frontend
    version: ${version}
  template:
    metadata:
      labels:
        name: frontend
        version: ${version}
    spec:
      containers:
      - name: php-redis
        image: ${image}
`;

const macrotask = () => new Promise<void>((r) => setImmediate(r));

describe('kubectl rolling-update', () => {
  let h: RealHarness;
  let ready = true;
  beforeEach(async () => {
    h = await newRealHarness({ '/v1.yaml': rc('frontend', 'v1', 'guestbook:v1', 3), '/v2.yaml': rc('frontend-v2', 'v2', 'guestbook:v2') });
    ready = true;
  });
  afterEach(() => h.close());

  /**
   * sync is the replication manager's status update (every controller has what it asks for) and
   * the garbage collector's orphaning (dropping the "orphan" finalizer of deleted controllers).
   */
  async function sync(): Promise<void> {
    const list = (await h.ts.json('GET', '/api/v1/namespaces/default/replicationcontrollers')).body;
    for (const c of list.items) {
      if (c.metadata.deletionTimestamp) {
        await h.ts.json('PATCH', `/api/v1/namespaces/default/replicationcontrollers/${c.metadata.name}`, { metadata: { finalizers: null } }, { 'Content-Type': 'application/merge-patch+json' });
        continue;
      }
      const want = c.spec.replicas ?? 1;
      const status = { replicas: want, readyReplicas: ready ? want : 0, observedGeneration: c.metadata.generation };
      if (JSON.stringify({ ...c.status, fullyLabeledReplicas: undefined, availableReplicas: undefined }) === JSON.stringify({ ...status, fullyLabeledReplicas: undefined, availableReplicas: undefined })) continue;
      await h.ts.json('PUT', `/api/v1/namespaces/default/replicationcontrollers/${c.metadata.name}/status`, { ...c, status });
    }
  }

  /** drive runs a kubectl command while moving the virtual clock a second at a time. */
  async function drive(cmd: string, maxSeconds = 3600) {
    let done = false;
    const p = h.kubectl(cmd).finally(() => void (done = true));
    for (let i = 0; i < maxSeconds && !done; i++) {
      await macrotask();
      await sync();
      await h.ts.clock.advance(1000);
      await macrotask();
    }
    return p;
  }

  it('-f rolls frontend to frontend-v2 one pod at a time and deletes the old controller', async () => {
    await h.kubectl('create -f /v1.yaml');
    await sync();
    const start = h.ts.clock.now();
    const r = await drive('rolling-update frontend frontend-v2 -f /v2.yaml');
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(
      [
        'Created frontend-v2',
        'Scaling up frontend-v2 from 0 to 3, scaling down frontend from 3 to 0 (keep 3 pods available, don\'t exceed 4 pods)',
        'Scaling frontend-v2 up to 1',
        'Scaling frontend down to 2',
        'Scaling frontend-v2 up to 2',
        'Scaling frontend down to 1',
        'Scaling frontend-v2 up to 3',
        'Scaling frontend down to 0',
        'Update succeeded. Deleting frontend',
        'replicationcontroller/frontend rolling updated to "frontend-v2"',
        '',
      ].join('\n'),
    );
    expect(r.code).toBe(0);
    // Three waits of the default --update-period (1m0s) happened on the injected clock.
    expect(h.ts.clock.now() - start).toBeGreaterThanOrEqual(3 * 60_000);
    expect((await h.ts.json('GET', '/api/v1/namespaces/default/replicationcontrollers/frontend')).status).toBe(404);
    const v2 = (await h.ts.json('GET', '/api/v1/namespaces/default/replicationcontrollers/frontend-v2')).body;
    expect(v2.spec.replicas).toBe(3);
    expect(Object.keys(v2.metadata.annotations ?? {}).filter((k: string) => k.includes('desired-replicas') || k.includes('update-source-id'))).toEqual([]);
  });

  it('--image makes OLD-<hash> with the deployment label on both selectors and renames it back', async () => {
    await h.kubectl('create -f /v1.yaml');
    await sync();
    const r = await drive('rolling-update frontend --image=guestbook:v3 --update-period=10s --poll-interval=1s');
    expect(r.stderr).toBe('');
    const lines = r.stdout.trim().split('\n');
    const created = /^Created (frontend-[0-9a-f]{32})$/.exec(lines[0]!);
    expect(created).not.toBeNull();
    const newName = created![1]!;
    expect(lines.slice(1)).toEqual([
      `Scaling up ${newName} from 0 to 3, scaling down frontend from 3 to 0 (keep 3 pods available, don't exceed 4 pods)`,
      `Scaling ${newName} up to 1`,
      'Scaling frontend down to 2',
      `Scaling ${newName} up to 2`,
      'Scaling frontend down to 1',
      `Scaling ${newName} up to 3`,
      'Scaling frontend down to 0',
      'Update succeeded. Deleting old controller: frontend',
      `Renaming ${newName} to frontend`,
      'replicationcontroller/frontend rolling updated',
    ]);
    const live = (await h.ts.json('GET', '/api/v1/namespaces/default/replicationcontrollers/frontend')).body;
    expect(live.spec.template.spec.containers[0].image).toBe('guestbook:v3');
    expect(live.spec.selector.deployment).toBe(newName.slice('frontend-'.length));
    expect(live.spec.template.metadata.labels.deployment).toBe(newName.slice('frontend-'.length));
    expect((await h.ts.json('GET', `/api/v1/namespaces/default/replicationcontrollers/${newName}`)).status).toBe(404);
  });

  it('--rollback scales the original back up and deletes the half-done controller', async () => {
    await h.kubectl('create -f /v1.yaml');
    await sync();
    // The new pods never become ready: the update stalls after the first scale-up, and times out.
    ready = false;
    const stalled = await drive('rolling-update frontend frontend-v2 -f /v2.yaml --update-period=1s --poll-interval=1s --timeout=30s');
    expect(stalled.code).toBe(1);
    expect(stalled.stdout).toContain('Scaling frontend-v2 up to 1\n');
    expect(stalled.stderr).toBe('error: timed out waiting for any update progress to be made\n');
    ready = true;
    // The next controller was named on the command line, not recorded on the old one.
    await h.ts.json('PATCH', '/api/v1/namespaces/default/replicationcontrollers/frontend', { metadata: { annotations: { 'kubectl.kubernetes.io/next-controller-id': 'frontend-v2' } } }, { 'Content-Type': 'application/merge-patch+json' });
    const r = await drive('rolling-update frontend --rollback --update-period=1s --poll-interval=1s');
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(
      [
        'Setting "frontend" replicas to 3',
        'Continuing update with existing controller frontend.',
        'Scaling up frontend from 3 to 3, scaling down frontend-v2 from 1 to 0 (keep 3 pods available, don\'t exceed 4 pods)',
        'Scaling frontend-v2 down to 0',
        'Update succeeded. Deleting frontend-v2',
        'replicationcontroller/frontend rolling updated',
        '',
      ].join('\n'),
    );
    expect((await h.ts.json('GET', '/api/v1/namespaces/default/replicationcontrollers/frontend-v2')).status).toBe(404);
  });

  it('checks its arguments as 1.x did and supports --dry-run', async () => {
    const usage = (m: string) => `error: ${m}\nSee 'kubectl rolling-update -h' for help and examples\n`;
    expect((await h.kubectl('rolling-update frontend')).stderr).toBe(usage('Must specify --filename or --image for new controller'));
    expect((await h.kubectl('rolling-update frontend -f /v2.yaml --image=x')).stderr).toBe(usage('--filename and --image can not both be specified'));
    expect((await h.kubectl('rolling-update frontend --rollback --image=x')).stderr).toBe(usage("Don't specify --filename or --image on rollback"));
    await h.kubectl('create -f /v1.yaml');
    expect((await h.kubectl('rolling-update frontend -f /v1.yaml')).stderr).toBe(usage('/v1.yaml cannot have the same name as the existing ReplicationController frontend'));
    expect((await h.kubectl('rolling-update frontend --image=guestbook:v1')).stderr).toBe(
      usage('--image-pull-policy (Always|Never|IfNotPresent) must be provided when --image is the same as existing container image'),
    );
    expect((await h.kubectl('rolling-update frontend frontend-v2 -f /v2.yaml --dry-run'))).toEqual({ code: 0, stdout: 'Rolling from:\nfrontend\nTo:\nfrontend-v2\n', stderr: '' });
  });
});
