// Certificates generated in the test with WebCrypto (@peculiar/x509): no
// fixtures on disk that silently expire.
import { KeyObject, webcrypto } from 'node:crypto';
import './reflect-metadata.ts'; // before @peculiar/x509, see there
import * as x509 from '@peculiar/x509';

x509.cryptoProvider.set(webcrypto as Crypto);

type KeyPair = webcrypto.CryptoKeyPair;

const ALGORITHM = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' };
const DAY_MS = 86_400_000;

export interface Certificate {
  /** PEM, for tls.createServer's `cert` (and `ca` of a client). */
  cert: string;
  /** PEM PKCS#8, for tls.createServer's `key`. */
  key: string;
  /** notAfter in epoch ms (whole seconds, as X.509 stores it). */
  notAfter: number;
}

interface Validity {
  /** Days from `now`; negative for the past. */
  notBeforeDays?: number;
  notAfterDays: number;
  now?: number;
}

/** A certificate for localhost and 127.0.0.1, self-signed or issued by `issuer`. */
export async function createCertificate(validity: Validity, issuer?: Certificate & { keys: KeyPair }): Promise<Certificate> {
  const { keys, certificate } = await generate('CN=localhost', validity, false, issuer);
  return pem(certificate, keys);
}

/** A CA that can issue certificates, to test the trusted path. */
export async function createAuthority(): Promise<Certificate & { keys: KeyPair }> {
  const { keys, certificate } = await generate('CN=SLA Ledger test CA', { notBeforeDays: -1, notAfterDays: 30 }, true);
  return { ...(await pem(certificate, keys)), keys };
}

async function generate(name: string, validity: Validity, isCa: boolean, issuer?: Certificate & { keys: KeyPair }) {
  const now = validity.now ?? Date.now();
  // X.509 times have whole seconds: round here so notAfter compares exactly.
  const at = (days: number) => new Date(Math.floor((now + days * DAY_MS) / 1000) * 1000);
  const keys = (await webcrypto.subtle.generateKey(ALGORITHM, true, ['sign', 'verify'])) as KeyPair;
  const extensions = isCa
    ? [new x509.BasicConstraintsExtension(true, undefined, true), new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign, true)]
    : [
        new x509.BasicConstraintsExtension(false),
        new x509.SubjectAlternativeNameExtension([{ type: 'dns', value: 'localhost' }, { type: 'ip', value: '127.0.0.1' }]),
      ];
  const common = {
    serialNumber: webcrypto.getRandomValues(new Uint8Array(8)).reduce((hex, b) => hex + b.toString(16).padStart(2, '0'), '01'),
    notBefore: at(validity.notBeforeDays ?? -30),
    notAfter: at(validity.notAfterDays),
    signingAlgorithm: ALGORITHM,
    extensions,
  };
  const certificate = issuer
    ? await x509.X509CertificateGenerator.create({
        ...common,
        subject: name,
        issuer: new x509.X509Certificate(issuer.cert).subject,
        publicKey: keys.publicKey,
        signingKey: issuer.keys.privateKey,
      })
    : await x509.X509CertificateGenerator.createSelfSigned({ ...common, name, keys });
  return { keys, certificate };
}

async function pem(certificate: x509.X509Certificate, keys: KeyPair): Promise<Certificate> {
  const key = KeyObject.from(keys.privateKey).export({ type: 'pkcs8', format: 'pem' }).toString();
  return { cert: certificate.toString('pem'), key, notAfter: certificate.notAfter.getTime() };
}
