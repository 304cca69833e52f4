// kubectl explain against the engine API server's /openapi/v3 documents.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { newRealHarness, type RealHarness } from './real-harness.js';

describe('kubectl explain', () => {
  let h: RealHarness;
  beforeAll(async () => {
    h = await newRealHarness();
  });
  afterAll(() => h.close());

  it('prints the kind header, description and fields', async () => {
    const r = await h.kubectl('explain pods');
    expect(r.code).toBe(0);
    expect(r.stdout.startsWith('KIND:       Pod\nVERSION:    v1\n\nDESCRIPTION:\n    ')).toBe(true);
    expect(r.stdout).toMatch(/\nFIELDS:\n  apiVersion\t<string>\n/);
    expect(r.stdout).toMatch(/\n  spec\t<PodSpec>\n/);
  });

  it('follows a field path through lists, names the group and marks required fields', async () => {
    const r = await h.kubectl('explain deployments.apps.spec.template.spec.containers');
    expect(r.stdout).toMatch(/^GROUP:      apps\nKIND:       Deployment\nVERSION:    v1\n\nFIELD: containers <\[\]Container>\n\n\nDESCRIPTION:\n/);
    expect(r.stdout).toMatch(/\n  name\t<string> -required-\n/);
    const svc = await h.kubectl('explain svc.spec.type');
    expect(svc.stdout).toContain('FIELD: type <string>\nENUM:\n    ClusterIP\n');
  });

  it('--recursive prints nested fields without descriptions; --api-version picks the version', async () => {
    const r = await h.kubectl('explain rc.spec --recursive');
    expect(r.stdout).toMatch(/\n  template\t<PodTemplateSpec>\n    metadata\t<ObjectMeta>\n      annotations\t<map\[string\]string>\n/);
    expect((await h.kubectl('explain deploy --api-version=apps/v1')).stdout).toContain('KIND:       Deployment\n');
  });

  it('words errors as kubectl does', async () => {
    expect(await h.kubectl('explain pods.spec.nope')).toEqual({ code: 1, stdout: 'KIND:       Pod\nVERSION:    v1\n\n', stderr: 'error: field "nope" does not exist\n' });
    expect(await h.kubectl('explain nope')).toEqual({ code: 1, stdout: '', stderr: 'the server doesn\'t have a resource type "nope"\n' });
    expect((await h.kubectl('explain pods --api-version=v2')).stderr).toBe('error: couldn\'t find resource for "/v2, Resource=pods"\n');
    expect((await h.kubectl('explain')).stderr).toBe('error: You must specify the type of resource to explain. Use "kubectl api-resources" for a complete list of supported resources.\n');
    expect((await h.kubectl('explain a b')).stderr).toBe('error: We accept only this format: explain RESOURCE\n');
  });
});
