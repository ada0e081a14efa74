/**
 * A development certificate for https://localhost, made once into <data>/certs with
 * office-addin-dev-certs (no sudo: it is not installed into the system's trust store; Excel on the
 * desktop needs `npx office-addin-dev-certs install` once, or a real certificate behind a proxy).
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { generateCertificates } from 'office-addin-dev-certs';

export interface TlsFiles {
  key: Buffer;
  cert: Buffer;
  ca: Buffer;
  dir: string;
}

export async function ensureDevCertificate(dataDir: string): Promise<TlsFiles> {
  const dir = path.join(dataDir, 'certs');
  const ca = path.join(dir, 'ca.crt');
  const cert = path.join(dir, 'localhost.crt');
  const key = path.join(dir, 'localhost.key');
  if (!existsSync(ca) || !existsSync(cert) || !existsSync(key)) {
    mkdirSync(dir, { recursive: true });
    await generateCertificates(ca, cert, key, 365, ['localhost', '127.0.0.1']);
  }
  return { key: readFileSync(key), cert: readFileSync(cert), ca: readFileSync(ca), dir };
}
