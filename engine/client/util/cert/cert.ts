// Mirrors k8s.io/client-go/util/cert/cert.go (NewSelfSignedCACert): a self-signed CA certificate for
// the cluster, made with Web Crypto (ECDSA P-256, SHA-256) and written as PEM. Its certificate is
// what `kube-root-ca.crt` and service-account secrets carry as ca.crt.
import { bitString, boolean, explicit, integer, octetString, oid, pem, sequence, set, utcTime, utf8String } from './der.js';

const ecdsaWithSHA256 = sequence(oid('1.2.840.10045.4.3.2'));

export interface CertificateAuthority {
  /** certPEM is the CA certificate in PEM. */
  certPEM: string;
  /** keyPEM is the private key in PKCS#8 PEM. */
  keyPEM: string;
  /** key is the private key for signing. */
  key: CryptoKey;
}

function name(commonName: string) {
  return sequence(set(sequence(oid('2.5.4.3'), utf8String(commonName))));
}

/** rawToDER turns Web Crypto's r||s ECDSA signature into the DER Ecdsa-Sig-Value X.509 expects. */
function rawToDER(raw: Uint8Array): Uint8Array {
  const half = raw.length / 2;
  return sequence(integer(raw.slice(0, half)), integer(raw.slice(half)));
}

/** newSelfSignedCACert makes a CA valid for ten years from now (upstream's duration). */
export async function newSelfSignedCACert(commonName: string, now: number): Promise<CertificateAuthority> {
  const keys = (await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify'])) as CryptoKeyPair;
  const spki = new Uint8Array(await crypto.subtle.exportKey('spki', keys.publicKey));
  const serial = crypto.getRandomValues(new Uint8Array(16));
  serial[0]! &= 0x7f;
  const extensions = explicit(
    3,
    sequence(
      sequence(oid('2.5.29.19'), boolean(true), octetString(sequence(boolean(true)))),
      // keyUsage: digitalSignature, keyEncipherment, keyCertSign (bits 0, 2, 5).
      sequence(oid('2.5.29.15'), boolean(true), octetString(Uint8Array.of(0x03, 0x02, 0x02, 0xa4))),
    ),
  );
  const tbs = sequence(
    explicit(0, integer(Uint8Array.of(2))),
    integer(serial),
    ecdsaWithSHA256,
    name(commonName),
    sequence(utcTime(now), utcTime(now + 10 * 365 * 24 * 3600 * 1000)),
    name(commonName),
    spki,
    extensions,
  );
  const signature = new Uint8Array(await crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, keys.privateKey, tbs));
  const cert = sequence(tbs, ecdsaWithSHA256, bitString(rawToDER(signature)));
  const pkcs8 = new Uint8Array(await crypto.subtle.exportKey('pkcs8', keys.privateKey));
  return { certPEM: pem('CERTIFICATE', cert), keyPEM: pem('PRIVATE KEY', pkcs8), key: keys.privateKey };
}
