import { describe, it, expect } from 'vitest';
import type { KubeObject } from '../../../apimachinery/apis/meta/v1/types.js';
import { encodeEvent } from './watch.js';

const decode = (b: Uint8Array) => JSON.parse(new TextDecoder().decode(b)) as { type: string; object: KubeObject };

describe('encodeEvent', () => {
  it('encodes one newline-terminated event line', () => {
    const obj: KubeObject = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'a', resourceVersion: '7' } };
    const bytes = encodeEvent('ADDED', obj);
    expect(new TextDecoder().decode(bytes).endsWith('}\n')).toBe(true);
    expect(decode(bytes)).toEqual({ type: 'ADDED', object: obj });
  });

  it('encodes an object fanned out to many watchers once per event type', () => {
    const obj: KubeObject = { apiVersion: 'v1', kind: 'Endpoints', metadata: { name: 'web', resourceVersion: '9' } };
    const first = encodeEvent('MODIFIED', obj);
    expect(encodeEvent('MODIFIED', obj)).toBe(first);
    const added = encodeEvent('ADDED', obj);
    expect(added).not.toBe(first);
    expect(decode(added).type).toBe('ADDED');
  });

  it('encodes again when the object changed resourceVersion', () => {
    const obj: KubeObject = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'a', resourceVersion: '1' } };
    const first = encodeEvent('MODIFIED', obj);
    obj.metadata.resourceVersion = '2';
    const second = encodeEvent('MODIFIED', obj);
    expect(second).not.toBe(first);
    expect(decode(second).object.metadata.resourceVersion).toBe('2');
  });
});
