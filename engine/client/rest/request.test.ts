import { describe, it, expect } from 'vitest';
import { StatusError } from '../../apimachinery/api/errors/errors.js';
import { RESTClient, StrategicMergePatchType } from './client.js';

describe('RESTRequest.url', () => {
  const captured: Request[] = [];
  const config = { transport: async (r: Request) => (captured.push(r), new Response('{}')) };
  const core = new RESTClient(config, '', 'v1');
  const apps = new RESTClient(config, 'apps', 'v1');
  const cases = [
    { name: 'core namespaced get', req: core.get().namespace('default').resource('pods').name('web'), url: '/api/v1/namespaces/default/pods/web' },
    { name: 'all namespaces', req: core.get().namespace('').resource('pods'), url: '/api/v1/pods' },
    { name: 'cluster scoped', req: core.get().resource('nodes').name('n1'), url: '/api/v1/nodes/n1' },
    { name: 'group resource with subresource', req: apps.put().namespace('ns').resource('deployments').name('d').subResource('status'), url: '/apis/apps/v1/namespaces/ns/deployments/d/status' },
    { name: 'params', req: core.get().resource('pods').versionedParams({ labelSelector: 'app=web', limit: 500, continue: undefined }), url: '/api/v1/pods?labelSelector=app%3Dweb&limit=500' },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const u = c.req.url();
      expect(u.pathname + u.search).toBe(c.url);
    });
  }

  it('sends the patch content type and JSON body', async () => {
    await core.patch(StrategicMergePatchType).namespace('ns').resource('pods').name('p').body({ a: 1 }).do();
    const r = captured.at(-1)!;
    expect(r.method).toBe('PATCH');
    expect(r.headers.get('Content-Type')).toBe(StrategicMergePatchType);
    expect(await r.text()).toBe('{"a":1}');
  });
});

/** failure resolves to the StatusError a request fails with (and fails the test if it succeeds). */
const failure = (p: Promise<unknown>) =>
  p.then(
    () => {
      throw new Error('expected the request to fail');
    },
    (e: StatusError) => e,
  );

describe('RESTRequest.do errors', () => {
  const respond = (status: number, body: string) => new RESTClient({ transport: async () => new Response(body, { status }) }, '', 'v1');

  it('turns a Status body into a StatusError', async () => {
    const status = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'pods "x" not found', reason: 'NotFound', details: { name: 'x', kind: 'pods' }, code: 404 };
    const err = await failure(respond(404, JSON.stringify(status)).get().namespace('d').resource('pods').name('x').do());
    expect(err).toBeInstanceOf(StatusError);
    expect(err.code).toBe(404);
    expect(err.reason).toBe('NotFound');
    expect(err.message).toBe('pods "x" not found');
  });

  const generic = [
    { code: 404, reason: 'NotFound', message: 'the server could not find the requested resource (get pods x)' },
    { code: 409, reason: 'Conflict', message: 'the server reported a conflict (get pods x)' },
    { code: 500, reason: 'InternalError', message: 'an error on the server ("boom") has prevented the request from succeeding (get pods x)' },
    { code: 503, reason: 'ServiceUnavailable', message: 'the server is currently unable to handle the request (get pods x)' },
  ];
  for (const g of generic) {
    it(`builds a generic ${g.code} error from a plain body`, async () => {
      const err = await failure(respond(g.code, 'boom').get().resource('pods').name('x').do());
      expect(err).toBeInstanceOf(StatusError);
      expect([err.code, err.reason, err.message]).toEqual([g.code, g.reason, g.message]);
    });
  }

  it('fails a watch whose response is an error', async () => {
    const err = await failure(respond(403, JSON.stringify({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', reason: 'Forbidden', message: 'no', code: 403 }))
      .get().resource('pods').watch());
    expect(err).toBeInstanceOf(StatusError);
    expect(err.reason).toBe('Forbidden');
  });
});
