/**
 * The Express application, built from a database and a configuration (no globals, no listening):
 * the server process, the tests (supertest) and the benchmark all make theirs with `createApp`.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import express, { type Express } from 'express';
import { pino, type Logger } from 'pino';
import type { Db } from '../db/connect';
import { defaultConfig, type ServerConfig } from './config';
import { errorHandler, notFound } from './errors';
import { HttpError } from './http-error';
import { openApiDocument } from './openapi';
import { apiRouter } from './routes/api';
import { pengumumanRouter } from './routes/pengumuman';
import { documentsRouter } from './routes/documents';
import { corsPolicy, failedAuthOf, securityHeaders } from './security';
import { requestLog } from './request-log';
import { GroupWriter, groupLimits } from './push/group-commit';
import { siasnRouter } from '../siasn/routes';
import { SiasnService } from '../siasn/service';

export interface AppOptions {
  db: Db;
  config?: Partial<ServerConfig>;
  logger?: Logger;
  /** SIASN beside the server (start.ts makes it from the settings); none: not configured. */
  siasn?: SiasnService;
  /**
   * The writer of pushed decisions (group commit, push/group-commit.ts): one per server, made here
   * from `config.pushGroupMax` unless given (a test that watches its groups gives its own).
   */
  pushWriter?: GroupWriter;
}

/**
 * The server's logger: the token in Authorization (and cookies) never reach a log line. To stdout
 * without waiting: a log line is handed to the operating system in the background (pino's sonic-boom,
 * `sync: false`; what is still buffered is written out when the process exits). Written synchronously,
 * a line blocked the server whenever whatever reads stdout (a terminal, journald, a pipe to `tee`) fell
 * behind — the pipe full, the write waits, and every push waits with it: at 200 pushes a second that
 * was ~10 ms of the p99 (docs/server.md "Kinerja").
 */
export function createLogger(level: string, destination?: NodeJS.WritableStream): Logger {
  const options = {
    level,
    redact: { paths: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'], censor: '[disembunyikan]' },
  };
  return pino(options, destination ?? pino.destination({ dest: 1, sync: false }));
}

/** The address the repository's manifest.xml is written for (npm start's default). */
export const MANIFEST_ORIGIN = 'https://localhost:3000';
const HOST = /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;

/**
 * GET /manifest.xml: the add-in's manifest with every address pointing at this server as the browser
 * reached it (behind a TLS proxy too: HTTPS=0 trusts X-Forwarded-Proto), downloaded as a file, ready
 * for "Unggah Add-in Saya" or a shared catalog folder; no hand-editing of https://localhost:3000.
 */
function manifestForThisServer(xml: string) {
  return (req: express.Request, res: express.Response) => {
    const host = req.host ?? ''; // with HTTPS=0 (trust proxy) the proxy's X-Forwarded-Host, if it sends one
    if (!HOST.test(host)) {
      res.status(400).json({ error: 'Header Host tidak sah untuk membuat manifest' });
      return;
    }
    const body = xml.split(MANIFEST_ORIGIN).join(`${req.protocol}://${host}`);
    res.set({ 'Content-Type': 'application/xml; charset=utf-8', 'Content-Disposition': 'attachment; filename="manifest.xml"', 'Cache-Control': 'no-store' });
    res.send(body);
  };
}

export function createApp({ db, config: over, logger, siasn, pushWriter }: AppOptions): Express {
  const config = defaultConfig(over);
  const writer = pushWriter ?? new GroupWriter(db, groupLimits(config));
  failedAuthOf(db).limit = config.authFailLimit;
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', config.trustProxy);
  app.set('query parser', 'simple'); // no nested objects from ?a[b]=c

  app.use(requestLog(logger ?? createLogger(config.logLevel)));
  app.use(securityHeaders(config.addinOrigins));
  app.use(corsPolicy(config.addinOrigins));

  app.get('/api/openapi.json', (_req, res) => {
    res.json(openApiDocument());
  });
  // The API first: the push route is the busiest there is, and every layer before it is matched on
  // every push. Its routes authenticate one by one (no router-wide middleware), so the decision
  // documents' download links and /verifikasi (issue 13), mounted after it, still need no token.
  app.use('/api/v1', apiRouter(db, config, writer));
  app.use(documentsRouter(db));
  app.use('/api/v1', siasnRouter(db, siasn ?? new SiasnService(db, null)));
  app.use(pengumumanRouter(db));
  if (config.addinDir && existsSync(config.addinDir)) {
    const manifest = path.join(config.addinDir, 'manifest.xml');
    if (existsSync(manifest)) app.get('/manifest.xml', manifestForThisServer(readFileSync(manifest, 'utf8')));
    // Source maps give away the add-in's whole source with comments: not served unless SOURCE_MAPS=1.
    if (!config.sourceMaps) app.use((req, _res, next) => next(req.path.endsWith('.map') ? new HttpError(404, { error: `Tidak ada: ${req.method} ${req.path}` }) : undefined));
    app.use(express.static(config.addinDir, { index: ['taskpane.html', 'index.html'], maxAge: '1h' }));
  }
  app.use(notFound);
  app.use(errorHandler);
  return app;
}
