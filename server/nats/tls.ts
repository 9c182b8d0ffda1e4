/**
 * A throwaway certificate authority and a server certificate for 127.0.0.1/localhost, made
 * with openssl, for testing `wss://` end to end. `spkiSha256` is what Chromium's
 * --ignore-certificate-errors-spki-list pins (exactly this leaf key, nothing else).
 */
import { execFileSync } from 'node:child_process';
import { createHash, X509Certificate } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

export type TestPki = {
  dir: string;
  caFile: string;
  certFile: string;
  keyFile: string;
  /** base64 SHA-256 of the leaf's SubjectPublicKeyInfo. */
  spkiSha256: string;
  /** `websocket { … }` lines for startNatsServer({ websocketConfig }). */
  websocketTls: string;
  remove(): Promise<void>;
};

function openssl(args: string[], cwd: string) {
  execFileSync('openssl', args, { cwd, stdio: 'pipe' });
}

/** Generates a CA (P-256, valid 2 days) and a leaf for 127.0.0.1 + localhost signed by it. */
export async function generateTestPki(): Promise<TestPki> {
  const dir = await mkdtemp(path.join(tmpdir(), 'agent-replay-pki-'));
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes'];
  openssl(
    [
      'req',
      '-x509',
      ...ec,
      '-keyout',
      'ca.key',
      '-out',
      'ca.pem',
      '-days',
      '2',
      '-subj',
      '/CN=agent-replay test CA',
      '-addext',
      'basicConstraints=critical,CA:TRUE',
      '-addext',
      'keyUsage=critical,keyCertSign,cRLSign',
    ],
    dir,
  );
  openssl(
    ['req', ...ec, '-keyout', 'server.key', '-out', 'server.csr', '-subj', '/CN=localhost'],
    dir,
  );
  await writeFile(
    path.join(dir, 'ext.cnf'),
    'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\nbasicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\n',
  );
  openssl(
    [
      'x509',
      '-req',
      '-in',
      'server.csr',
      '-CA',
      'ca.pem',
      '-CAkey',
      'ca.key',
      '-CAcreateserial',
      '-out',
      'server.pem',
      '-days',
      '2',
      '-sha256',
      '-extfile',
      'ext.cnf',
    ],
    dir,
  );
  const certFile = path.join(dir, 'server.pem');
  const keyFile = path.join(dir, 'server.key');
  const { readFileSync } = await import('node:fs');
  const leaf = new X509Certificate(readFileSync(certFile));
  const spki = leaf.publicKey.export({ type: 'spki', format: 'der' });
  return {
    dir,
    caFile: path.join(dir, 'ca.pem'),
    certFile,
    keyFile,
    spkiSha256: createHash('sha256').update(spki).digest('base64'),
    websocketTls: `tls { cert_file: ${JSON.stringify(certFile)}, key_file: ${JSON.stringify(keyFile)} }`,
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}
