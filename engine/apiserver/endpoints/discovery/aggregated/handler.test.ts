import { describe, it, expect } from 'vitest';
import { allResources } from '../../../registry/all-resources.js';
import { aggregatedDiscovery, negotiateAggregated } from './handler.js';

const kubectl132 =
  'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json';

describe('negotiateAggregated', () => {
  it.each([
    ['kubectl 1.32', kubectl132, 'v2'],
    ['only v2beta1', 'application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json', 'v2beta1'],
    ['plain JSON first', `application/json,${kubectl132}`, undefined],
    ['no Accept', null, undefined],
    ['unknown version', 'application/json;g=apidiscovery.k8s.io;v=v3;as=APIGroupDiscoveryList', undefined],
    ['protobuf only', 'application/vnd.kubernetes.protobuf;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json', undefined],
    ['refused by quality', 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList;q=0,application/json', undefined],
  ])('%s', (_name, accept, want) => {
    expect(negotiateAggregated(accept)).toBe(want);
  });
});

describe('aggregatedDiscovery', () => {
  const defs = allResources();

  it('lists the core group without a name for /api', () => {
    const doc = aggregatedDiscovery(defs, true, 'v2');
    expect(doc).toMatchObject({ kind: 'APIGroupDiscoveryList', apiVersion: 'apidiscovery.k8s.io/v2', metadata: {} });
    expect(doc.items).toHaveLength(1);
    expect(doc.items[0]!.metadata).toEqual({ creationTimestamp: null });
    const v1 = doc.items[0]!.versions[0]!;
    expect(v1.version).toBe('v1');
    expect(v1.freshness).toBe('Current');
    const names = v1.resources.map((r) => r.resource);
    expect(names).toEqual([...names].sort());
    expect(v1.resources.find((r) => r.resource === 'pods')).toEqual({
      resource: 'pods',
      responseKind: { group: '', version: '', kind: 'Pod' },
      scope: 'Namespaced',
      singularResource: 'pod',
      verbs: ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'],
      shortNames: ['po'],
      categories: ['all'],
      subresources: [
        { subresource: 'attach', responseKind: { group: '', version: '', kind: 'PodAttachOptions' }, verbs: ['create', 'get'] },
        { subresource: 'binding', responseKind: { group: '', version: '', kind: 'Binding' }, verbs: ['create'] },
        { subresource: 'eviction', responseKind: { group: 'policy', version: 'v1', kind: 'Eviction' }, verbs: ['create'] },
        { subresource: 'exec', responseKind: { group: '', version: '', kind: 'PodExecOptions' }, verbs: ['create', 'get'] },
        { subresource: 'log', responseKind: { group: '', version: '', kind: 'Pod' }, verbs: ['get'] },
        { subresource: 'portforward', responseKind: { group: '', version: '', kind: 'PodPortForwardOptions' }, verbs: ['create', 'get'] },
        { subresource: 'proxy', responseKind: { group: '', version: '', kind: 'PodProxyOptions' }, verbs: ['create', 'delete', 'get', 'patch', 'update'] },
        { subresource: 'status', responseKind: { group: '', version: '', kind: 'Pod' }, verbs: ['get', 'patch', 'update'] },
      ],
    });
    for (const r of ['services', 'nodes']) {
      expect(v1.resources.find((x) => x.resource === r)?.subresources).toContainEqual({
        subresource: 'proxy',
        responseKind: { group: '', version: '', kind: r === 'nodes' ? 'NodeProxyOptions' : 'ServiceProxyOptions' },
        verbs: ['create', 'delete', 'get', 'patch', 'update'],
      });
    }
    expect(v1.resources.find((r) => r.resource === 'namespaces')).toMatchObject({
      scope: 'Cluster',
      subresources: [
        { subresource: 'finalize', verbs: ['update'] },
        { subresource: 'status', verbs: ['get', 'patch', 'update'] },
      ],
    });
  });

  it('lists the named groups for /apis in the order /apis gives them', () => {
    const doc = aggregatedDiscovery(defs, false, 'v2beta1');
    expect(doc.apiVersion).toBe('apidiscovery.k8s.io/v2beta1');
    expect(doc.items.map((g) => g.metadata.name)).toEqual(['apps', 'autoscaling', 'batch', 'coordination.k8s.io', 'discovery.k8s.io']);
    const autoscaling = doc.items.find((g) => g.metadata.name === 'autoscaling')!;
    expect(autoscaling.versions.map((v) => v.version)).toEqual(['v2', 'v1']);
    const deployments = doc.items[0]!.versions[0]!.resources.find((r) => r.resource === 'deployments');
    expect(deployments?.subresources).toContainEqual({ subresource: 'scale', responseKind: { group: 'autoscaling', version: 'v1', kind: 'Scale' }, verbs: ['get', 'patch', 'update'] });
  });
});
