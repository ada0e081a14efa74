/**
 * HTTP hardening. The add-in's pages are framed by Office (Excel on the web, and the desktop hosts'
 * web views), so framing is allowed for Office's hosts through CSP frame-ancestors, and the legacy
 * X-Frame-Options (which cannot name them) is off. Office.js itself loads from Microsoft's CDN.
 * CORS answers only the server's own origin and the configured add-in origins (ADDIN_ORIGINS).
 *
 * The agency's trusted origins (ADDIN_ORIGINS) work both ways: they may call this server's API (CORS),
 * and the task pane served from here may call them (CSP connect-src) — e.g. when Pengaturan points it
 * at another of the agency's sync servers. Nothing else: not "any https host", so a script injected
 * into the pane could not send the workbook's data (or the token) anywhere the agency has not named.
 */
import type { NextFunction, Request, Response } from 'express';
import cors from 'cors';
import helmet from 'helmet';

export const OFFICE_FRAME_ANCESTORS = [
  "'self'",
  'https://*.officeapps.live.com',
  'https://*.office.com',
  'https://*.office365.com',
  'https://*.microsoft365.com',
  'https://*.cloud.microsoft',
  'https://*.sharepoint.com',
  'https://*.live.com',
];

/** Helmet configured for this server: the source of the security headers (`securityHeaders` sets them). */
export function helmetFor(secure: boolean, trustedOrigins: readonly string[] = []) {
  return helmet({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'", 'https://appsforoffice.microsoft.com'],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        // The pane talks to this server, and to the agency's other configured origins (see above).
        connectSrc: ["'self'", 'https://appsforoffice.microsoft.com', ...trustedOrigins],
        frameAncestors: OFFICE_FRAME_ANCESTORS,
        formAction: ["'self'"],
        // Only over HTTPS (directly or through a TLS proxy): on plain http — HTTPS=0 opened without a
        // proxy — it would send the page's own scripts to an https:// that does not answer.
        upgradeInsecureRequests: secure ? [] : null,
      },
    },
    frameguard: false,
    crossOriginEmbedderPolicy: false,
    // Office fetches the add-in's icons from other origins.
    crossOriginResourcePolicy: { policy: 'cross-origin' },
  });
}

export function securityHeaders(trustedOrigins: readonly string[] = []) {
  const overHttps = fixedHeaders(helmetFor(true, trustedOrigins));
  const overHttp = fixedHeaders(helmetFor(false, trustedOrigins));
  return (req: Request, res: Response, next: NextFunction) => {
    for (const [name, value] of req.secure ? overHttps : overHttp) res.setHeader(name, value);
    res.removeHeader('X-Powered-By');
    next();
  };
}

/**
 * The headers a helmet middleware sets, taken once: with a fixed configuration (no nonces) they are
 * the same on every response, and helmet's own per-request work was a tenth of the push route's CPU
 * (docs/server.md "Kinerja"). Helmet stays the source of the values; test/server/security.test.ts
 * compares a response's headers with helmet's own.
 */
export function fixedHeaders(middleware: (req: Request, res: Response, next: (err?: unknown) => void) => void): [string, string | string[]][] {
  const set = new Map<string, string | string[]>();
  let done = false;
  const res = {
    setHeader(name: string, value: string | string[]) {
      set.set(name, value);
      return res;
    },
    removeHeader(name: string) {
      set.delete(name);
    },
  };
  middleware({} as Request, res as unknown as Response, (err?: unknown) => {
    if (err) throw err instanceof Error ? err : new Error(String(err));
    done = true;
  });
  if (!done) throw new Error('helmet did not finish synchronously: its headers cannot be fixed once');
  return [...set];
}

export function ownOrigin(req: Request): string {
  return `${req.protocol}://${req.headers.host ?? ''}`;
}

export function corsPolicy(addinOrigins: string[]) {
  const allowed = new Set(addinOrigins);
  return cors((req, cb) => {
    const origin = req.headers.origin;
    const ok = !!origin && (allowed.has(origin) || origin === ownOrigin(req as Request));
    cb(null, {
      origin: ok ? origin : false,
      methods: ['GET', 'POST'],
      allowedHeaders: ['Authorization', 'Content-Type', 'X-Request-Id'],
      exposedHeaders: ['X-Request-Id', 'RateLimit', 'RateLimit-Policy', 'Retry-After'],
      maxAge: 600,
    });
  });
}

// ---- logs: a token in a query string never reaches a log line ----

const SECRET_PARAM = /([?&](?:token|access_token|api_key|apikey|key)=)[^&#]*/gi;

/** A request URL for the log, with the value of token-like query parameters hidden. */
export function redactQuery(url: string | undefined): string | undefined {
  return url?.replace(SECRET_PARAM, '$1[disembunyikan]');
}

// ---- reads: a token may run only a few pulls at once ----

/**
 * At most `max` requests of one token in flight on the routes it guards (a pull of the whole record
 * is the heaviest read there is: ten at once from one token slowed everybody). Another one gets 429
 * with Retry-After; the add-in's pull tries again.
 */
export function concurrencyPerToken(max: number, tokenId: (res: Response) => number) {
  const inFlight = new Map<number, number>();
  return (_req: Request, res: Response, next: NextFunction): void => {
    const id = tokenId(res);
    const n = inFlight.get(id) ?? 0;
    if (n >= max) {
      res.setHeader('Retry-After', '2');
      res.status(429).json({ error: `Token ini sudah menarik data ${n} kali bersamaan; tunggu yang sedang berjalan selesai lalu coba lagi` });
      return;
    }
    inFlight.set(id, n + 1);
    let done = false;
    const release = () => {
      if (done) return;
      done = true;
      const left = (inFlight.get(id) ?? 1) - 1;
      if (left <= 0) inFlight.delete(id);
      else inFlight.set(id, left);
    };
    res.once('finish', release);
    res.once('close', release);
    next();
  };
}

// ---- failed authentication: an address guessing tokens is slowed down ----

/**
 * Counts refused tokens per client address in a fixed window; past `limit` the address gets 429 for
 * the rest of the window, before its token is even looked up. The address is the one Express trusts
 * (behind a proxy: TRUST_PROXY, else every client would share the proxy's address).
 */
export class FailedAuthLimiter {
  limit = 60;
  windowMs = 60_000;
  private readonly seen = new Map<string, { count: number; until: number }>();

  blocked(ip: string, now = Date.now()): number {
    const e = this.seen.get(ip);
    if (!e || e.until <= now) return 0;
    return e.count >= this.limit ? Math.ceil((e.until - now) / 1000) : 0;
  }

  failed(ip: string, now = Date.now()): void {
    let e = this.seen.get(ip);
    if (!e || e.until <= now) {
      e = { count: 0, until: now + this.windowMs };
      this.seen.set(ip, e);
      if (this.seen.size > 10_000) for (const [k, v] of this.seen) if (v.until <= now) this.seen.delete(k);
    }
    e.count++;
  }
}

const limiters = new WeakMap<object, FailedAuthLimiter>();

/** The failed-authentication limiter of one database's server (tests make many apps in one process). */
export function failedAuthOf(db: object): FailedAuthLimiter {
  let l = limiters.get(db);
  if (!l) limiters.set(db, (l = new FailedAuthLimiter()));
  return l;
}
