// Mirrors the non-resource routes of k8s.io/apiserver/pkg/server (routes/version.go, healthz,
// routes/index.go, discovery and OpenAPI handlers): /version, /healthz|livez|readyz, /, /api, /apis,
// /api/v1, /apis/<group>[/<version>], /openapi/v3[/…]; /api and /apis also in the aggregated form.
// /openapi/v2 is not served (404).
import { StatusError, newStatus } from '../../apimachinery/api/errors/errors.js';
import type { ResourceDefinition } from '../registry/rest/resource.js';
import { apiGroup, apiGroupList, apiResourceList, apiVersions, groupVersionsOf } from '../endpoints/discovery/discovery.js';
import type { VersionInfo } from '../endpoints/discovery/version.js';
import { aggregatedDiscovery, contentTypeOf, negotiateAggregated } from '../endpoints/discovery/aggregated/handler.js';
import { OpenAPIService } from '../endpoints/openapi/openapi.js';
import { writeObject, writeRaw } from '../endpoints/handlers/responsewriters/writers.js';
import { negotiateOutput } from '../endpoints/handlers/negotiation/negotiate.js';

const healthChecks = ['ping', 'log', 'etcd', 'poststarthook/start-apiextensions-informers', 'poststarthook/bootstrap-controller'];

function notFound(): StatusError {
  return new StatusError(newStatus(404, 'NotFound', 'the server could not find the requested resource', {}));
}

export class NonResourceHandler {
  constructor(
    private readonly defs: ResourceDefinition[],
    private readonly version: VersionInfo,
    private readonly openapi: OpenAPIService,
    private readonly serverAddress: string,
  ) {}

  async serve(req: Request, url: URL): Promise<Response> {
    const path = url.pathname.replace(/\/+$/, '') || '/';
    const health = /^\/(healthz|livez|readyz)(?:\/(.*))?$/.exec(path);
    if (health) return this.health(health[1]!, health[2], url);
    if (req.method !== 'GET' && req.method !== 'HEAD') throw new StatusError(newStatus(405, 'MethodNotAllowed', `the server does not allow this method on the requested resource`, {}));
    const out = negotiateOutput(req.headers.get('accept'), false);
    const json = (obj: unknown) => writeObject(200, obj, { format: out.format });
    if (path === '/version') return json(this.version);
    if (path === '/') return json({ paths: this.paths() });
    if (path === '/api' || path === '/apis') {
      const aggregated = negotiateAggregated(req.headers.get('accept'));
      if (aggregated) {
        const doc = aggregatedDiscovery(this.defs, path === '/api', aggregated);
        return writeRaw(200, JSON.stringify(doc), 'json', { 'Content-Type': contentTypeOf(aggregated), Vary: 'Accept' });
      }
      return json(path === '/api' ? apiVersions(this.serverAddress) : apiGroupList(this.defs));
    }
    if (path === '/openapi/v3') return writeRaw(200, JSON.stringify(this.openapi.index()), 'json');
    if (path.startsWith('/openapi/v3/')) {
      const doc = this.openapi.document(path.slice('/openapi/v3/'.length));
      if (!doc) throw notFound();
      return writeRaw(200, doc.text, 'json', { ETag: `"${doc.hash}"`, 'Cache-Control': url.searchParams.has('hash') ? 'public, immutable' : 'no-cache, private' });
    }
    const parts = path.split('/').filter(Boolean);
    if (parts[0] === 'api' && parts.length === 2) {
      if (!groupVersionsOf(this.defs).some((gv) => gv.group === '' && gv.version === parts[1])) throw notFound();
      return json(apiResourceList(this.defs, { group: '', version: parts[1]! }));
    }
    if (parts[0] === 'apis' && parts.length === 2) {
      const g = apiGroup(this.defs, parts[1]!);
      if (!g) throw notFound();
      return json(g);
    }
    if (parts[0] === 'apis' && parts.length === 3) {
      if (!groupVersionsOf(this.defs).some((gv) => gv.group === parts[1] && gv.version === parts[2])) throw notFound();
      return json(apiResourceList(this.defs, { group: parts[1]!, version: parts[2]! }));
    }
    throw notFound();
  }

  private health(kind: string, check: string | undefined, url: URL): Response {
    if (check && !healthChecks.includes(check)) throw notFound();
    if (url.searchParams.has('verbose')) {
      const lines = healthChecks.map((c) => `[+]${c} ok`);
      return new Response(`${lines.join('\n')}\n${kind} check passed\n`, { status: 200, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
    }
    return new Response('ok', { status: 200, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
  }

  private paths(): string[] {
    const out = ['/api', '/api/v1', '/apis', '/healthz', '/livez', '/openapi/v3', '/readyz', '/version'];
    for (const gv of groupVersionsOf(this.defs)) if (gv.group) out.push(`/apis/${gv.group}`, `/apis/${gv.group}/${gv.version}`);
    return [...new Set(out)].sort();
  }
}
