import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../../apimachinery/apis/meta/v1/types.js';
import { Strategy } from './strategy.js';

describe('secret strategy', () => {
  it('merges stringData into data as base64, stringData winning, and drops it', () => {
    const secret: KubeObject = { metadata: { name: 's', namespace: 'default' }, data: { a: 'b2xk', keep: 'eA==' }, stringData: { a: 'new', pass: 'pässword' } };
    Strategy.defaults!(secret);
    expect(secret.data).toEqual({ a: 'bmV3', keep: 'eA==', pass: 'cMOkc3N3b3Jk' });
    expect(secret.stringData).toBeUndefined();
    expect(secret.type).toBe('Opaque');
  });
});
