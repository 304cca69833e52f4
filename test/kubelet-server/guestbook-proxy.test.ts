// The documents' URL shapes through the API server proxy on an in-process cluster (virtual clock):
// the guestbook frontend at /api/v1/namespaces/default/services/frontend/proxy/ (page, write, read
// back through the slaves) and the kube-ui dashboard at .../kube-system/services/kube-ui/proxy/.
import { readdir, readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { advanceUntil } from '../../engine/client/testing/advance.js';
import { Scenario } from '../scenarios/harness.js';

const fixtures = new URL('../fixtures/guestbook/', import.meta.url);

describe('guestbook and kube-ui through the API server proxy', () => {
  let s: Scenario;
  const get = async (path: string) => {
    const r = await advanceUntil(s.clock, s.cluster.plane.transport(new Request(`http://127.0.0.1:8080${path}`)), 50);
    return { status: r.status, body: await advanceUntil(s.clock, r.text(), 50) };
  };

  beforeAll(async () => {
    s = await Scenario.start({ nodes: 2 });
    for (const name of await readdir(fixtures)) s.files[`/guestbook/${name}`] = await readFile(new URL(name, fixtures), 'utf8');
    await s.ok('apply', '-f', '/guestbook');
    await s.running('default', 'app in (guestbook, redis)', 6, 180);
    await s.apply('kube-ui.yaml', `apiVersion: v1
kind: ReplicationController
metadata: {name: kube-ui-v1, namespace: kube-system, labels: {k8s-app: kube-ui}}
spec:
  replicas: 1
  selector: {k8s-app: kube-ui}
  template:
    metadata: {labels: {k8s-app: kube-ui}}
    spec:
      containers:
      - {name: kube-ui, image: "gcr.io/google_containers/kube-ui:v1", ports: [{containerPort: 8080}]}
---
apiVersion: v1
kind: Service
metadata: {name: kube-ui, namespace: kube-system, labels: {k8s-app: kube-ui}}
spec:
  selector: {k8s-app: kube-ui}
  ports: [{port: 80, targetPort: 8080}]
`);
    await s.running('kube-system', 'k8s-app=kube-ui', 1);
    await s.waitFor('frontend endpoints', async () => ((await s.client.coreV1().endpoints('default').get('frontend')).subsets?.[0]?.addresses?.length ?? 0) === 3);
  }, 120_000);
  afterAll(async () => s?.stop());

  it('serves the guestbook page and its API through services/frontend/proxy', async () => {
    const page = await get('/api/v1/namespaces/default/services/frontend/proxy/');
    expect(page.status).toBe(200);
    expect(page.body).toContain('<title>Guestbook</title>');
    const set = await get('/api/v1/namespaces/default/services/frontend/proxy/guestbook.php?cmd=set&key=messages&value=via%20proxy');
    expect(set.body).toBe('{"message": "Updated"}');
    let got = '';
    await s.waitFor('the message through the slaves', async () => (got = (await get('/api/v1/namespaces/default/services/frontend/proxy/guestbook.php?cmd=get&key=messages')).body).includes('via proxy'), 30);
    expect(JSON.parse(got)).toEqual({ data: 'via proxy' });
  });

  it('serves the kube-ui dashboard at the documents’ URL', async () => {
    const ui = await get('/api/v1/namespaces/kube-system/services/kube-ui/proxy/');
    expect(ui.status).toBe(200);
    expect(ui.body).toContain('node-1');
    expect(ui.body).toContain('frontend');
  });
});
