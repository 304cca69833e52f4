// Mirrors k8s.io/client-go/rest/client.go: RESTClient, the per-group-version entry point that
// starts requests (get(), post(), put(), patch(), delete()) under /api/v1 or /apis/<group>/<version>.
import type { Config } from './config.js';
import { RESTRequest, type Verb } from './request.js';

/** PatchType names the patch formats the API server accepts (types.PatchType upstream). */
export type PatchType =
  | 'application/json-patch+json'
  | 'application/merge-patch+json'
  | 'application/strategic-merge-patch+json'
  | 'application/apply-patch+yaml';

export const JSONPatchType: PatchType = 'application/json-patch+json';
export const MergePatchType: PatchType = 'application/merge-patch+json';
export const StrategicMergePatchType: PatchType = 'application/strategic-merge-patch+json';
export const ApplyPatchType: PatchType = 'application/apply-patch+yaml';

export class RESTClient {
  /** apiPath is "/api" for the legacy core group and "/apis" for the others. */
  readonly pathPrefix: string;

  constructor(
    readonly config: Config,
    readonly group: string,
    readonly version: string,
  ) {
    this.pathPrefix = group ? `/apis/${group}/${version}` : `/api/${version}`;
  }

  verb(verb: Verb): RESTRequest {
    return new RESTRequest(this.config, verb, this.pathPrefix);
  }
  get(): RESTRequest {
    return this.verb('GET');
  }
  post(): RESTRequest {
    return this.verb('POST');
  }
  put(): RESTRequest {
    return this.verb('PUT');
  }
  patch(pt: PatchType): RESTRequest {
    return this.verb('PATCH').setHeader('Content-Type', pt);
  }
  delete(): RESTRequest {
    return this.verb('DELETE');
  }
}
