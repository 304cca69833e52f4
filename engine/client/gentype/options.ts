// Mirrors the option structs of k8s.io/apimachinery/pkg/apis/meta/v1/types.go (ListOptions,
// GetOptions, CreateOptions, UpdateOptions, PatchOptions) as they travel: query parameters.

export interface ListOptions {
  labelSelector?: string;
  fieldSelector?: string;
  /** resourceVersion "0" may be served from the watch cache; "" asks for a consistent read. */
  resourceVersion?: string;
  resourceVersionMatch?: 'NotOlderThan' | 'Exact';
  timeoutSeconds?: number;
  limit?: number;
  continue?: string;
  allowWatchBookmarks?: boolean;
}

export interface GetOptions {
  resourceVersion?: string;
}

export interface CreateOptions {
  dryRun?: string[];
  fieldManager?: string;
  fieldValidation?: 'Ignore' | 'Warn' | 'Strict';
}

export type UpdateOptions = CreateOptions;

export interface PatchOptions extends CreateOptions {
  /** force takes ownership of conflicting fields in a server-side apply. */
  force?: boolean;
}
