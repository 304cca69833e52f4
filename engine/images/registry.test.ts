import { describe, it, expect } from 'vitest';
import { ImagePullError, parseReference, pullImage } from './registry.js';
import { sha256Hex } from './lib/sha256.js';

describe('parseReference', () => {
  it.each([
    ['busybox', 'docker.io/library/busybox:latest'],
    ['nginx:1.7.9', 'docker.io/library/nginx:1.7.9'],
    ['kubeguide/redis-master', 'docker.io/kubeguide/redis-master:latest'],
    ['gcr.io/google_samples/gb-redisslave:v1', 'gcr.io/google_samples/gb-redisslave:v1'],
    ['localhost:5000/app:2', 'localhost:5000/app:2'],
  ])('%s → %s', (raw, full) => expect(parseReference(raw).full).toBe(full));
});

describe('pullImage', () => {
  it.each([
    ['busybox', 'busybox', 'latest'],
    ['busybox:1.36', 'busybox', '1.36'],
    ['redis:7-alpine', 'kubelab/redis', '7-alpine'],
    ['kubeguide/guestbook-redis-slave', 'kubelab/redis-slave', 'latest'],
    ['kubeguide/guestbook-php-frontend', 'kubelab/guestbook-frontend', 'v1'],
    ['kubelab/guestbook-frontend:v2', 'kubelab/guestbook-frontend', 'v2'],
    ['nginx:1.9.1', 'nginx', '1.9.1'],
    ['registry.k8s.io/pause:3.9', 'registry.k8s.io/pause', '3.9'],
  ])('%s is %s with files for tag %s', (raw, name, tag) => {
    const pulled = pullImage(raw);
    expect(pulled.image.name).toBe(name);
    expect(pulled.tag).toBe(tag);
    expect(pulled.digest).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(pulled.sizeBytes).toBeGreaterThan(0);
  });

  it.each([
    ['nope:1', 'docker.io/library/nope:1'],
    ['nginx:v1', 'docker.io/library/nginx:v1'],
  ])('unknown %s fails as containerd does', (raw, full) => {
    expect(() => pullImage(raw)).toThrow(ImagePullError);
    expect(() => pullImage(raw)).toThrow(
      `rpc error: code = NotFound desc = failed to pull and unpack image "${full}": failed to resolve reference "${full}": ${full}: not found`,
    );
  });

  it('computes real SHA-256 digests', () => {
    expect(sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});
