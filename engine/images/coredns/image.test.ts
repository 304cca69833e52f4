import { describe, it, expect } from 'vitest';
import { TestContainer, newTestWorld } from '../testing/harness.js';
import { corednsImage, kube2skyImage } from './image.js';
import { pullImage } from '../registry.js';

describe('cluster DNS images', () => {
  it('coredns prints its version and refuses to start outside a cluster', async () => {
    const { clock, network, resolver } = newTestWorld();
    const c = new TestContainer(corednsImage, network.stack('10.0.0.5'), clock, resolver);
    expect((await c.run(['/coredns', '-version'])).stdout).toContain('CoreDNS-1.11.1');
    const out = await c.run(['/coredns', '-conf', '/etc/coredns/Corefile']);
    expect(out.code).toBe(1);
    expect(out.stdout).toContain('[FATAL] plugin/kubernetes: unable to load in-cluster configuration, KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT must be defined');
    expect((await c.run(['/coredns', '-conf', '/nope'])).stdout).toContain('[FATAL] open /nope: no such file or directory');
  });

  it('kube2sky rejects unknown flags as Go does', async () => {
    const { clock, network, resolver } = newTestWorld();
    const c = new TestContainer(kube2skyImage, network.stack('10.0.0.5'), clock, resolver);
    const out = await c.run(['/kube2sky', '--nope']);
    expect(out.code).toBe(2);
    expect(out.stderr).toContain('flag provided but not defined: -nope');
  });

  it("answers to the upstream and the documents' image names", () => {
    const names = ['kubelab/coredns:1.11', 'coredns/coredns:1.11.1', 'registry.k8s.io/coredns/coredns:v1.11.1', 'gcr.io/google_containers/kube2sky:1.11', 'gcr.io/google_containers/skydns:2015-03-11-001', 'gcr.io/google_containers/kube-ui:v4', 'kubelab/kube-ui'];
    for (const name of names) expect(() => pullImage(name)).not.toThrow();
    expect(() => pullImage('coredns/coredns:0.0.1')).toThrow(/not found/);
  });
});
