import { describe, it, expect } from 'vitest';
import type { Pod } from '../../api/core/v1/types.js';
import type { Deployment } from '../../api/apps/v1/types.js';
import { isAlreadyExists, isConflict, isNotFound, StatusError } from '../../apimachinery/api/errors/errors.js';
import { VirtualClock } from '../../util/clock.js';
import { FakeAPI } from '../testing/fake-api.js';
import { newForTransport } from './clientset.js';

const pod = (name: string, labels: Record<string, string> = {}): Pod => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name, labels }, spec: { containers: [{ name: 'c', image: 'nginx' }] } });
const fail = (p: Promise<unknown>) => p.then(() => expect.unreachable('expected an error'), (e: unknown) => e);

describe('Clientset', () => {
  const setup = () => {
    const api = new FakeAPI(new VirtualClock());
    return { api, cs: newForTransport(api.transport) };
  };

  it('creates, gets, lists with a selector, updates and deletes pods', async () => {
    const { api, cs } = setup();
    const pods = cs.coreV1().pods('default');
    const created = await pods.create(pod('web', { app: 'web' }));
    expect(created.metadata.resourceVersion).toBe('1');
    expect(created.metadata.uid).toBeTruthy();
    await pods.create(pod('db', { app: 'db' }));
    expect((await pods.get('web')).metadata.labels).toEqual({ app: 'web' });
    const list = await pods.list({ labelSelector: 'app=web' });
    expect(list.items.map((p) => p.metadata.name)).toEqual(['web']);
    expect(list.metadata.resourceVersion).toBe('2');

    const updated = await pods.update({ ...created, metadata: { ...created.metadata, labels: { app: 'web', tier: 'fe' } } });
    expect(updated.metadata.resourceVersion).toBe('3');
    await pods.updateStatus({ ...updated, status: { phase: 'Running' } });
    expect((await pods.get('web')).status?.phase).toBe('Running');
    await pods.delete('db');
    expect(api.objectsOf('pods').map((p) => p.metadata.name)).toEqual(['web']);
    expect(api.requests).toContain('PUT /api/v1/namespaces/default/pods/web/status');
  });

  it('surfaces API errors as StatusError with the server reason', async () => {
    const { cs } = setup();
    const pods = cs.coreV1().pods('default');
    const created = await pods.create(pod('web'));
    expect(isAlreadyExists(await fail(pods.create(pod('web'))))).toBe(true);
    const notFound = await fail(pods.get('nope'));
    expect(isNotFound(notFound)).toBe(true);
    expect((notFound as StatusError).message).toBe('pods "nope" not found');
    await pods.update(created); // bumps the resourceVersion
    const conflict = await fail(pods.update(created));
    expect(isConflict(conflict)).toBe(true);
    expect((conflict as StatusError).code).toBe(409);
  });

  it('binds a pod to a node', async () => {
    const { cs } = setup();
    const pods = cs.coreV1().pods('default');
    await pods.create(pod('web'));
    await pods.bind({ apiVersion: 'v1', kind: 'Binding', metadata: { name: 'web', namespace: 'default' }, target: { kind: 'Node', name: 'node-1' } });
    expect((await pods.get('web')).spec?.nodeName).toBe('node-1');
  });

  it('reaches group resources, typed and generic', async () => {
    const { api, cs } = setup();
    const d: Deployment = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd' }, spec: { selector: { matchLabels: { a: 'b' } }, template: {} } as Deployment['spec'] };
    await cs.appsV1().deployments('ns1').create(d);
    const generic = cs.resource<Deployment>({ group: 'apps', version: 'v1', resource: 'deployments' }, '');
    expect((await generic.list()).items.map((x) => `${x.metadata.namespace}/${x.metadata.name}`)).toEqual(['ns1/d']);
    const inNs = cs.resource<Deployment>({ group: 'apps', version: 'v1', resource: 'deployments' }, 'ns1');
    const patched = await inNs.patch('d', 'application/json-patch+json', [{ op: 'add', path: '/metadata/labels', value: { x: 'y' } }]);
    expect(patched.metadata.labels).toEqual({ x: 'y' });
    expect(api.requests).toContain('POST /apis/apps/v1/namespaces/ns1/deployments');
    expect(api.requests).toContain('GET /apis/apps/v1/deployments');
  });

  it('watches events until stopped', async () => {
    const { cs } = setup();
    const pods = cs.coreV1().pods('default');
    const w = await pods.watch({ resourceVersion: '0' });
    await pods.create(pod('a'));
    await pods.delete('a');
    const types: string[] = [];
    for await (const e of w) {
      types.push(`${e.type} ${(e.object as Pod).metadata.name}`);
      if (types.length === 2) w.stop();
    }
    expect(types).toEqual(['ADDED a', 'DELETED a']);
  });

  it('deleteCollection removes the selected objects', async () => {
    const { api, cs } = setup();
    const pods = cs.coreV1().pods('default');
    await pods.create(pod('a', { app: 'x' }));
    await pods.create(pod('b', { app: 'y' }));
    await pods.deleteCollection({}, { labelSelector: 'app=x' });
    expect(api.objectsOf('pods').map((p) => p.metadata.name)).toEqual(['b']);
  });
});
