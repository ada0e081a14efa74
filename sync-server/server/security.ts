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

export function securityHeaders(trustedOrigins: readonly string[] = []) {
  const headers = (secure: boolean) =>
    helmet({
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
  const overHttps = headers(true);
  const overHttp = headers(false);
  return (req: Request, res: Response, next: NextFunction) => (req.secure ? overHttps : overHttp)(req, res, next);
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
