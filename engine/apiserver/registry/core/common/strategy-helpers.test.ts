import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../../apimachinery/apis/meta/v1/types.js';
import { Strategy as ConfigMapStrategy } from '../configmap/strategy.js';
import { Strategy as PodStrategy } from '../pod/strategy.js';
import { testContext } from './test-context.js';

describe('strategies use engine/api', () => {
  it('validate with the kind\'s own rules', () => {
    const cm: KubeObject = { metadata: { name: 'Bad_Name', namespace: 'default' } };
    const errs = ConfigMapStrategy.validate(cm, testContext());
    expect(errs.map((e) => e.field)).toContain('metadata.name');
  });

  it('defaults come from engine/api', () => {
    const pod: KubeObject = { metadata: { name: 'p', namespace: 'default' }, spec: { containers: [{ name: 'c', image: 'nginx' }] } };
    PodStrategy.defaults!(pod);
    expect(pod.spec).toMatchObject({ restartPolicy: 'Always', terminationGracePeriodSeconds: 30 });
  });
});
