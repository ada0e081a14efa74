/**
 * Starting the server process (what `npm start` / `mutasi serve` run): data folder, migrations,
 * add-in build, certificate, listen, and a banner that tells a new administrator what to do next.
 * Stops cleanly on SIGINT/SIGTERM (in-flight requests finish; the database closes).
 */
import { siasnSettingsFromEnv } from '../siasn/push';
import { SiasnService } from '../siasn/service';
import { createServer as createHttp, type Server } from 'node:http';
import { createServer as createHttps } from 'node:https';
import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { listTokens } from '../db/tokens';
import { isPostgresUrl, sqliteFile, type Db } from '../db/connect';
import { createApp, createLogger } from './app';
import { configFromEnv, defaultConfig } from './config';
import { ensureAddinBuilt } from './addin-build';
import { ensureDevCertificate, type TlsFiles } from './certs';
import { dataDir as defaultDataDir, databaseUrl, loadEnv, openOfficialRecord } from './env';

export interface StartOptions {
  port?: number;
  db?: string;
  /** Project root (for dist/addin and manifest.xml); defaults to the working folder. */
  root?: string;
  /** Skip the add-in build (tests, the benchmark). */
  noAddin?: boolean;
  host?: string;
  /** No banner (a child process in tests prints its own line). */
  quiet?: boolean;
  /**
   * Stop on Ctrl+C / SIGTERM (closeOnSignals), set up before the banner says so: a signal sent the
   * moment "Hentikan dengan Ctrl+C" appears is never missed.
   */
  handleSignals?: boolean;
}

export interface Running {
  server: Server;
  db: Db;
  url: string;
  close(): Promise<void>;
}

export async function startServer(opts: StartOptions = {}): Promise<Running> {
  loadEnv();
  const root = path.resolve(opts.root ?? process.cwd());
  const port = opts.port ?? portFromEnv(process.env.PORT);
  const https = process.env.HTTPS?.trim() !== '0';
  // The data folder holds the default database and the development certificate: made only when one of
  // them is there (a --db elsewhere with HTTPS=0 leaves the working folder alone). Each makes its folder.
  const data = defaultDataDir();
  const dbUrl = databaseUrl(opts.db);
  const dbInData = !isPostgresUrl(dbUrl) && path.resolve(sqliteFile(dbUrl)).startsWith(data + path.sep);
  const say = (line: string) => {
    if (!opts.quiet) process.stdout.write(line + '\n');
  };

  // Settings first: a wrong one stops the start before anything is opened.
  const fromEnv = configFromEnv(process.env);
  const idleMs = idleTimeoutFromEnv(process.env.IDLE_TIMEOUT);
  const db = await openOfficialRecord(dbUrl);
  let server: Server;
  let certDir = '';
  let certSource: TlsFiles['source'] | null = null;
  let certCreated = false;
  let addinDir: string | null;
  let siasn: SiasnService;
  try {
    addinDir = opts.noAddin ? null : ensureAddinBuilt(root, say);
    const config = defaultConfig({ ...fromEnv, addinDir });
    // SIASN riwayat jabatan, when configured (docs/siasn.md): beside the server, never in a recording.
    const siasnSettings = siasnSettingsFromEnv(process.env);
    siasn = new SiasnService(db, siasnSettings.config, { log: (line) => say(line), problem: siasnSettings.problem });
    if (siasnSettings.problem) say(siasnSettings.problem);
    const app = createApp({ db, config, logger: createLogger(config.logLevel), siasn });

    if (https) {
      const tls = await ensureDevCertificate(data);
      certDir = tls.dir;
      certSource = tls.source;
      certCreated = tls.created === true;
      server = createHttps({ key: tls.key, cert: tls.cert, handshakeTimeout: idleMs, connectionsCheckingInterval: 5_000 }, app);
    } else {
      server = createHttp({ connectionsCheckingInterval: 5_000 }, app);
    }
    // Slow clients must not hold sockets forever; keep-alive outlives a load balancer's idle timeout.
    server.headersTimeout = 30_000;
    server.requestTimeout = 120_000;
    server.keepAliveTimeout = 65_000;
    closeSilentSockets(server, idleMs, https);

    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, opts.host, () => resolve());
    });
  } catch (e) {
    // Port taken, certificate not writable…: close the database so the process can end.
    await db.close();
    throw e;
  }
  const url = `${https ? 'https' : 'http'}://localhost:${(server.address() as AddressInfo).port}`;
  siasn.start();
  let closing: Promise<void> | null = null;
  const close = () =>
    (closing ??= new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeIdleConnections();
    }).then(() => siasn.stop()).then(() => db.close()));
  const running: Running = { server, db, url, close };
  if (opts.handleSignals) closeOnSignals(running);

  const tokens = await listTokens(db);
  say('');
  say(`Mutasi — server sinkron berjalan di ${url}`);
  say(`  Basis data : ${db.dialect === 'sqlite' ? db.location : db.location + ' (PostgreSQL)'}`);
  if (dbInData || https) say(`  Data       : ${data}`);
  say(`  API        : ${url}/api/v1/health · ${url}/api/openapi.json · pengumuman: ${url}/pengumuman`);
  if (addinDir) say(`  Add-in     : ${url}/taskpane.html (dari ${addinDir})`);
  if (siasn.config) {
    const how = (k: 'oauth' | 'static') => (k === 'oauth' ? 'dari kredensial' : 'statis');
    say(`  SIASN      : ${siasn.config.baseUrl} (token WSO ${how(siasn.config.wso.kind)}, token SSO ${how(siasn.config.sso.kind)}); status: ${url}/api/v1/siasn/status`);
  }
  if (tokens.filter((t) => !t.revokedAt).length === 0) {
    say('');
    say('Belum ada token. Buat yang pertama (di terminal lain, folder yang sama):');
    say('  npx mutasi token create --name "Admin BKPSDM" --role admin');
    say('  npx mutasi token create --name "Kepala BKPSDM" --role approver');
  }
  say('');
  say('Memasang add-in di Excel (sideload manifest.xml):');
  if (addinDir && existsSync(path.join(addinDir, 'manifest.xml'))) {
    // Served with this server's own address in it (through a proxy: the address the browser used).
    say(`  manifest.xml   : unduh dari ${url}/manifest.xml (alamatnya sudah alamat server ini)`);
  } else {
    say(
      url === 'https://localhost:3000'
        ? `  manifest.xml   : ${manifestFile(root)} (untuk https://localhost:3000)`
        : `  manifest.xml   : ${manifestFile(root)} (berisi https://localhost:3000, bukan ${url}: ganti alamatnya dulu, lihat docs/addin.md)`,
    );
  }
  say('  Excel di web   : Beranda → Add-in → Add-in Saya → Unggah Add-in Saya → pilih manifest.xml itu');
  say('  Excel Windows  : bagikan folder berisi manifest.xml, tambahkan sebagai Katalog Add-in Tepercaya');
  say('                   (File → Opsi → Pusat Kepercayaan), lalu Sisipkan → Add-in Saya → Folder Bersama');
  if (https && certSource === 'office-addin-dev-certs') {
    say(`  Sertifikat     : dari "npx office-addin-dev-certs install" (${certDir}), sudah dipercaya komputer ini.`);
  } else if (https) {
    const ca = path.join(certDir, 'ca.crt');
    say(`  Sertifikat     : sertifikat pengembangan${certCreated ? ' (baru dibuat, berlaku 1 tahun)' : ''}, hanya untuk mencoba. Agar Excel desktop mempercayainya, salah satu:`);
    say('                   npx office-addin-dev-certs install   (sekali, hak admin; lalu jalankan ulang server: sertifikat itu dipakai)');
    say(`                   atau percayai ${ca} (Windows: certutil -user -addstore Root "${ca}")`);
    say(`                   curl: curl --cacert "${ca}" ${url}/api/v1/health`);
    say('                   Pemakaian sungguhan: HTTPS=0 di balik reverse proxy dengan sertifikat resmi (docs/server.md).');
  }
  say('Hentikan dengan Ctrl+C.');

  return running;
}

/** The repository's manifest.xml: in the working folder when it is the project, else beside this package. */
function manifestFile(root: string): string {
  const here = path.join(root, 'manifest.xml');
  return existsSync(here) ? here : path.resolve(__dirname, '..', '..', 'manifest.xml');
}

/**
 * A connection that has sent no request (and, over https, finished no handshake) within `ms` is closed:
 * Node closes a connection whose headers are slow (headersTimeout) or whose keep-alive has run out, but
 * not one that never sends a byte, and a thousand of those used up the process's file descriptors so
 * that even /health went unanswered. A request clears the timer (a long roster import is not cut);
 * between requests keepAliveTimeout applies.
 */
export function closeSilentSockets(server: Server, ms: number, tls: boolean): void {
  const arm = (socket: import('node:net').Socket) => socket.setTimeout(ms);
  server.on(tls ? 'secureConnection' : 'connection', arm);
  server.on('request', (req: import('node:http').IncomingMessage) => req.socket.setTimeout(0));
}

/** IDLE_TIMEOUT: seconds a new connection may stay silent (1–600, default 10). */
function idleTimeoutFromEnv(v: string | undefined): number {
  if (v === undefined || v.trim() === '') return 10_000;
  if (!/^\d{1,3}$/.test(v.trim()) || Number(v) < 1 || Number(v) > 600) throw new Error(`IDLE_TIMEOUT: "${v}" bukan bilangan bulat 1–600 (detik sebuah koneksi baru boleh diam)`);
  return Number(v) * 1000;
}

function portFromEnv(v: string | undefined): number {
  if (!v) return 3000;
  if (!/^\d{1,5}$/.test(v) || Number(v) > 65535) throw new Error(`PORT tidak sah: ${v}`);
  return Number(v);
}

/** For the process entry: stop on Ctrl+C / SIGTERM. */
export function closeOnSignals(running: Running): void {
  const stop = () => {
    process.stdout.write('\nMenghentikan server: permintaan yang sedang berjalan diselesaikan…\n');
    running.close().then(
      () => {
        process.stdout.write('Server berhenti; basis data ditutup.\n');
        process.exit(0);
      },
      (e: Error) => {
        process.stderr.write(`Server berhenti dengan kesalahan: ${e?.message ?? String(e)}\n`);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
