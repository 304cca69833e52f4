import { describe, it, expect } from 'vitest';
import type { KubeObject } from '../../../apimachinery/apis/meta/v1/types.js';
import { fieldsOf } from './get.js';
import type { RequestScope } from './rest.js';

type PodLike = KubeObject & { spec: { nodeName?: string } };

function scopeWith(counter: { calls: number }): RequestScope {
  const def = {
    namespaced: true,
    selectableFields: (o: KubeObject) => {
      counter.calls++;
      return { 'spec.nodeName': (o as PodLike).spec.nodeName ?? '' };
    },
  };
  return { def } as unknown as RequestScope;
}

describe('fieldsOf', () => {
  it('adds metadata.name and metadata.namespace to the selectable fields', () => {
    const pod: PodLike = { metadata: { name: 'a', namespace: 'ns', resourceVersion: '1' }, spec: { nodeName: 'node-1' } };
    expect(fieldsOf(scopeWith({ calls: 0 }), pod)).toEqual({ 'metadata.name': 'a', 'metadata.namespace': 'ns', 'spec.nodeName': 'node-1' });
  });

  it('computes an object’s fields once for all the watchers matching it', () => {
    const counter = { calls: 0 };
    const scope = scopeWith(counter);
    const pod: PodLike = { metadata: { name: 'a', namespace: 'ns', resourceVersion: '1' }, spec: { nodeName: 'node-1' } };
    for (let i = 0; i < 100; i++) fieldsOf(scope, pod);
    expect(counter.calls).toBe(1);
    // A new version of the object (bound elsewhere) is read afresh.
    pod.spec.nodeName = 'node-2';
    pod.metadata.resourceVersion = '2';
    expect(fieldsOf(scope, pod)['spec.nodeName']).toBe('node-2');
    expect(counter.calls).toBe(2);
  });
});
