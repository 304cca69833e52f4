import { X509Certificate } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { newSelfSignedCACert } from './cert.js';

describe('newSelfSignedCACert', () => {
  it('makes a CA certificate that verifies itself and carries the name and validity', async () => {
    const now = Date.UTC(2026, 0, 1);
    const ca = await newSelfSignedCACert('kubelab-ca', now);
    const x509 = new X509Certificate(ca.certPEM);
    expect(x509.subject).toBe('CN=kubelab-ca');
    expect(x509.issuer).toBe('CN=kubelab-ca');
    expect(x509.ca).toBe(true);
    expect(x509.verify(x509.publicKey)).toBe(true);
    expect(new Date(x509.validFrom).getTime()).toBe(now);
    expect(new Date(x509.validTo).getUTCFullYear()).toBe(2035);
    expect(ca.keyPEM).toMatch(/^-----BEGIN PRIVATE KEY-----\n/);
  });
});
