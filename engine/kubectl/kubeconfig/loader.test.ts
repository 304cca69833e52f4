import { describe, it, expect } from 'vitest';
import { memoryFiles } from '../cmd/util/io.js';
import { loadKubeconfig, resolveClientConfig } from './loader.js';

const a = `clusters:\n- name: a\n  cluster: {server: "https://a:6443"}\ncontexts:\n- name: a\n  context: {cluster: a, user: u, namespace: ns-a}\nusers:\n- name: u\n  user: {token: t}\ncurrent-context: a\n`;
const b = `clusters:\n- name: a\n  cluster: {server: "https://ignored"}\n- name: b\n  cluster: {server: "127.0.0.1:8080"}\ncontexts:\n- name: b\n  context: {cluster: b, user: u}\ncurrent-context: b\n`;

describe('kubeconfig loading', () => {
  it('merges $KUBECONFIG first-wins and resolves the current context', async () => {
    const files = memoryFiles({ '/a': a, '/b': b });
    const { config, path } = await loadKubeconfig(files, { KUBECONFIG: '/a:/b' });
    expect(path).toBe('/a');
    expect(config['current-context']).toBe('a');
    expect(config.clusters!.map((c) => c.name)).toEqual(['a', 'b']);
    const cc = resolveClientConfig(config, {});
    expect(cc).toMatchObject({ server: 'https://a:6443', token: 't', namespace: 'ns-a', contextName: 'a' });
  });
  it('applies overrides: --context, --server, --namespace, --token', async () => {
    const { config } = await loadKubeconfig(memoryFiles({ '/a': a, '/b': b }), { KUBECONFIG: '/a:/b' });
    expect(resolveClientConfig(config, { context: 'b' })).toMatchObject({ server: 'http://127.0.0.1:8080', namespace: 'default' });
    expect(resolveClientConfig(config, { server: 'http://x:1', namespace: 'n', token: 'z' })).toMatchObject({ server: 'http://x:1', namespace: 'n', token: 'z' });
    expect(() => resolveClientConfig(config, { context: 'nope' })).toThrow('context was not found for specified context: nope');
  });
  it('defaults to localhost:8080 with no file', async () => {
    const { config, path } = await loadKubeconfig(memoryFiles(), { HOME: '/h' });
    expect(path).toBe('/h/.kube/config');
    expect(resolveClientConfig(config, {}).server).toBe('http://localhost:8080');
  });
});
