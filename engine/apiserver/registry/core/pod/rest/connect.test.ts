import { afterEach, describe, expect, it } from 'vitest';
import { allResources } from '../../../all-resources.js';
import { newTestServer, type TestServer } from '../../../../testing/test-server.js';
import type { NodeConnection } from './node-connection.js';

let t: TestServer | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

/** kubeletSeen records where the API server sends connect requests. */
function recordingConnection(seen: string[]): NodeConnection {
  return {
    getContainerLogs: () => new ReadableStream(),
    kubelet: async (node, req) => {
      seen.push(`${node} ${req.method} ${new URL(req.url).pathname}${new URL(req.url).search}`);
      return new Response('ok');
    },
  };
}

describe('connect subresources reach the kubelet', () => {
  it.each([
    ['exec', 'container=c&command=ls&stdout=true', 'node-1 POST /exec/default/web/c?command=ls&stdout=true'],
    ['attach', 'container=c&stdin=true&stdout=true&tty=true', 'node-1 POST /attach/default/web/c?stdin=true&stdout=true&tty=true'],
    ['portforward', 'ports=80', 'node-1 POST /portForward/default/web?port=80'],
  ])('pods/%s', async (sub, query, want) => {
    const seen: string[] = [];
    t = await newTestServer(allResources(), { nodeConnection: recordingConnection(seen) });
    await t.json('POST', '/api/v1/namespaces', { metadata: { name: 'default' } });
    await t.json('POST', '/api/v1/namespaces/default/pods', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web' }, spec: { nodeName: 'node-1', containers: [{ name: 'c', image: 'busybox' }] } });
    const res = await t.call('POST', `/api/v1/namespaces/default/pods/web/${sub}?${query}`);
    expect(res.status).toBe(200);
    expect(seen).toEqual([want]);
  });

  it('names the missing container for attach as for exec', async () => {
    t = await newTestServer(allResources(), { nodeConnection: recordingConnection([]) });
    await t.json('POST', '/api/v1/namespaces', { metadata: { name: 'default' } });
    await t.json('POST', '/api/v1/namespaces/default/pods', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web' }, spec: { nodeName: 'node-1', containers: [{ name: 'c', image: 'busybox' }] } });
    const res = await t.json('POST', '/api/v1/namespaces/default/pods/web/attach?container=nope&stdout=true');
    expect(res.status).toBe(400);
    expect(res.body.message).toBe('container nope is not valid for pod web');
  });
});
