/**
 * A development certificate for https://localhost. Made once into <data>/certs with
 * office-addin-dev-certs' `generateCertificates` (no sudo: nothing is installed into the system's trust
 * store). When the developer has already run `npx office-addin-dev-certs install` (the usual step for
 * Office add-ins: it makes its own CA in ~/.office-addin-dev-certs and has the system trust it), that
 * certificate is used instead while it is valid, so Excel on the desktop trusts the server without a
 * second step. Either way the banner says which one is served and how to trust it.
 */
import { X509Certificate } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import { generateCertificates } from 'office-addin-dev-certs';

export interface TlsFiles {
  key: Buffer;
  cert: Buffer;
  ca: Buffer;
  dir: string;
  /** Where it comes from: our own (data/certs) or the one office-addin-dev-certs installed. */
  source: 'data' | 'office-addin-dev-certs';
  /** Made by this start (first start, or the old one had expired). */
  created?: boolean;
}

const FILES = { ca: 'ca.crt', cert: 'localhost.crt', key: 'localhost.key' } as const;

function read(dir: string): Omit<TlsFiles, 'source'> | null {
  const p = (f: string) => path.join(dir, f);
  if (!existsSync(p(FILES.ca)) || !existsSync(p(FILES.cert)) || !existsSync(p(FILES.key))) return null;
  return { ca: readFileSync(p(FILES.ca)), cert: readFileSync(p(FILES.cert)), key: readFileSync(p(FILES.key)), dir };
}

/** Valid for at least another day, and for localhost. */
function usable(cert: Buffer): boolean {
  try {
    const x = new X509Certificate(cert);
    return Date.parse(x.validTo) > Date.now() + 86_400_000 && x.checkHost('localhost') !== undefined;
  } catch {
    return false;
  }
}

export async function ensureDevCertificate(dataDir: string, home = homedir()): Promise<TlsFiles> {
  const installed = read(path.join(home, '.office-addin-dev-certs'));
  if (installed && usable(installed.cert)) return { ...installed, source: 'office-addin-dev-certs' };

  const dir = path.join(dataDir, 'certs');
  const own = read(dir);
  if (own && usable(own.cert)) {
    // Made by an older version world-readable: no longer.
    if ((statSync(path.join(dir, FILES.key)).mode & 0o077) !== 0) chmodSync(path.join(dir, FILES.key), 0o600);
    if ((statSync(dir).mode & 0o077) !== 0) chmodSync(dir, 0o700);
    return { ...own, source: 'data' };
  }
  // The private key: a folder and a file only the server's user can read.
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700);
  // The library announces its work on the console in English; the banner says it in Indonesian instead.
  const log = console.log;
  console.log = () => undefined;
  try {
    await generateCertificates(path.join(dir, FILES.ca), path.join(dir, FILES.cert), path.join(dir, FILES.key), 365, ['localhost', '127.0.0.1']);
  } finally {
    console.log = log;
  }
  chmodSync(path.join(dir, FILES.key), 0o600);
  return { ...read(dir)!, source: 'data', created: true };
}
