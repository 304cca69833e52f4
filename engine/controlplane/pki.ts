// The cluster's PKI, kept where the master keeps its files (/etc/kubernetes/pki upstream): here in
// the store under /kubelab/pki/, outside /registry, so a restarted cluster keeps its CA and every
// ca.crt handed out stays valid.
import { newSelfSignedCACert } from '../client/util/cert/cert.js';
import type { KV } from '../etcd/types.js';
import type { Clock } from '../util/clock.js';

export const pkiPrefix = '/kubelab/pki/';

export interface StoredCA {
  certPEM: string;
  keyPEM: string;
}

/** loadOrCreateCA returns the cluster CA, making and storing one on the first start. */
export async function loadOrCreateCA(kv: KV, clock: Clock): Promise<StoredCA> {
  const cert = kv.range(`${pkiPrefix}ca.crt`).kvs[0]?.value;
  const key = kv.range(`${pkiPrefix}ca.key`).kvs[0]?.value;
  if (cert && key) return { certPEM: cert, keyPEM: key };
  const ca = await newSelfSignedCACert('kubelab-ca', clock.now());
  await kv.put(`${pkiPrefix}ca.crt`, ca.certPEM);
  await kv.put(`${pkiPrefix}ca.key`, ca.keyPEM);
  return { certPEM: ca.certPEM, keyPEM: ca.keyPEM };
}
