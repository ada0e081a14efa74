/**
 * Bearer tokens and roles. staff and supervisor read; approver reads and records decisions; admin
 * reads, imports rosters and verifies the audit chain. Recording is the approver's alone: the person
 * who manages access does not also sign transfers (separation of duties).
 */
import type { NextFunction, Request, Response } from 'express';
import type { Db } from '../db/connect';
import { authenticate, type Role, type TokenInfo } from '../db/tokens';
import { HttpError } from './http-error';
import { failedAuthOf } from './security';

export const READERS: readonly Role[] = ['staff', 'supervisor', 'approver', 'admin'];
export const RECORDERS: readonly Role[] = ['approver'];
export const ADMINS: readonly Role[] = ['admin'];

const BEARER = /^Bearer\s+(\S{1,200})\s*$/i;

export function tokenOf(res: Response): TokenInfo {
  const t = res.locals.token as TokenInfo | undefined;
  if (!t) throw new Error('route without authentication');
  return t;
}

/** Authenticates, then allows only the given roles. `unscoped`: a unit-limited token is refused too. */
export function requireRole(db: Db, roles: readonly Role[], opts: { unscoped?: boolean } = {}) {
  const failures = failedAuthOf(db);
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    const ip = req.ip ?? req.socket.remoteAddress ?? '';
    const wait = failures.blocked(ip);
    if (wait > 0) {
      res.setHeader('Retry-After', String(wait));
      throw new HttpError(429, { error: `Terlalu banyak token yang ditolak dari alamat ini; coba lagi dalam ${wait} detik` });
    }
    const m = BEARER.exec(req.headers.authorization ?? '');
    if (!m) {
      res.setHeader('WWW-Authenticate', 'Bearer');
      // A token in the URL (?token=) is refused like none: URLs end up in logs and browser histories.
      throw new HttpError(401, { error: 'Token diperlukan: kirim header Authorization: Bearer <token> (bukan ?token= di alamat)' });
    }
    const token = await authenticate(db, m[1]!);
    if (!token) {
      failures.failed(ip);
      res.setHeader('WWW-Authenticate', 'Bearer error="invalid_token"');
      throw new HttpError(401, { error: 'Token tidak dikenal, sudah dicabut atau sudah kedaluwarsa' });
    }
    if (!roles.includes(token.role)) {
      throw new HttpError(403, { error: `Peran ${token.role} tidak boleh melakukan ini (perlu: ${roles.join(' atau ')})` });
    }
    if (opts.unscoped && token.unit) {
      throw new HttpError(403, { error: `Token ini terbatas pada unit ${token.unit}; tindakan ini butuh token tanpa batas unit` });
    }
    res.locals.token = token;
    next();
  };
}
