import { describe, it, expect } from 'vitest';
import { closure, groupVersions, schemasForGroupVersion } from './openapi.js';
import { definitions, schemaNameFor } from './registry.js';

const pod = { group: '', version: 'v1', kind: 'Pod' };

describe('schemasForGroupVersion', () => {
  const core = schemasForGroupVersion('', 'v1');
  const apps = schemasForGroupVersion('apps', 'v1');

  it('every reference of every definition resolves', () => {
    expect(() => closure([...definitions.keys()])).not.toThrow();
  });

  it('names schemas as upstream and tags top-level kinds with their GVK', () => {
    expect(core['io.k8s.api.core.v1.Pod']!['x-kubernetes-group-version-kind']).toEqual([{ group: '', kind: 'Pod', version: 'v1' }]);
    expect(core['io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta']).toBeDefined();
    expect(core['io.k8s.api.apps.v1.Deployment']).toBeUndefined();
    expect(apps['io.k8s.api.apps.v1.Deployment']!['x-kubernetes-group-version-kind']).toEqual([{ group: 'apps', kind: 'Deployment', version: 'v1' }]);
    expect(apps['io.k8s.api.core.v1.PodSpec']).toBeDefined();
    expect(apps['io.k8s.apimachinery.pkg.apis.meta.v1.Status']).toBeDefined();
  });

  it('wraps refs in allOf with default {} for embedded structs and none for pointers', () => {
    const props = core['io.k8s.api.core.v1.Pod']!.properties as Record<string, Record<string, unknown>>;
    expect(props.spec).toEqual({
      allOf: [{ $ref: '#/components/schemas/io.k8s.api.core.v1.PodSpec' }],
      default: {},
      description: expect.any(String),
    });
    const spec = core['io.k8s.api.core.v1.PodSpec']!.properties as Record<string, Record<string, unknown>>;
    expect(spec.securityContext!.default).toBeUndefined();
    expect(spec.containers!.items).toEqual({ allOf: [{ $ref: '#/components/schemas/io.k8s.api.core.v1.Container' }], default: {} });
  });

  it('carries patch strategy, merge key and list-map keys', () => {
    const spec = core['io.k8s.api.core.v1.PodSpec']!.properties as Record<string, Record<string, unknown>>;
    expect(spec.containers!['x-kubernetes-patch-merge-key']).toBe('name');
    expect(spec.containers!['x-kubernetes-patch-strategy']).toBe('merge');
    expect(spec.volumes!['x-kubernetes-patch-strategy']).toBe('merge,retainKeys');
    const ports = (core['io.k8s.api.core.v1.Container']!.properties as Record<string, Record<string, unknown>>).ports!;
    expect(ports['x-kubernetes-list-type']).toBe('map');
    expect(ports['x-kubernetes-list-map-keys']).toEqual(['containerPort', 'protocol']);
    expect(core['io.k8s.api.core.v1.PodSpec']!.required).toEqual(['containers']);
  });

  it('renders IntOrString and Quantity as upstream v3 does', () => {
    expect(core['io.k8s.apimachinery.pkg.util.intstr.IntOrString']).toMatchObject({ format: 'int-or-string', oneOf: [{ type: 'integer' }, { type: 'string' }] });
    expect(core['io.k8s.apimachinery.pkg.api.resource.Quantity']).toMatchObject({ oneOf: [{ type: 'string' }, { type: 'number' }] });
    const req = core['io.k8s.api.core.v1.ResourceRequirements']!.properties as Record<string, Record<string, unknown>>;
    expect(req.limits!.additionalProperties).toEqual({ $ref: '#/components/schemas/io.k8s.apimachinery.pkg.api.resource.Quantity' });
  });

  it('returns nothing for an unknown group version', () => {
    expect(schemasForGroupVersion('nope', 'v1')).toEqual({});
  });

  it('lists the served group versions', () => {
    expect(groupVersions()).toEqual([
      { group: '', version: 'v1' },
      { group: 'apps', version: 'v1' },
      { group: 'autoscaling', version: 'v1' },
      { group: 'autoscaling', version: 'v2' },
      { group: 'batch', version: 'v1' },
      { group: 'coordination.k8s.io', version: 'v1' },
      { group: 'discovery.k8s.io', version: 'v1' },
      { group: 'policy', version: 'v1' },
    ]);
  });

  it.each([
    [{ group: '', version: 'v1', kind: 'Pod' }, 'io.k8s.api.core.v1.Pod'],
    [{ group: 'batch', version: 'v1', kind: 'CronJob' }, 'io.k8s.api.batch.v1.CronJob'],
    [{ group: 'policy', version: 'v1', kind: 'Eviction' }, 'io.k8s.api.policy.v1.Eviction'],
    [{ group: 'autoscaling', version: 'v2', kind: 'HorizontalPodAutoscaler' }, 'io.k8s.api.autoscaling.v2.HorizontalPodAutoscaler'],
    [{ group: '', version: 'v1', kind: 'PodList' }, 'io.k8s.api.core.v1.PodList'],
    [{ group: 'apps', version: 'v1', kind: 'Pod' }, undefined],
  ])('schemaNameFor(%o) = %s', (gvk, name) => {
    expect(schemaNameFor(gvk)).toBe(name);
  });
  void pod;
});
