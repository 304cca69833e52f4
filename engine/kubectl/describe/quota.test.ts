import { describe, expect, it } from 'vitest';
import { describeResourceQuota } from './quota.js';

describe('describeResourceQuota', () => {
  it.each([
    {
      name: 'sorted resources, used defaults to 0',
      quota: { spec: { hard: { pods: '4', 'requests.cpu': '1' } }, status: { hard: { pods: '4', 'requests.cpu': '1', 'limits.cpu': '4' }, used: { pods: '2', 'requests.cpu': '750m' } } },
      want: 'Name:         compute\nNamespace:    demo\nResource      Used  Hard\n--------      ----  ----\nlimits.cpu    0     4\npods          2     4\nrequests.cpu  750m  1\n',
    },
    {
      // The help lines have no tab, so they end the first column block (Go's tabwriter).
      name: 'scopes with their help text',
      quota: { spec: { scopes: ['NotTerminating', 'BestEffort'] }, status: { hard: { pods: '1' }, used: { pods: '0' } } },
      want: 'Name:       compute\nNamespace:  demo\nScopes:     BestEffort, NotTerminating\n * Matches all pods that do not have resource requirements set. These pods have a best effort quality of service.\n * Matches all pods that do not have an active deadline. These pods usually include long running pods whose container command is not expected to terminate.\nResource  Used  Hard\n--------  ----  ----\npods      0     1\n',
    },
  ])('$name', ({ quota, want }) => {
    expect(describeResourceQuota({ apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name: 'compute', namespace: 'demo' }, ...quota })).toBe(want);
  });
});
