// kubectl end to end against the engine's own API server (in process, virtual clock).
import { describe, it, expect } from 'vitest';
import { newRealHarness } from './real-harness.js';

const podYAML = `apiVersion: v1
kind: Pod
metadata:
  name: web
  labels:
    app: web
spec:
  containers:
  - name: web
    image: nginx
`;

describe('kubectl against the engine API server', () => {
  it('creates, lists, labels, applies and deletes a pod', async () => {
    // newRealHarness creates "default" as the control plane does at start-up.
    const h = await newRealHarness({ '/pod.yaml': podYAML });
    const kubectl = (line: string) => h.kubectl(line);
    try {
      expect(await kubectl('create -f /pod.yaml')).toEqual({ code: 0, stdout: 'pod/web created\n', stderr: '' });
      const got = await kubectl('get pods');
      expect(got.stdout.split('\n')[0]).toMatch(/^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE$/);
      expect(got.stdout).toContain('web ');
      expect((await kubectl('get po web -o name')).stdout).toBe('pod/web\n');
      expect((await kubectl('label pod web tier=fe')).stdout).toBe('pod/web labeled\n');
      expect((await kubectl('get pod nope')).stderr).toBe('Error from server (NotFound): pods "nope" not found\n');
      expect((await kubectl('apply -f /pod.yaml')).stdout).toMatch(/^pod\/web (configured|unchanged)\n$/);
      const del = await kubectl('delete pod web --wait=false');
      expect(del.stdout).toBe('pod "web" deleted\n');
    } finally {
      await h.close();
    }
  });
});
