// Shared set-up for the admission scenarios: a real API server (every resource) on a virtual clock,
// with the namespace `default`, and small object builders.
import { allResources } from '../../engine/apiserver/registry/all-resources.js';
import { newTestServer, type TestServer } from '../../engine/apiserver/testing/test-server.js';
import type { APIServerConfig } from '../../engine/apiserver/server/config.js';

export async function newAdmissionServer(extra: Partial<APIServerConfig> = {}, namespaces = ['default']): Promise<TestServer> {
  const t = await newTestServer(allResources(), extra);
  for (const name of namespaces) {
    const res = await t.json('POST', '/api/v1/namespaces', { metadata: { name } });
    if (res.status !== 201) throw new Error(`namespace ${name}: ${res.status}`);
  }
  return t;
}

type Resources = { requests?: Record<string, string>; limits?: Record<string, string> };

/** pod builds a pod with one container per entry of `containers` (name → resources). */
export function pod(name: string, containers: Record<string, Resources | undefined> = { web: undefined }, spec: Record<string, unknown> = {}) {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name },
    spec: {
      containers: Object.entries(containers).map(([c, resources]) => ({ name: c, image: 'nginx', ...(resources ? { resources } : {}) })),
      ...spec,
    },
  };
}
