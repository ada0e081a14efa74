/**
 * The last middleware: every failure becomes JSON without a stack trace. Client mistakes keep their
 * status; a database that is busy or unreachable is 503 (transient: the client retries with the same
 * mutation ids); anything else is 500 and is logged with its request id for the administrator.
 */
import type { NextFunction, Request, Response } from 'express';
import { HttpError } from './http-error';

const TRANSIENT_CODES = new Set([
  'SQLITE_BUSY', 'SQLITE_LOCKED', 'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT',
  '40001', '40P01', '53300', '57P01', '57P02', '57P03', '08000', '08003', '08006',
  // A group of decisions whose transaction failed (push/group-commit.ts): nothing of it was recorded.
  'WRITE_GROUP_FAILED',
]);

export function isTransient(err: unknown): boolean {
  const e = err as { code?: string; name?: string; message?: string };
  if (e?.code && TRANSIENT_CODES.has(e.code)) return true;
  return e?.name === 'KnexTimeoutError';
}

/** The disk (or the database's quota) is full: PostgreSQL 53100 disk_full, SQLite SQLITE_FULL. Nothing was written. */
export function isDiskFull(err: unknown): boolean {
  // Through the wrappers of the write path (WriteGroupFailed → CommitFailed → the driver's error).
  for (let e = err as { code?: string; cause?: unknown } | undefined, depth = 0; e && depth < 6; e = e.cause as typeof e, depth++) {
    if (e.code === '53100' || e.code === 'SQLITE_FULL') return true;
  }
  return false;
}

export function notFound(req: Request, _res: Response, next: NextFunction): void {
  next(new HttpError(404, { error: `Tidak ada: ${req.method} ${req.path}` }));
}

export function errorHandler(err: unknown, req: Request, res: Response, _next: NextFunction): void {
  const requestId = String(req.id ?? '');
  if (err instanceof HttpError) {
    res.status(err.status).json({ ...err.body, requestId });
    return;
  }
  const e = err as { status?: number; statusCode?: number; type?: string; expose?: boolean };
  const status = e?.status ?? e?.statusCode;
  // body-parser: malformed JSON, too large, wrong charset — the client's mistake, described briefly.
  if (typeof status === 'number' && status >= 400 && status < 500) {
    const message =
      e.type === 'entity.parse.failed' ? 'Badan permintaan bukan JSON yang sah'
      : e.type === 'entity.too.large' ? 'Badan permintaan terlalu besar'
      : 'Permintaan tidak dapat diproses';
    res.status(status).json({ error: message, issues: [{ path: '(badan permintaan)', message }], requestId });
    return;
  }
  if (isDiskFull(err)) {
    // Transient for the client (nothing recorded; the same mutation ids are safe to send again), an
    // alarm for the administrator.
    req.log?.error({ err }, 'database disk full');
    res.setHeader('Retry-After', '60');
    res.status(503).json({ error: 'Penyimpanan server penuh; tidak ada yang dicatat. Kirim ulang nanti (aman); administrator perlu mengosongkan disk basis data', requestId });
    return;
  }
  if (isTransient(err)) {
    req.log?.warn({ err }, 'transient failure');
    res.setHeader('Retry-After', '1');
    res.status(503).json({ error: 'Server sedang sibuk; coba lagi sebentar lagi', requestId });
    return;
  }
  req.log?.error({ err }, 'unexpected failure');
  res.status(500).json({ error: 'Kesalahan server; administrator dapat melihat log dengan nomor permintaan ini', requestId });
}
